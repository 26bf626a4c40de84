"""Reading a batch input file completely, or refusing it with one line that says where.

:func:`read_table` reads a CSV, XLSX, JSONL or Parquet file (by extension) into an Arrow table
of text columns plus ``_line``, the line of each row in the file (CSV and XLSX: the header is
line 1; JSONL: a line is one record; Parquet: rows from 1). The in-process ``screen-batch`` and
the partitioned Dask runner both read through it, so a file is refused the same way on both.

A file is refused (:class:`InputError`, exit code 2 or a 4xx problem) when it is missing,
empty, over ``$TRADEGUARD_MAX_INPUT_BYTES``, or not what its extension says; when it is not
UTF-8 (the line and byte offset are named); when the first row of a CSV or XLSX file is not a
header naming the required columns; when a field is longer than ``$TRADEGUARD_BATCH_MAX_FIELD``
characters or holds a NUL character (unless the caller reports such a row itself, as batch
screening does: ``nul_in_rows``); when a JSONL line is not one flat JSON object; and when it
looks cut short: a CSV row with fewer or more fields than the header, an unterminated quote, a
CSV file whose last row has no line break after it, a truncated workbook or Parquet file. A
file that is read is read whole: no row is dropped or cut without an error.
"""

from __future__ import annotations

import csv
import gc
import io
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from tradeguard import settings
from tradeguard.errors import InputError
from tradeguard.lists.common import read_capped
from tradeguard.tabular.text import (
    ENCODING,
    SAVE_AS_UTF8,
    decode_text,
    decode_utf8,
    table_encoding,
)
from tradeguard.tabular.values import cell_key, header_aliases
from tradeguard.tabular.workbook import workbook_rows

__all__ = ["SAVE_AS_UTF8", "decode_text", "decode_utf8", "table_encoding"]

FORMATS = (".csv", ".xlsx", ".parquet", ".jsonl")
LINE = "_line"
#: The line of the first data row in each format.
FIRST_LINE = {".csv": 2, ".xlsx": 2, ".jsonl": 1, ".parquet": 1}
#: Rows converted to Arrow at a time (bounds the Python objects held while reading).
CHUNK_ROWS = 50_000


def input_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"unsupported input format {suffix or '(none)'!r}; expected one of "
            + ", ".join(FORMATS),
            source=str(path),
        )
    return suffix


def read_table(
    path: Path,
    required: Sequence[str] = ("id",),
    *,
    allow_no_rows: bool = False,
    fmt: str | None = None,
    nul_in_rows: bool = False,
    encoding: str | None = None,
) -> pa.Table:
    """The whole file as text columns (header names stripped and lower-cased) and ``_line``;
    ``fmt`` (``.csv`` ...) reads a file whose extension says otherwise. ``nul_in_rows``: a
    field holding a NUL character is left for the row's reader to report as a bad row
    (batch screening reports it and screens the other rows) instead of refusing the file.
    ``encoding``: a CSV file's (:func:`tradeguard.tabular.text.decode_text`; else detected)."""
    fmt = fmt or input_format(path)
    source = str(path)
    if encoding is not None and fmt != ".csv":
        raise InputError(
            f"an encoding is given for CSV files only, not for a {fmt} file", field="encoding"
        )
    read_capped_size(path)
    if fmt == ".parquet":
        return _parquet(path, source, required, allow_no_rows, nul_in_rows)
    rows = _Rows(source, settings.batch_max_field(), nul_in_rows)
    with _no_gc():
        if fmt == ".csv":
            _csv(read_capped(path), source, rows, required, encoding)
        elif fmt == ".jsonl":
            _jsonl(read_capped(path), source, rows)
            _require(rows.columns, required, source, None)
        else:
            _xlsx(path, source, rows, required)
        return rows.table(allow_no_rows)


@contextmanager
def _no_gc() -> Iterator[None]:
    """The cycle collector paused while rows are read: millions of new lists and strings (no
    cycles among them) would otherwise set it off again and again (reading a million CSV
    rows took about twice as long)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_csv_bytes(
    raw: bytes,
    source: str,
    required: Sequence[str],
    *,
    allow_no_rows: bool = False,
    nul_in_rows: bool = False,
    encoding: str | None = None,
) -> pa.Table:
    """An uploaded CSV file (bytes), read or refused exactly as a CSV file of a batch."""
    rows = _Rows(source, settings.batch_max_field(), nul_in_rows)
    with _no_gc():
        _csv(raw, source, rows, required, encoding)
        return rows.table(allow_no_rows)


def read_workbook_bytes(
    raw: bytes,
    source: str,
    required: Sequence[str],
    *,
    allow_no_rows: bool = False,
    nul_in_rows: bool = False,
    max_rows: int | None = None,
) -> pa.Table:
    """An uploaded XLSX workbook (bytes), read or refused exactly as a workbook of a batch.
    ``max_rows``: reading stops after ``max_rows`` + 1 rows with values, so the table has more
    than ``max_rows`` rows and the caller refuses the file without the rest being read."""
    rows = _Rows(source, settings.batch_max_field(), nul_in_rows)
    rows.encoding = None
    with _no_gc():
        _xlsx_rows(workbook_rows(io.BytesIO(raw), source), source, rows, required, max_rows)
        return rows.table(allow_no_rows)


class _Rows:
    """Rows gathered into Arrow tables of ``CHUNK_ROWS``, each column checked as a whole."""

    def __init__(self, source: str, limit: int, nul_in_rows: bool = False) -> None:
        self.source = source
        self.limit = limit
        self.nul_in_rows = nul_in_rows
        self.columns: list[str] = []
        #: the encoding of the file's text (a CSV or JSONL file); None for a workbook
        self.encoding: str | None = "utf-8"
        self.pending: list[Sequence[str | None]] = []
        self.lines: list[int] = []
        self.batches: list[pa.Table] = []

    def set_columns(self, columns: list[str]) -> None:
        self.columns = columns

    def add(self, line: int, values: Sequence[str | None]) -> None:
        """One row, its values in the order of ``columns`` (a JSONL row may stop short)."""
        self.pending.append(values)
        self.lines.append(line)
        if len(self.lines) >= CHUNK_ROWS:
            self.flush()

    def add_record(self, line: int, record: dict[str, str | None]) -> None:
        """A JSONL record: columns in order of first appearance, None where a record lacks one."""
        for key in record:
            if key not in self.columns:
                self.columns.append(key)
        self.add(line, [record.get(c) for c in self.columns])

    def flush(self) -> None:
        if not self.lines:
            return
        width = len(self.columns)
        rows = self.pending
        if any(len(r) != width for r in rows):  # JSONL rows read before a column appeared
            rows = [[*r, *[None] * (width - len(r))] for r in rows]
        arrays = [pa.array(col, pa.string()) for col in zip(*rows, strict=True)]
        check_columns(
            arrays, self.columns, self.lines, self.limit, self.source, nul=not self.nul_in_rows
        )
        arrays.append(pa.array(self.lines, pa.int64()))
        self.batches.append(pa.table(arrays, names=[*self.columns, LINE]))
        self.pending, self.lines = [], []

    def table(self, allow_no_rows: bool) -> pa.Table:
        self.flush()
        if not self.batches:
            if not allow_no_rows:
                raise InputError("no rows to read after the header", source=self.source)
            names = [*self.columns, LINE]
            types = [pa.string()] * len(self.columns) + [pa.int64()]
            empty = pa.table([pa.array([], t) for t in types], names=names)
            return self._marked(empty)
        table = pa.concat_tables(self.batches, promote_options="default")
        return self._marked(table.select([*self.columns, LINE]))

    def _marked(self, table: pa.Table) -> pa.Table:
        """The table with the encoding of its text in its schema (none for a workbook)."""
        if self.encoding is None:
            return table
        return table.replace_schema_metadata({ENCODING: self.encoding})


def check_columns(
    arrays: Sequence[pa.Array | pa.ChunkedArray],
    names: Sequence[str],
    lines: Sequence[int],
    limit: int,
    source: str,
    *,
    nul: bool = True,
) -> None:
    """Refuse the first row (in file order) with a field over ``limit`` characters or (when
    ``nul``) a NUL character."""
    found: list[tuple[int, int, str, str]] = []  # (row, column, what, name)
    for position, (name, array) in enumerate(zip(names, arrays, strict=True)):
        lengths = pc.utf8_length(array)
        longest = pc.max(lengths).as_py()
        if longest is not None and longest > limit:
            row = pc.index(pc.greater(lengths, limit), True).as_py()
            what = (
                f"{lengths[row].as_py():,} characters, over the {limit:,}-character limit of a "
                "field ($TRADEGUARD_BATCH_MAX_FIELD)"
            )
            found.append((row, position, what, name))
        if not nul:
            continue
        holds = pc.match_substring(array, "\x00")
        if pc.any(holds).as_py():
            found.append((pc.index(holds, True).as_py(), position, "a NUL character", name))
    if found:
        row, _, what, name = min(found)
        raise InputError(what, source=source, line=lines[row], field=name)


def _header(values: Iterable[Any]) -> list[str]:
    aliases = header_aliases()
    names = [
        cell_key(str(v)) if v is not None and str(v).strip() else f"column_{i}"
        for i, v in enumerate(values, 1)
    ]
    return [aliases.get(n, n) for n in names]


def _require(columns: list[str], required: Sequence[str], source: str, line: int | None) -> None:
    seen: set[str] = set()
    for name in columns:
        if name in seen:
            raise InputError(f"the header names column {name!r} twice", source=source, line=line)
        seen.add(name)
    missing = [c for c in required if c not in columns]
    if missing:
        found = ", ".join(columns) or "none"
        where = "the first row must be a header naming the columns" if line else "expected"
        raise InputError(
            f"missing column(s) {', '.join(missing)}; found {found}; {where} "
            f"{', '.join(required)} (and any optional ones)",
            source=source,
            line=line,
        )


def _csv(
    raw: bytes, source: str, rows: _Rows, required: Sequence[str], encoding: str | None = None
) -> None:
    text, rows.encoding = decode_text(raw, source, encoding)
    if not text.strip():
        raise InputError("the file holds no text", source=source)
    nul = text.find("\x00")
    if nul >= 0 and (nul < len(text.split("\n", 1)[0]) or not text.endswith(("\n", "\r"))):
        # a NUL in the header or in an unterminated last row: the file is no CSV text
        raise InputError(
            "contains a NUL character (U+0000), which no text may hold: is it a CSV file?",
            source=source,
            line=text.count("\n", 0, nul) + 1,
        )
    if not text.endswith(("\n", "\r")):
        raise InputError(
            "no line break after the last row: is the file cut short? (if it is complete, end "
            "it with a line break)",
            source=source,
            line=text.count("\n") + 1,
        )
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        header = next(reader)
        rows.set_columns(_header(header))
        _require(rows.columns, required, source, 1)
        width = len(rows.columns)
        start = reader.line_num + 1
        pending, lines = rows.pending, rows.lines  # rows.add inlined: a million rows read
        for values in reader:
            if values:
                if len(values) != width:
                    raise InputError(
                        f"{len(values)} fields where the header has {width} (a row cut short, "
                        "or a comma or quote out of place?)",
                        source=source,
                        line=start,
                    )
                pending.append(values)
                lines.append(start)
                if len(lines) >= CHUNK_ROWS:
                    rows.flush()
                    pending, lines = rows.pending, rows.lines
            start = reader.line_num + 1
    except csv.Error as exc:
        message = f"malformed CSV: {exc}"
        if "unexpected end of data" in message:
            message = "malformed CSV: a quoted field that starts here is never closed (cut short?)"
        if "field larger than field limit" in message:  # the csv module's own limit (128 KiB)
            message = (
                f"a field over the {rows.limit:,}-character limit of a field "
                "($TRADEGUARD_BATCH_MAX_FIELD)"
            )
        raise InputError(message, source=source, line=start) from None


def _jsonl(raw: bytes, source: str, rows: _Rows) -> None:
    text = decode_utf8(raw, source)
    if not text.strip():
        raise InputError("the file holds no text", source=source)
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON ({exc.msg} at column {exc.colno})", source=source, line=number
            ) from None
        except RecursionError:
            raise InputError("JSON nested too deeply", source=source, line=number) from None
        if not isinstance(data, dict):
            raise InputError("expected one JSON object {...} per line", source=source, line=number)
        record: dict[str, str | None] = {}
        for key, value in data.items():
            name = key.strip().lower()
            if isinstance(value, dict | list):
                raise InputError(
                    "expected text, a number or null, not a JSON object or list",
                    source=source,
                    line=number,
                    field=name,
                )
            record[name] = value if isinstance(value, str) or value is None else json.dumps(value)
        rows.add_record(number, record)


def _xlsx(path: Path, source: str, rows: _Rows, required: Sequence[str]) -> None:
    rows.encoding = None  # a workbook's text is not in an encoding the user chooses
    _xlsx_rows(workbook_rows(path, source), source, rows, required)


def _xlsx_rows(
    values: Iterator[tuple[Any, ...]],
    source: str,
    rows: _Rows,
    required: Sequence[str],
    max_rows: int | None = None,
) -> None:
    header = next(values, None)
    if header is None or all(v is None for v in header):
        raise InputError(
            f"the first row must be a header naming the columns {', '.join(required)}",
            source=source,
            line=1,
        )
    rows.set_columns(_header(header))
    _require(rows.columns, required, source, 1)
    width = len(rows.columns)
    added = 0
    for number, row in enumerate(values, 2):
        cells = [None if v is None else _cell_text(v) for v in row[:width]]
        if all(c is None or c == "" for c in cells):
            continue  # an empty row (a sheet's formatted but unused rows)
        rows.add(number, cells + [None] * (width - len(cells)))
        added += 1
        if max_rows is not None and added > max_rows:
            return


def _cell_text(value: Any) -> str:
    if hasattr(value, "date") and hasattr(value, "isoformat"):
        return str(value.date().isoformat() if hasattr(value, "hour") else value.isoformat())
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _parquet(
    path: Path, source: str, required: Sequence[str], allow_no_rows: bool, nul_in_rows: bool
) -> pa.Table:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
        names = table.column_names  # a damaged file may have names that are not UTF-8
    except Exception as exc:  # pyarrow raises several types for a damaged file
        message = f"not a readable Parquet file ({type(exc).__name__}: {exc})".splitlines()[0]
        raise InputError(message, source=source) from None
    columns = _header(names)
    _require(columns, required, source, None)
    limit = settings.batch_max_field()
    out = []
    for name, column in zip(columns, table.columns, strict=True):
        if pa.types.is_nested(column.type):
            raise InputError(
                f"holds {column.type} values; expected text or numbers", source=source, field=name
            )
        try:
            text = pc.cast(column, pa.string())
            text.validate(full=True)  # a string column is not checked for UTF-8 when read
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
            line = _first_not_utf8(column) if pa.types.is_string(column.type) else None
            message = f"cannot be read as text ({exc})".splitlines()[0]
            if line is not None:
                message = f"not UTF-8 text; {SAVE_AS_UTF8}"
            raise InputError(message, source=source, line=line, field=name) from None
        out.append(text)
    if table.num_rows == 0 and not allow_no_rows:
        raise InputError("no rows to read", source=source)
    lines = range(1, table.num_rows + 1)
    check_columns(out, columns, lines, limit, source, nul=not nul_in_rows)
    out.append(pa.array(lines, pa.int64()))
    return pa.table(out, names=[*columns, LINE])


def _first_not_utf8(column: pa.ChunkedArray) -> int | None:
    """The line (row number from 1) of the first value that is not UTF-8."""
    for number, value in enumerate(column.cast(pa.binary()).to_pylist(), 1):
        if value is not None:
            try:
                value.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def read_capped_size(path: Path) -> None:
    """Refuse a missing, empty or oversized file before a reader opens it."""
    limit = settings.max_input_bytes()
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError("file is empty", source=str(path))
    if size > limit:
        raise InputError(f"file is {size} bytes, over the {limit}-byte input cap", source=str(path))

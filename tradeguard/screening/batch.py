"""Batch screening of a file of parties: CSV, XLSX, Parquet or JSONL in and out (by extension).

Input columns: ``id``, ``name`` and optionally ``type``, ``country`` (several separated by
``;``), ``birth_date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), ``identifier`` (several
separated by ``;``); ``countries``, ``dob`` and ``identifiers`` are read as the counterparty
files name them. Output: one row per (input id, party) with ``id, party_id, entity_id, list,
source_id, matched_name, score, lists, memberships`` (the party's best-scoring entry, the lists
it is on and, as JSON text, every membership as the API returns it: list, source id,
programmes, legal consequence, matched name), and one row with empty match columns for an input
without a match. A bad row (a field with a NUL character, no name, an unknown country, a birth
date that is no date ...) is reported with its line number, field and reason, and the others
are still screened; the output file is written whole or not at all.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from tradeguard.errors import InputError, RowError, TradeguardError
from tradeguard.screening.model import Match, Query
from tradeguard.screening.rows import party_row
from tradeguard.screening.screener import Screener
from tradeguard.tabular.read import LINE, read_table, table_encoding
from tradeguard.tabular.write import write_csv, write_xlsx

FORMATS = (".csv", ".xlsx", ".parquet", ".jsonl")
#: The columns every input file has (``name`` may be empty in a row that has an identifier).
REQUIRED = ("id", "name")
OUTPUT_COLUMNS = (
    "id",
    "party_id",
    "entity_id",
    "list",
    "source_id",
    "matched_name",
    "score",
    "lists",
    "memberships",
)


@dataclass(slots=True)
class BatchResult:
    rows_in: int
    screened: int
    matched: int
    bad: list[RowError]
    output: Path
    #: the encoding the input's text was read in (None for a workbook or Parquet file), and
    #: whether it was detected (else the user gave it)
    encoding: str | None = None
    encoding_detected: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows_in,
            "screened": self.screened,
            "with_matches": self.matched,
            "bad_rows": [b.to_dict() for b in self.bad],
            "output": str(self.output),
            "encoding": self.encoding,
            "encoding_detected": self.encoding_detected,
        }


def _format(path: Path, what: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(
            f"unsupported {what} format {suffix or '(none)'}; use one of {', '.join(FORMATS)}",
            source=str(path),
        )
    return suffix


def read_input(path: Path, encoding: str | None = None) -> pa.Table:
    """The input file read whole (:func:`tradeguard.tabular.read.read_table`): a missing
    header, an over-long field, text that is not in ``encoding`` (or, without it, in no
    encoding detected) or a truncated file refuses it before any row is screened; a field with
    a NUL character is the row's fault (:func:`row_query` reports it)."""
    _format(path, "input")
    return read_table(path, REQUIRED, nul_in_rows=True, encoding=encoding)


def read_rows(
    path: Path, encoding: str | None = None, table: pa.Table | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) for each input row (of ``table`` when it is read already): in CSV
    and XLSX files the header is line 1, in JSONL files a line is a record (blank lines
    counted), Parquet rows are numbered from 1."""
    if table is None:
        table = read_input(path, encoding)
    for batch in table.to_batches():
        for row in batch.to_pylist():
            yield row.pop(LINE), row


def row_query(row: dict[str, Any]) -> tuple[str, Query]:
    """The input id and query of one row (:func:`tradeguard.screening.rows.party_row`, as the
    uploads and the counterparty files read theirs); raises InputError naming the bad field."""
    party = party_row(row)
    return party.id, party.query()


def match_row(row_id: str, match: Match) -> dict[str, Any]:
    """The output row of one party a row's query matched: its best-scoring entry and every
    membership as the API returns it (JSON text, the same in every output format)."""
    found = match.to_dict()
    memberships = found["memberships"] or [
        {
            "entity_id": match.entity_id,
            "list": match.list,
            "source_id": match.source_id,
            "programs": list(match.programs),
            "matched_name": match.matched_name,
        }
    ]
    return {
        "id": row_id,
        "party_id": found["party_id"],
        "entity_id": match.entity_id,
        "list": match.list,
        "source_id": match.source_id,
        "matched_name": match.matched_name,
        "score": round(match.score, 4),
        "lists": ";".join(dict.fromkeys(str(m["list"]) for m in memberships)),
        "memberships": json.dumps(memberships, ensure_ascii=False, sort_keys=True),
    }


def write_rows(path: Path, rows: list[dict[str, Any]]) -> None:
    """Write the output rows; CSV and XLSX cells are neutralised (:mod:`tradeguard.tabular.write`),
    JSONL and Parquet keep the text as it is. The file is written under a temporary name and
    renamed over ``path``: a run that stops leaves no half-written output."""
    fmt = _format(path, "output")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial{fmt}")
    try:
        _write_rows(partial, fmt, rows)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _write_rows(path: Path, fmt: str, rows: list[dict[str, Any]]) -> None:
    if fmt == ".csv":
        write_csv(path, OUTPUT_COLUMNS, ([row[c] for c in OUTPUT_COLUMNS] for row in rows))
    elif fmt == ".jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == ".xlsx":
        rows_out = ([row[c] for c in OUTPUT_COLUMNS] for row in rows)
        write_xlsx(path, OUTPUT_COLUMNS, rows_out, sheet="matches")
    else:
        import pyarrow.parquet as pq

        columns = {c: [row[c] for row in rows] for c in OUTPUT_COLUMNS}
        schema = pa.schema(
            [(c, pa.float64() if c == "score" else pa.string()) for c in OUTPUT_COLUMNS]
        )
        pq.write_table(pa.table(columns, schema=schema), path)


def screen_file(
    screener: Screener,
    source: Path,
    output: Path,
    threshold: float | None = None,
    limit: int = 10,
    progress: Callable[[int], None] | None = None,
    encoding: str | None = None,
) -> BatchResult:
    """Screen every row of ``source`` (a CSV file's text in ``encoding``, else detected) and
    write the matches to ``output``."""
    _format(output, "output")
    table = read_input(source, encoding)
    rows = list(read_rows(source, table=table))
    out: list[dict[str, Any]] = []
    bad: list[RowError] = []
    screened = matched = 0
    for number, row in rows:
        try:
            row_id, query = row_query(row)
            matches = screener.screen(query, threshold=threshold, limit=limit)
        except InputError as exc:
            bad.append(RowError.of(exc, number))
            if progress:
                progress(1)
            continue
        except TradeguardError as exc:
            bad.append(RowError(number, str(exc)))
            if progress:
                progress(1)
            continue
        screened += 1
        if matches:
            matched += 1
        out.extend(match_row(row_id, m) for m in matches)
        if not matches:
            out.append({c: (row_id if c == "id" else None) for c in OUTPUT_COLUMNS})
        if progress:
            progress(1)
    write_rows(output, out)
    read_in = table_encoding(table)
    detected = encoding is None
    return BatchResult(len(rows), screened, matched, bad, output, read_in, detected)


def count_rows(path: Path, encoding: str | None = None) -> int:
    return int(read_input(path, encoding).num_rows)

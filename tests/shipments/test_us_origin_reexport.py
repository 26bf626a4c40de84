"""An item of US origin re-exported from another country is subject to the EAR wherever it is
(15 C.F.R. 734.3(a)(2)): the trial's Japanese export of US-made hydrogen fluoride (1C350.d.15,
CB Column 2) to China needs a BIS licence beside METI's, and the Japanese verdict is kept."""

from __future__ import annotations

from typing import Any

from tradeguard.policy import Reason
from tradeguard.shipments import Evaluator, parse_shipment


def trial(destination: str, origin: str | None = "US", licences: Any = None) -> Any:
    item: dict[str, Any] = {
        "description": "Hydrogen fluoride, anhydrous, 99.99 %",
        "hs": "2811.11",
        "cas": "7664-39-3",
        "quantity": 1000,
        "unit": "kg",
        "value": 24000,
        "currency": "USD",
    }
    if origin:
        item["origin"] = origin
    party = {"name": "Semiconductor Materials Co.", "country": destination, "address": "8 Road"}
    return parse_shipment(
        {
            "id": "JP-HF-US",
            "date": "2026-11-20",
            "export_country": "JP",
            "exporter": {"name": "Morita Chemical Trading", "country": "JP", "address": "Tokyo"},
            "consignee": party,
            "end_user": party,
            "destination": destination,
            "end_use": "etching gas for wafer cleaning",
            "items": [item],
            "licences": licences
            or [{"number": "METI-IND-2026-0107", "jurisdiction": "JP", "type": "individual"}],
        }
    )


def us(reasons: list[Reason]) -> list[Reason]:
    return [r for r in reasons if r.evidence.get("reexport_of_origin") == "US"]


def test_us_origin_hf_to_china_needs_a_bis_licence(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(trial("CN"))
    assert decision.verdict == "LICENCE_REQUIRED"
    # Japan's own verdict is kept: METI's individual licence covers the Japanese export
    japanese = [r for r in decision.reasons if r not in us(decision.reasons)]
    assert "LICENCE_COVERED" in {r.code for r in japanese}
    (reason,) = us(decision.reasons)
    assert reason.code == "LICENCE_REQUIRED"
    assert reason.evidence["reasons_for_control"] == ["CB2"]
    assert reason.evidence["us_eccn"]["1C350.24"].startswith("1C350.d.15")
    assert reason.legal_basis.startswith("15 C.F.R. 734.3(a)(2)")
    assert reason.evidence["reexport_quote"] == "All U.S. origin items wherever located"


def test_a_bis_licence_covers_the_re_export(classifying_evaluator: Evaluator) -> None:
    licences = [
        {"number": "METI-IND-2026-0107", "jurisdiction": "JP", "type": "individual"},
        {"number": "D1234567", "jurisdiction": "US", "type": "individual"},
    ]
    decision = classifying_evaluator.evaluate(trial("CN", licences=licences))
    assert [r.code for r in us(decision.reasons)] == ["LICENCE_COVERED"]
    assert decision.verdict == "CLEAR"


def test_no_cb2_mark_for_korea_needs_no_bis_licence(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(trial("KR"))
    assert [r.code for r in us(decision.reasons)] == ["NO_LICENCE_NEEDED"]


def test_japanese_origin_is_read_by_japan_alone(classifying_evaluator: Evaluator) -> None:
    for origin in (None, "JP"):
        assert us(classifying_evaluator.evaluate(trial("CN", origin)).reasons) == []

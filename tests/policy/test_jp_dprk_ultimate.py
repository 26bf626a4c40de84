"""Japan's total ban on exports to the DPRK is checked against the ultimate destination: goods
declared for a third country whose end user or consignee is in the DPRK are PROHIBITED."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.policy import PolicyEngine, load_policy
from tradeguard.shipments import Evaluator, parse_shipment

ON = date(2026, 3, 1)


def _shipment(destination: str, end_user: str | None, consignee: str) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "JP-DPRK-VIA",
        "date": ON.isoformat(),
        "export_country": "JP",
        "exporter": {"name": "Sakura Machine Trading", "country": "JP"},
        "consignee": {"name": "Dandong Hengyuan Trading", "country": consignee},
        "destination": destination,
        "end_use": "general industrial use",
        "items": [{"description": "Knitted cotton gloves", "hs": "611610", "value": 900}],
    }
    if end_user is not None:
        doc["end_user"] = {"name": "Pyongyang Light Industry Co", "country": end_user}
    return doc


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator()


@pytest.mark.parametrize(
    ("destination", "end_user", "consignee", "verdict"),
    [
        ("CN", "KP", "CN", "PROHIBITED"),  # end user in the DPRK, via China
        ("CN", None, "KP", "PROHIBITED"),  # consignee in the DPRK
        ("KP", None, "KP", "PROHIBITED"),
        ("CN", "CN", "CN", "not PROHIBITED"),
    ],
)
def test_ultimate_destination_decides(
    evaluator: Evaluator, destination: str, end_user: str | None, consignee: str, verdict: str
) -> None:
    decision = evaluator.evaluate(parse_shipment(_shipment(destination, end_user, consignee)), ON)
    if verdict == "PROHIBITED":
        assert decision.verdict == "PROHIBITED"
    else:
        assert decision.verdict != "PROHIBITED"
    bans = [r for r in decision.reasons if r.code == "NATIONAL_EMBARGO"]
    assert bool(bans) == (verdict == "PROHIBITED")
    for ban in bans:
        assert ban.rule_id == "JP-KP-TOTAL"
        assert "Art. 2(1)(i)-2" in ban.legal_basis
        if destination != "KP":
            assert ban.evidence["ultimate_destination"] == "KP"


def test_engine_names_the_party_in_the_dprk() -> None:
    engine = PolicyEngine(load_policy())
    [ban] = engine.national_embargoes("JP", "CN", None, ON, [("end_user", "KP")])
    assert ban.severity == "prohibited"
    assert ban.evidence["ultimate_parties"] == ["end_user"]
    assert "ultimate destination KP (end user there), declared destination CN" in ban.message
    assert engine.national_embargoes("JP", "CN", None, ON, [("end_user", "CN")]) == []
    # the reading of Art. 2(1)(i)-2 holds until 2027-04-13
    assert engine.national_embargoes("JP", "KP", None, date(2027, 4, 13))
    assert engine.national_embargoes("JP", "KP", None, date(2008, 1, 1)) == []


def test_un_dprk_bans_reach_a_consignee_in_the_dprk(evaluator: Evaluator) -> None:
    # an exporter without a national policy file: the UN ban on HS 84 applies all the same
    doc = _shipment("CN", None, "KP")
    doc["export_country"] = "TH"
    doc["exporter"] = {"name": "Siam Machine Tools", "country": "TH"}
    doc["items"] = [{"description": "CNC lathe", "hs": "845811", "value": 90000}]
    decision = evaluator.evaluate(parse_shipment(doc), ON)
    assert decision.verdict == "PROHIBITED"
    assert "UN_DPRK_EXPORT_BAN" in {r.code for r in decision.reasons}

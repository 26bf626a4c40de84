"""UN Iran measures: the 1737 regime (items ban, procurement ban, arms embargo, asset freeze) in
force until Implementation Day of res. 2231 (2016-01-16) and re-applied from 2025-09-28 00:00 GMT
(snapback); an exporter with no national policy file still gets them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.policy import EntryFacts, ItemFacts, PolicyEngine, load_policy
from tradeguard.shipments import Evaluator, parse_shipment

BEFORE = date(2025, 9, 26)
AFTER = date(2025, 9, 28)
NSG = ItemFacts(line=1, description="flow-forming machine", entries=(EntryFacts("2B209"),))
MTCR = ItemFacts(line=1, description="propellant", entries=(EntryFacts("1C111", ("MTCR",)),))
WA = ItemFacts(line=1, description="fluorinated polyimide", entries=(EntryFacts("1C009.b"),))
ARMS = ItemFacts(line=1, description="tank gun spare parts", hs="930690")


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def _codes(reasons: list[Any]) -> list[tuple[str, str]]:
    return [(r.code, r.severity) for r in reasons]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2010, 1, 1), ("UN_IRAN_ITEMS_BAN", "prohibited")),
        (date(2020, 1, 1), ("UN_IRAN_ITEMS_BAN", "review")),  # res. 2231 procurement channel
        (BEFORE, ("UN_IRAN_ITEMS_BAN", "review")),
        (AFTER, ("UN_IRAN_ITEMS_BAN", "prohibited")),
    ],
)
def test_nsg_and_mtcr_items_to_iran(
    engine: PolicyEngine, on: date, expected: tuple[str, str]
) -> None:
    for item in (NSG, MTCR):
        found = [
            c
            for c in _codes(engine.un_iran(item, True, False, on))
            if c[0] != "UN_IRAN_ASSET_FREEZE"
        ]
        assert found == [expected]


def test_items_ban_cites_1737_and_the_snapback(engine: PolicyEngine) -> None:
    [ban] = [r for r in engine.un_iran(NSG, True, False, AFTER) if r.code == "UN_IRAN_ITEMS_BAN"]
    assert (
        "1737 (2006) paras. 3-4" in ban.legal_basis
        and "2231 (2015) paras. 11-12" in ban.legal_basis
    )
    assert ban.evidence["quote"].startswith(
        "Decides that all States shall take the necessary measures"
    )
    assert str(ban.evidence["quote_in"]).startswith("secondary: S/RES/1737")


def test_wassenaar_only_item_is_not_under_the_items_ban(engine: PolicyEngine) -> None:
    assert _codes(engine.un_iran(WA, True, False, AFTER)) == [("UN_IRAN_ASSET_FREEZE", "info")]
    # an entry whose regime cannot be told is not passed over
    odd = ItemFacts(line=1, entries=(EntryFacts("X-123"),))
    assert ("UN_IRAN_ITEMS_BAN", "review") in _codes(engine.un_iran(odd, True, False, AFTER))


def test_procurement_from_iran(engine: PolicyEngine) -> None:
    assert ("UN_IRAN_PROCUREMENT_BAN", "prohibited") in _codes(
        engine.un_iran(NSG, False, True, AFTER)
    )
    assert ("UN_IRAN_PROCUREMENT_BAN", "prohibited") in _codes(
        engine.un_iran(ARMS, False, True, AFTER)
    )
    assert _codes(engine.un_iran(NSG, False, True, BEFORE)) == []


@pytest.mark.parametrize(
    ("on", "severity"),
    [
        (date(2012, 1, 1), "prohibited"),
        (date(2018, 1, 1), None),
        (BEFORE, None),
        (AFTER, "prohibited"),
    ],
)
def test_arms_embargo_on_iran(engine: PolicyEngine, on: date, severity: str | None) -> None:
    found = _codes(engine.arms_embargo(ARMS, "IR", on))
    assert found == ([("UN_ARMS_EMBARGO", severity)] if severity else [])


def _shipment(destination: str, end_user: str, entry: str) -> dict[str, Any]:
    return {
        "id": "TH-IR-1",
        "export_country": "TH",
        "exporter": {"name": "Siam Precision Tools", "country": "TH"},
        "consignee": {"name": "Gulf Machinery Trading", "country": destination},
        "end_user": {"name": "Pars Metal Forming Co", "country": end_user},
        "destination": destination,
        "items": [{"description": "Flow-forming machine", "hs": "846390", "control_entry": entry}],
    }


@pytest.mark.parametrize(("destination", "end_user"), [("IR", "IR"), ("AE", "IR")])
def test_exporter_without_national_policy_gets_the_un_checks(
    destination: str, end_user: str
) -> None:
    evaluator = Evaluator()
    shipment = parse_shipment(_shipment(destination, end_user, "2B209"))
    after = evaluator.evaluate(shipment, AFTER)
    assert after.exporting_jurisdiction is None
    assert after.verdict == "PROHIBITED"
    assert "UN_IRAN_ITEMS_BAN" in {r.code for r in after.reasons if r.severity == "prohibited"}
    before = evaluator.evaluate(shipment, BEFORE)
    assert before.verdict != "PROHIBITED"

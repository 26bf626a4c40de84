"""A UN-designated DPRK national as consignee at an address in China: the bundled lists
snapshot in a store, the real screener and the policy. A party's country in a shipment is
the country of its address, not a nationality: designees live and trade abroad, so the
shipment is prohibited (UNSCR 1718 (2006) para 8 (d) asset freeze), decided on the party's
UN entry."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.shipments import Evaluator, parse_shipment

ON = date(2026, 12, 6)


def _desks(consignee: dict[str, Any]) -> dict[str, Any]:
    return {
        "export_country": "JP",
        "exporter": {"name": "Okamura Corporation", "country": "JP", "address": "Yokohama"},
        "consignee": consignee,
        "destination": "CN",
        "items": [{"description": "Swivel office chairs", "hs": "9401.31", "value": 8800}],
    }


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [("Kim Jong Sik", "un_sc:KPi.066"), ("Jang Myong Jin", "un_sc:KPi.007")],
)
def test_a_designee_at_an_address_abroad_is_prohibited(
    snapshot_evaluator: Evaluator, name: str, entity_id: str
) -> None:
    consignee = {"name": name, "schema": "Person", "country": "CN", "address": "Dandong"}
    decision = snapshot_evaluator.evaluate(parse_shipment(_desks(consignee), "t"), ON)
    assert decision.verdict == "PROHIBITED", decision.reasons
    [party] = [p for p in decision.parties if p.role == "consignee"]
    best = min(party.matches, key=lambda m: -m.score)
    assert best.entity_id == entity_id and best.level == "designated", party.matches
    [reason] = [r for r in decision.reasons if r.code == "DESIGNATED_PARTY"]
    assert "1718" in reason.legal_basis


def test_a_designee_born_decades_later_is_a_namesake(snapshot_evaluator: Evaluator) -> None:
    consignee = {
        "name": "Kim Jong Sik",
        "schema": "Person",
        "country": "CN",
        "address": "Dandong",
        "birth_date": "1995",
    }
    decision = snapshot_evaluator.evaluate(parse_shipment(_desks(consignee), "t"), ON)
    assert decision.verdict == "CLEAR", decision.reasons

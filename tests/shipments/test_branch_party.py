"""A designated party's branch or representative office as consignee: the bundled lists
snapshot in a store, the real screener and the policy. A branch or representative office is
the same legal person as the UN-designated entity (UNSCR 1718 (2006) para 8 (d) asset freeze),
so the shipment is prohibited whatever the goods."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.shipments import Evaluator, parse_shipment

ON = date(2026, 12, 6)


def _chairs(consignee: str) -> dict[str, Any]:
    return {
        "export_country": "JP",
        "exporter": {
            "name": "Okamura Office Interiors Co., Ltd.",
            "country": "JP",
            "address": "2-7-1 Kitasaiwai, Nishi-ku, Yokohama",
        },
        "consignee": {"name": consignee, "country": "CN", "address": "Shenyang, Liaoning"},
        "destination": "CN",
        "items": [{"description": "Swivel office chairs", "hs": "9401.31", "value": 8800}],
    }


def _hf(consignee: str, country: str = "CN", address: str = "Beijing") -> dict[str, Any]:
    return {
        "export_country": "KR",
        "exporter": {"name": "Soulbrain Co., Ltd.", "country": "KR", "address": "Seongnam"},
        "consignee": {"name": consignee, "country": country, "address": address},
        "end_user": {"name": consignee, "country": country, "address": address},
        "destination": country,
        "items": [
            {
                "description": "Hydrogen fluoride, anhydrous",
                "cas": "7664-39-3",
                "hs": "2811.11",
                "value": 40000,
                "currency": "USD",
            }
        ],
    }


@pytest.mark.parametrize(
    "doc",
    [
        _chairs("Korea Ryonbong General Corporation, Shenyang Branch"),
        _hf("Tanchon Commercial Bank Beijing Representative Office"),
        # the branch's country given (HK), the country code in the name: the UN party's
        # verdict, not a licence requirement for the goods alone
        _hf("Tanchon Commercial Bank HK Branch", "HK", "Central, Hong Kong"),
        _hf("Korea Ryonbong General Corp HK Branch", "HK", "Central, Hong Kong"),
    ],
)
def test_a_designated_partys_branch_is_prohibited(
    snapshot_evaluator: Evaluator, doc: dict[str, Any]
) -> None:
    decision = snapshot_evaluator.evaluate(parse_shipment(doc, "test"), ON)
    assert decision.verdict == "PROHIBITED", decision.reasons
    [party] = [p for p in decision.parties if p.role == "consignee"]
    assert any(m.entity_id.startswith("un_sc:KPe.00") for m in party.matches), party.matches


def test_the_same_chairs_to_another_firm_are_clear(snapshot_evaluator: Evaluator) -> None:
    decision = snapshot_evaluator.evaluate(
        parse_shipment(
            _chairs("Shenyang Office Furniture Trading Co., Ltd., Shenyang Branch"), "t"
        ),
        ON,
    )
    assert decision.verdict == "CLEAR", decision.reasons


def test_a_firm_stating_its_legal_form_meets_no_person(snapshot_evaluator: Evaluator) -> None:
    """太古股份有限公司 (Swire Pacific) states its legal form: an organisation, never the UN's
    person KO TAE HUN (KPi.025), whom its readings met as a possible match."""
    decision = snapshot_evaluator.evaluate(
        parse_shipment(_hf("太古股份有限公司", "HK", "Pacific Place, Hong Kong"), "t"), ON
    )
    for party in decision.parties:
        if party.role in ("consignee", "end_user"):
            assert not party.matches, party.matches

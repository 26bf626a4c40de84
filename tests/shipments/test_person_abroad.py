"""Who a shipment's party is, on the bundled lists snapshot in a store with the real screener
and policy. A party's country in a shipment is the country of its address, not a nationality:
designees live and trade abroad, so a designated person's name alerts from any country. But a
person's name is shared by many people (김철, Kim Chol), and a match on the name alone, from a
country none of the listed person's, is a possible match for a person to confirm (REVIEW), not
the designated person's asset freeze (PROHIBITED); a birth date, an identifier or a country of
the listed person's that agrees makes it the designee. A party is never a ship's entry."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.screening import Query
from tradeguard.shipments import Evaluator, parse_shipment
from tradeguard.shipments.decision import Decision, PartyMatch

ON = date(2026, 12, 6)


def _desks(consignee: dict[str, Any], export_country: str = "JP") -> dict[str, Any]:
    exporter = {"name": "Okamura Corporation", "country": "JP", "address": "Yokohama"}
    if export_country == "KR":
        exporter = {"name": "솔브레인 주식회사", "country": "KR", "address": "경기도 성남시"}
    return {
        "export_country": export_country,
        "exporter": exporter,
        "consignee": consignee,
        "destination": consignee["country"],
        "items": [{"description": "Swivel office chairs", "hs": "9401.31", "value": 8800}],
    }


def _best(decision: Decision) -> PartyMatch:
    [party] = [p for p in decision.parties if p.role == "consignee"]
    return min(party.matches, key=lambda m: -m.score)


@pytest.mark.parametrize(
    ("name", "country", "address", "entity_id", "listed"),
    [
        # UN KPi.066 and KPi.007: nationality DPRK; at an address in Dandong
        ("Kim Jong Sik", "CN", "Dandong", "un_sc:KPi.066", ["KP"]),
        ("Jang Myong Jin", "CN", "Dandong", "un_sc:KPi.007", ["KP"]),
        # the trial's consignees in Seoul: OFAC SDN 23483 KIM, Chol (listed in China), UN KPi.066
        ("김철", "KR", "서울특별시 강남구 테헤란로 152", "us_ofac_sdn:23483", ["CN"]),
        ("김정식", "KR", "서울특별시 강남구 테헤란로 152", "un_sc:KPi.066", ["KP"]),
    ],
)
@pytest.mark.parametrize("export_country", ["JP", "KR"])
def test_a_designees_name_from_another_country_is_a_possible_match(
    snapshot_evaluator: Evaluator,
    name: str,
    country: str,
    address: str,
    entity_id: str,
    listed: list[str],
    export_country: str,
) -> None:
    consignee = {"name": name, "schema": "Person", "country": country, "address": address}
    decision = snapshot_evaluator.evaluate(
        parse_shipment(_desks(consignee, export_country), "t"), ON
    )
    assert decision.verdict == "REVIEW", decision.reasons
    best = _best(decision)
    # screening still alerts at a designated party's score; the shipment does not decide it
    assert best.entity_id == entity_id and best.score >= 0.9, best
    assert best.level == "possible" and best.unconfirmed == {
        "countries": [country],
        "listed": listed,
    }
    assert all(x["level"] == "possible" for x in best.memberships)
    [reason] = [r for r in decision.reasons if r.code == "POSSIBLE_MATCH"]
    assert reason.severity == "review" and reason.params["form"] == "other_country"
    assert entity_id in reason.message and "the same name in another country" in reason.message
    assert "confirm the person's identity" in reason.message
    assert not [r for r in decision.reasons if r.severity in ("prohibited", "licence_required")]


@pytest.mark.parametrize(
    ("consignee", "entity_id"),
    [
        # the listed person's own country agrees
        ({"name": "Kim Jong Sik", "country": "KP", "address": "Pyongyang"}, "un_sc:KPi.066"),
        # from China with the listed birth date (UN KPi.007: 1968-02-19)
        (
            {
                "name": "Jang Myong Jin",
                "country": "CN",
                "address": "Dandong",
                "birth_date": "1968-02-19",
            },
            "un_sc:KPi.007",
        ),
    ],
)
def test_agreeing_data_makes_it_the_designee(
    snapshot_evaluator: Evaluator, consignee: dict[str, Any], entity_id: str
) -> None:
    consignee = {"schema": "Person", **consignee}
    decision = snapshot_evaluator.evaluate(parse_shipment(_desks(consignee), "t"), ON)
    assert decision.verdict == "PROHIBITED", decision.reasons
    best = _best(decision)
    assert best.entity_id == entity_id and best.level == "designated", best
    assert best.unconfirmed is None
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


@pytest.mark.parametrize("schema", [None, "Company", "Organization", "LegalEntity"])
def test_a_party_is_not_a_vessel(snapshot_evaluator: Evaluator, schema: str | None) -> None:
    """华虹半导体有限公司 (Hua Hong Semiconductor, Shanghai) is read *hwa hong semiconductor*,
    which met the DPRK vessel HWA SONG (OFAC SDN 23514, IMO 8217685) at 0.73: a shipment's
    party, typed or not, is a person or an organisation and is not matched to a ship's entry
    (the vessel is screened as one, by name and IMO). Nor is an untyped screening of the name:
    有限公司 states a legal form, so the name is an organisation's (algorithm 42)."""
    consignee = {"name": "华虹半导体有限公司", "country": "CN", "address": "上海"}
    if schema is not None:
        consignee["schema"] = schema
    decision = snapshot_evaluator.evaluate(parse_shipment(_desks(consignee, "KR"), "t"), ON)
    [party] = [p for p in decision.parties if p.role == "consignee"]
    assert not [m for m in party.matches if m.entity_id == "us_ofac_sdn:23514"], party.matches
    assert decision.verdict == "CLEAR", decision.reasons
    screener = snapshot_evaluator.screener
    assert screener is not None
    untyped = screener.screen(Query("华虹半导体有限公司", countries=["CN"], lists=None), 0.3)
    assert not [m for m in untyped if m.schema in ("Vessel", "Airplane", "Person")], untyped

"""Labels a trial user found wrong. A Korean exporter's goods to a consignee in Korea are a
supply inside Korea, not an export (Foreign Trade Act Art. 19-2: goods are exported when they
leave Korea; technology given to a foreigner is an export wherever it is given): before, office
chairs to a Seoul consignee read "to KR (region 나의1)". A route through a transshipment hub
with no end user declared names the declared destination, not "the end user"."""

from __future__ import annotations

from datetime import date
from typing import Any

from tradeguard.shipments import Evaluator, parse_shipment

ON = date(2026, 11, 1)


def _kr(**kr: Any) -> dict[str, Any]:
    return {
        "export_country": "KR",
        "exporter": {"name": "솔브레인 주식회사", "country": "KR", "address": "경기도 성남시"},
        "consignee": {"name": "삼성전자 주식회사", "country": "KR", "address": "경기도 수원시"},
        "destination": "KR",
        "items": [
            {"description": "Office chairs", "hs": "940131", "value": 3000, "currency": "USD"},
            {"description": "hydrogen fluoride", "cas": "7664-39-3", "hs": "281111"},
        ],
    } | ({"kr": kr} if kr else {})


def test_a_supply_inside_korea_is_not_an_export(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(parse_shipment(_kr(), "t"), ON)
    domestic = [r for r in decision.reasons if r.params.get("form") == "kr_domestic"]
    assert [r.item for r in domestic] == [1, 2], decision.reasons
    assert all("not an export" in r.message and "19-2" in r.legal_basis for r in domestic)
    assert not [r for r in decision.reasons if "(region " in r.message], decision.reasons
    assert decision.verdict == "CLEAR", decision.reasons


def test_technology_to_a_foreigner_in_korea_is_still_an_export(
    classifying_evaluator: Evaluator,
) -> None:
    body = _kr(technology=True, deemed_export=True)
    decision = classifying_evaluator.evaluate(parse_shipment(body, "t"), ON)
    assert not [r for r in decision.reasons if r.params.get("form") == "kr_domestic"]
    assert decision.verdict != "CLEAR", decision.reasons


def _via_bangkok(end_user: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "export_country": "JP",
        "exporter": {"name": "Okamura Corporation", "country": "JP", "address": "Yokohama"},
        "consignee": {"name": "Siam Office Supply Co., Ltd.", "country": "VN"},
        "destination": "VN",
        "ports_of_transshipment": [{"name": "Laem Chabang", "country": "TH"}],
        "items": [{"description": "Swivel office chairs", "hs": "940131", "value": 8800}],
    } | ({"end_user": end_user} if end_user else {})


def test_a_hub_without_an_end_user_names_the_destination(
    classifying_evaluator: Evaluator,
) -> None:
    decision = classifying_evaluator.evaluate(parse_shipment(_via_bangkok(None), "t"), ON)
    [hub] = [r for r in decision.reasons if r.code == "TRANSSHIPMENT_HUB"]
    assert "end user in" not in hub.message
    assert "to the declared destination VN (no end user's country declared)" in hub.message
    assert hub.params["form"] == "hub_destination"
    end_user = {"name": "Hanoi Furniture JSC", "country": "VN"}
    decision = classifying_evaluator.evaluate(parse_shipment(_via_bangkok(end_user), "t"), ON)
    [hub] = [r for r in decision.reasons if r.code == "TRANSSHIPMENT_HUB"]
    assert hub.message.endswith("with the end user in VN") and "form" not in hub.params

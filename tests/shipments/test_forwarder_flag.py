"""The forwarder red flag (Foreign Trade Act Art. 19-3 item 7: the final consignee is a
transporter; BIS red flag 10): transport and logistics words in English, Korean, Japanese and
Chinese, found in the consignee's name as in the end user's, with real carriers' names."""

from __future__ import annotations

from typing import Any

import pytest

from tradeguard.policy import Reason
from tradeguard.shipments import Evaluator, parse_shipment

BASE: dict[str, Any] = {
    "date": "2024-06-01",
    "exporter": {"name": "Hanseong Machinery Co., Ltd.", "country": "KR", "address": "Changwon"},
    "consignee": {"name": "Bishkek Tool Works LLC", "country": "KG", "address": "Bishkek"},
    "destination": "KG",
    "items": [{"description": "centrifugal pump", "hs": "841370"}],
}


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator()


def forwarders(reasons: list[Reason]) -> dict[str, Reason]:
    return {str(r.party): r for r in reasons if r.code == "FORWARDER_AS_END_USER"}


@pytest.mark.parametrize(
    ("name", "word"),
    [
        ("CJ대한통운 주식회사", "통운"),
        ("롯데글로벌로지스 주식회사", "로지스"),
        ("한익스프레스", "익스프레스"),
        ("日本通運株式会社", "通運"),
        ("ヤマト運輸株式会社", "運輸"),
        ("中国外运股份有限公司", "外运"),
        ("Yamato Transport Co., Ltd.", "transport"),
        ("Kintetsu World Express, Inc.", "express"),
        ("Asia Pacific Logistic Services LLC", "logistic"),
    ],
)
def test_transport_words_flag_the_consignee(evaluator: Evaluator, name: str, word: str) -> None:
    s = parse_shipment(BASE | {"consignee": {"name": name, "country": "KG", "address": "Bishkek"}})
    found = forwarders(evaluator.evaluate(s).reasons)
    assert set(found) == {"consignee"}
    assert word in found["consignee"].evidence["keywords"]
    assert found["consignee"].evidence["quote"] == "해당 물품등의 최종수하인이 운송업자인 경우"


def test_the_consignee_is_checked_when_an_end_user_is_named(evaluator: Evaluator) -> None:
    s = parse_shipment(
        BASE
        | {
            "consignee": {"name": "CJ대한통운 주식회사", "country": "KG", "address": "Bishkek"},
            "end_user": {"name": "Bishkek Tool Works LLC", "country": "KG", "address": "Bishkek"},
        }
    )
    decision = evaluator.evaluate(s)
    assert set(forwarders(decision.reasons)) == {"consignee"}
    assert decision.verdict == "REVIEW"


def test_both_are_flagged_each_once(evaluator: Evaluator) -> None:
    s = parse_shipment(
        BASE
        | {
            "consignee": {"name": "日本通運株式会社", "country": "KG", "address": "Bishkek"},
            "end_user": {"name": "Yamato Transport Co., Ltd.", "country": "KG", "address": "x"},
        }
    )
    assert set(forwarders(evaluator.evaluate(s).reasons)) == {"consignee", "end_user"}


@pytest.mark.parametrize(
    "name",
    ["Carrier Corporation", "Samsung Electronics Co., Ltd.", "Transnational Tool Works LLC"],
)
def test_makers_are_not_flagged(evaluator: Evaluator, name: str) -> None:
    s = parse_shipment(BASE | {"consignee": {"name": name, "country": "KG", "address": "Bishkek"}})
    assert forwarders(evaluator.evaluate(s).reasons) == {}

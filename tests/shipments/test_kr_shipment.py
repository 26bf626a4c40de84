"""A Korean export through the shipment evaluator: the ``kr`` block of a shipment, the
organisation's ``kr.cp_grade`` setting (validated) and which of the two decides the CP grade."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cases.helpers import ADMIN
from tradeguard.cases.config import get_config, set_config
from tradeguard.errors import InputError
from tradeguard.shipments import Evaluator
from tradeguard.shipments.model import parse_shipment
from tradeguard.store import Store


def _hf_to_japan(kr: dict[str, Any] | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "KR-JP-HF-2024",
        "date": "2024-06-03",
        "export_country": "KR",
        "exporter": {"name": "Soulbrain Co., Ltd.", "country": "KR", "address": "Seongnam"},
        "consignee": {"name": "Example Semiconductor KK", "country": "JP", "address": "Tokyo"},
        "destination": "JP",
        "end_use": "wafer etching",
        "items": [
            {
                "description": "Hydrogen fluoride, anhydrous",
                "cas": "7664-39-3",
                "hs": "2811.11",
                "control_entry": "1C350.24",
                "value": 40000,
                "currency": "USD",
            }
        ],
    }
    if kr is not None:
        doc["kr"] = kr
    return doc


def _licence_reason(evaluator: Evaluator, doc: dict[str, Any]) -> Any:
    decision = evaluator.evaluate(parse_shipment(doc))
    (reason,) = [r for r in decision.reasons if r.code == "LICENCE_REQUIRED"]
    return reason


def test_cp_grade_from_the_organisation_or_the_shipment() -> None:
    unknown = _licence_reason(Evaluator(), _hf_to_japan())
    assert unknown.evidence["destination_group"] == "가"
    assert unknown.evidence["licence_types"] == ["individual"]
    assert unknown.evidence["cp_grade"] is None
    org = _licence_reason(Evaluator(kr_cp_grade="AA"), _hf_to_japan())
    assert org.evidence["licence_types"] == [
        "individual",
        "user_comprehensive",
        "item_comprehensive",
    ]
    assert org.evidence["cp_grade_from"] == "organisation setting kr.cp_grade"
    shipment = _licence_reason(Evaluator(kr_cp_grade="AA"), _hf_to_japan({"cp_grade": "none"}))
    assert shipment.evidence["licence_types"] == ["individual"]
    assert shipment.evidence["cp_grade_from"] == "shipment (kr.cp_grade)"


def test_a_bad_kr_block_names_the_field() -> None:
    with pytest.raises(InputError) as err:
        parse_shipment(_hf_to_japan({"red_flags": [13]}))
    assert "kr.red_flags" in str(err.value)
    with pytest.raises(InputError) as err:
        parse_shipment(_hf_to_japan({"cp_grade": "B"}))
    assert "kr.cp_grade" in str(err.value)


def test_kr_cp_grade_setting(sqlite_store: Store) -> None:
    assert get_config(sqlite_store)["kr.cp_grade"] is None
    assert set_config(sqlite_store, ADMIN, "kr.cp_grade", "AAA")["kr.cp_grade"] == "AAA"
    with pytest.raises(InputError) as err:
        set_config(sqlite_store, ADMIN, "kr.cp_grade", "AAAA")
    assert "field 'value'" in str(err.value) and "CP grade" in str(err.value)
    assert set_config(sqlite_store, ADMIN, "kr.cp_grade", None)["kr.cp_grade"] is None

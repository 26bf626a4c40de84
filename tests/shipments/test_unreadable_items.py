"""An item nobody could read is never a silent CLEAR: a description of codes or formulas that
opens no entry ("NF3", "WF6"), with no HS code and no CAS number, is a review saying the item
was not understood and asking for the CAS number or HS code. Goods described in words that
open no entry ("cotton t-shirts", with or without HS 6109) stay clear; a formula the knowledge
base knows is decided as its chemical's name ("HF 49%" to China needs a licence)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.shipments.builders import SMALL_LOT, jp_to_cn
from tradeguard.shipments import Evaluator


def shipment(item: dict[str, Any]) -> Any:
    return jp_to_cn(
        item,
        date="2025-06-01",
        exporter=("Morita Chemical Trading Co., Ltd.", "Tokyo"),
        consignee=("Shenzhen Semiconductor Materials Co., Ltd.", "Shenzhen"),
        end_use="etching in a memory fab",
        lot=SMALL_LOT,
    )


@pytest.mark.parametrize("description", ["NF3", "WF6", "BCl3 99.999%", "SiH2Cl2 6N"])
def test_an_item_not_understood_is_a_review_asking_for_cas_or_hs(
    classifying_evaluator: Evaluator, description: str
) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": description}))
    assert decision.verdict == "REVIEW", decision.reasons
    assert decision.items[0].controlled is None
    [reason] = [r for r in decision.reasons if r.code == "DESCRIPTION_NOT_UNDERSTOOD"]
    assert reason.severity == "review"
    assert "not understood" in reason.message
    assert "CAS number" in reason.message and "HS code" in reason.message


def test_an_hs_code_or_cas_number_is_something_to_go_by(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": "NF3", "hs": "2812.90"}))
    assert not [r for r in decision.reasons if r.code == "DESCRIPTION_NOT_UNDERSTOOD"]


@pytest.mark.parametrize(
    "item",
    [{"description": "cotton t-shirts"}, {"description": "cotton T-shirts", "hs": "6109.10"}],
)
def test_goods_understood_as_uncontrolled_stay_clear(
    classifying_evaluator: Evaluator, item: dict[str, Any]
) -> None:
    decision = classifying_evaluator.evaluate(shipment(item))
    assert decision.verdict == "CLEAR", decision.reasons
    assert decision.items[0].controlled is False


def test_a_known_formula_is_decided_as_its_chemical(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": "HF 49%"}))
    assert decision.verdict != "CLEAR"
    assert decision.items[0].controlled is True
    assert [e.code for e in decision.items[0].entries] == ["1C350.24"]
    assert not [r for r in decision.reasons if r.code == "DESCRIPTION_NOT_UNDERSTOOD"]


def test_a_formula_below_its_threshold_is_cleared(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": "HF 500 ppmv in N2"}))
    assert decision.items[0].controlled is False
    assert decision.verdict == "CLEAR", decision.reasons

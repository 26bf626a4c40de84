"""An item the classifier only suggests entries for is undecided, not "not controlled": the
trial's Japanese export to China of a "thermal imaging camera" and of an "infrared camera"
(HS 8525.89), described in words only, was CLEAR; each is now a review naming the entries the
description suggests and what would decide them. Goods no entry's name shares a word with
stay clear."""

from __future__ import annotations

from typing import Any

import pytest

from tests.shipments.builders import SMALL_LOT, jp_to_cn
from tradeguard.shipments import Evaluator


def shipment(item: dict[str, Any]) -> Any:
    return jp_to_cn(
        item,
        date="2025-06-01",
        exporter=("Tokyo Optics K.K.", "Tokyo"),
        consignee=("Shenzhen Vision Trading", "Shenzhen"),
        end_use="resale",
        lot=SMALL_LOT,
    )


@pytest.mark.parametrize(
    ("item", "among"),
    [
        ({"description": "thermal imaging camera"}, "6A003"),
        ({"description": "infrared camera", "hs": "8525.89"}, "6A003"),
        ({"description": "HF radio transceiver"}, "5A001"),
        ({"description": "class III biosafety cabinet"}, "2B352.f.2"),
    ],
)
def test_a_suggested_entry_is_a_review_naming_it(
    classifying_evaluator: Evaluator, item: dict[str, Any], among: str
) -> None:
    decision = classifying_evaluator.evaluate(shipment(item))
    assert decision.verdict == "REVIEW", decision.reasons
    assert decision.items[0].controlled is None
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    assert reason.severity == "review"
    assert any(code.startswith(among) for code in reason.evidence["entries"])
    assert {e.code for e in decision.items[0].entries} == set(reason.evidence["entries"])
    assert all(e.status == "suggestion" for e in decision.items[0].entries)
    assert "suggests" in reason.message and "to decide" in reason.message


def test_a_chemical_left_open_names_the_cas_number_as_what_decides(
    classifying_evaluator: Evaluator,
) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": "etching gas"}))
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    assert "cas" in reason.evidence["missing_parameters"]


@pytest.mark.parametrize(
    "description",
    [
        "Swivel office chairs with adjustable height",
        "cotton t-shirts",
        # "laboratory" is met only in Annex I notes' conditions: 1A004's note releases
        # equipment specially designed for laboratory use, 2B352.f.2's cites the WHO
        # Laboratory Biosafety Manual
        "laboratory glassware",
        "laboratory fume hood",
    ],
)
def test_goods_no_entry_name_shares_a_word_with_stay_clear(
    classifying_evaluator: Evaluator, description: str
) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": description}))
    assert decision.verdict == "CLEAR", decision.reasons
    assert decision.items[0].controlled is False
    assert decision.items[0].entries == []

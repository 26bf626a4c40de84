"""A shipment of a controlled chemical named in words, with no CAS number, is decided as that
chemical: the trial's Japanese export to China of "Hydrogen fluoride anhydrous 99.9%" was a
review (1C350.24 only suggested) and needs a licence, as with CAS 7664-39-3; hydrogen fluoride
at 25 % is below the mixture threshold (more than 30 %) and clear. A use word ("etching gas")
stays a review."""

from __future__ import annotations

from typing import Any

import pytest

from tests.shipments.builders import SMALL_LOT, jp_to_cn
from tradeguard.shipments import Evaluator


def shipment(item: dict[str, Any]) -> Any:
    return jp_to_cn(
        item,
        date="2025-06-01",
        exporter=("Morita Chemical Trading", "Osaka"),
        consignee=("Shenzhen Etch Materials", "Shenzhen"),
        end_use="semiconductor manufacturing",
        lot=SMALL_LOT,
    )


@pytest.mark.parametrize(
    "item",
    [
        {"description": "Hydrogen fluoride anhydrous 99.9%"},
        {"description": "Hydrogen fluoride anhydrous 99.9%", "cas": "7664-39-3"},
    ],
)
def test_named_hydrogen_fluoride_needs_a_licence(
    classifying_evaluator: Evaluator, item: dict[str, Any]
) -> None:
    decision = classifying_evaluator.evaluate(shipment(item))
    assert decision.verdict == "LICENCE_REQUIRED", decision.reasons
    assert decision.items[0].controlled is True
    assert "1C350.24" in [e.code for e in decision.items[0].entries if e.status == "controlled"]


def test_hydrogen_fluoride_below_the_mixture_threshold_is_clear(
    classifying_evaluator: Evaluator,
) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": "Hydrogen fluoride 25%"}))
    assert decision.verdict == "CLEAR", decision.reasons
    assert decision.items[0].controlled is False


def test_a_use_word_stays_a_review(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(shipment({"description": "etching gas"}))
    assert decision.verdict == "REVIEW", decision.reasons
    assert decision.items[0].controlled is None

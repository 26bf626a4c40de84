"""Machine tools are an open classification question, not "not controlled": the trial's
Japanese export of a 5-axis machining centre (HS 845710) and a CNC lathe (HS 845811) to China
was CLEAR; each is now a review naming the paragraphs of 2B001 and 2B201 and the parameters
that decide them, and a lathe whose parameters meet 2B201.c needs a licence."""

from __future__ import annotations

from typing import Any

import pytest

from tests.shipments.builders import jp_to_cn
from tradeguard.shipments import Evaluator


def shipment(item: dict[str, Any]) -> Any:
    return jp_to_cn(item)


@pytest.mark.parametrize(
    ("item", "entries"),
    [
        (
            {"description": "5-axis CNC machining centre", "hs": "845710"},
            [
                *("2B001.b.1.a", "2B001.b.1.b", "2B001.b.2.a", "2B001.b.2.b", "2B001.b.2.c"),
                *("2B201.a.1", "2B201.a.2", "2B201.a.3"),
            ],
        ),
        ({"description": "CNC lathe", "hs": "845811"}, ["2B001.a.1", "2B001.a.2", "2B201.c"]),
    ],
)
def test_machine_tools_are_a_review(
    classifying_evaluator: Evaluator, item: dict[str, Any], entries: list[str]
) -> None:
    decision = classifying_evaluator.evaluate(shipment(item))
    assert decision.verdict == "REVIEW"
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    assert reason.evidence["entries"] == entries
    assert decision.items[0].controlled is None


def test_the_lathe_names_its_parameters_and_they_are_accepted(
    classifying_evaluator: Evaluator,
) -> None:
    decision = classifying_evaluator.evaluate(
        shipment({"description": "CNC lathe", "hs": "845811"})
    )
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    assert set(reason.evidence["missing_parameters"]) == {
        "positioning_accuracy_um",
        "machining_diameter_mm",
        "contouring_axes",
        "unidirectional_repeatability_um",
        "travel_length_m",
    }
    params = {"positioning_accuracy_um": 4, "machining_diameter_mm": 300, "contouring_axes": 2}
    item = {"description": "CNC lathe", "hs": "845811", "params": params}
    decided = classifying_evaluator.evaluate(shipment(item))
    assert decided.verdict == "LICENCE_REQUIRED"
    assert "2B201.c" in {e.code for e in decided.items[0].entries if e.status == "controlled"}

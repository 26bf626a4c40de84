"""Japan: a CWC Schedule 2 chemical to a state not party to the Convention. The shared facts do
not say what Japan allows (FACTS.md is silent; the Order's text held does not say), so no bulk
licence is offered for it any more (thiodiglycol to Egypt offered the special general bulk
licence) and the export carries a review reason, unverified. To a state party nothing changes."""

from __future__ import annotations

from typing import Any

import pytest

from tradeguard.shipments import Evaluator, parse_shipment


def trial(destination: str, cas: str = "111-48-8") -> Any:
    return parse_shipment(
        {
            "date": "2026-11-20",
            "export_country": "JP",
            "exporter": {"name": "Osaka Fine Chemical K.K.", "country": "JP", "address": "Osaka"},
            "consignee": {"name": "Textile Dyes Co.", "country": destination, "address": "1 Road"},
            "destination": destination,
            "end_use": "textile dye carrier",
            "items": [
                {
                    "description": "Thiodiglycol 99 %",
                    "cas": cas,
                    "quantity": 2000,
                    "unit": "kg",
                    "value": 9000,
                    "currency": "USD",
                }
            ],
        }
    )


@pytest.mark.parametrize("destination", ["EG", "IL"])
def test_schedule2_to_a_non_party_is_no_bulk_licence_and_a_review(
    classifying_evaluator: Evaluator, destination: str
) -> None:
    decision = classifying_evaluator.evaluate(trial(destination))
    [cwc] = [r for r in decision.reasons if r.code == "CWC_NON_PARTY"]
    assert cwc.severity == "review"
    assert cwc.verified is False
    assert cwc.evidence["entries"] == ["1C350.1"]
    [licence] = [r for r in decision.reasons if r.code == "LICENCE_REQUIRED"]
    assert licence.evidence["licence_type_required"] == "individual"
    assert "bulk" not in licence.message


def test_schedule2_to_a_state_party_keeps_the_bulk_licence_offer(
    classifying_evaluator: Evaluator,
) -> None:
    decision = classifying_evaluator.evaluate(trial("IN"))
    assert not [r for r in decision.reasons if r.code == "CWC_NON_PARTY"]
    [licence] = [r for r in decision.reasons if r.code == "LICENCE_REQUIRED"]
    assert licence.evidence["licence_type_required"] == "individual_or_conditional_bulk"


def test_schedule3_to_a_non_party_is_not_this_rule(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(
        trial("EG", cas="7719-12-2")
    )  # phosphorus trichloride
    assert not [r for r in decision.reasons if r.code == "CWC_NON_PARTY"]

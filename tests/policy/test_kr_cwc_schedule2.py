"""Korea: a CWC Schedule 2 chemical to a state not party to the Convention gets no licence
(Public Notice on Trade of Strategic Items Art. 18(5), FACTS_KR.md §2.1): thiodiglycol (CAS
111-48-8, Schedule 2B(13), EU/Korean 1C350.1) from Korea to Egypt or Israel is PROHIBITED, to a
state party it stays a licence matter; Schedule 3 to a non-party stays a licence matter."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.policy import load_policy
from tradeguard.shipments import Evaluator, parse_shipment


def trial(
    destination: str,
    cas: str = "111-48-8",
    description: str = "Thiodiglycol 99 %",
    hs: str = "293090",
) -> Any:
    return parse_shipment(
        {
            "id": f"KR-{destination}-TDG",
            "date": "2026-11-20",
            "export_country": "KR",
            "exporter": {"name": "Hanseong Fine Chemical", "country": "KR", "address": "Ulsan"},
            "consignee": {"name": "Textile Dyes Co.", "country": destination, "address": "1 Road"},
            "destination": destination,
            "end_use": "textile dye carrier",
            "items": [
                {
                    "description": description,
                    "cas": cas,
                    "hs": hs,
                    "quantity": 2000,
                    "unit": "kg",
                    "value": 9000,
                    "currency": "USD",
                }
            ],
        }
    )


@pytest.mark.parametrize(("destination", "status"), [("EG", "not party"), ("IL", "signatory")])
def test_thiodiglycol_to_a_non_party_is_prohibited(
    classifying_evaluator: Evaluator, destination: str, status: str
) -> None:
    decision = classifying_evaluator.evaluate(trial(destination))
    assert decision.verdict == "PROHIBITED"
    reason = next(r for r in decision.reasons if r.code == "KR_CWC_NON_PARTY")
    assert reason.severity == "prohibited"
    assert reason.evidence["entries"] == ["1C350.1"]
    assert status in reason.evidence["cwc_status"]
    assert "Art. 18(5)" in reason.legal_basis
    # no licence route is offered beside the prohibition
    assert "LICENCE_REQUIRED" not in {r.code for r in decision.reasons}


def test_thiodiglycol_to_a_state_party_needs_a_licence(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(trial("IN"))
    assert decision.verdict == "LICENCE_REQUIRED"
    assert "KR_CWC_NON_PARTY" not in {r.code for r in decision.reasons}


def test_schedule_3_to_a_non_party_stays_a_licence_matter(classifying_evaluator: Evaluator) -> None:
    # thionyl chloride, CWC Schedule 3B(14), 1C350.9: a licence with conditions, not a ban
    decision = classifying_evaluator.evaluate(
        trial("EG", "7719-09-7", "Thionyl chloride", "281217")
    )
    assert "KR_CWC_NON_PARTY" not in {r.code for r in decision.reasons}
    assert decision.verdict == "LICENCE_REQUIRED"


def test_the_non_parties_are_dated_sourced_data() -> None:
    rule = load_policy().kr.cwc_schedule2
    assert rule.non_parties.countries == ["EG", "IL", "KP", "SS"]
    assert rule.non_parties.as_of == date(2023, 11, 29)
    assert "opcw.org" in rule.non_parties.source
    # the US Part 745 list the project reads for the EAR names the same states
    assert load_policy().us_ccl.cwc_non_parties.countries == rule.non_parties.countries

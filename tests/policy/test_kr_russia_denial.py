"""Korea's policy of denial for strategic items to Russia and Belarus (Public Notice Art. 18(9),
별표24; FACTS_KR.md §2.8): an individual licence only, exceptional case-by-case review; a trial
user's KR->RU hydrogen fluoride was offered comprehensive licences."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.policy import EntryFacts, ItemFacts, LicenceFacts, PolicyEngine, load_policy

ON = date(2026, 12, 6)
HF = ItemFacts(line=1, entries=(EntryFacts("1C350.24"),), quantity=1)


def _licence(kind: str) -> list[LicenceFacts]:
    return [LicenceFacts(number="L-1", jurisdiction="KR", type=kind, entries=("1C350.24",))]


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


@pytest.mark.parametrize("dest", ["RU", "BY"])
def test_strategic_items_get_the_policy_of_denial(engine: PolicyEngine, dest: str) -> None:
    denial, required = engine.licensing("KR", dest, HF, [], ON)
    assert denial.code == "KR_POLICY_OF_DENIAL"
    assert denial.severity == "licence_required"
    assert "18(9)" in denial.legal_basis
    assert "별표24" in denial.legal_basis
    assert required.evidence["licence_types"] == ["individual"]
    assert "comprehensive" not in required.message.lower()


def test_a_comprehensive_licence_does_not_cover_it(engine: PolicyEngine) -> None:
    codes = [r.code for r in engine.licensing("KR", "RU", HF, _licence("general"), ON)]
    assert codes == ["KR_POLICY_OF_DENIAL", "LICENCE_REQUIRED"]


def test_an_individual_licence_granted_covers_it(engine: PolicyEngine) -> None:
    [reason] = engine.licensing("KR", "RU", HF, _licence("individual"), ON)
    assert reason.code == "LICENCE_COVERED"


def test_before_2022_and_elsewhere_no_denial(engine: PolicyEngine) -> None:
    for dest, on in (("RU", date(2021, 6, 1)), ("CN", ON)):
        codes = [r.code for r in engine.licensing("KR", dest, HF, [], on)]
        assert "KR_POLICY_OF_DENIAL" not in codes

"""Korea's licence types by destination group (FACTS_KR.md §1.4, §2.2, worked decisions 1, 2, 3, 10):
a 가 destination is never licence-free, and comprehensive licences are for CP traders only, so one
quoted on a declaration is left for review; none serves Japan in 가의2 but the AAA item-comprehensive."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.policy import EntryFacts, ItemFacts, LicenceFacts, PolicyEngine, load_policy

HF = EntryFacts("1C350.24", ("AG",), ())
CAMERA = EntryFacts("6A003.b.4", ("WA",), ())


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def test_ga_destination_is_not_licence_free(engine: PolicyEngine) -> None:
    # worked decision 10: a WA camera to the US needs a licence; no general authorisation for 가
    item = ItemFacts(line=1, entries=(CAMERA,), value=20000, currency="USD")
    reasons = engine.licensing("KR", "US", item, [], date(2025, 6, 1))
    assert [r.code for r in reasons] == ["LICENCE_REQUIRED"]
    assert reasons[0].evidence["destination_group"] == "가"
    assert "general/bulk licence allowed" not in reasons[0].message
    assert "user-comprehensive licence" in reasons[0].message
    assert "CP trader" in reasons[0].message


@pytest.mark.parametrize(
    ("destination", "on", "group"),
    [
        ("JP", date(2024, 6, 1), "가"),
        ("US", date(2020, 6, 1), "가의1"),
        ("CN", date(2025, 6, 1), "나의1"),
    ],
)
def test_comprehensive_licence_needs_cp_status(
    engine: PolicyEngine, destination: str, on: date, group: str
) -> None:
    # worked decisions 2 and 3: a comprehensive licence serves only a CP trader (grade not known here)
    item = ItemFacts(line=1, entries=(HF,))
    bulk = [LicenceFacts("KR-UCL-1", "KR", "comprehensive")]
    reasons = engine.licensing("KR", destination, item, bulk, on)
    assert [r.code for r in reasons] == ["LICENCE_TYPE_UNDECIDED"]
    assert reasons[0].evidence["destination_group"] == group
    individual = [LicenceFacts("KR-IL-1", "KR", "individual")]
    assert engine.licensing("KR", destination, item, individual, on)[0].code == "LICENCE_COVERED"


def test_japan_in_ga2_only_aaa_item_comprehensive(engine: PolicyEngine) -> None:
    # worked decision 1: HF to Japan 2020-06, Japan in 가의2 — individual licence; ICL for AAA only
    item = ItemFacts(line=1, entries=(HF,))
    reasons = engine.licensing("KR", "JP", item, [], date(2020, 6, 1))
    assert reasons[0].code == "LICENCE_REQUIRED"
    assert reasons[0].evidence["destination_group"] == "가의2"
    assert "grade AAA" in reasons[0].message
    assert "user-comprehensive licence only exceptionally" in reasons[0].message

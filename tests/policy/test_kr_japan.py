"""Japan and Korea in both directions across 2019-2024 (FACTS_KR.md §1.4, FACTS.md §1.4): a Korean
exporter's Japan moved 가 -> 가의2 at 2019-09-18 00:00 and back to 가 on 2023-04-24; a Japanese
exporter's Korea moved Group A -> B on 2019-08-28 and back to A on 2023-07-21."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.policy import EntryFacts, ItemFacts, PolicyEngine, load_policy
from tradeguard.policy.kr_model import KrFacts

HF = EntryFacts("1C350.24", ("AG",), ())


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


@pytest.mark.parametrize(
    ("on", "group", "days", "item_comprehensive_for_aa"),
    [
        (date(2019, 6, 1), "가", 5, True),
        (date(2019, 9, 17), "가", 5, True),
        (date(2019, 9, 18), "가의2", 15, False),
        (date(2021, 1, 1), "가의2", 15, False),
        (date(2023, 4, 23), "가의2", 15, False),
        (date(2023, 4, 24), "가", 5, True),
        (date(2024, 12, 31), "가", 5, True),
    ],
)
def test_korea_to_japan(
    engine: PolicyEngine, on: date, group: str, days: int, item_comprehensive_for_aa: bool
) -> None:
    (reason,) = engine.licensing(
        "KR", "JP", ItemFacts(line=1, entries=(HF,)), [], on, kr=KrFacts(cp_grade="AA")
    )
    assert reason.code == "LICENCE_REQUIRED"  # never licence-free, 가 or not
    assert reason.evidence["destination_group"] == group
    assert reason.evidence["processing_days"] == days
    assert ("item_comprehensive" in reason.evidence["licence_types"]) is item_comprehensive_for_aa
    # an AAA trader keeps the item-comprehensive licence to 가의2
    (aaa,) = engine.licensing(
        "KR", "JP", ItemFacts(line=1, entries=(HF,)), [], on, kr=KrFacts(cp_grade="AAA")
    )
    assert "item_comprehensive" in aaa.evidence["licence_types"]


@pytest.mark.parametrize(
    ("on", "group"),
    [
        (date(2019, 6, 1), "A"),
        (date(2019, 8, 27), "A"),
        (date(2019, 8, 28), "B"),
        (date(2021, 1, 1), "B"),
        (date(2023, 7, 20), "B"),
        (date(2023, 7, 21), "A"),
        (date(2024, 12, 31), "A"),
    ],
)
def test_japan_to_korea(engine: PolicyEngine, on: date, group: str) -> None:
    assert engine.group("JP", "KR", on)[0] == group
    hf = ItemFacts(line=1, cas="7664-39-3", entries=(HF,))
    reasons = engine.licensing("JP", "KR", hf, [], on)
    assert reasons[0].code == "LICENCE_REQUIRED"
    assert reasons[0].evidence["destination_group"] == group
    # from 2019-07-04 to 2023-03-22 HF to Korea needed an individual licence (the 3-item measure)
    measure = date(2019, 7, 4) <= on < date(2023, 3, 23)
    assert (reasons[0].evidence["licence_type_required"] == "individual") is measure

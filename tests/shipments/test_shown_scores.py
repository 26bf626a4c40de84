"""A shipment's reasons write a party's score as the screening faces show it: cut to two
decimals, never rounded up, so a score below the threshold never reads as the threshold."""

from __future__ import annotations

from tradeguard.shipments.decision import PartyMatch
from tradeguard.shipments.designated import Reach, designated_reason


def test_a_score_below_the_threshold_never_reads_as_it() -> None:
    best = PartyMatch(
        entity_id="un_sc:KPe.002",
        list="un_sc",
        caption="KOREA RYONBONG GENERAL CORPORATION",
        matched_name="KOREA RYONBONG GENERAL CORPORATION",
        score=0.6995,
        level="designated",
    )
    reason = designated_reason("end_user", "Ryonbong Gen", best, Reach(exporter="JP"), "", {}, {})
    assert "score 0.69" in reason.message and "0.70" not in reason.message

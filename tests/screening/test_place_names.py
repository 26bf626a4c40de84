"""A name made of a place and words of a trade alone, against the bundled snapshot of the real
lists: it is no firm's distinctive name, so it does not alert on a listed firm whose name has
a word of its own beside that place and trade; the listed name itself still matches."""

from __future__ import annotations

import pytest

from tests.screening.helpers import scores_by_entry
from tradeguard.screening import Query, Screener


@pytest.mark.parametrize(
    ("name", "countries", "entry"),
    [
        # CSL 16849 DALIAN ZENGHUA TRADING CO., LTD. (CN): 0.75 before
        ("Dalian Trading Co Ltd", ["CN"], "us_csl:16849"),
        ("Dalian Trading Co Ltd", [], "us_csl:16849"),
        # CSL HSJ Electronic Hong Kong Limited: 0.80 before
        ("Hong Kong Electronics", [], "us_csl:6247f8db49169b059ae5f60a6db48f33dde89923"),
    ],
)
def test_a_place_and_a_trade_is_not_another_firm_of_that_place(
    full: Screener, name: str, countries: list[str], entry: str
) -> None:
    assert entry not in scores_by_entry(full, name, countries)


def test_the_listed_name_of_a_place_and_a_trade_still_matches(full: Screener) -> None:
    # UN KPe.005, HONG KONG ELECTRONICS
    assert scores_by_entry(full, "Hong Kong Electronics", [])["un_sc:KPe.005"] >= 0.99
    [match] = [
        m
        for m in full.screen(Query("Dalian Zenghua Trading Co., Ltd.", schema="Organization"))
        if m.entity_id == "us_csl:16849" or "us_csl:16849" in str(m.memberships)
    ]
    assert match.score >= 0.95

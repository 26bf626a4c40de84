"""A name made of a place and words of a trade alone, against the bundled snapshot of the real
lists: it is no firm's distinctive name, so it does not alert on a listed firm whose name has
a word of its own beside that place and trade; the listed name itself still matches."""

from __future__ import annotations

import pytest

from tradeguard.screening import Query, Screener


def _entries(full: Screener, name: str, countries: list[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    for match in full.screen(Query(name, schema="Organization", countries=countries)):
        for entry in {match.entity_id, *(str(m["entity_id"]) for m in match.memberships)}:
            found[entry] = max(found.get(entry, 0.0), match.score)
    return found


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
    assert entry not in _entries(full, name, countries)


def test_the_listed_name_of_a_place_and_a_trade_still_matches(full: Screener) -> None:
    # UN KPe.005, HONG KONG ELECTRONICS
    assert _entries(full, "Hong Kong Electronics", [])["un_sc:KPe.005"] >= 0.99
    [match] = [
        m
        for m in full.screen(Query("Dalian Zenghua Trading Co., Ltd.", schema="Organization"))
        if m.entity_id == "us_csl:16849" or "us_csl:16849" in str(m.memberships)
    ]
    assert match.score >= 0.95

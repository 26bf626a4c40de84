"""A designated party's branch in a third country, against the bundled snapshot of the real
lists: a country's code or abbreviation beside a branch word is a place ("HK Branch", "PRC
Office", "UAE Branch"), and the country given with the query is the branch's, which does not
count against the party."""

from __future__ import annotations

import pytest

from tradeguard.screening import Query, Screener
from tradeguard.screening.branch import parts


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Tanchon Commercial Bank HK Branch", "Tanchon Commercial Bank"),
        ("Korea Ryonbong General Corp HK Branch", "Korea Ryonbong General Corp"),
        ("Tanchon Commercial Bank PRC Office", "Tanchon Commercial Bank"),
        ("Green Pine Associated Corporation UAE Branch", "Green Pine Associated Corporation"),
        ("DPRK Office of Tanchon Commercial Bank", "Tanchon Commercial Bank"),
    ],
)
def test_a_country_code_beside_a_branch_word_is_a_place(name: str, core: str) -> None:
    assert core in [p.core for p in parts(name)]


@pytest.mark.parametrize(
    "name",
    [
        # written in lower case, "in" is a word, not India's code
        "Tanchon Commercial Bank in branch",
        # a code without a branch word is no branch: the name is screened as written
        "Tanchon Commercial Bank HK",
    ],
)
def test_no_branch_without_a_code_in_capitals_and_a_branch_word(name: str) -> None:
    assert "Tanchon Commercial Bank" not in [p.core for p in parts(name)]


@pytest.mark.parametrize(
    ("name", "country", "entry"),
    [
        ("Tanchon Commercial Bank HK Branch", "HK", "un_sc:KPe.003"),
        ("Korea Ryonbong General Corp HK Branch", "HK", "un_sc:KPe.002"),
        ("Tanchon Commercial Bank PRC Office", "CN", "un_sc:KPe.003"),
        ("Green Pine Associated Corporation UAE Branch", "AE", "un_sc:KPe.010"),
        ("Tanchon Commercial Bank Hong Kong Branch", "HK", "un_sc:KPe.003"),
    ],
)
def test_a_branch_abroad_is_the_party_whatever_its_country(
    full: Screener, name: str, country: str, entry: str
) -> None:
    [match, *_] = full.screen(Query(name, countries=[country]))
    assert entry in {match.entity_id, *(m["entity_id"] for m in match.memberships)}
    assert match.score == 1.0, match.explanation
    [effect] = [f for f in match.explanation["features"] if f["feature"] == "country"]
    assert effect["effect"] == 0.0
    assert effect["params"]["note"] == "branch"
    assert match.explanation["part"]["rest_is"][-1] == "branch"


def test_the_country_still_counts_against_the_name_screened_whole(full: Screener) -> None:
    """Without a branch word the country given is the party's own: a listed name from
    another country is lowered as before."""
    [match, *_] = full.screen(Query("Tanchon Commercial Bank", countries=["HK"]))
    [effect] = [f for f in match.explanation["features"] if f["feature"] == "country"]
    assert effect["effect"] == -0.05
    assert match.score == 0.95


def test_a_score_below_the_threshold_never_shows_as_the_threshold(full: Screener) -> None:
    """RYONBONG GENERAL CORP. LLC GMBH SA scores 0.6995: below 0.7 it is no hit, and it shows
    as 0.69, not 0.70 (the decision compares the score rounded to four places)."""
    from tradeguard.screening.features import shown

    [match] = full.screen(Query("RYONBONG GENERAL CORP. LLC GMBH SA"), threshold=0.6)
    assert match.score < 0.7
    assert not full.screen(Query("RYONBONG GENERAL CORP. LLC GMBH SA"), threshold=0.7)
    assert f"{shown(match.score):.2f}" == f"{shown(0.6995):.2f}" == "0.69"
    assert shown(0.7) == 0.7 and shown(0.29) == 0.29 and shown(1.0) == 1.0

"""A Korean person's given name is written in syllables, in order: on the bundled snapshot of
the real lists, 리수용 (Ri Su Yong, UN KPi.052) is not RI Myong Su (EU 111811, 리명수), whose
given name shares one syllable in another place; 李明 / 이명 (*ri myong*) is at most a possible
match to review, not a designated party's score; the same names in other spellings, scripts
and word orders still meet."""

from __future__ import annotations

import pytest

from tradeguard.screening import Match, Query, Screener

RI_SU_YONG = "un_sc:KPi.052"
RI_MYONG_SU = "eu_fsf:111811"


def _holding(matches: list[Match], entity_id: str) -> Match | None:
    return next((m for m in matches if entity_id in {x["entity_id"] for x in m.memberships}), None)


@pytest.mark.parametrize("name", ["리수용", "이수용", "Ri Su Yong", "RI Su-yong", "Su Yong RI"])
@pytest.mark.parametrize("schema", ["Person", None])
def test_ri_su_yong_finds_himself_not_ri_myong_su(
    full: Screener, name: str, schema: str | None
) -> None:
    matches = full.screen(Query(name, schema=schema))
    found = _holding(matches, RI_SU_YONG)
    assert found is not None and found.score >= 0.9, (name, schema)
    assert _holding(matches, RI_MYONG_SU) is None, (name, schema)


@pytest.mark.parametrize("name", ["Yong Su Ri", "Ri Yong Su", "리용수"])
@pytest.mark.parametrize("schema", ["Person", None])
def test_another_given_name_is_another_person(
    full: Screener, name: str, schema: str | None
) -> None:
    assert _holding(full.screen(Query(name, schema=schema)), RI_MYONG_SU) is None, name


def test_given_names_that_differ_score_low(full: Screener) -> None:
    for name in ("리수용", "이수용", "Ri Su Yong", "Yong Su Ri"):
        assert full.compare(name, "RI Myong Su", "Person")["score"] < 0.5, name
    assert full.compare("리명수", "RI Myong Su", "Person")["score"] == 1.0


@pytest.mark.parametrize("name", ["李明", "이명", "Ri Myong"])
@pytest.mark.parametrize("schema", ["Person", None])
def test_a_given_name_of_one_syllable_is_no_contained_name(
    full: Screener, name: str, schema: str | None
) -> None:
    """명 is not 명수: the syllable 수 the query lacks costs as any word a name lacks, not half
    as a further name of a contained person; a possible match at most, never 0.9."""
    assert full.compare(name, "RI Myong Su", "Person")["score"] < 0.85, name
    match = _holding(full.screen(Query(name, schema=schema)), RI_MYONG_SU)
    assert match is None or match.score < 0.85, (name, schema)


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Jong Sik KIM", "KIM JONG SIK"),  # the surname last
        ("Kim Jongsik", "KIM JONG SIK"),  # the given name written as one word
        ("김정식", "KIM JONG SIK"),
        ("Kim Chul", "KIM Chol"),  # 철 spelt two ways: one syllable
        ("Myung Su Lee", "RI Myong Su"),
        ("Chung-cheong Gim", "KIM JUNG JONG"),  # spellings of one surname, met in order
    ],
)
def test_one_name_in_other_spellings_still_meets(full: Screener, query: str, listed: str) -> None:
    assert full.compare(query, listed, "Person")["score"] >= 0.85, (query, listed)


def test_a_name_without_its_surname_is_still_contained(full: Screener) -> None:
    assert full.compare("Jong Sik", "KIM JONG SIK", "Person")["score"] >= full.threshold

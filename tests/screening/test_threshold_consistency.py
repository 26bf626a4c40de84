"""Results at a threshold are the results at any lower threshold kept at or above it: no
retrieval, pruning or early exit may depend on the threshold (or on the query's country) in
a way that loses a candidate whose final score reaches it (issue 17)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity
from tradeguard.names.analysis import TokenClass, make_token
from tradeguard.screening import Query, Screener, similarity
from tradeguard.screening.similarity import token_similarity

LIMIT = 200


def _names(entities: list[Entity]) -> list[tuple[str, str]]:
    return sorted({(n.value, e.schema) for e in entities for n in e.names if n.value.strip()})


@st.composite
def _edited(draw: st.DrawFn, names: list[tuple[str, str]]) -> tuple[str, str]:
    name, schema = draw(st.sampled_from(names))
    chars = list(name)
    for _ in range(draw(st.integers(0, 3))):
        if not chars:
            break
        at = draw(st.integers(0, len(chars) - 1))
        kind = draw(st.sampled_from(("drop", "swap", "insert", "replace", "word")))
        if kind == "drop":
            del chars[at]
        elif kind == "swap" and at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
        elif kind == "insert":
            chars.insert(at, draw(st.sampled_from("aeiounrgk ")))
        elif kind == "replace":
            chars[at] = draw(st.sampled_from("aeiounrgk"))
        elif kind == "word":
            words = "".join(chars).split()
            if len(words) > 1:
                del words[at % len(words)]
            chars = list(" ".join(words))
    edited = "".join(chars)
    if sum(c.isalpha() for c in edited) < 2:
        edited = name
    return edited, schema


def _results(screener: Screener, query: Query, threshold: float) -> list[tuple[str, float]]:
    return [(m.entity_id, round(m.score, 6)) for m in screener.screen(query, threshold, LIMIT)]


def test_threshold_filters_results(full: Screener, snapshot_entities: list[Entity]) -> None:
    names = _names(snapshot_entities)

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        edited=_edited(names),
        low=st.sampled_from((0.3, 0.5, 0.6)),
        high=st.sampled_from((0.7, 0.8, 0.9, 0.93)),
        person=st.booleans(),
        country=st.sampled_from(((), ("CN",), ("KP",), ("RU",))),
    )
    def check(
        edited: tuple[str, str], low: float, high: float, person: bool, country: tuple[str, ...]
    ) -> None:
        name, schema = edited
        query = Query(name, schema=schema if person else None, countries=list(country))
        try:
            at_high = _results(full, query, high)
        except InputError:  # nothing left to screen: the same at any threshold
            with pytest.raises(InputError):
                _results(full, query, low)
            return
        at_low = [r for r in _results(full, query, low) if r[1] >= high]
        assert at_high == at_low, (name, schema, country, low, high)

    check()


def test_a_designated_firm_is_found_at_every_threshold(full: Screener) -> None:
    # a kanji name read "korea ryongpong trading co" (METI) shares the rare word exactly and
    # must not crowd the UN entry out of retrieval, whatever the threshold or the country
    for name in ("Korea Ryongbong General Corporation", "Korea Ryongbong General Corp"):
        for countries, thresholds in (([], (None, 0.5, 0.7, 0.9, 0.93)), (["CN"], (0.5, 0.85))):
            for threshold in thresholds:
                found = {
                    m.entity_id: m.score
                    for m in full.screen(Query(name, countries=countries), threshold)
                }
                assert found.get("un_sc:KPe.002", 0.0) >= 0.85, (name, threshold, countries)


def test_a_score_shown_at_the_threshold_reaches_it(full: Screener) -> None:
    # MOF 2-638's katakana name アブ・アフマド meets AHMED ABI at 0.85, less 0.05 for a country
    # that differs: 0.7999999999999999 unrounded, shown as 0.80 at threshold 0.3 and left out
    # at threshold 0.8 (the seed 261036680987980335978083622763680154951 of the test above)
    query = Query("AHMED ABI", schema="Person", countries=["CN"])
    at_low = {m.entity_id: m.score for m in full.screen(query, 0.3, LIMIT)}
    at_high = {m.entity_id: m.score for m in full.screen(query, 0.8, LIMIT)}
    assert at_low["jp_mof:2-638"] == at_high["jp_mof:2-638"] == 0.8


def test_how_two_words_meet_does_not_depend_on_the_words_met_before() -> None:
    # ``ab`` is a company form in one reading of アブ (AB, the Swedish form) and a
    # distinctive word in another: a company form meets no katakana hearing, a name does. The
    # remembered similarities were keyed on the texts alone, so the first class met decided.
    abi, form, name = make_token("abi"), make_token("ab", TokenClass.FORM), make_token("ab")
    answers = []
    for order in ((form, name), (name, form)):
        similarity._ROWS.clear()
        answers.append({b.cls: token_similarity(abi, b, kana=True) for b in order})
    assert answers[0] == answers[1]
    assert answers[0][TokenClass.FORM][0] == 0.0 and answers[0][TokenClass.NAME][0] > 0.8

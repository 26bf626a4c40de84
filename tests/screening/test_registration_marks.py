"""An aircraft's registration mark names one aircraft only as a whole: against the bundled
snapshot of the real lists (OFAC's Iranian aircraft EP-IBK, EP-MOE, EP-CAP, YK-AGC), a firm's
initials that are a mark's suffix meet no aircraft, and the whole mark, hyphenated, spaced or
joined, still finds it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.screening import Query, Screener
from tradeguard.screening.marks import carries, registration_mark


@pytest.mark.parametrize(
    ("name", "mark"),
    [
        ("EP-IBK", ("ep", "ibk")),
        ("YK-AGC", ("yk", "agc")),
        ("4X-ABC", ("4x", "abc")),
        ("EK-30064", ("ek", "30064")),
        ("ep ibk", ("ep", "ibk")),
        ("BOURKHAN", None),
        ("MSN 391", None),
        ("YV3360", None),  # no suffix written apart: no firm's initials alone meet it
        ("12-345", None),
    ],
)
def test_a_registration_mark_is_read_from_a_name(name: str, mark: tuple[str, str] | None) -> None:
    assert registration_mark(name) == mark


@pytest.mark.parametrize(
    ("query", "whole"),
    [
        ("EP-IBK", True),
        ("EP IBK", True),
        ("EPIBK", True),
        ("aircraft EP-IBK (Mahan Air)", True),
        ("IBK", False),
        ("IBK 기업은행", False),
        ("SLEEP-IBK", False),
        ("IBK EP", False),
    ],
)
def test_a_query_carries_the_whole_mark_or_not(query: str, whole: bool) -> None:
    assert carries(query, ("ep", "ibk")) is whole


@given(st.text(max_size=20))
def test_a_query_without_the_prefix_never_carries_the_mark(text: str) -> None:
    if "ep" not in text.casefold():
        assert not carries(text, ("ep", "ibk"))


@pytest.mark.parametrize(
    ("name", "country", "mark"),
    [
        ("IBK 기업은행", "KR", "EP-IBK"),  # Industrial Bank of Korea: was EP-IBK at 0.77
        ("IBK", None, "EP-IBK"),  # 0.770
        ("IBK투자증권", None, "EP-IBK"),  # 0.770
        ("MOE", "JP", "EP-MOE"),  # 0.726
        ("CAP SA", "CL", "EP-CAP"),  # 0.713
        ("AGC", "JP", "YK-AGC"),
    ],
)
def test_a_marks_suffix_alone_meets_no_aircraft(
    full: Screener, name: str, country: str | None, mark: str
) -> None:
    countries = [country] if country else []
    for schema in (None, "Airplane"):
        matches = full.screen(Query(name, schema=schema, countries=countries), threshold=0.5)
        assert all(m.matched_name != mark for m in matches), [m.entity_id for m in matches]


@pytest.mark.parametrize("name", ["EP-IBK", "EPIBK", "EP IBK", "ep-ibk"])
def test_the_whole_mark_finds_the_aircraft(full: Screener, name: str) -> None:
    for schema in (None, "Airplane"):
        matches = full.screen(Query(name, schema=schema))
        assert matches and matches[0].entity_id == "us_ofac_sdn:25538"
        assert matches[0].score >= 0.99


def test_vessel_names_are_unaffected(full: Screener) -> None:
    # a vessel's name of a mark's shape (OFAC's 7-28) is no registration mark
    vessels = [e for e in full.entities if e.schema == "Vessel" and registration_mark(e.caption)]
    assert vessels
    for vessel in vessels[:20]:
        for schema in (None, "Vessel"):
            matches = full.screen(Query(vessel.caption, schema=schema))
            assert matches and matches[0].matched_name == vessel.caption, vessel.id
            assert matches[0].schema == "Vessel"

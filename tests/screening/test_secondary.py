"""Secondary data on the bundled snapshot of the real lists: a person's birth year (±1)
decides between the listed person and a namesake, a country only lowers the score, an
identifier outweighs them, an
unknown birth date changes nothing, and the explanation says what happened in words."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.cli.render.screening import reasons
from tradeguard.errors import InputError
from tradeguard.reports.explain import sentences
from tradeguard.screening import Match, Query, Screener
from tradeguard.screening.model import birth_date

#: Floribert Ngabu Njabu (UN CDi.021): born 1971-05-23, Congolese, passport OB 0243318
NJABU = "un_sc:CDi.021"


def _persons(screener: Screener, count: int) -> list[tuple[str, str, int]]:
    """UN-listed persons whose party gives one birth year: (entity id, name, year)."""
    out = []
    for i, entity in enumerate(screener.entities):
        if entity.list != "un_sc" or entity.schema != "Person":
            continue
        members = screener.members(i)
        years = {d[:4] for m in members for d in screener.entities[m].birth_dates}
        if len(years) == 1 and (year := years.pop()).isdigit():
            out.append((entity.id, entity.caption, int(year)))
        if len(out) == count:
            break
    return out


def _holding(matches: list[Match], entity_id: str) -> Match | None:
    return next((m for m in matches if entity_id in {x["entity_id"] for x in m.memberships}), None)


def test_the_listed_year_and_one_year_off_alert(full: Screener) -> None:
    for entity_id, name, year in _persons(full, 25):
        for asked in (year - 1, year, year + 1):
            matches = full.screen(Query(name, schema="Person", birth_date=str(asked)))
            assert _holding(matches, entity_id) is not None, (name, asked)


def test_a_birth_year_two_or_more_years_off_never_alerts(full: Screener) -> None:
    for entity_id, name, year in _persons(full, 25):
        for asked in (year - 30, year - 2, year + 2, year + 45):
            matches = full.screen(Query(name, schema="Person", birth_date=str(asked)))
            assert _holding(matches, entity_id) is None, (name, asked)


def test_an_unknown_birth_date_changes_nothing(full: Screener) -> None:
    """A query without a birth date scores as before; so does a query with one against a
    party no list gives a birth date for."""
    undated = [
        (e.id, e.caption)
        for i, e in enumerate(full.entities)
        if e.list == "un_sc"
        and e.schema == "Person"
        and not any(full.entities[m].birth_dates for m in full.members(i))
    ][:10]
    assert len(undated) == 10
    for entity_id, name in undated:
        plain = _holding(full.screen(Query(name, schema="Person")), entity_id)
        dated = _holding(full.screen(Query(name, schema="Person", birth_date="1950")), entity_id)
        assert plain is not None and dated is not None, name
        assert dated.score == plain.score
        assert not any(f["feature"] == "birth_date" for f in dated.explanation["features"])


def test_a_namesake_is_told_in_words(full: Screener) -> None:
    query = Query("Floribert Ngabu Njabu", schema="Person", birth_date="1941")
    assert _holding(full.screen(query), NJABU) is None
    seen = _holding(full.screen(query, threshold=0.3), NJABU)
    assert seen is not None and seen.score < full.threshold
    told = sentences(seen.explanation)
    assert any(
        "Birth date 1941 contradicts 1971-05-23" in s
        and "a namesake, below the alert threshold" in s
        for s in told
    ), told


def test_the_command_lines_table_tells_a_namesake_in_words(full: Screener) -> None:
    query = Query("Floribert Ngabu Njabu", schema="Person", birth_date="1941")
    seen = _holding(full.screen(query, threshold=0.3), NJABU)
    assert seen is not None
    line = reasons(seen.explanation)
    assert "birth date 1941 contradicts 1971-05-23: a namesake, below the alert threshold (-0." in (
        line
    ), line


def test_another_country_lowers_a_person_but_never_hides_the_full_name(full: Screener) -> None:
    """A country none of the party's is where a person may live or trade (a shipment gives its
    party's address): it lowers the score, never below the alert threshold for the full name."""
    same = _holding(full.screen(Query("Floribert Ngabu Njabu", "Person", ["CD"])), NJABU)
    other = _holding(full.screen(Query("Floribert Ngabu Njabu", "Person", ["JP"])), NJABU)
    assert same is not None and other is not None
    assert full.threshold <= other.score < same.score
    country = next(f for f in other.explanation["features"] if f["feature"] == "country")
    assert country["effect"] == pytest.approx(-0.05)
    assert country["params"].get("note") is None
    assert not any("namesake" in s for s in sentences(other.explanation))


#: UN 1718 designees (DPRK nationals) and the countries they may be found in
DPRK_ABROAD = [
    ("Kim Jong Sik", "un_sc:KPi.066"),
    ("Ri Su Yong", "un_sc:KPi.052"),
    ("Son Jong Hyok", "un_sc:KPi.031"),
    ("Jang Myong Jin", "un_sc:KPi.007"),
]


@pytest.mark.parametrize(("name", "entity_id"), DPRK_ABROAD)
@pytest.mark.parametrize("country", ["CN", "RU", "KR"])
def test_a_dprk_designee_abroad_alerts(
    full: Screener, name: str, entity_id: str, country: str
) -> None:
    match = _holding(full.screen(Query(name, "Person", [country])), entity_id)
    assert match is not None and match.score >= 0.9, (name, country)


def test_a_contradicting_birth_year_still_makes_a_namesake_abroad(full: Screener) -> None:
    """The birth-year rule stays: Kim Jong Sik (KPi.066, born 1967, 1968 or 1969) born 1990 in
    China is a namesake, below the threshold."""
    query = Query("Kim Jong Sik", "Person", ["CN"], birth_date="1990")
    assert _holding(full.screen(query), "un_sc:KPi.066") is None
    seen = _holding(full.screen(query, threshold=0.3), "un_sc:KPi.066")
    assert seen is not None and seen.score < full.threshold


def test_an_identifier_outweighs_a_contradicting_birth_year(full: Screener) -> None:
    query = Query("Floribert Njabu", schema="Person", birth_date="1941", identifiers=["OB0243318"])
    match = _holding(full.screen(query), NJABU)
    assert match is not None and match.score >= full.threshold
    features = {f["feature"]: f for f in match.explanation["features"]}
    assert "OB 0243318 matches exactly" in features["identifier"]["detail"]
    assert "namesake" not in features["birth_date"]["detail"]


def test_an_organisations_country_lowers_but_never_hides_its_exact_name(full: Screener) -> None:
    name = "KOREA RYONBONG GENERAL CORPORATION"
    plain = _holding(full.screen(Query(name, schema="Organization")), "un_sc:KPe.002")
    foreign = _holding(
        full.screen(Query(name, schema="Organization", countries=["JP"])), "un_sc:KPe.002"
    )
    assert plain is not None and foreign is not None
    assert full.threshold <= foreign.score < plain.score
    # a name that is not the entry's full name exactly: lowered by the country, no more
    loose = "Korea Ryonbong General Trading Corporation"
    home = _holding(
        full.screen(Query(loose, "Organization", ["KP"]), threshold=0.3), "un_sc:KPe.002"
    )
    away = _holding(
        full.screen(Query(loose, "Organization", ["JP"]), threshold=0.3), "un_sc:KPe.002"
    )
    assert home is not None and away is not None
    assert away.score < home.score
    country = next(f for f in away.explanation["features"] if f["feature"] == "country")
    assert country["effect"] == pytest.approx(-0.05)


#: the day the birth-date tests take as today (injected: no test depends on the clock)
TODAY = date(2026, 12, 6)


@given(st.dates(), st.sampled_from([4, 7, 10]))
def test_a_birth_date_is_read_at_its_precision(day: date, length: int) -> None:
    text = str(day)[:length]
    if int(text[:4]) < 1000:
        with pytest.raises(InputError):
            birth_date(text, today=TODAY)
        return
    start = date(
        int(text[:4]), int(text[5:7] or 1) if length > 4 else 1, day.day if length == 10 else 1
    )
    if start > TODAY:
        with pytest.raises(InputError, match="is in the future"):
            birth_date(text, today=TODAY)
        return
    assert birth_date(f" {text} ", today=TODAY) == text
    assert birth_date(birth_date(text, today=TODAY), today=TODAY) == text


@pytest.mark.parametrize(
    ("bad", "why"),
    [
        ("1938-02-30", "is not a day of the calendar"),
        ("2023-02-29", "is not a day of the calendar"),
        ("2999", "is in the future"),
        ("2026-12-07", "is in the future"),
        ("2027-01", "is in the future"),
    ],
)
def test_a_birth_date_no_person_can_have_is_refused(bad: str, why: str) -> None:
    with pytest.raises(InputError, match=why) as caught:
        birth_date(bad, today=TODAY)
    assert caught.value.field == "birth_date"
    assert birth_date("2026-12-06", today=TODAY) == "2026-12-06"
    assert birth_date("2024-02-29", today=TODAY) == "2024-02-29"


def test_a_future_birth_date_is_refused_not_used_to_hide_a_match(full: Screener) -> None:
    # before: "2999" passed, and the namesake rule hid UN KPi.002 (found at 1.0 without it)
    with pytest.raises(InputError, match="is in the future"):
        full.screen(Query("Ri Je Son", schema="Person", birth_date="2999"))


@pytest.mark.parametrize("bad", ["12/04/1960", "1960-13", "1960-04-32", "60", "1960-4-12", "abcd"])
def test_a_birth_date_screening_cannot_read_is_refused(full: Screener, bad: str) -> None:
    with pytest.raises(InputError, match="is not YYYY, YYYY-MM or YYYY-MM-DD") as caught:
        full.screen(Query("Floribert Ngabu Njabu", schema="Person", birth_date=bad))
    assert caught.value.field == "birth_date"


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_an_empty_birth_date_is_unknown(empty: str | None) -> None:
    assert birth_date(empty) is None

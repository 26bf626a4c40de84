"""Property tests: date normalisation and remarks parsing never crash and only emit valid data."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.lists.common import iso_date
from tradeguard.lists.model import Entity
from tradeguard.lists.sources import ofac_remarks, un_remarks

ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def valid_iso(value: str) -> bool:
    if not ISO.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        return False
    if len(parts) == 3:
        date(parts[0], parts[1], parts[2])  # raises if the day does not exist
    return True


@given(st.text(max_size=40))
def test_iso_date_never_crashes_and_is_iso(text: str) -> None:
    result = iso_date(text)
    assert result is None or valid_iso(result)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
def test_iso_date_reads_the_ways_lists_write_dates(day: date) -> None:
    iso = day.isoformat()
    assert iso_date(iso) == iso
    assert iso_date(f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}") == iso
    assert iso_date(f"{day.month:02d}/{day.day:02d}/{day.year}") == iso
    assert iso_date(f"{MONTHS[day.month - 1]} {day.year}") == iso[:7]
    assert iso_date(f"{iso}T00:00:09.554Z") == iso


ITEM = st.one_of(
    st.text(max_size=30),
    st.builds(
        lambda d: f"DOB {d.day:02d} {MONTHS[d.month - 1]} {d.year}",
        st.dates(min_value=date(1900, 1, 1), max_value=date(2010, 1, 1)),
    ),
    st.builds(lambda a, b: f"DOB {a} to {b}", st.integers(1900, 2020), st.integers(1900, 2020)),
    st.builds(lambda t: f"alt. DOB circa {t}", st.text(max_size=8)),
    st.builds(lambda t: f"POB {t}", st.text(max_size=20)),
    st.sampled_from(["nationality Korea, North", "citizen Iran", "nationality Atlantis"]),
    st.builds(lambda t: f"a.k.a. '{t}'", st.text(min_size=1, max_size=20)),
    st.builds(lambda t: f"f.k.a. '{t}'", st.text(min_size=1, max_size=20)),
    st.builds(lambda t: f"Linked To: {t}", st.text(max_size=30)),
    st.builds(
        lambda n, c: f"Passport {n} ({c})", st.text(min_size=1, max_size=12), st.text(max_size=12)
    ),
    st.builds(lambda n: f"Vessel Registration Identification IMO {n}", st.integers(0, 99_999_999)),
    st.builds(lambda t: f"Digital Currency Address - {t}", st.text(max_size=30)),
    st.builds(lambda t: f"Registration Number {t} issued 01 Jan 2001", st.text(max_size=15)),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ITEM, max_size=8), st.booleans())
def test_ofac_remarks_never_crash_and_stay_valid(items: list[str], period: bool) -> None:
    text = "; ".join(items) + ("." if period else "")
    entity = Entity(id="us_ofac_sdn:1", list="us_ofac_sdn", source_id="1", schema="Person")
    ofac_remarks.apply_remarks(entity, text)
    assert all(valid_iso(d) for d in entity.birth_dates)
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in entity.nationalities)
    assert all(i.value.strip() for i in entity.identifiers)
    assert all(
        i.country is None or re.fullmatch(r"[A-Z]{2}", i.country) for i in entity.identifiers
    )
    for ident in entity.identifiers:
        if ident.type == "imo":
            assert re.fullmatch(r"\d{7}", ident.value)
    assert all(n.value == " ".join(n.value.split()) and n.value for n in entity.names)


@settings(deadline=None)
@given(st.text(max_size=200))
def test_un_remarks_never_crash(text: str) -> None:
    for rel in un_remarks.extract_relations(text, "KPe.001"):
        assert rel.target_id is None or re.fullmatch(r"un_sc:[A-Z]{2}[ei]\.\d{3}", rel.target_id)
        assert rel.target_name is None or rel.target_name.strip()
    assert all(re.fullmatch(r"\d{7}", imo) for imo in un_remarks.extract_imo(text))


def test_ofac_birth_date_forms() -> None:
    assert ofac_remarks.birth_dates("10 Dec 1948") == (["1948-12-10"], None)
    assert ofac_remarks.birth_dates("1960 to 1962") == (["1960", "1961", "1962"], "1960 to 1962")
    assert ofac_remarks.birth_dates("circa 1951") == (["1951"], "circa 1951")
    assert ofac_remarks.birth_dates("01 Jan 1960 to 31 Dec 1962")[0] == ["1960", "1961", "1962"]
    assert ofac_remarks.birth_dates("unknown") == ([], "unknown")

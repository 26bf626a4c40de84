"""A query of no type whose name states a legal form is screened as an organisation's name,
against the bundled snapshot of the real lists: it meets no person, vessel or aircraft, and
the explanation says the kind was read from the name. A vessel's or aircraft's name keeps the
words that spell a company form (the registration mark YK-AGC)."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import TokenClass, analyse
from tradeguard.screening import Query, Screener
from tradeguard.screening.kind import craft_form, stated_form


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("AGC株式会社", "kk"),
        ("太古股份有限公司", "co"),
        ("삼성전자 주식회사", "co"),
        ("Siemens GmbH", "gmbh"),
        ("RYONBONG GENERAL CORP. LLC GMBH SA", "corp"),
        ("Acme Sociedad Anonima", "sa"),
    ],
)
def test_a_legal_form_is_read_from_the_name(name: str, form: str) -> None:
    assert stated_form(name, analyse(name)) == form


@pytest.mark.parametrize(
    "name",
    [
        # two-letter forms written as such are words of persons' names on the lists too
        "IYAD AG GHALI",
        "Haytham Ahmed S.A.",
        "Kim Co",
        "PAO, Hua Chiang",
        "YK-AGC",
        "Kim Jong Un",
    ],
)
def test_no_kind_is_read_from_a_name_without_a_written_out_form(name: str) -> None:
    assert stated_form(name, analyse(name)) is None


@pytest.mark.parametrize(
    ("name", "country", "not_schema"),
    [
        ("AGC株式会社", "JP", "Airplane"),  # was YK-AGC (us_ofac_sdn:15751) at 1.00
        ("旭化成株式会社", "JP", "Vessel"),  # was HWA SONG at 0.735
        ("ファナック株式会社", "JP", "Vessel"),  # was FINIKIA at 0.704
        ("太古股份有限公司", "HK", "Person"),  # was KO TAE HUN (un_sc:KPi.025) at 0.714
    ],
)
def test_a_name_with_a_legal_form_meets_no_craft_or_person(
    full: Screener, name: str, country: str, not_schema: str
) -> None:
    for match in full.screen(Query(name, countries=[country]), threshold=0.5):
        assert match.schema not in ("Person", "Vessel", "Airplane"), match.entity_id
        assert match.explanation["kind"]["schema"] == "Organization"
        assert any(f["feature"] == "kind" for f in match.explanation["features"])


def test_the_kind_read_is_explained(full: Screener) -> None:
    [match, *_] = full.screen(Query("Korea Ryonbong General Corporation Co., Ltd."))
    assert match.entity_id == "un_sc:KPe.002"
    assert match.explanation["kind"]["form"] in ("co", "ltd", "corporation")
    assert "legal form" in match.explanation["kind"]["detail"]


def test_a_person_untyped_is_still_found(full: Screener) -> None:
    [match, *_] = full.screen(Query("Iyad Ag Ghali"))
    assert match.schema == "Person"
    assert "kind" not in match.explanation


def test_a_craft_name_keeps_its_form_words() -> None:
    [form, *_] = analyse("YK-AGC")
    assert form.tokens[0].cls == TokenClass.FORM
    assert all(t.cls == TokenClass.NAME for t in craft_form(form).tokens)


def test_an_aircraft_is_found_by_its_registration_mark(full: Screener) -> None:
    ids = {m.entity_id for m in full.screen(Query("YK-AGC"))}
    assert "us_ofac_sdn:15751" in ids
    ids = {m.entity_id for m in full.screen(Query("YK-AGC", schema="Airplane"))}
    assert "us_ofac_sdn:15751" in ids

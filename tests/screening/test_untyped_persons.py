"""The CSL rows of no stated type that are a listed person's: the State Department's ISN rows
of five DPRK persons the UN lists (KPi.006, .007, .013, .019, .050) say neither person nor
organisation. They join the person's party, are read as persons, and the birth-year rule
applies to them; a row whose own name says "individual" is a person when parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradeguard.lists.model import Entity
from tradeguard.lists.registry import parse_path
from tradeguard.network import parties
from tradeguard.screening import Query, Screener

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
UN = FIX / "un" / "consolidated-2026-02-27-extract.xml"
ISN = FIX / "us_csl" / "isn-persons-extract.csv"

#: UN reference -> (the ISN row's id, a spelling the ISN row gives, the UN birth year)
ISN_COPIES = {
    "KPi.006": ("12e6a8724d9db6594f211a36a8840f3bc4e37526", "Paek Chang-Ho", 1964),
    "KPi.007": ("1ccb22aa2055d471295f6ec5622c794dbe0242ea", "Jang Myong-Jin", 1968),
    "KPi.013": ("fdbd1e7ff68cc76355d72d5f35d586341ce56886", "Choe Chun Sik", 1954),
    "KPi.019": ("6a6851ae471508bc25145bd354bb04b33dd769c9", "Kang Mun Kil", 1963),
    "KPi.050": ("3c0691242bfc724f2c954969b1122de15acb0e64", "Pak To-Chun", 1944),
}


@pytest.fixture(scope="module")
def isn() -> list[Entity]:
    return parse_path(ISN).entities


@pytest.fixture(scope="module")
def screener(isn: list[Entity]) -> Screener:
    return Screener.from_entities([*parse_path(UN).entities, *isn])


def test_the_isn_rows_have_no_type_and_a_named_individual_is_a_person(isn: list[Entity]) -> None:
    schemas = {e.source_id: e.schema for e in isn}
    for row, _, _ in ISN_COPIES.values():
        assert schemas[row] == "LegalEntity"  # the CSL says nothing: read from the parties
    assert schemas["91b69f0bb2f246bb3a124c3ea7abb2cc6c55e7f0"] == "Person"  # (DPRK individual)
    assert schemas["45cf40c88a796a6a8ed97d7b1feee0b99800a543"] == "Person"  # (Russian individual)
    rim = "9756c1c24b4214620b328f5db6862d35d272a202"  # (North Korean individual in China)
    assert schemas[rim] == "Person"


@pytest.mark.parametrize("ref", sorted(ISN_COPIES))
def test_the_isn_copy_joins_the_un_person_and_is_read_as_a_person(
    screener: Screener, ref: str
) -> None:
    row, spelling, year = ISN_COPIES[ref]
    matches = screener.screen(Query(spelling, schema="Person", birth_date=str(year)))
    holding = [m for m in matches if f"us_csl:{row}" in {x["entity_id"] for x in m.memberships}]
    assert len(holding) == 1 and holding[0].party_id == f"un_sc:{ref}"
    members = {x["entity_id"] for x in holding[0].memberships}
    assert f"un_sc:{ref}" in members
    assert not [m for m in matches if m.party_id != holding[0].party_id and m.score >= 0.7]
    assert any(
        f"us_csl:{row}" in why and "read as a person" in why for why in holding[0].party_evidence
    )
    assert holding[0].score >= screener.threshold
    index = next(i for i, e in enumerate(screener.entities) if e.id == f"us_csl:{row}")
    assert screener.entities[index].schema == "Person"


@pytest.mark.parametrize("ref", sorted(ISN_COPIES))
def test_a_birth_year_decades_off_keeps_the_namesake_below_the_threshold(
    screener: Screener, ref: str
) -> None:
    _, spelling, year = ISN_COPIES[ref]
    for off in (year - 30, year + 30):
        matches = screener.screen(Query(spelling, schema="Person", birth_date=str(off)))
        assert not [m for m in matches if m.score >= screener.threshold], (off, matches)
    # one year off is still the person
    matches = screener.screen(Query(spelling, schema="Person", birth_date=str(year + 1)))
    assert any(m.party_id == f"un_sc:{ref}" and m.score >= screener.threshold for m in matches)


def test_an_organisation_query_no_longer_meets_the_person(screener: Screener) -> None:
    matches = screener.screen(Query("Paek Chang-Ho", schema="Organization"))
    assert not any(m.entity_id.startswith("us_csl:12e6a872") for m in matches)


# -- the resolver on hand-made edge cases ---------------------------------------------------


def _facts(list_: str, sid: str, schema: str, *names: str, **kw: list[str]) -> parties.PartyFacts:
    return parties.PartyFacts(list_, sid, schema, list(names), **kw)  # type: ignore[arg-type]


def _party(facts: list[parties.PartyFacts]) -> list[int]:
    ids = [f"{f.list}:{f.source_id}" for f in facts]
    keys = [parties.entry_key(i, f.schema, f.names[0]) for i, f in zip(ids, facts, strict=True)]
    return parties.resolve(ids, keys, parties.party_links(facts), publishers=None)[0]


def test_an_untyped_entry_joins_no_namesake() -> None:
    facts = [
        _facts("us_ofac_sdn", "1", "Person", "KIM, Yong Chol", birth_dates=["1962"]),
        _facts("us_ofac_sdn", "2", "Person", "KIM, Yong Chol", birth_dates=["1980"]),
        _facts("us_csl", "h1", "LegalEntity", "Kim Yong Chol"),
    ]
    party = _party(facts)
    assert len(set(party)) == 3  # two persons of that name: the untyped row is neither


def test_an_untyped_entry_joins_on_a_persons_own_name_not_an_alias() -> None:
    facts = [
        _facts("us_ofac_sdn", "1", "Person", "AMEZCUA CONTRERAS, Luis Ignacio", "LUIS LOPEZ"),
        _facts("us_csl", "h1", "LegalEntity", "LUIS LOPEZ"),
        _facts("un_sc", "KPi.006", "Person", "PAEK CHANG-HO", birth_dates=["1964-06-18"]),
        _facts("us_csl", "h2", "LegalEntity", "Paek Chang-Ho"),
        _facts("us_csl", "h3", "LegalEntity", "Paek Chang-Ho", birth_dates=["1990"]),
    ]
    party = _party(facts)
    assert party[0] != party[1]
    assert party[2] == party[3]
    assert party[4] != party[2]  # a contradicting birth year
    assert parties.read_as_persons([f.schema for f in facts], party) == [3]


def test_the_csl_sub_lists_are_publishers_of_their_own() -> None:
    assert parties.publisher("us_csl", ["ISN", "SDN", "ISN"]) == ("us_csl|ISN", "us_csl|SDN")
    assert parties.publisher("un_sc", ["ignored"]) == ("un_sc",)

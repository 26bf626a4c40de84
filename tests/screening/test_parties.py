"""Parties, not list rows: on the bundled snapshot of real lists, every copy of a designated
party comes back as one result with all its memberships, decisions take its strongest
consequence, one case is opened per party; and a person's contradicting birth year keeps a namesake
below the alert threshold, while another country only lowers the score."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.accounts.users import Actor, Role
from tradeguard.cases import alerts
from tradeguard.lists.model import Entity
from tradeguard.network import parties
from tradeguard.screening import Query, Screener
from tradeguard.shipments.evaluate import Evaluator
from tradeguard.shipments.model import Shipment
from tradeguard.store import Store

#: the copies of Korea Ryonbong General Corporation (UN KPe.002) in the bundled snapshot
RYONBONG = {
    "un_sc:KPe.002",
    "us_ofac_sdn:9347",
    "us_csl:9347",
    "jp_meti_eul:367",
    "jp_mof:13-9",
    "jp_mof:14-2",
}
SPELLINGS = [
    "KOREA RYONBONG GENERAL CORPORATION",  # UN, OFAC, CSL
    "Korea Ryonbong General Corporation (KRGC)",  # METI
    "朝鮮連峰総会社",  # METI kanji: on the METI entry only
    "コリア・リョンボン・ジェネラル・コーポレーション",  # MOF katakana: on the MOF entries only
    "Korea Yonbong General Corporation",  # alias
]


@pytest.mark.parametrize("name", SPELLINGS)
def test_every_spelling_gives_one_party_with_every_copy(full: Screener, name: str) -> None:
    matches = full.screen(Query(name, schema="Organization"))
    holding = [m for m in matches if {x["entity_id"] for x in m.memberships} & RYONBONG]
    assert len(holding) == 1, [(m.entity_id, m.party_id) for m in matches]
    party = holding[0]
    members = {x["entity_id"] for x in party.memberships}
    assert members >= RYONBONG
    assert party.party_id == "un_sc:KPe.002"
    assert next(x for x in party.memberships if x["matched"])["entity_id"] == party.entity_id
    # explainable: each join says which entries and why
    assert any("un_sc:KPe.002 = jp_meti_eul:367" in why for why in party.party_evidence)
    assert party.to_dict()["memberships"] and party.to_dict()["party_id"] == "un_sc:KPe.002"


def test_kanji_end_user_is_prohibited_by_the_un_asset_freeze(full: Screener) -> None:
    shipment = Shipment.model_validate(
        {
            "export_country": "JP",
            "destination": "CN",
            "exporter": {"name": "Acme Trading KK", "country": "JP"},
            "consignee": {"name": "Dalian Widget Co", "country": "CN"},
            "end_user": {"name": "朝鮮連峰総会社"},
            "items": [{"description": "ball bearings", "hs": "848210"}],
        }
    )
    decision = Evaluator(screener=full).evaluate(shipment)
    assert decision.verdict == "PROHIBITED"
    reason = next(r for r in decision.reasons if r.party == "end_user")
    assert reason.code == "DESIGNATED_PARTY"
    assert reason.evidence["entity_id"] == "un_sc:KPe.002"
    assert reason.evidence["matched_entity_id"] == "jp_meti_eul:367"
    end_user = next(p for p in decision.parties if p.role == "end_user")
    assert len(end_user.matches) == 1
    assert {x["entity_id"] for x in end_user.matches[0].memberships} >= RYONBONG


def test_one_case_per_party(full: Screener, loaded_store: Store) -> None:
    query = Query("KOREA RYONBONG GENERAL CORPORATION", schema="Organization")
    matches = full.screen(query)
    recorded = alerts.record_screening(
        loaded_store,
        Actor("ana", Role.ANALYST),
        query.to_dict(),
        matches,
        threshold=None,
        versions="v",
        open_cases=True,
    )
    opened = [c for c in recorded.cases if c.case_id is not None]
    ryonbong = [c for c in opened if c.entity_id in RYONBONG]
    assert len(ryonbong) == 1  # was one per list copy (five or more)


def test_confirmed_review_link_joins_two_parties(snapshot_entities: list[Entity]) -> None:
    subset = [e for e in snapshot_entities if e.id in ("un_sc:KPe.002", "un_sc:KPe.001")]
    screener = Screener.from_entities(subset)
    assert len(screener.screen(Query("Korea Ryonbong General Corporation"))[0].memberships) == 1
    screener.add_reviewed_links([("un_sc:KPe.001", "un_sc:KPe.002", "link confirmed by rita")])
    match = screener.screen(Query("Korea Ryonbong General Corporation"))[0]
    assert {x["entity_id"] for x in match.memberships} == {"un_sc:KPe.001", "un_sc:KPe.002"}
    assert any("confirmed by rita" in why for why in match.party_evidence)


def _listed_persons(screener: Screener, count: int) -> list[tuple[str, str, int]]:
    """UN-listed persons with one birth year: (entity id, name, year)."""
    out = []
    for entity in screener.entities:
        years = {d[:4] for d in entity.birth_dates if d[:4].isdigit()}
        if entity.list == "un_sc" and entity.schema == "Person" and len(years) == 1:
            out.append((entity.id, entity.caption, int(years.pop())))
        if len(out) == count:
            break
    return out


def test_namesakes_with_a_contradicting_birth_year_never_alert(full: Screener) -> None:
    persons = _listed_persons(full, 25)
    assert len(persons) == 25
    for entity_id, name, year in persons:
        listed = full.screen(Query(name, schema="Person", birth_date=str(year)))
        assert any(entity_id in {x["entity_id"] for x in m.memberships} for m in listed), name
        namesake = full.screen(Query(name, schema="Person", birth_date=str(year - 30)))
        assert not any(entity_id in {x["entity_id"] for x in m.memberships} for m in namesake), (
            name,
            [(m.entity_id, m.score, m.explanation["features"]) for m in namesake],
        )


def test_a_namesake_is_explained_below_the_threshold(full: Screener) -> None:
    entity_id, name, year = _listed_persons(full, 1)[0]
    low = full.screen(Query(name, schema="Person", birth_date=str(year + 40)), threshold=0.3)
    match = next(m for m in low if entity_id in {x["entity_id"] for x in m.memberships})
    assert match.score < full.threshold
    detail = next(f for f in match.explanation["features"] if f["feature"] == "birth_date")
    assert "contradicts" in detail["detail"] and "below the alert threshold" in detail["detail"]


def test_another_country_keeps_a_persons_full_name_alerting(full: Screener) -> None:
    person = next(
        e for e in full.entities if e.list == "un_sc" and e.schema == "Person" and e.countries
    )
    other = "JP" if "JP" not in person.countries else "BR"
    party = full.entities[full.party[_index(full, person.id)]].id
    found = full.screen(Query(person.caption, schema="Person", countries=[person.countries[0]]))
    abroad = full.screen(Query(person.caption, schema="Person", countries=[other]))
    home = next(m for m in found if m.party_id == party)
    away = next(m for m in abroad if m.party_id == party)
    assert full.threshold <= away.score < home.score


def test_an_exact_organisation_name_is_kept_despite_its_country(full: Screener) -> None:
    matches = full.screen(
        Query("KOREA RYONBONG GENERAL CORPORATION", schema="Organization", countries=["JP"])
    )
    party = next(m for m in matches if m.party_id == "un_sc:KPe.002")
    assert party.score >= full.threshold
    country = next(f for f in party.explanation["features"] if f["feature"] == "country")
    assert country["effect"] <= 0  # lowered, not hidden


def _index(screener: Screener, entity_id: str) -> int:
    return next(i for i, e in enumerate(screener.entities) if e.id == entity_id)


# -- the resolver on hand-made edge cases ---------------------------------------------------


def _facts(list_: str, sid: str, schema: str, *names: str, **kw: list[str]) -> parties.PartyFacts:
    return parties.PartyFacts(list_, sid, schema, list(names), **kw)  # type: ignore[arg-type]


def _resolve(facts: list[parties.PartyFacts]) -> list[int]:
    ids = [f"{f.list}:{f.source_id}" for f in facts]
    keys = [parties.entry_key(i, f.schema, f.names[0]) for i, f in zip(ids, facts, strict=True)]
    return parties.resolve(ids, keys, parties.party_links(facts))[0]


def test_un_reference_joins_and_contradicting_data_keeps_apart() -> None:
    facts = [
        _facts("un_sc", "KPi.001", "Person", "KIM IL", birth_dates=["1950"]),
        _facts("eu_fsf", "123", "Person", "Other Spelling", un_references=["KPi.001"]),
        _facts("us_ofac_sdn", "9", "Person", "Il Kim", birth_dates=["1990"]),
        _facts("jp_mof", "1-1", "Person", "KIM, Il", birth_dates=["1951"]),
    ]
    party = _resolve(facts)
    assert party[0] == party[1] == party[3]  # UN reference; same words, birth year ±1
    assert party[2] != party[0]  # the same name, born 40 years later: a namesake


def test_a_name_two_entries_of_one_list_share_identifies_no_one() -> None:
    facts = [
        _facts(
            "un_sc", "QDe.143", "Organization", "Ansar al-Shari'a in Tunisia", "Ansar al Sharia"
        ),
        _facts(
            "un_sc", "QDe.146", "Organization", "Ansar al-Shari'a in Benghazi", "Ansar al Sharia"
        ),
        _facts("us_csl", "1", "Organization", "Ansar al Sharia"),
    ]
    party = _resolve(facts)
    assert len(set(party)) == 3


def test_two_persons_of_one_list_are_never_merged_through_a_copy() -> None:
    facts = [
        _facts("us_ofac_sdn", "1", "Person", "KIM YONG CHOL"),
        _facts("us_ofac_sdn", "2", "Person", "KIM YONG CHOL"),
        _facts("un_sc", "KPi.024", "Person", "Kim Yong Chol"),
    ]
    party = _resolve(facts)
    assert party[0] != party[1]


@given(st.text(max_size=40))
def test_name_key_is_stable(value: str) -> None:
    key = parties.name_key(value)
    assert parties.name_key(key) == key
    assert key == key.strip() and "  " not in key


def test_acronym_in_brackets_is_dropped_only_when_it_is_the_initials() -> None:
    assert parties.name_key("Korea Ryonbong General Corporation (KRGC)") == (
        "korea ryonbong general corporation"
    )
    assert parties.name_key("Acme Trading (HK)") == "acme trading hk"


def _confirm(store: Store, a_id: str, b_id: str, who: str) -> None:
    from datetime import UTC, datetime

    from tradeguard.network.tables import EntityLinkRow

    now = datetime.now(UTC)
    with store.session() as session, session.begin():
        session.add(
            EntityLinkRow(
                a_id=a_id,
                b_id=b_id,
                confidence=1.0,
                method="review",
                evidence=[],
                status="confirmed",
                reviewed_by=who,
                reviewed_at=now,
                created_at=now,
            )
        )


def test_confirmed_links_are_resolved_once_per_lists_and_links(
    loaded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _confirm(loaded_store, "un_sc:KPe.001", "un_sc:KPe.002", "rita")
    first = Screener.from_store(loaded_store)
    index = {e.id: i for i, e in enumerate(first.entities)}
    a, b, c = (index[i] for i in ("un_sc:KPe.001", "un_sc:KPe.002", "un_sc:KPe.003"))
    assert first.party[a] == first.party[b]
    resolved: list[int] = []
    real = parties.resolve

    def counted(*args: object, **kwargs: object) -> object:
        resolved.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parties, "resolve", counted)
    again = Screener.from_store(loaded_store)  # the same lists and links: nothing resolved
    assert not resolved
    assert again.party == first.party and again.party_evidence == first.party_evidence
    match = again.screen(Query("Korea Ryonbong General Corporation"))[0]
    assert any("confirmed by rita" in why for why in match.party_evidence)
    _confirm(loaded_store, "un_sc:KPe.001", "un_sc:KPe.003", "sam")
    other = Screener.from_store(loaded_store)  # another link: resolved again
    assert resolved
    assert other.party[a] == other.party[c] and first.party[a] != first.party[c]

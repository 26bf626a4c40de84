"""One party, one row: copies of a designated party whose names differ only by legal form,
punctuation or a bracketed acronym ("JSC" and "OAO", "Co., Ltd." and "Company Limited",
"Corp." and "Corporation") are joined when no namesake holds the name and nothing
contradicts; the CSL's sub-lists are publishers of their own. On the bundled snapshot."""

from __future__ import annotations

import pytest

from tradeguard.network import parties
from tradeguard.screening import Query, Screener
from tradeguard.shipments.evaluate import Evaluator
from tradeguard.shipments.model import Shipment

#: a query -> the entries of the bundled snapshot that are one party and the join they need
PARTIES = {
    # the State Department's ISN row "Rosoboronexport" beside the SDN row's alias: two CSL
    # sub-lists, no longer one publisher
    "Rosoboronexport": {
        "us_ofac_sdn:18782",
        "us_csl:18782",
        "us_csl:442dc2a9ddf18d3f49e7ff87b3f8fa987c15eb83",
        "jp_meti_eul:806",
        "jp_mof:28-5",
        "eu_fsf:137718",
    },
    # "Korea Tangun Trading Corp." (ISN) is the UN's KOREA TANGUN TRADING CORPORATION
    "Korea Tangun Trading Corporation": {
        "un_sc:KPe.008",
        "jp_meti_eul:386",
        "jp_mof:14-8",
        "us_csl:4ceb48e6ef8fcf8025f175fe5a01893facd84dc5",
    },
    # MOF writes "Company Limited" where OFAC writes "CO LTD"
    "Dandong Hongxiang Industrial Development Co Ltd": {
        "us_ofac_sdn:20564",
        "jp_meti_eul:528",
        "jp_mof:16-12",
    },
}


@pytest.mark.parametrize("name", sorted(PARTIES))
def test_copies_of_one_party_are_one_row(full: Screener, name: str) -> None:
    matches = full.screen(Query(name, schema="Organization"))
    holding = [m for m in matches if {x["entity_id"] for x in m.memberships} & PARTIES[name]]
    assert len(holding) == 1, [(m.entity_id, m.party_id, m.score) for m in holding]
    assert {x["entity_id"] for x in holding[0].memberships} >= PARTIES[name]


def test_a_join_by_legal_form_says_why(full: Screener) -> None:
    match = next(
        m
        for m in full.screen(Query("Dandong Hongxiang Industrial Development Company Limited"))
        if "jp_mof:16-12" in {x["entity_id"] for x in m.memberships}
    )
    assert "us_ofac_sdn:20564" in {x["entity_id"] for x in match.memberships}
    why = [w for w in match.party_evidence if "jp_mof:16-12" in w]
    assert why and "after legal forms and punctuation" in why[0]
    assert "'Dandong Hongxiang Industrial Development Company Limited'" in why[0]


def test_a_name_a_namesake_holds_joins_nothing(full: Screener) -> None:
    # "Huawei Technology Co. Ltd." is also a firm in Vietnam on the Entity List: the Chinese
    # Huawei's CMIC row and its Entity List rows share that name with it, so the name says
    # nothing, and the rows stay apart (a missed join, never a wrong one)
    index = {e.id: i for i, e in enumerate(full.entities)}
    cmic = full.party[index["us_ofac_cons:30947"]]
    assert full.party[index["us_csl:1a3ccc08ecbb40155a4cce8d9c9ace917f54cc74"]] != cmic
    assert full.party[index["us_csl:d1a9302582f14b0d58100c5ea67a1439357dab0a"]] != cmic


def test_rosoboronexport_consignee_takes_the_asset_freeze(full: Screener) -> None:
    shipment = Shipment.model_validate(
        {
            "export_country": "JP",
            "destination": "RU",
            "exporter": {"name": "Acme Trading KK", "country": "JP"},
            "consignee": {"name": "Rosoboronexport", "country": "RU"},
            "items": [{"description": "ball bearings", "hs": "848210"}],
        }
    )
    decision = Evaluator(screener=full).evaluate(shipment)
    assert decision.verdict == "PROHIBITED"
    consignee = next(p for p in decision.parties if p.role == "consignee")
    rows = [
        m for m in consignee.matches if "jp_mof:28-5" in {x["entity_id"] for x in m.memberships}
    ]
    assert len(rows) == 1
    assert {x["entity_id"] for x in rows[0].memberships} >= PARTIES["Rosoboronexport"]
    reason = next(r for r in decision.reasons if r.party == "consignee")
    assert reason.code == "DESIGNATED_PARTY"


# -- the name key and the resolver on hand-made edge cases ----------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ROSOBORONEKSPORT OAO", "JSC Rosoboroneksport"),
        (
            "DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD",
            "Dandong Hongxiang Industrial Development Company Limited",
        ),
        ("Korea Tangun Trading Corp.", "KOREA TANGUN TRADING CORPORATION"),
        ("Huawei Technologies Co., Ltd. (Huawei)", "HUAWEI TECHNOLOGIES CO., LTD."),
        ("Korea Ryonbong General Corporation (KRGC)", "Korea Ryonbong General Corp"),
    ],
)
def test_form_key_reads_legal_forms_and_punctuation_alike(a: str, b: str) -> None:
    assert parties.form_key(a) == parties.form_key(b) != ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Huawei Technologies (Yangon) Co., Ltd.", "Huawei Technologies Co., Ltd."),
        ("Acme Trading Co", "Acme Trading Corp"),
        ("Acme Trading Ltd", "Acme Trading"),
    ],
)
def test_form_key_keeps_places_and_different_forms_apart(a: str, b: str) -> None:
    assert parties.form_key(a) != parties.form_key(b)


def test_form_key_is_empty_without_a_latin_name_word() -> None:
    assert parties.form_key("株式会社ロスオボロンエクスポルト") == ""
    assert parties.form_key("Trading Company Limited") == ""


def _org(list_: str, sid: str, name: str, **kw: object) -> parties.PartyFacts:
    return parties.PartyFacts(list_, sid, "Organization", [name], **kw)  # type: ignore[arg-type]


def _party(facts: list[parties.PartyFacts]) -> list[int]:
    ids = [f"{f.list}:{f.source_id}" for f in facts]
    keys = [parties.entry_key(i, f.schema, f.names[0]) for i, f in zip(ids, facts, strict=True)]
    return parties.resolve(ids, keys, parties.party_links(facts))[0]


def test_contradicting_data_or_a_namesake_keeps_apart() -> None:
    base = [
        _org("eu_fsf", "1", "Alpha Omega Machinery OOO", countries=["RU"]),
        _org("jp_mof", "2", "LLC Alpha Omega Machinery", countries=["RU"]),
    ]
    assert len(set(_party(base))) == 1
    other_country = [base[0], _org("jp_mof", "2", "LLC Alpha Omega Machinery", countries=["BY"])]
    assert len(set(_party(other_country))) == 2
    ids = [
        _org("eu_fsf", "1", "Alpha Omega Machinery OOO", identifiers=[("tax", "77", "RU")]),
        _org("jp_mof", "2", "LLC Alpha Omega Machinery", identifiers=[("tax", "78", "RU")]),
    ]
    assert len(set(_party(ids))) == 2
    namesake = [*base, _org("us_csl", "3", "Alpha Omega Machinery LLC", countries=["KZ"])]
    assert len(set(_party(namesake))) == 3

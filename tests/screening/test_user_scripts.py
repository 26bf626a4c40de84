"""Listed parties written in the users' own scripts, against the bundled snapshot of the real
lists: trade names the lists do not give (supplementary aliases), a name in two scripts, the
Russian state forms, and the Korean and Japanese words of organisation names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tradeguard.lists.model import Entity, Name
from tradeguard.screening import Query, Screener
from tradeguard.screening import supplements as sup
from tradeguard.screening.mixed import parts


def _best(full: Screener, name: str, source_id: str, lists: tuple[str, ...]) -> float:
    """The best score of an entry (by the publisher's id, on one of ``lists``) for a name,
    found as a match or as a member of a party matched."""
    scores = [0.0]
    for match in full.screen(Query(name=name), threshold=0.0, limit=20):
        if match.source_id == source_id and match.list in lists:
            scores.append(match.score)
        scores += [
            float(m["score"])
            for m in match.memberships
            if m["source_id"] == source_id and m["list"] in lists and m["score"] is not None
        ]
    return max(scores)


def test_every_supplementary_alias_names_an_entry_of_the_lists(
    snapshot_entities: list[Entity],
) -> None:
    captions = {(e.list, e.source_id): e for e in snapshot_entities}
    for list_id, source_id, caption in sup.entries():
        entity = captions.get((list_id, source_id))
        assert entity is not None, (list_id, source_id)
        assert sup.aliases_of(entity), (list_id, source_id, caption)


def test_an_id_given_to_another_party_does_not_get_the_alias() -> None:
    moved = Entity(
        id="us_csl:30947",
        list="us_csl",
        source_id="30947",
        schema="Organization",
        names=[Name("ANOTHER FIRM CO., LTD.")],
    )
    assert sup.aliases_of(moved) == ()
    assert sup.aliases_of(replace(moved, names=[Name("HUAWEI TECHNOLOGIES CO., LTD.")]))


@pytest.mark.parametrize(
    ("name", "source_id"),
    [
        ("ファーウェイ", "30947"),  # Huawei in katakana: CLEAR as a shipment intermediary
        ("화웨이", "30947"),
        ("華為", "30947"),
        ("华为技术有限公司", "30947"),
        ("中芯国际", "30951"),  # SMIC
        ("海康威视", "30946"),  # Hikvision
        ("하이크비전", "30946"),
        ("만수대창작사", "20578"),  # Mansudae Art Studio (UN KPe.050): the lists give it in English
    ],
)
def test_a_trade_name_the_lists_do_not_give_finds_the_party(
    full: Screener, name: str, source_id: str
) -> None:
    matches = full.screen(Query(name=name))
    assert matches, name
    top = matches[0]
    members = {(m["list"], m["source_id"]) for m in top.memberships} | {(top.list, top.source_id)}
    assert ("us_ofac_cons", source_id) in members or ("us_csl", source_id) in members
    assert top.score >= full.threshold_for(top.list)
    said = str(top.explanation.get("supplementary_alias", ""))
    assert said.startswith("supplementary alias (source:"), top.explanation
    assert any(f["feature"] == "supplementary_alias" for f in top.explanation["features"])


def test_a_name_the_list_gives_is_not_called_supplementary(full: Screener) -> None:
    top = full.screen(Query(name="HUAWEI TECHNOLOGIES CO., LTD."))[0]
    assert "supplementary_alias" not in top.explanation


def test_the_parts_of_a_name_in_two_scripts() -> None:
    assert parts("SMIC 中芯国际") == [("Latn", "SMIC"), ("Hani", "中芯国际")]
    assert parts("Rostec Ростех") == [("Latn", "Rostec"), ("Cyrl", "Ростех")]
    assert parts("イラン・イスラム革命防衛隊") == []  # kana and kanji are one script here
    assert parts("ООО Ромашка") == []
    assert parts("ACME Co., Ltd.") == []


@pytest.mark.parametrize(
    ("name", "part", "source_id", "lists"),
    [
        ("SMIC 中芯国际", "SMIC", "30951", ("us_csl", "us_ofac_cons")),
        ("Rostec Госкорпорация Ростех", "Rostec", "17260", ("us_ofac_sdn", "us_csl")),
    ],
)
def test_a_name_in_two_scripts_scores_no_worse_than_its_part(
    full: Screener, name: str, part: str, source_id: str, lists: tuple[str, ...]
) -> None:
    alone = _best(full, part, source_id, lists)
    both = _best(full, name, source_id, lists)
    assert alone >= full.threshold
    assert both >= alone


def test_a_part_match_says_which_part_was_screened(full: Screener) -> None:
    top = full.screen(Query(name="SMIC 学校"))[0]  # a Latin name and a word that is no party's
    assert top.explanation["query_name"] == "SMIC 学校"
    assert top.explanation["screened_name"] == "SMIC"
    assert any(f["feature"] == "script_part" for f in top.explanation["features"])


@pytest.mark.parametrize(
    ("name", "source_id", "lists"),
    [
        # Rostec, OFAC SDN 17260 (STATE CORPORATION ROSTEC), Japan MOF 28-46
        ("Госкорпорация Ростех", "17260", ("us_ofac_sdn", "us_csl")),
        ("Государственная корпорация Ростех", "17260", ("us_ofac_sdn", "us_csl")),
        ("Государственная корпорация Ростех", "28-46", ("jp_mof",)),
    ],
)
def test_russian_state_forms_are_legal_forms(
    full: Screener, name: str, source_id: str, lists: tuple[str, ...]
) -> None:
    assert _best(full, name, source_id, lists) >= full.threshold
    assert _best(full, name, source_id, lists) >= _best(full, "Ростех", source_id, lists)


def test_korean_organisation_words_read_in_english(full: Screener) -> None:
    # Ocean Maritime Management (UN KPe.020), which no list gives in Hangul
    assert _best(full, "원양해운관리회사", "KPe.020", ("un_sc",)) >= full.threshold

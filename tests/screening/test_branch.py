"""A designated party's branch, representative office or agent, against the bundled snapshot
of the real lists: the listed name inside a longer query is found when the rest is branch and
office words, places, an agent's words or markup, and the explanation says which part matched;
a firm name that merely holds a listed name beside other words does not alert."""

from __future__ import annotations

import pytest

from tradeguard.screening import Query, Screener
from tradeguard.screening.branch import parts


def _parties(full: Screener, name: str) -> dict[str, float]:
    """The parties found at the default threshold with their scores, by every entry id."""
    found: dict[str, float] = {}
    for match in full.screen(Query(name, schema="Organization")):
        for entry in {match.entity_id, *(str(m["entity_id"]) for m in match.memberships)}:
            found[entry] = max(found.get(entry, 0.0), match.score)
    return found


@pytest.mark.parametrize(
    ("name", "entry", "part", "rest"),
    [
        # UN KPe.002; OFAC lists the corporation's Shenyang and Dandong offices as addresses
        (
            "Korea Ryonbong General Corporation, Shenyang Branch",
            "un_sc:KPe.002",
            "Korea Ryonbong General Corporation",
            "Shenyang Branch",
        ),
        (
            "Korea Ryonbong General Corporation Dandong Representative Office",
            "un_sc:KPe.002",
            "Korea Ryonbong General Corporation",
            "Dandong Representative Office",
        ),
        # UN KPe.003
        (
            "Tanchon Commercial Bank Beijing Representative Office",
            "un_sc:KPe.003",
            "Tanchon Commercial Bank",
            "Beijing Representative Office",
        ),
        # UN KPe.001, Korea Mining Development Trading Corporation: its acronym, listed
        ("KOMID Beijing office", "un_sc:KPe.001", "KOMID", "Beijing office"),
        (
            "Shenyang Branch of Korea Ryonbong General Corporation",
            "un_sc:KPe.002",
            "Korea Ryonbong General Corporation",
            "Shenyang Branch of",
        ),
        (
            "Dalian Trading Co. on behalf of Korea Ryonbong General Corporation",
            "un_sc:KPe.002",
            "Korea Ryonbong General Corporation",
            "Dalian Trading Co. on behalf of",
        ),
        (
            "Korea Ryonbong General Corporation c/o Dalian Trading Co.",
            "un_sc:KPe.002",
            "Korea Ryonbong General Corporation",
            "c/o Dalian Trading Co.",
        ),
        # a part too short to screen (one letter) is left out, not a refusal of the whole
        (
            "Korea Ryonbong General Corporation c/o X",
            "un_sc:KPe.002",
            "Korea Ryonbong General Corporation",
            "c/o X",
        ),
        (
            "X c/o Korea Ryonbong General Corporation",
            "un_sc:KPe.002",
            "Korea Ryonbong General Corporation",
            "X c/o",
        ),
        # METI's own kanji of KPe.002 with the Japanese word for a branch office
        ("朝鮮連峰総会社支社", "jp_meti_eul:367", "朝鮮連峰総会社", "支社"),
    ],
)
def test_a_branch_office_or_agent_is_the_listed_party(
    full: Screener, name: str, entry: str, part: str, rest: str
) -> None:
    matches = full.screen(Query(name, schema="Organization"))
    [match] = [
        m for m in matches if entry in {m.entity_id, *(str(x["entity_id"]) for x in m.memberships)}
    ]
    assert match.score >= full.threshold
    said = match.explanation["part"]
    assert said["matched"] == part and said["rest"] == rest
    assert match.explanation["query_name"] == name
    [feature] = [f for f in match.explanation["features"] if f["feature"] == "part"]
    assert repr(part) in feature["detail"] and repr(rest) in feature["detail"]


@pytest.mark.parametrize(
    "name",
    [
        "<img src=x onerror=alert(1)> Korea Ryonbong General Corporation",
        "<script>x</script>Korea Ryonbong General Corporation",
        "<b>Korea Ryonbong General Corporation</b>",
    ],
)
def test_markup_is_no_part_of_the_name(full: Screener, name: str) -> None:
    # the name is screened without its markup (algorithm 39, tradeguard/names/junk.py): the
    # listed name itself, not a part of the name beside the tags
    [match, *_] = full.screen(Query(name, schema="Organization"))
    assert "un_sc:KPe.002" in {match.entity_id, *(str(x["entity_id"]) for x in match.memberships)}
    assert match.score >= 0.999 and match.explanation["query_name"] == name


def test_the_comparison_names_the_part_that_matched(full: Screener) -> None:
    result = full.compare(
        "Korea Ryonbong General Corporation, Shenyang Branch", "KOREA RYONBONG GENERAL CORPORATION"
    )
    assert result["match"] and result["score"] >= 0.999
    assert result["part"]["matched"] == "Korea Ryonbong General Corporation"
    assert result["part"]["rest"] == "Shenyang Branch"
    assert result["part"]["rest_is"] == ["place", "branch"]


@pytest.mark.parametrize(
    "name",
    [
        "Iron Mountain Shanghai Branch",  # CSL IRON MOUNTAIN ENTREPRISES: not the listed name
        "SL Corporation Seoul Office",  # CSL "SL": a short name inside another firm's name
        "Bank of China Tokyo Branch",
        "Mitsubishi Corporation Beijing Office",
        "Korea Ryonbong Textile Trading Shenyang Branch",  # another word beside the listed ones
    ],
)
def test_a_firm_holding_other_words_is_not_the_listed_party(full: Screener, name: str) -> None:
    assert not [
        m for m in full.screen(Query(name, schema="Organization")) if "part" in m.explanation
    ]


def test_a_place_is_taken_off_beside_a_branch_word_or_at_the_end() -> None:
    assert parts("Korea Ryonbong General Corporation") == []
    assert parts("Industrial Bank of Korea") == []  # "of" joins the place to the name
    assert parts("Bank of China") == []
    assert parts("Hong Kong Electronics") == []  # a leading place stays without a separator
    assert parts("Korea Zinc") == []
    found = {p.core: p.kinds for p in parts("KOMID Beijing office")}
    assert found["KOMID"] == ("place", "branch")
    [part] = parts("Korea Ryonbong General Corporation Shenyang")
    assert (part.core, part.rest, part.kinds) == (
        "Korea Ryonbong General Corporation",
        "Shenyang",
        ("place",),
    )


@pytest.mark.parametrize(
    ("name", "core", "rest", "kinds"),
    [
        ("Rosoboronexport, Moscow", "Rosoboronexport", "Moscow", ("address",)),
        (
            "Korea Mining Development Trading Corporation\nCentral District, Pyongyang",
            "Korea Mining Development Trading Corporation",
            "Central District, Pyongyang",
            ("address",),
        ),
        (
            "Korea Mining Development Trading Corporation<br>Central District, Pyongyang",
            "Korea Mining Development Trading Corporation",
            "Central District, Pyongyang … <br>",
            ("address", "markup"),
        ),
        ("Pyongyang, KOMID", "KOMID", "Pyongyang", ("place",)),
        # a company form after the comma is the name's, the address comes after it
        (
            "ABC Trading Co., Ltd., Beijing, China",
            "ABC Trading Co., Ltd",
            "Beijing, China",
            ("address",),
        ),
    ],
)
def test_an_address_after_a_separator_is_taken_off(
    name: str, core: str, rest: str, kinds: tuple[str, ...]
) -> None:
    found = {p.core: (p.rest, p.kinds) for p in parts(name)}
    assert found[core] == (rest, kinds)


def test_a_name_of_nothing_but_generic_words_and_places_is_no_part() -> None:
    assert parts("Trading Co., Ltd., Dalian") == []
    assert parts("Dalian Trading Co Ltd") == []


@pytest.mark.parametrize(
    ("name", "country", "entry"),
    [
        ("KOMID, Pyongyang", None, "un_sc:KPe.001"),
        ("Korea Mining Development Trading Corporation, Pyongyang", None, "un_sc:KPe.001"),
        (
            "Korea Mining Development Trading Corporation<br>Central District, Pyongyang",
            None,
            "un_sc:KPe.001",
        ),
        ("Tanchon Commercial Bank, Pyongyang", None, "un_sc:KPe.003"),
        ("Korea Ryonbong General Corporation Pyongyang Korea", None, "un_sc:KPe.002"),
        # OFAC SDN 18782 ROSOBORONEKSPORT OAO, a.k.a. ROSOBORONEXPORT JSC (Russia)
        ("Rosoboronexport, Moscow", "RU", "us_ofac_sdn:18782"),
        ("Rosoboronexport, Moscow", None, "us_ofac_sdn:18782"),
    ],
)
def test_a_listed_name_with_its_address_is_the_listed_party(
    full: Screener, name: str, country: str | None, entry: str
) -> None:
    """Before, these scored 0.72-0.81 on one copy of the party, or found nothing."""
    query = Query(name, schema="Organization", countries=[country] if country else [])
    found = [
        m
        for m in full.screen(query)
        if entry in {m.entity_id, *(str(x["entity_id"]) for x in m.memberships)}
    ]
    assert found and found[0].score >= 0.95
    assert found[0].explanation["part"]["rest_is"][0] in {"address", "place"}

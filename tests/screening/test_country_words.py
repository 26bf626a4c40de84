"""Country words on real list entries: a South Korean firm given with country KR whose name
shares with a DPRK party only "Korea"/"Korean" and words of a trade does not alert, while the
DPRK party queried by any of its listed names alerts from KR too, and queried without a country
or from KP scores as the name alone says (plus the agreeing country).

The firms are real South Korean companies (KOSPI listings of the clean book in
``benchmarks/clean_book.csv``, and firms trial users screened); the entries are the UN's and the
OFAC SDN's own, from the fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.registry import parse_path
from tradeguard.names.analysis import analyse
from tradeguard.reports.explain import sentences
from tradeguard.screening import Match, Query, Screener

LISTS = Path(__file__).parent.parent / "fixtures" / "lists"

#: (a real South Korean firm, the DPRK entry its name met at 0.74-0.79 from KR before)
NAMESAKES = [
    ("Korea Zinc Company", "us_ofac_sdn:22325"),  # KOREA ZINC INDUSTRIAL GROUP
    ("Korea Development Bank", "un_sc:KPe.033"),  # KOREA UNITED DEVELOPMENT BANK
    ("Korea Ocean Shipping", "us_ofac_sdn:19586"),  # KOREA OCEAN SHIPPING AGENCY
    ("Korean Reinsurance Company", "un_sc:KPe.048"),  # KOREAN NATIONAL INSURANCE COMPANY
]


@pytest.fixture(scope="module")
def korea() -> Screener:
    """The UN's DPRK entries and the OFAC SDN's DPRK-related entries with their addresses."""
    entities: list[Entity] = []
    for path in (
        LISTS / "un/consolidated-2026-02-27-extract.xml",
        LISTS / "ofac/sdn-set-2021-07-07",
    ):
        entities.extend(parse_path(path).entities)
    return Screener.from_entities(entities)


def _holding(matches: list[Match], entity_id: str) -> Match | None:
    return next((m for m in matches if entity_id in {x["entity_id"] for x in m.memberships}), None)


def _country(match: Match) -> dict[str, object]:
    return next(f for f in match.explanation["features"] if f["feature"] == "country")


@pytest.mark.parametrize(("firm", "entry"), NAMESAKES)
def test_a_south_korean_firm_from_kr_does_not_alert_on_a_dprk_party(
    korea: Screener, firm: str, entry: str
) -> None:
    assert _holding(korea.screen(Query(firm, "Company", ["KR"])), entry) is None
    seen = _holding(korea.screen(Query(firm, "Company", ["KR"]), threshold=0.3), entry)
    assert seen is not None and seen.score < korea.threshold
    country = _country(seen)
    assert country["params"]["note"] == "trade_words"  # type: ignore[index]
    assert any(
        "share only words of a country and of a trade" in s for s in sentences(seen.explanation)
    )


#: the two whose listed name has a word the firm's lacks (*United*, *Agency*): algorithm 29
PLACED = [NAMESAKES[1], NAMESAKES[2]]


@pytest.mark.parametrize(("firm", "entry"), [n for n in NAMESAKES if n not in PLACED])
def test_without_a_country_or_from_kp_the_name_alone_decides(
    korea: Screener, firm: str, entry: str
) -> None:
    plain = _holding(korea.screen(Query(firm, "Company"), threshold=0.3), entry)
    home = _holding(korea.screen(Query(firm, "Company", ["KP"]), threshold=0.3), entry)
    assert plain is not None and home is not None
    assert plain.score == pytest.approx(plain.explanation["name_score"], abs=1e-4)
    assert home.score == pytest.approx(plain.score + 0.03)


@pytest.mark.parametrize(("firm", "entry"), PLACED)
def test_a_place_and_a_trade_without_the_partys_own_word_is_another_firm(
    korea: Screener, firm: str, entry: str
) -> None:
    """Korea Development Bank lacks *United* of KOREA UNITED DEVELOPMENT BANK (UN KPe.033),
    Korea Ocean Shipping *Agency* of SDN 19586, and has nothing but a place and words of a
    trade: from any country or none it is below the threshold (0.79 and 0.82 on these
    extracts without a country before algorithm 29), with the reason."""
    for countries in ([], ["KP"], ["KR"]):
        seen = _holding(korea.screen(Query(firm, "Company", countries), threshold=0.3), entry)
        assert seen is not None and seen.score < korea.threshold
        assert any(f["feature"] == "place_name" for f in seen.explanation["features"])


def test_every_listed_name_claimed_from_kr_still_alerts(korea: Screener) -> None:
    """A DPRK front giving country KR with a name the UN or the SDN lists (primary or alias,
    Hangul included) is found at or above the threshold: an exact full name is never hidden.
    Short names and acronyms (KOMID) are left to their own rule (algorithm 16: from a
    contradicting country they are another firm's, see test_short_and_qualified.py)."""
    checked = 0
    for i, entity in enumerate(korea.entities):
        dprk = entity.id.startswith("un_sc:KPe") or (
            entity.list == "us_ofac_sdn" and "KP" in entity.countries
        )
        if not dprk or entity.schema == "Person":
            continue
        for record in korea.names:
            if record.entity != i or record.kind == NameKind.WEAK_ALIAS:
                continue
            alone = _holding(korea.screen(Query(record.value, entity.schema)), entity.id)
            if alone is None:
                continue  # a name the name alone does not find (a one-letter word, a vessel's)
            if any(f.short for f in analyse(record.value, False)):
                continue  # a short name or acronym (KOMID): from elsewhere it is another firm's
            claimed = _holding(korea.screen(Query(record.value, entity.schema, ["KR"])), entity.id)
            assert claimed is not None, (entity.id, record.value)
            assert claimed.score >= korea.threshold
            checked += 1
    assert checked >= 300


def test_a_distinctive_word_of_the_party_keeps_the_match(korea: Screener) -> None:
    """Daesong is the DPRK bank's own name, no word of a trade: from KR the match only loses
    the 0.05 of a contradicting country."""
    match = _holding(
        korea.screen(Query("Korea Daesong Credit Bank", "Company", ["KR"])), "un_sc:KPe.035"
    )
    assert match is not None and match.score >= korea.threshold
    assert _country(match)["effect"] == pytest.approx(-0.05)


def test_korea_is_a_distinctive_word_from_another_country(korea: Screener) -> None:
    """*Korea* stands for KR or KP: from JP it is a word of the name like any other, and the
    country only lowers the score."""
    away = _holding(
        korea.screen(Query("Korea Development Bank", "Company", ["JP"]), threshold=0.3),
        "un_sc:KPe.033",
    )
    assert away is not None
    assert _country(away)["effect"] == pytest.approx(-0.05)


def test_a_listed_han_name_claimed_from_kr_alerts(full: Screener) -> None:
    """METI and MOF write the Academy of National Defense Science (UN KPe.021) 国防科学院: a
    query written so is the party's listed name, whatever its country. Five Han characters
    are a full name, not a brand of a few letters (裕隆 is). Before algorithm 26 the query
    from KR was hidden: the short-name rule read the five characters as one short word."""
    for countries in (["KR"], ["KP"], []):
        query = Query("国防科学院", "Organization", countries)
        match = _holding(full.screen(query), "un_sc:KPe.021")
        assert match is not None and match.score >= full.threshold, countries
        assert {"jp_meti_eul:299", "jp_mof:14-21"} <= {x["entity_id"] for x in match.memberships}


def test_a_han_name_of_two_characters_is_still_short() -> None:
    """裕隆 (Yulon) is as short as a brand: from another country it is another firm's."""
    assert any(f.short for f in analyse("裕隆", False))
    assert not any(f.short for f in analyse("国防科学院", False) if f.method == "han")

"""A name made of a place and words of a trade alone, against the bundled snapshot of the real
lists: it is no firm's distinctive name, so it does not alert on a listed firm whose name has
a word of its own beside that place and trade (a distinctive word, or a word of a trade that
is no qualifier), nor on one without its place; the listed name itself still matches. A name of
one word of its own does not alert on another firm whose name holds it after a word of its
own (issue 17)."""

from __future__ import annotations

import pytest

from tests.screening.helpers import scores_by_entry
from tradeguard.screening import Query, Screener


@pytest.mark.parametrize(
    ("name", "countries", "entry"),
    [
        # CSL 16849 DALIAN ZENGHUA TRADING CO., LTD. (CN): 0.75 before
        ("Dalian Trading Co Ltd", ["CN"], "us_csl:16849"),
        ("Dalian Trading Co Ltd", [], "us_csl:16849"),
        # CSL HSJ Electronic Hong Kong Limited: 0.80 before
        ("Hong Kong Electronics", [], "us_csl:6247f8db49169b059ae5f60a6db48f33dde89923"),
        # China National Machinery Import & Export Corp met China Precision Machinery
        # Import-Export Corp (CPMIEC, METI 517) at 0.93: *precision* (精密) is its own part
        ("中国机械进出口(集团)有限公司", ["CN"], "jp_meti_eul:517"),
        ("China National Machinery Import & Export Corp", ["CN"], "us_ofac_sdn:9753"),
        # the Chinese Academy of Sciences met the China Academy of Electronics and Information
        # Technology (CSL) at 0.75
        ("中国科学院", ["CN"], "us_csl:28c8e14f9992644a1bff0efbcd7b42b220298614"),
        # the Korea Aerospace Research Institute met AEROSPACE RESEARCH INSTITUTE (CSL 27326,
        # Iran's, no country given) at 0.86: its place is its distinctive part
        ("한국항공우주연구원", [], "us_csl:27326"),
        ("Korea Aerospace Research Institute", [], "us_csl:27326"),
    ],
)
def test_a_place_and_a_trade_is_not_another_firm_of_that_place(
    full: Screener, name: str, countries: list[str], entry: str
) -> None:
    assert entry not in scores_by_entry(full, name, countries)


def test_the_listed_name_of_a_place_and_a_trade_still_matches(full: Screener) -> None:
    # UN KPe.005, HONG KONG ELECTRONICS
    assert scores_by_entry(full, "Hong Kong Electronics", [])["un_sc:KPe.005"] >= 0.99
    [match] = [
        m
        for m in full.screen(Query("Dalian Zenghua Trading Co., Ltd.", schema="Organization"))
        if m.entity_id == "us_csl:16849" or "us_csl:16849" in str(m.memberships)
    ]
    assert match.score >= 0.95


def test_the_listed_firm_of_a_place_and_a_trade_is_still_found(full: Screener) -> None:
    # CPMIEC in simplified characters and in English, a qualifier (national) aside
    assert scores_by_entry(full, "中国精密机械进出口总公司", ["CN"])["jp_meti_eul:517"] >= 0.9
    found = scores_by_entry(full, "China Precision Machinery Import Export Corp", ["CN"])
    assert found["us_ofac_sdn:9753"] >= 0.9
    # KOREA RYONBONG GENERAL CORPORATION by its own word (korea is a place, general a qualifier)
    assert scores_by_entry(full, "Ryonbong", [])["un_sc:KPe.002"] >= full.threshold


@pytest.mark.parametrize(
    ("name", "countries", "entry"),
    [
        # LIMITED LIABILITY COMPANY GAZPROM LINDE ENGINEERING: 0.73 before
        ("Linde plc", ["GB"], "us_ofac_sdn:46704"),
        ("Linde plc", ["IE"], "us_ofac_sdn:46704"),
        ("Linde plc", ["US"], "us_ofac_sdn:46704"),
        ("Linde", [], "us_ofac_sdn:46704"),
    ],
)
def test_one_word_of_its_own_is_not_another_firm_named_first_by_another(
    full: Screener, name: str, countries: list[str], entry: str
) -> None:
    assert entry not in scores_by_entry(full, name, countries)
    [seen] = [
        m
        for m in full.screen(Query(name, "Organization", countries), threshold=0.3, limit=50)
        if m.entity_id == entry
    ]
    assert seen.score < full.threshold
    assert any(f["feature"] == "other_firm_word" for f in seen.explanation["features"])


def test_a_word_after_the_name_or_the_listed_name_itself_still_matches(full: Screener) -> None:
    # KALASHNIKOV CONCERN (CSL 16911): a word after the query's own word qualifies it
    assert scores_by_entry(full, "Kalashnikov", [])["us_csl:16911"] >= full.threshold
    found = scores_by_entry(full, "Gazprom Linde Engineering LLC", ["RU"])
    assert found["us_ofac_sdn:46704"] >= 0.95


@pytest.mark.parametrize(
    ("name", "lists", "entry"),
    [
        # CSL "SHABAAB" / SDN 10761 AL-SHABAAB: the Arabic article is no other firm's word
        # (0.60 under algorithm 39, 0.86 before and after)
        ("SHABAAB", ["us_ofac_sdn", "us_ofac_cons"], "us_ofac_sdn:10761"),
        # CSL/OFAC 18771 / EU 113791 OAO 'VO Technopromexport': VO (vneshneekonomicheskoe
        # obedinenie, a foreign economic association) is no other firm's word (0.60 -> 0.73)
        ("OJSC TECHNOPROMEXPORT", ["eu_fsf"], "eu_fsf:113791"),
    ],
)
def test_a_word_of_one_or_two_letters_before_it_is_no_other_firm(
    full: Screener, name: str, lists: list[str], entry: str
) -> None:
    matches = full.screen(Query(name, "Organization", lists=lists), threshold=0.3, limit=20)
    [seen] = [m for m in matches if m.entity_id == entry]
    assert seen.score >= full.threshold
    assert all(f["feature"] != "other_firm_word" for f in seen.explanation["features"])

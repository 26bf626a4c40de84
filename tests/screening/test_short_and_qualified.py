"""Qualifiers in brackets and short names, on names as published: list entries (METI End User
List, US CSL, OFAC SDN, UN) and customer names of exchange listings (benchmarks/clean_book.csv).
The weights come from the real UN and CSL extracts of the session screener."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import variants
from tradeguard.screening import Query, Screener

# (query, list entry, whether the pair must reach the default threshold, why)
CASES = [
    ("Acme Trading (HK) Ltd", "DULING TECHNOLOGY (HK) LIMITED.", False, "(HK) is a place, no name"),
    ("Acme Foods (USA) Inc.", "LA HACIENDA (USA), LLC", False, "(USA) is a place, no name"),
    ("Acme Components (U.K.) Ltd", "Well Smart (U.K.) Technology", False, "(U.K.) with dots"),
    ("Lunit Inc.", "LANIT INCORPORATED", False, "a short name one letter away is another name"),
    ("Yesco Holdings Co., Ltd.", "E.S.Co", False, "a short name does not meet joined letters"),
    ("SAMT Co., Ltd.", "SAMT", True, "a short name spelt the same still meets"),
    ("KOMID", "Korea Mining Development Trading Corporation (KOMID)", True, "a stated acronym"),
    (
        "Leader (HK) International",
        "LEADER (HONG KONG) INTERNATIONAL",
        True,
        "the name beside its place",
    ),
    ("Jang Hyon U", "JANG, Hyon-u", True, "persons: short given names keep their variants"),
    # clean-book names (KOSPI, NYSE, TWSE listings) against list entries they met before
    ("KT Corporation", "KT SERVICES & LOGISTICS CO., LTD", False, "a longer name holding it"),
    ("Fox Corporation (Class B)", "SIMON FOX", False, "a short name in a person's name"),
    ("KB금융", "GPB FINANCIAL SERVICES LIMITED", False, "initials meet the same initials only"),
    ("伸興", "新興貿易会社", False, "Han names meet on characters, not on readings"),
    ("新建", "鼐实鑫电子(深圳)有限公司", False, "the Japanese reading of 深圳 is no name"),
    ("裕融", "Yu Long", False, "a pinyin syllable one letter off is another character"),
    ("名軒", "MING SUAN ZHANG", False, "pinyin is spelt as it is read"),
    ("朝鲜连峰总公司", "朝鮮連峰総会社", True, "simplified and Japanese forms of one name"),
    # generic words of Chinese, Japanese and Korean names weigh as the Latin ones
    ("삼성전자", "LG전자", False, "two firms sharing only 'electronics'"),
    ("双葉電子工業", "キヤノン電子", False, "two firms sharing only 電子"),
    ("鼐实鑫电子(深圳)有限公司", "电子有限公司", False, "a distinctive word missing"),
    # a bracket in a name written without spaces (OFAC SDN 30287's Chinese name) qualifies it:
    # Tencent's 腾讯科技(深圳)有限公司 met it at 1.00 on "深圳 有限公司" alone
    ("腾讯科技(深圳)有限公司", "鼐实鑫电子(深圳)有限公司", False, "a bracketed place in Han"),
    ("鼐实鑫电子有限公司", "鼐实鑫电子(深圳)有限公司", True, "the Han name beside its place"),
    ("Allegion", "LIMITED LIABILITY COMPANY LEGION", False, "one word, spelt otherwise"),
    ("Spectris PLC", "LIMITED LIABILITY COMPANY SPECTRUM", False, "one word, spelt otherwise"),
    ("朝鮮連峰總公司", "朝鮮連峰総会社", True, "traditional and Japanese forms of one name"),
    # katakana letters spell initials (clean book / MOF's SEP and SBIG)
    ("エー・ピーカンパニー", "エス・イー・ピー", False, "katakana letters AP / SEP are initials"),
    ("アイ・ピー・エス", "エス・ビー・アイ・ジー", False, "katakana letters IPS / SBIG"),
    ("エス・イー・ピー", "SEP", True, "katakana letters meet the same initials"),
    ("怡利電", "Li Li", False, "a reading of a firm's Han characters is no Korean surname"),
]


@pytest.mark.parametrize(("query", "entry", "meets", "why"), CASES, ids=[c[3] for c in CASES])
def test_pair(screener: Screener, query: str, entry: str, meets: bool, why: str) -> None:
    score = float(screener.compare(query, entry)["score"])
    assert (score >= screener.threshold) is meets, f"{query!r} / {entry!r}: {score:.2f} ({why})"


@pytest.mark.parametrize(
    ("name", "absent", "present"),
    [
        ("DULING TECHNOLOGY (HK) LIMITED.", "HK", "DULING TECHNOLOGY LIMITED."),
        ("LA HACIENDA (USA), LLC", "USA", "LA HACIENDA , LLC"),
        ("Fox Corporation (Class B)", "Class B", "Fox Corporation"),
        ("BUTEMBO AIRLINES (BAL)", None, "BAL"),
        ("KOREA KWANGSON BANKING CORPORATION (KKBC)", None, "KKBC"),
        # a bracket inside a name in Han characters is read with the name, never as all of it
        ("腾讯科技(深圳)有限公司", "深圳 有限公司", "腾讯科技 深圳 有限公司"),
        ("華信船務(香港)有限公司", "香港 有限公司", "華信船務 有限公司"),  # UN KPe.059
        # ... and a name in Han characters given in brackets after the Latin one is a name
        (  # METI 511
            "China Aerospace Science and Industry Corporation Second Academy(中国航天科工集団第二研究院)",
            None,
            "中国航天科工集団第二研究院",
        ),
    ],
)
def test_bracket_reading(name: str, absent: str | None, present: str) -> None:
    readings = variants(name)
    assert present in readings
    if absent is not None:
        assert absent not in readings


@pytest.mark.parametrize(
    ("query", "countries", "alerts"),
    [
        ("DCB", [], True),
        ("DCB", ["KP"], True),
        ("DCB", ["KR"], False),  # an acronym shared by firms elsewhere
        ("Daedong Credit Bank", ["JP"], True),  # the full name exactly: kept
    ],
)
def test_short_name_and_country(
    screener: Screener, query: str, countries: list[str], alerts: bool
) -> None:
    """UN KPe.023 DAEDONG CREDIT BANK (DCB), of the DPRK: its acronym from another country is
    another firm; its full name is kept whatever the country."""
    matches = screener.screen(Query(query, schema="Company", countries=countries), threshold=0.0)
    found = [m for m in matches if m.entity_id == "un_sc:KPe.023"]
    assert found, query
    assert (found[0].score >= screener.threshold) is alerts, found[0].explanation["features"]
    if not alerts:
        assert "short name" in str(found[0].explanation["features"])


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        # UN KPe.039 in Hangul: 회사 is read "co", the UN writes "company"
        ("조선국제화공합영회사", "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"),
        ("SAMT Co.", "SAMT COMPANY"),
        ("KT Corp.", "KT CORPORATION"),
    ],
)
def test_short_name_forms_pair_by_canonical_form(
    screener: Screener, query: str, entry: str
) -> None:
    """A short name meets only words spelt as it is; its company form spelt otherwise (co /
    company) is the same form and pairs, so the name scores as a name spelt the same."""
    result = screener.compare(query, entry)
    tokens = result["explanation"]["tokens"]
    assert any(t["how"] == "form" and t["similarity"] == 1.0 for t in tokens), tokens
    assert not result["explanation"]["unmatched_query"], result["explanation"]
    assert not result["explanation"]["unmatched_candidate"], result["explanation"]
    assert float(result["score"]) >= 0.99, result


@pytest.mark.parametrize(
    ("query", "countries", "alerts"),
    [
        ("Aelcomp Trading", [], True),
        ("Aelcomp Trading", ["FI"], True),
        ("Aelcomp Trading", ["JP"], False),  # one word, shared by a firm elsewhere
        ("Aelcomp OY", ["JP"], True),  # the full name exactly: kept
    ],
)
def test_one_word_name_and_address_country(
    screener: Screener, query: str, countries: list[str], alerts: bool
) -> None:
    """CSL AELCOMP OY gives its country (FI) only in its addresses: a name of one word that
    meets it with other generic words is another firm when queried from elsewhere."""
    matches = screener.screen(Query(query, schema="Company", countries=countries), threshold=0.0)
    found = [m for m in matches if m.caption == "Aelcomp OY"]
    assert found, query
    features = str(found[0].explanation["features"])
    assert (found[0].score >= screener.threshold) is alerts, features
    if countries == ["FI"]:
        assert "FI agrees" in features
    if not alerts:
        assert "one word" in features

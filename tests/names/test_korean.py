"""Korean romanizations meet through one comparison spelling (tradeguard/names/korean.py)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.lists.registry import parse_path
from tradeguard.names import hangul, korean
from tradeguard.names.phonetic import phonetic
from tradeguard.names.vocab import vocabulary
from tradeguard.screening import Query, Screener

# The same word as the DPRK lists write it (McCune-Reischauer without breves, initial r and n
# kept, DPRK 1992 aspirates) and as the ROK writes it (Revised Romanization, word-initial rule).
SAME = [
    ("ryonha", "yeonha"),  # 련하 / 연하: ŏ written o against eo, initial r dropped
    ("son", "seon"),  # 선: Son is also a surname group (손), the syllable still meets
    ("yong", "yeong"),
    ("ri", "i"),
    ("ri", "yi"),
    ("ryo", "yeo"),
    ("nyo", "yeo"),  # 녀 / 여
    ("tae", "dae"),  # T'ae folded (aspiration mark dropped) / Dae (voiced)
    ("thae", "tae"),  # DPRK 1992 writes the aspirate th
    ("pak", "bak"),
    ("kim", "gim"),
    ("chong", "jeong"),
    ("ryonbong", "yeonbong"),
    ("pyongyang", "pyeongyang"),
    ("ra", "na"),  # the surname 라 / 나 (UN KPi.008 RA KY'ONG-SU)
    ("chollima", "cheollima"),
    ("kyongsong", "gyeongseong"),
    ("unhung", "eunheung"),
    ("hyokchol", "hyeokcheol"),
]


@pytest.mark.parametrize(("dprk", "rok"), SAME)
def test_both_systems_meet(dprk: str, rok: str) -> None:
    assert phonetic(dprk) == phonetic(rok)


DIFFERENT = [
    ("kim", "pak"),
    ("ryonbong", "ryongbong"),  # 련봉 / 룡봉
    ("chol", "chil"),
    ("song", "sang"),
    ("yonha", "yanha"),
    ("kwang", "kang"),
    ("hyon", "hyang"),
]


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_other_syllables_stay_apart(a: str, b: str) -> None:
    assert phonetic(a) != phonetic(b)


# Latin names that read as Korean syllables keep what the phonetic key made of them: an
# initial r before a, o, u stays r (Rami is not Nami), ph stays f (Sophia is Sofia).
LATIN_SAME = [("sophia", "sofia"), ("philip", "filip"), ("ramsi", "ramzi"), ("rosa", "roza")]
LATIN_DIFFERENT = [("rami", "nami"), ("roman", "noman"), ("radia", "nadia"), ("rose", "nose")]


@pytest.mark.parametrize(("a", "b"), LATIN_SAME)
def test_latin_names_still_meet(a: str, b: str) -> None:
    assert phonetic(a) == phonetic(b)


@pytest.mark.parametrize(("a", "b"), LATIN_DIFFERENT)
def test_latin_names_stay_apart(a: str, b: str) -> None:
    assert phonetic(a) != phonetic(b)


@pytest.mark.parametrize("word", ["schmidt", "robert", "kowalski", "xavier", "mohammed", ""])
def test_words_that_are_not_korean_syllables(word: str) -> None:
    assert korean.canonical(word) is None


def test_hangul_meets_its_romanizations() -> None:
    assert korean.hangul_canonical("련하") == korean.canonical("ryonha") == "yonha"
    assert korean.hangul_canonical("연하") == korean.canonical("yeonha") == "yonha"
    assert korean.hangul_canonical("태") == korean.canonical("tae") == "tae"
    assert korean.hangul_canonical("Kim") is None


@pytest.fixture(autouse=True, scope="module")
def _tables_loaded() -> None:
    """The tables are read once, before the first example (hypothesis times each example)."""
    korean.rules()
    korean.surname("kim")


_SYLLABLE = st.integers(min_value=0xAC00, max_value=0xD7A3).map(chr)


def _no_hiatus(word: str) -> bool:
    """No syllable without a final before one without an initial consonant: there RR itself
    is ambiguous (아으 a-eu / 애우 aeu) and writes a hyphen (RR 2000, chapter 3, article 2)."""
    return not any(
        (ord(a) - 0xAC00) % 28 == 0 and (ord(b) - 0xAC00) // 588 == 11 for a, b in pairwise(word)
    )


_WORD = st.text(_SYLLABLE, min_size=1, max_size=4).filter(_no_hiatus)


@given(_WORD)
def test_both_romanizations_of_hangul_meet(word: str) -> None:
    rr = "".join(hangul.romanize_word(word, dprk=False))
    kp = "".join(hangul.romanize_word(word, dprk=True))
    key = korean.hangul_canonical(word)
    assert korean.canonical(rr) == korean.canonical(kp) == key


@given(_WORD)
def test_canonical_is_idempotent(word: str) -> None:
    key = korean.hangul_canonical(word)
    assert key is not None
    assert korean.canonical(key) == key


def _classes(char: str) -> tuple[str, str, str]:
    """A syllable's comparison sounds: its initial (after the word-initial rule), vowel and
    final, each as the rule set merges them."""
    key = korean.hangul_canonical(char)
    parts = korean.syllables(key or "")
    assert parts is not None and len(parts) == 1
    return parts[0]


@given(_SYLLABLE, _SYLLABLE)
def test_unrelated_syllables_do_not_meet(a: str, b: str) -> None:
    if _classes(a) != _classes(b):
        for dprk in (False, True):
            ra = "".join(hangul.romanize_word(a, dprk))
            rb = "".join(hangul.romanize_word(b, dprk))
            assert korean.canonical(ra) != korean.canonical(rb)


@given(st.text(st.sampled_from("abcdeghijklmnoprstuwy"), max_size=12))
def test_canonical_of_any_word_is_stable(word: str) -> None:
    key = korean.canonical(word)
    if key is not None:
        assert korean.canonical(key) == key


UN_EXTRACT = (
    Path(__file__).parent.parent
    / "fixtures"
    / "lists"
    / "un"
    / "consolidated-2026-02-27-extract.xml"
)


@pytest.fixture(scope="module")
def un_screener() -> Screener:
    return Screener.from_entities(parse_path(UN_EXTRACT).entities)


# DPRK organisations the UN list names in English only, queried in Hangul as the DPRK writes
# them: the glossary's words (정찰 reconnaissance, 총국 general bureau, 군수 munitions, 공업성
# ministry of industry, 합영회사 joint venture company ...) meet the English words, the rest
# meets the romanization (련하 Ryonha). 은행 reads as bank, and bank meets banking as a word of a
# trade and its -ing form (algorithm 35), so 조선광선은행 meets KOREA KWANGSON BANKING CORPORATION.
HANGUL_ORGANISATIONS = [
    ("조선광선은행", "un_sc:KPe.025"),  # KOREA KWANGSON BANKING CORPORATION
    ("Korea Kwangson Bank", "un_sc:KPe.025"),
    ("정찰총국", "un_sc:KPe.031"),  # RECONNAISSANCE GENERAL BUREAU
    ("군수공업부", "un_sc:KPe.028"),  # MUNITIONS INDUSTRY DEPARTMENT
    ("원자력공업성", "un_sc:KPe.027"),  # MINISTRY OF ATOMIC ENERGY INDUSTRY
    ("조선련하기계합영회사", "un_sc:KPe.016"),  # KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION
    ("조선련봉총회사", "un_sc:KPe.002"),  # KOREA RYONBONG GENERAL CORPORATION
]


@pytest.mark.parametrize(("name", "entity_id"), HANGUL_ORGANISATIONS)
def test_hangul_organisation_names_meet_the_english_entry(
    un_screener: Screener, name: str, entity_id: str
) -> None:
    matches = un_screener.screen(Query(name))
    assert matches and matches[0].entity_id == entity_id


@pytest.mark.parametrize(
    ("name", "entity_id"),
    [
        ("Yeon Jeong-nam", "un_sc:KPi.010"),  # YO'N CHO'NG NAM
        ("Na Gyeong-su", "un_sc:KPi.008"),  # RA KY'ONG-SU: initial r is n in the ROK
        ("Jo Chun-yong", "un_sc:KPi.038"),  # CHO CHUN RYONG
        ("연정남", "un_sc:KPi.010"),
        ("라경수", "un_sc:KPi.008"),
    ],
)
def test_a_person_written_in_the_other_system_is_found(
    un_screener: Screener, name: str, entity_id: str
) -> None:
    matches = un_screener.screen(Query(name, schema="Person"))
    assert any(m.entity_id == entity_id for m in matches)


def test_every_surname_spelling_is_text() -> None:
    """A bare ``no`` in YAML is false: the surname 노 No must stay a word."""
    surnames = vocabulary().surnames
    assert "no" in surnames and "false" not in surnames


OFAC_EXTRACT = (
    Path(__file__).parent.parent / "fixtures" / "lists" / "ofac" / "sdn-2024-05-03-extract.csv"
)


@pytest.fixture(scope="module")
def sdn_screener() -> Screener:
    return Screener.from_entities(parse_path(OFAC_EXTRACT).entities)


# South Korean banks written in Hangul (하나은행 Hana Bank, 신한은행 Shinhan Bank) are read with
# 은행 as "bank", as their Latin names are: they do not meet the DPRK's HANA BANKING CORPORATION
# LTD (SDN 22986), which "Hana Bank" does not meet either; the listed name itself still does.
# Bank and banking meet, but not between names whose own word is one short word (a brand such
# as Hana, "one", which firms the world over share).
@pytest.mark.parametrize(
    "name", ["하나은행", "주식회사 하나은행", "신한은행", "Hana Bank", "Shinhan Bank"]
)
@pytest.mark.parametrize("countries", [[], ["KR"]])
def test_a_south_korean_bank_in_hangul_does_not_meet_a_dprk_banking_corporation(
    sdn_screener: Screener, name: str, countries: list[str]
) -> None:
    matches = sdn_screener.screen(Query(name, countries=countries))
    assert all(m.entity_id != "us_ofac_sdn:22986" for m in matches)


def test_the_dprk_banking_corporation_is_still_found(sdn_screener: Screener) -> None:
    matches = sdn_screener.screen(Query("Hana Banking Corporation"))
    assert matches and matches[0].entity_id == "us_ofac_sdn:22986"

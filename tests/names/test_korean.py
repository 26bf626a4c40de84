"""Korean romanizations meet through one comparison spelling (tradeguard/names/korean.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.names import hangul, korean
from tradeguard.names.phonetic import phonetic

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
    ("rodong", "nodong"),  # 로동 / 노동: initial r before another vowel is n
    ("rakwon", "nagwon"),
    ("ryonbong", "yeonbong"),
    ("phyongyang", "pyeongyang"),
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


@pytest.mark.parametrize("word", ["schmidt", "robert", "kowalski", "xavier", "mohammed", ""])
def test_words_that_are_not_korean_syllables(word: str) -> None:
    assert korean.canonical(word) is None


def test_hangul_meets_its_romanizations() -> None:
    assert korean.hangul_canonical("련하") == korean.canonical("ryonha") == "yonha"
    assert korean.hangul_canonical("연하") == korean.canonical("yeonha") == "yonha"
    assert korean.hangul_canonical("태") == korean.canonical("tae") == "tae"
    assert korean.hangul_canonical("Kim") is None


_SYLLABLE = st.integers(min_value=0xAC00, max_value=0xD7A3).map(chr)
_WORD = st.text(_SYLLABLE, min_size=1, max_size=4)


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

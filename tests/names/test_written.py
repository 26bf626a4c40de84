"""Names written to evade word-by-word matching, read back: Hangul jamo typed apart,
letters spaced out, words run together."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.names.written import compose_jamo, join_spaced, segment, split_camel

# NFD gives conjoining jamo; these map them to the compatibility jamo a keyboard types.
_LEAD = dict(zip(range(0x1100, 0x1113), "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ", strict=True))
_VOWEL = dict(zip(range(0x1161, 0x1176), "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ", strict=True))
_TAIL = dict(
    zip(
        range(0x11A8, 0x11C3), "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ", strict=True
    )
)
_COMPAT = _LEAD | _VOWEL | _TAIL

syllables = st.text(
    alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=8
)


def typed_apart(text: str) -> str:
    """The compatibility jamo a keyboard types, one letter at a time, for Hangul syllables."""
    return "".join(_COMPAT[ord(c)] for c in unicodedata.normalize("NFD", text))


def test_the_trial_name_typed_as_jamo_is_the_name() -> None:
    assert compose_jamo("ㅈㅗㅅㅓㄴ광업개발무역회사") == "조선광업개발무역회사"
    assert compose_jamo("ㅁㅏㄴㅅㅜㄷㅐ") == "만수대"
    assert compose_jamo("ㄷㅏㄹㄱ") == "닭"  # a final cluster typed as two consonants
    assert compose_jamo("ㅇㅗㅏㄴ") == "완"  # a compound vowel typed as two vowels
    assert compose_jamo("ㄱ ㄴ") == "ㄱ ㄴ"  # consonants alone spell no syllable


@settings(max_examples=300, deadline=None)
@given(syllables)
def test_syllables_typed_apart_compose_back(text: str) -> None:
    """Any Hangul syllables typed as compatibility jamo compose back into the same syllables:
    every syllable starts with a consonant (ㅇ where it is silent), so a consonant before a
    vowel leads, and one before a consonant ends a syllable."""
    assert compose_jamo(typed_apart(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_composing_twice_changes_nothing(text: str) -> None:
    once = compose_jamo(text)
    assert compose_jamo(once) == once


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(whitelist_categories=("Lu", "Ll")), min_size=3, max_size=30))
def test_a_word_spaced_out_joins_back(word: str) -> None:
    assert join_spaced(" ".join(word)) == word
    assert join_spaced(f"ACME {' '.join(word)} Ltd") == f"ACME {word} Ltd"


def test_two_letters_apart_are_an_acronym_and_stay() -> None:
    assert join_spaced("K T Corp") == "K T Corp"
    assert (
        join_spaced("K o r e a M i n i n g D e v e l o p m e n t T r a d i n g")
        == "KoreaMiningDevelopmentTrading"
    )


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_cutting_words_keeps_every_letter_in_order(text: str) -> None:
    assert split_camel(text).replace(" ", "") == text.replace(" ", "")


def test_words_run_together_are_cut_where_the_case_turns() -> None:
    assert (
        split_camel("KoreaMiningDevelopmentTradingCorporation")
        == "Korea Mining Development Trading Corporation"
    )
    assert split_camel("KOMIDTrading") == "KOMID Trading"
    assert split_camel("KOREA MINING") == "KOREA MINING"


_WORDS = {"korea", "mining", "development", "trading", "corporation", "co", "rea", "kore"}


def test_a_word_of_one_case_is_cut_into_the_fewest_known_words() -> None:
    word = "koreaminingdevelopmenttradingcorporation"
    assert segment(word, _WORDS.__contains__) == [
        "korea",
        "mining",
        "development",
        "trading",
        "corporation",
    ]
    assert segment("koreamxning", _WORDS.__contains__) is None
    assert segment("korea", _WORDS.__contains__) is None  # one word: nothing to cut


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(sorted(_WORDS)), min_size=2, max_size=6))
def test_a_cut_joins_back_into_the_word(words: list[str]) -> None:
    word = "".join(words)
    cut = segment(word, _WORDS.__contains__)
    assert cut is not None
    assert "".join(cut) == word
    assert len(cut) <= len(words)

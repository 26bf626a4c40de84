"""Katakana that spells Latin letters one by one is read as the initials it spells, and only
so: its syllables read as words would meet other letter names on a shared letter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.names.analysis import analyse

# the Japanese names of letters, as the lists write them (エス・イー・ピー, ジェー・ビー)
LETTERS = {"a": "エー", "b": "ビー", "d": "ディー", "e": "イー", "i": "アイ", "j": "ジェー",
           "k": "ケー", "m": "エム", "n": "エヌ", "p": "ピー", "r": "アール", "s": "エス"}  # fmt: skip


@settings(deadline=None)  # the first reading loads the dictionaries
@given(st.lists(st.sampled_from(sorted(LETTERS)), min_size=2, max_size=5))
def test_spelt_letters_are_initials_only(letters: list[str]) -> None:
    name = "・".join(LETTERS[c] for c in letters)
    forms = analyse(name, False)
    assert forms, name
    assert {f.method for f in forms} == {"kana-letters"}, [(f.method, f.text) for f in forms]
    assert forms[0].text == "".join(letters)


@settings(deadline=None)
@given(st.lists(st.sampled_from(sorted(LETTERS)), min_size=2, max_size=4))
def test_spelt_letters_with_a_company_form(letters: list[str]) -> None:
    name = "".join(LETTERS[c] for c in letters) + "カンパニー"
    texts = {f.text for f in analyse(name, False)}
    assert texts == {"".join(letters) + " company"}, texts


def test_other_katakana_keeps_its_readings() -> None:
    """A letter name alone is a word (イースト・シー, East Sea): nothing is taken away."""
    methods = {f.method for f in analyse("イースト・シー", False)}
    assert {"kana", "kana-loanword"} <= methods

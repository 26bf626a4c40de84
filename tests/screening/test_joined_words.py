"""A word meets two or three words written apart that start with its letter or its sound, also
when the first of them is a Korean surname spelling (its phonetic key is the surname group's):
given names of persons on the SDN written in Revised Romanization, the syllables joined."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import analyse
from tradeguard.screening.compare import Weights, best_score

#: every word equally rare: the scores follow from the rule, not from the loaded lists
FLAT = Weights({}, 1000)


@pytest.mark.parametrize(
    ("query", "listed", "joined"),
    [
        ("Dongmyeong Gim", "Kim Tong Myong", "tong myong"),  # SDN, UN KPi.023
        ("Gangjin Gim", "KIM, Kang Jin", "kang jin"),  # SDN 23088
        ("Donghyok I", "RI, Tong Hyok", "tong hyok"),  # SDN 47699
    ],
)
def test_a_joined_given_name_meets_its_syllables(query: str, listed: str, joined: str) -> None:
    found = best_score(analyse(query, True), analyse(listed, True), FLAT)
    assert found is not None
    assert found.score >= 0.9
    tokens = found.explain()["tokens"]
    assert isinstance(tokens, list)
    assert joined in [t["candidate"] for t in tokens]


def test_other_first_sounds_still_do_not_join() -> None:
    # Dongmyeong does not start with the sound of Myong: no joined word, the names stay apart
    found = best_score(analyse("Dongmyeong Gim", True), analyse("Kim Myong Tong", True), FLAT)
    assert found is not None
    assert found.score < 0.7

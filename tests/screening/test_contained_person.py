"""A person known by fewer of their names than another publisher gives: names as the UN, EU,
OFAC and CSL lists write the same designated persons (paired by the lists' own ids)."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import analyse
from tradeguard.screening.compare import Weights, best_score

#: every word equally rare: the scores follow from the rule, not from the loaded lists
FLAT = Weights({}, 1000)


def score(query: str, candidate: str, person: bool) -> float:
    found = best_score(analyse(query, person), analyse(candidate, person), FLAT, not person)
    assert found is not None
    return found.score


@pytest.mark.parametrize(
    ("query", "candidate"),
    [
        ("Ibrahim Saeed Salim Jadhran", "JADHRAN, Ibrahim"),  # UN / OFAC
        ("ATABIEV, Islam", "Islam Seit-Umarovich Atabiev"),  # CSL / EU
        ("Husayn Muhammad Husayn al-Juaythini", "JUAYTHINI, Husayn"),  # EU / OFAC
    ],
)
def test_a_contained_person_name_alerts(query: str, candidate: str) -> None:
    assert score(query, candidate, person=True) >= 0.7
    # the same words as an organisation's name: a word missing is evidence against, as before
    assert score(query, candidate, person=False) < score(query, candidate, person=True)


def test_a_different_word_still_separates() -> None:
    # both names keep a word the other lacks: not contained, no discount
    assert score("Ibrahim Saeed Jadhran", "Ibrahim Jadhran Mahmoud", person=True) < 0.7

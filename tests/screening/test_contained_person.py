"""A person known by fewer of their names than another publisher gives: names as the UN, EU,
OFAC and CSL lists write the same designated persons (paired by the lists' own ids)."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import analyse
from tradeguard.screening.compare import Weights, best_score
from tradeguard.screening.contained import contained_person

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


def contained(query: str, candidate: str) -> bool:
    """Whether the best alignment of two persons' names counts as a contained name."""
    found = best_score(analyse(query, True), analyse(candidate, True), FLAT)
    assert found is not None
    explained = found.explain()
    pairs = [(p.query, p.candidate, p.sim, p.how) for p in found.pairs]
    free_q, free_c = bool(explained["unmatched_query"]), bool(explained["unmatched_candidate"])
    return contained_person(found.query, found.candidate, pairs, free_q, free_c)


@pytest.mark.parametrize(
    ("query", "candidate"),
    [
        ("Ibrahim Saeed Salim Jadhran", "JADHRAN, Ibrahim"),  # UN / OFAC
        ("ATABIEV, Islam", "Islam Seit-Umarovich Atabiev"),  # CSL / EU
        ("DARWISH, Xiu Ying Ali", "DARWISH, Ali"),  # a given name more
        ("Safia Hadad", "Safia Farkash Mohammed Al-Hadad"),  # OFAC's words, spelt as written
        # MOF's katakana read against the UN's Latin: no word is spelt as the list spells it
        ("アリ・ベン・ターヘル・ベン・ファーレフ・オウニー・ハルズィー", "HARZI, Ali Ouni"),
    ],
)
def test_contained_names(query: str, candidate: str) -> None:
    assert contained(query, candidate)


@pytest.mark.parametrize(
    ("query", "candidate"),
    [
        # two Latin spellings whose words only look alike: another person as often as not
        ("Sofia Haddad", "Safia Farkash Mohammed Al-Hadad"),
        # two words joined to meet one word of the list's name: one word met is no name
        ("Lucia Yoon", "Luciano Dibattista"),
        ("Arjun Yoon", "ولی جان"),
    ],
)
def test_names_met_by_chance_are_not_contained(query: str, candidate: str) -> None:
    assert not contained(query, candidate)
    # and the entry's further words cost what they cost before the contained-name rule
    found = best_score(analyse(query, True), analyse(candidate, True), FLAT)
    assert found is not None
    matched = sum(
        p.sim
        * (sum(found.q_weights[i] for i in p.query) + sum(found.c_weights[j] for j in p.candidate))
        for p in found.pairs
    )
    matched_c = {j for p in found.pairs for j in p.candidate}
    extra = sum(w for j, w in enumerate(found.c_weights) if j not in matched_c)
    assert found.score == pytest.approx(
        matched / (sum(found.q_weights) + sum(found.c_weights) - 0.2 * extra), abs=1e-3
    )

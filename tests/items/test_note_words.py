"""A note of Annex I that the parse files as a record of its own (tradeguard/items/textindex.py:
naming_part) names the items it is about, not their conditions: a word met only in a note's
conditions suggests nothing. Read on the bundled Annex I records (the parse of the 2025-11-15
consolidated text)."""

from __future__ import annotations

import pytest

from tradeguard.items import classify, knowledge_base
from tradeguard.items.textindex import naming_part


@pytest.mark.parametrize(
    ("code", "names"),
    [
        (
            "1A004.d",
            "equipment",
        ),  # does not control equipment specially designed for laboratory use
        (
            "2B352.f.2",
            "class iii biosafety cabinets",
        ),  # ..., as described in the WHO Laboratory ...
        ("2B352.f.1", "suits"),  # does not control suits designed to be worn with ...
        ("5A001.b.5", "radio equipment"),  # ... specially designed for use with civil cellular ...
    ],
)
def test_a_note_names_its_items_not_their_conditions(code: str, names: str) -> None:
    entry = knowledge_base().entries[code]
    assert entry.note_fragment
    assert naming_part(entry).strip() == names


def test_an_entry_names_by_its_whole_title() -> None:
    entry = knowledge_base().entries["2B352"]
    assert not entry.note_fragment
    assert naming_part(entry) == entry.title


@pytest.mark.parametrize("description", ["laboratory glassware", "laboratory fume hood"])
def test_a_word_of_a_note_condition_suggests_nothing(description: str) -> None:
    assert classify(description).entries == []


def test_the_items_a_note_is_about_are_still_suggested() -> None:
    assert "2B352.f.2" in {e.code for e in classify("class III biosafety cabinet").entries}

"""A description that names an entry's item outright (its title, a chemical name listed with
its CAS number, a synonym that names it) is decided as that entry, not merely suggested:
hydrogen fluoride at 99.9 % is 1C350.24 as its CAS number would make it, at 25 % it is below
the mixture threshold (Note 3: more than 30 %) and not controlled. A trade word of a use
("etching gas") or an abbreviation ("HF") still only suggests; a term of another language opens
its entry and does not decide it (tests/items/test_naming.py)."""

from __future__ import annotations

import pytest

from tradeguard.items import classify, knowledge_base
from tradeguard.items.classifier import item_names


def _status(description: str, code: str) -> str | None:
    return next((e.status for e in classify(description).entries if e.code == code), None)


@pytest.mark.parametrize(
    "description",
    ["Hydrogen fluoride anhydrous 99.9%", "Hydrogen fluoride, anhydrous", "hydrofluoric acid 55%"],
)
def test_hydrogen_fluoride_named_is_1c350_24(description: str) -> None:
    result = classify(description)
    assert result.controlled is True
    [entry] = [e for e in result.entries if e.status == "controlled"]
    assert entry.code == "1C350.24"
    assert "named" in entry.matched_by
    assert "named by the description" in entry.why
    assert entry.confidence <= 0.9  # named, not numbered


@pytest.mark.parametrize("description", ["Hydrogen fluoride 25%", "Hydrofluoric acid 25% solution"])
def test_hydrogen_fluoride_below_the_mixture_threshold_is_not_controlled(description: str) -> None:
    result = classify(description)
    assert result.controlled is False
    assert _status(description, "1C350.24") == "not_controlled"


def test_the_longer_name_is_what_the_text_names() -> None:
    result = classify("ammonium hydrogen fluoride")
    assert [e.code for e in result.entries if e.status == "controlled"] == ["1C350.42"]
    assert _status("ammonium hydrogen fluoride", "1C350.24") == "suggestion"


@pytest.mark.parametrize("description", ["etching gas", "HF transceiver", "nerve agent antidote"])
def test_a_use_word_or_an_abbreviation_only_suggests(description: str) -> None:
    result = classify(description)
    assert result.controlled is None
    assert not [e for e in result.entries if e.status in ("controlled", "undecided")]


def test_a_named_entry_with_thresholds_has_them_tested() -> None:
    decided = classify("fluorinated polyimide resin, fluorine content 12%")
    assert [e.code for e in decided.entries if e.status == "controlled"] == ["1C009.b"]
    below = classify("fluorinated polyimide resin, fluorine content 8%")
    assert below.controlled is False
    open_ = classify("fluorinated polyimide resin")
    assert open_.controlled is None
    assert open_.missing_parameters == ["fluorine_pct"]


def test_every_structured_entry_named_by_its_title_is_decided_or_open() -> None:
    """Each structured entry's own title (its text as the bundled knowledge base words it)
    names the entry: it comes back controlled, not controlled or undecided, never a mere
    suggestion (before: 2 of 123 decided, 119 suggestions)."""
    kb = knowledge_base()
    structured = [e for e in kb.entries.values() if not (e.family or e.text_only)]
    assert len(structured) > 100
    merely_suggested = []
    for entry in structured:
        assert entry.code in item_names().find(entry.title).decisive, entry.code
        status = _status(entry.title, entry.code)
        if status not in ("controlled", "not_controlled", "undecided"):
            merely_suggested.append((entry.code, status))
    assert merely_suggested == []


@pytest.mark.parametrize("description", ["フッ化水素 99.9%", "불화수소", "氟化氢"])
def test_a_term_of_another_language_opens_and_does_not_decide(description: str) -> None:
    result = classify(description)
    assert result.controlled is None
    assert _status(description, "1C350.24") == "undecided"
    assert "cas" in result.missing_parameters


def test_a_cas_number_given_is_not_overruled_by_a_name() -> None:
    result = classify("hydrogen fluoride", cas="1341-49-7")
    assert _status("hydrogen fluoride", "1C350.24") == "controlled"
    assert [e.code for e in result.entries if e.status == "controlled"] == ["1C350.42"]

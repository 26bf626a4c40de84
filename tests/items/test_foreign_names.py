"""Chemical names in a language the classifier did not know: "Fluorwasserstoff" and
"fluorure d'hydrogène" found no entry at all, so a shipment of them was cleared. German and
French names of hydrogen fluoride are now read through sourced terms (vocabulary_de_fr.yaml)
that open 1C350.24 and ask for the CAS number; any other word that looks like a chemical's name
and that the knowledge base does not read is reported unread, the classification asks for the
CAS number, and a shipment item with it is a review, never a silent CLEAR."""

from __future__ import annotations

import pytest

from tests.shipments.builders import jp_to_cn
from tradeguard.items import classify
from tradeguard.shipments import Evaluator

HF = "7664-39-3"


@pytest.mark.parametrize(
    ("description", "lang"),
    [
        ("Fluorwasserstoff", "de"),
        ("Fluorwasserstoff 99,9 %", "de"),
        ("Flusssäure 49 %", "de"),
        ("fluorure d'hydrogène", "fr"),
        ("Fluorure d’hydrogène anhydre", "fr"),
        ("acide fluorhydrique 49 %", "fr"),
        ("氟化氢", "zh"),
        ("불화수소", "ko"),
        ("フッ化水素", "ja"),
    ],
)
def test_hydrogen_fluoride_in_other_languages_opens_its_entry(description: str, lang: str) -> None:
    data = classify(description).to_dict()
    assert data["controlled"] is None
    [entry] = [e for e in data["entries"] if e["code"] == "1C350.24"]
    assert entry["status"] == "undecided" and "cas" in entry["missing_parameters"]
    assert any(f"({lang}) = hydro" in r for r in data["read_as"])


def test_with_the_cas_number_the_german_name_is_decided_by_its_share() -> None:
    assert classify("Flusssäure 49 %", cas=HF).controlled is True
    assert classify("Flusssäure 25 %", cas=HF).controlled is False


@pytest.mark.parametrize(
    ("description", "word"),
    [
        ("Chlorwasserstoffsäure 37 %", "chlorwasserstoffsäure"),
        ("ácido fluorhídrico 49%", "fluorhídrico"),
        ("acido fluoridrico 49%", "fluoridrico"),
        ("Natriumfluorid", "natriumfluorid"),
        ("Schwefelwasserstoff in Stickstoff", "schwefelwasserstoff"),
    ],
)
def test_an_unknown_chemical_name_is_not_understood(description: str, word: str) -> None:
    result = classify(description)
    assert result.controlled is None and not result.entries
    assert word in result.unread
    assert result.missing_parameters == ["cas"]
    assert result.why.startswith("the description was not understood")
    assert "give the CAS number" in result.why


@pytest.mark.parametrize(
    "description",
    ["Swivel office chairs with adjustable height", "laboratory glassware", "nitrile gloves"],
)
def test_ordinary_english_is_not_flagged(description: str) -> None:
    result = classify(description)
    assert result.unread == [] and result.missing_parameters == []
    assert "not understood" not in result.why


def test_a_cas_number_decides_an_unknown_name() -> None:
    """The CAS number names the chemical; the share next to words not read is not taken for
    its own: the concentration is asked for, and given it decides."""
    result = classify("ácido fluorhídrico 49%", cas=HF)
    assert result.controlled is None and result.missing_parameters == ["concentration_pct"]
    given = classify("ácido fluorhídrico 49%", cas=HF, params={"concentration_pct": 49})
    assert given.controlled is True


def test_a_shipment_of_an_unknown_chemical_name_is_a_review(
    classifying_evaluator: Evaluator,
) -> None:
    decision = classifying_evaluator.evaluate(jp_to_cn({"description": "ácido fluorhídrico 49%"}))
    assert decision.verdict != "CLEAR"
    [reason] = [r for r in decision.reasons if r.code == "DESCRIPTION_NOT_READ"]
    assert "fluorhídrico" in reason.message


def test_a_shipment_of_the_german_name_is_a_review(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(jp_to_cn({"description": "Fluorwasserstoff"}))
    assert decision.verdict != "CLEAR"
    assert any(r.code == "CLASSIFICATION_INCOMPLETE" for r in decision.reasons)

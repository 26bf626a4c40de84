"""A molecular formula alone names its chemical: "HF 49%", "PH3 6N" and "HF 500 ppmv in N2",
written as a fab's purchase orders and gas cylinders' labels write them, with no CAS number and
no HS code, opened no entry and a shipment of them was CLEAR. A formula of a chemical the
knowledge base holds with its CAS number (tradeguard/data/controls/formulas.yaml) is read as
the chemical's name when the words open no entry, and decided as the name is."""

from __future__ import annotations

import pytest

from tradeguard.items import classify
from tradeguard.items.classifier import knowledge_base


@pytest.mark.parametrize(
    ("description", "code", "controlled"),
    [
        ("HF 49%", "1C350.24", True),  # above the Note 3 threshold (more than 30 %)
        ("HF 25%", "1C350.24", False),
        ("HF 500 ppmv in N2", "1C350.24", False),  # 0.0357 % by weight
        ("PH3 6N", "3C004", True),  # purity 99.9999 %, undiluted
        ("H3P 6N", "3C004", True),  # Hill notation
        ("SbH3 99.9999%", "3C004", True),
        ("Cl3OP 99%", "1C350.2", True),  # Hill notation of POCl3
    ],
)
def test_a_formula_is_decided_as_the_name_is(description: str, code: str, controlled: bool) -> None:
    result = classify(description)
    assert result.controlled is controlled, result.why
    assert result.entries[0].code == code
    assert any("(formula) = " in r for r in result.read_as)


def test_hf_49_is_hydrogen_fluoride_at_49_percent() -> None:
    by_formula = classify("HF 49%")
    by_name = classify("hydrogen fluoride 49%")
    assert by_formula.read_as == ["HF (formula) = hydrogen fluoride"]
    assert [(e.code, e.status) for e in by_formula.entries[:1]] == [("1C350.24", "controlled")]
    assert by_formula.controlled == by_name.controlled
    assert "49" in by_formula.entries[0].why


@pytest.mark.parametrize("description", ["Hf 49%", "hf 49%", "Hf sputtering target 99.9%"])
def test_a_formula_is_matched_case_sensitively(description: str) -> None:
    """Hf is hafnium; a formula in the wrong case is no formula."""
    result = classify(description)
    assert not result.read_as
    assert not any(e.code == "1C350.24" for e in result.entries)


def test_a_formula_inside_a_word_is_no_formula() -> None:
    assert classify("HFX 49%").read_as == []
    assert classify("KF-2000 cable").read_as == []


def test_words_that_open_an_entry_are_not_reread_as_a_formula() -> None:
    """HF in "HF radio transceiver" is high frequency: 5A001 stays what it suggests."""
    result = classify("HF radio transceiver")
    assert result.read_as == []
    assert any(e.code.startswith("5A001") for e in result.entries)


@pytest.mark.parametrize(
    "description", ["HF transceiver", "HF Transceiver", "KF flange clamp", "NaF crystal window"]
)
def test_a_formula_beside_a_word_of_another_item_is_not_read(description: str) -> None:
    """Only a share's words may stand beside the formula: HF is also high frequency, KF a
    vacuum flange; an item named in words is that item."""
    assert classify(description).read_as == []


@pytest.mark.parametrize(
    "description", ["HF 49% aqueous solution", "PH3 10 ppm balance nitrogen", "HF anhydrous"]
)
def test_a_formula_with_a_share_s_words_is_read(description: str) -> None:
    assert classify(description).read_as


@pytest.mark.parametrize("description", ["NF3", "WF6", "BCl3 99.999%"])
def test_a_formula_of_a_chemical_the_lists_do_not_hold_opens_nothing(description: str) -> None:
    result = classify(description)
    assert result.entries == [] and result.controlled is None


def test_every_formula_leads_to_a_chemical_the_knowledge_base_lists() -> None:
    kb = knowledge_base()
    assert {"HF", "PH3", "AsH3", "H3P"} <= set(kb.formulas)
    for form, name in kb.formulas.items():
        result = classify(name)
        assert result.entries and result.entries[0].status != "suggestion", (form, name)

"""The joint-stock and limited-liability forms of the EU's languages are company forms: the EU
Financial Sanctions Files (2024-05-13) give the names of Russian and Belarusian firms in each
of its languages with the legal form translated, and the US CSL and OFAC write the Russian and
Belarusian forms in Latin letters. Each case is a name as one of these lists writes it."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import TokenClass, analyse


def words(name: str) -> tuple[list[str], list[str]]:
    """The distinctive words and the canonical company forms of a name's first form (a form
    keeps its spelling as its text, its canonical form is its key: ``=jsc``)."""
    tokens = analyse(name, False)[0].tokens
    names = [t.text for t in tokens if t.cls == TokenClass.NAME]
    forms = [t.phon.removeprefix("=") for t in tokens if t.cls == TokenClass.FORM]
    return names, forms


@pytest.mark.parametrize(
    ("name", "distinctive", "form"),
    [
        ("Javna delniška družba Mostotrest", ["mostotrest"], "jsc"),  # EU, Slovenian
        ("PJSC MOSTOTREST", ["mostotrest"], "jsc"),  # CSL
        ("Sociedade por ações aberta “Belaruskali”", ["belaruskali"], "jsc"),  # EU, Portuguese
        ("Atviroji akcinė bendrovė „Belaruskali“", ["belaruskali"], "jsc"),  # EU, Lithuanian
        ("Offene Aktiengesellschaft „Belaruskali“", ["belaruskali"], "jsc"),  # EU, German
        ("Societatea deschisă pe acțiuni Belaruskali", ["belaruskali"], "jsc"),  # EU, Romanian
        ("Акционерно дружество „Ленпромтранспроект“", ["lenpromtransproekt"], "jsc"),  # EU, bg
        ("Aktieselskabet »Lenpromtransproyekt«", ["lenpromtransproyekt"], "jsc"),  # EU, Danish
        ("ADKRYTAYE AKTSYYANERNAYE TAVARYSTVA BELARUSKALIY", ["belaruskaliy"], "jsc"),  # CSL
        ("OTKRYTOYE AKTSIONERNOYE OBSHCHESTVO BELARUSKALIY", ["belaruskaliy"], "jsc"),  # CSL
        ("Sociedad de responsabilidad limitada Iteranet", ["iteranet"], "llc"),  # EU, Spanish
        ("Spółka z ograniczoną odpowiedzialnością Iteranet", ["iteranet"], "llc"),  # EU, Polish
        ("OOO ITERANET", ["iteranet"], "llc"),  # OFAC
    ],
)
def test_eu_legal_forms(name: str, distinctive: list[str], form: str) -> None:
    assert words(name) == (distinctive, [form])


def test_a_form_word_alone_stays_a_name() -> None:
    # a one-word name is never a form (``Osauhing`` alone is a name, not Ltd)
    assert words("Aktiengesellschaft") == (["aktiengesellschaft"], [])

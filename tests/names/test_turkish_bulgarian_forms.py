"""Turkish and Bulgarian company forms and the Turkish words of firms' names, as the OFAC SDN
list writes them: the forms are company forms, the words generic, so two Turkish firms that
share "... Sanayi ve Ticaret Anonim Sirketi" and an industry word are told apart by the words
that name them."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import analyse
from tradeguard.screening.compare import Weights, best_score


def classes(name: str) -> list[tuple[str, str]]:
    """(canonical word, class) of each token of a name's first form."""
    tokens = analyse(name, False)[0].tokens
    return [(t.phon.removeprefix("=") if t.cls else t.text, t.cls.name) for t in tokens]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # OFAC SDN, Turkish joint-stock company
        (
            "MULBERRY PROJE YATIRIM ANONIM SIRKETI",
            [("mulberry", "NAME"), ("proje", "NAME"), ("yatirim", "NAME"), ("jsc", "FORM")],
        ),
        # OFAC SDN, Turkish limited company: trade, and, energy are generic words
        (
            "SAMED PETROL VE ENERJI DIS TICARET LIMITED SIRKETI",
            [
                ("samed", "NAME"),
                ("petrol", "NAME"),
                ("the", "GENERIC"),
                ("energy", "GENERIC"),
                ("dis", "NAME"),
                ("trading", "GENERIC"),
                ("llc", "FORM"),
            ],
        ),
        ("NOVE PARTNERS OOD", [("nove", "NAME"), ("partners", "NAME"), ("llc", "FORM")]),
        ("VABO-2005 EOOD", [("vabo", "NAME"), ("2005", "NAME"), ("llc", "FORM")]),
        ("DIGITAL SERVICES EAD", [("digital", "NAME"), ("service", "GENERIC"), ("jsc", "FORM")]),
    ],
)
def test_turkish_and_bulgarian_forms(name: str, expected: list[tuple[str, str]]) -> None:
    assert classes(name) == expected


def test_turkish_firms_sharing_only_generic_words_stay_apart() -> None:
    # OFAC SDN 36075 and 36050: one firm's name, and another's, in the same generic words
    flat = Weights({}, 1000)
    alan = analyse("ALAN ENERJI URETIM SANAYI VE TICARET ANONIM SIRKETI", False)
    anka = analyse("ANKA ENERJI URETIM SANAYI VE TICARET ANONIM SIRKETI", False)
    found = best_score(anka, alan, flat, organisation=True)
    assert found is not None
    assert found.score < 0.7
    # the same firm without its generic words still meets it
    found = best_score(
        analyse("Alan Enerji Uretim Anonim Sirketi", False), alan, flat, organisation=True
    )
    assert found is not None
    assert found.score >= 0.7

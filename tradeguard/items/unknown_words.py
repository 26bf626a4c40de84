"""Words of a description that look like the name of a chemical but that the classifier does
not read: no vocabulary term covers them and they are not words of the control lists' English
("Fluorwasserstoff", "fluorure d'hydrogène", "Chlorwasserstoffsäure"). A description in a
language the classifier does not know may name a controlled chemical, so it is never cleared
silently: such words are reported as not read (``unread``), the classification asks for the CAS
number, and a shipment item with them and no CAS number or HS code is a review
(``DESCRIPTION_NOT_READ``).

A word looks like a chemical's name when it holds a stem of chemical nomenclature
(``chemical_stems`` in ``parameters.yaml``: fluor, chlor, wasserstoff, hydrog, acide ...).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

from tradeguard.items.kb import Term

#: A run of letters (any script: the non-Latin ones are left to ``unread_text``).
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def unknown_chemical_words(
    description: str, stems: Iterable[str], terms: Iterable[Term], known: Callable[[str], bool]
) -> list[str]:
    """The words of ``description`` that hold a chemical stem and that neither a vocabulary term
    found in it (``terms``) nor the control lists' English (``known``) reads, in text order."""
    text = unicodedata.normalize("NFKC", description).lower()
    for term in sorted(terms, key=lambda t: -len(t.text)):
        text = text.replace(term.text, " ")
    stems = tuple(stems)
    out: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        if not all(_latin(ch) for ch in word if ch.isalpha()):
            continue
        plain = _fold(word)
        if not any(s in plain for s in stems):
            continue
        parts = [p for p in re.split(r"['’]", plain) if p]
        if all(known(p) for p in parts if any(s in p for s in stems)):
            continue
        if word not in out:
            out.append(word)
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def _fold(word: str) -> str:
    """The word without accents, ß as ss ("hydrogène" as "hydrogene", "Säure" as "saure")."""
    word = word.replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))

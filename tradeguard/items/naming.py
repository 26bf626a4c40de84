"""What a description names: the control entries whose kind of item it names outright, in
English (an entry's synonym, or a listed chemical's name, as a whole phrase) or in Japanese,
Korean or Chinese (a vocabulary term that names its entries), and the part of a description
written in a script the classifier does not read.

A named entry is an open question for the item (its parameters or CAS number decide it), not
a mere suggestion: "5-axis machining centre", "5軸マシニングセンタ" and "フッ化水素" name
2B001/2B201 and 1C350.24 without an HS code or a CAS number. A word that only suggests an
entry (a ranked free-text match, a broader vocabulary word such as ポリイミド) does not.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tradeguard.items.kb import KnowledgeBase, Term

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> list[str]:
    """Lower-case words, a plural ``s`` dropped (``centres`` reads as ``centre``)."""
    out = []
    for w in _WORD.findall(unicodedata.normalize("NFKC", text).lower()):
        if len(w) > 4 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def _is_acronym(phrase: str) -> bool:
    """A short code such as HF, TEA or DMA: as a word it names too much (an HF radio, tea)."""
    letters = [c for c in phrase if c.isalpha()]
    return (
        " " not in phrase.strip()
        and len(phrase.strip()) <= 4
        and not any(c.islower() for c in letters)
    )


class PhraseIndex:
    """The English phrases that name entries: synonyms, and for listed chemicals the title and
    the names of the CAS numbers. Short all-capital codes are left out (they stay free-text
    suggestions)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        for entry in kb.entries.values():
            phrases = list(entry.synonyms)
            if entry.cas:
                phrases += [entry.title, *entry.cas_names.values()]
            for phrase in phrases:
                if not phrase or _is_acronym(phrase):
                    continue
                key = tuple(_words(phrase))
                if key:
                    self._phrases.setdefault(key, set()).add(entry.code)
        self._longest = max((len(k) for k in self._phrases), default=0)

    def find(self, text: str) -> dict[str, str]:
        """Entry code -> the phrase of ``text`` that names it.

        The longest phrase wins and phrases do not overlap: "e-beam resist" names 3C002.b,
        not every resist of 3C002."""
        words = _words(text)
        out: dict[str, str] = {}
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                codes = self._phrases.get(tuple(words[i : i + n]))
                if codes:
                    for code in sorted(codes):
                        out.setdefault(code, " ".join(words[i : i + n]))
                    i += n
                    break
            else:
                i += 1
        return out


def named_entries(index: PhraseIndex, description: str, terms: Iterable[Term]) -> dict[str, str]:
    """Entry code -> what names it: a vocabulary term of another language that names its
    entries, or an English phrase of the description."""
    out: dict[str, str] = {}
    for term in terms:
        if term.names:
            for code in term.entries:
                out.setdefault(code, term.text)
    for code, phrase in index.find(description).items():
        out.setdefault(code, phrase)
    return out


def unread_text(description: str, terms: Iterable[Term]) -> list[str]:
    """The runs of letters in a script the classifier does not read (not Latin, not a
    vocabulary term found in the description): '5軸マシニングセンタ' leaves '軸'."""
    text = unicodedata.normalize("NFKC", description).lower()
    for term in sorted(terms, key=lambda t: -len(t.text)):
        text = text.replace(term.text, " ")
    runs: list[str] = []
    current = ""
    for ch in text + " ":
        if unicodedata.category(ch).startswith("L") and not _read_script(ch):
            current += ch
        elif current:
            runs.append(current)
            current = ""
    return runs


def _read_script(ch: str) -> bool:
    """Latin letters are read (and Greek ones, as units: µm)."""
    return ch.isascii() or unicodedata.name(ch, "").startswith(("LATIN", "GREEK", "MICRO"))

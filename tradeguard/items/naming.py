"""What a description names: the control entries whose kind of item it names outright, in
English (an entry's synonym, or a listed chemical's name, as a whole phrase) or in Japanese,
Korean or Chinese (a vocabulary term that names its entries), and the part of a description
written in a script the classifier does not read.

A named entry is an open question for the item (its parameters or CAS number decide it), not
a mere suggestion: "5-axis machining centre", "5軸マシニングセンタ" and "フッ化水素" name
2B001/2B201 and 1C350.24 without an HS code or a CAS number. A word that only suggests an
entry (a ranked free-text match, a broader vocabulary word such as ポリイミド) does not.

An English description may also name an entry so plainly that it decides it (:class:`NameIndex`):
the entry's title, a part of it that names the item on its own (either side of a colon, outside
or inside brackets, either side of ``or`` for a chemical), a chemical name listed with its CAS
number, or a synonym that names the item. Such an entry is tested as the item's entry
(:func:`tradeguard.items.entry_check.evaluate_entry`): a chemical named is that chemical, as its
CAS number would make it, and its mixture rule reads the concentration ("Hydrogen fluoride
anhydrous 99.9%" is 1C350.24, "Hydrogen fluoride 25%" is below its threshold). Not every synonym
names the item: one made of abbreviations of three characters or fewer (``HF``, ``KF``, ``AHF``)
or with a word of a use or a class of goods (``etching gas``, ``nerve agent``: ``GENERIC_WORDS``)
only opens or suggests its entry; for an entry that is not a chemical a synonym names it only when
it shares a word with the entry's title. Where two names overlap ("ammonium hydrogen fluoride",
"hydrogen fluoride") the longer one is what the text names. Japanese, Korean and Chinese terms
open their entries and do not decide them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from tradeguard.items.kb import ControlEntry, KnowledgeBase, Term

_WORD = re.compile(r"[a-z0-9]+")
#: Words of a use or a class of goods: a synonym with one of them names no single item.
GENERIC_WORDS = frozenset(
    {
        *("gas", "gases", "agent", "agents", "etching", "cleaning", "doping", "specialty"),
        *("fumigant", "retardant", "precursor", "grade", "film", "varnish", "equipment"),
        *("machine", "tool", "material"),
    }
)
_TITLE_STOP = frozenset(
    {"and", "as", "by", "for", "from", "in", "of", "or", "other", "the", "than", "to", "with"}
)


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
    the names of the CAS numbers. Short all-capital codes and phrases with a word of a use or a
    class of goods (``etching gas``, ``nerve agent``: :data:`GENERIC_WORDS`) are left out (they
    stay free-text suggestions)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._phrases: dict[tuple[str, ...], set[str]] = {}
        for entry in kb.entries.values():
            phrases = list(entry.synonyms)
            if entry.cas:
                phrases += [entry.title, *entry.cas_names.values()]
            for phrase in phrases:
                if not phrase or _is_acronym(phrase) or GENERIC_WORDS & set(_words(phrase)):
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


def within_longer_name(named: dict[str, str], decisive: dict[str, str]) -> dict[str, str]:
    """``named`` without the entries whose phrase is only part of a longer name that decides
    another entry: "ammonium hydrogen fluoride" names 1C350.42, not 1C350.24 too."""
    return {
        code: phrase
        for code, phrase in named.items()
        if code in decisive
        or not any(
            len(found) > len(phrase) and f" {phrase} " in f" {found} "
            for found in decisive.values()
        )
    }


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


def _title_names(entry: ControlEntry) -> set[str]:
    """The title and its parts that name the item on their own (none of a generic word)."""
    title = entry.title.strip().rstrip(":")
    parts = {re.sub(r"\([^)]*\)", " ", title)}
    parts.update(re.findall(r"\(([^)]*)\)", title))
    parts.update(p for part in list(parts) for p in part.split(":"))
    if entry.cas:
        parts.update(p for part in list(parts) for p in re.split(r"\bor\b", part))
    return {title} | {p for p in parts if not GENERIC_WORDS & set(_words(p))}


def _chemical_names(entry: ControlEntry) -> set[str]:
    """The names listed with the CAS numbers, without a remark in brackets ("Soman
    (O-Pinacolyl methylphosphonofluoridate) (CWC 1.A(1), family example)"), either side of a
    colon ("Mustard gas: Bis(2-chloroethyl)sulfide"), none of a generic word."""
    out = set()
    for name in entry.cas_names.values():
        for part in name.split(" (")[0].split(":"):
            if not GENERIC_WORDS & set(_words(part)):
                out.add(part)
    return out


def _synonym_names(entry: ControlEntry) -> set[str]:
    own = {w for n in (entry.title, *entry.cas_names.values()) for w in _words(n)} - _TITLE_STOP
    out = set()
    for synonym in entry.synonyms:
        ws = _words(synonym)
        if all(len(w) <= 3 for w in ws) or GENERIC_WORDS & set(ws):
            continue
        if entry.cas or own & {w for w in ws if len(w) > 3}:
            out.add(synonym)
    return out


def entry_names(entry: ControlEntry) -> set[tuple[str, ...]]:
    """The word sequences that name ``entry`` so plainly that they decide it."""
    names = _title_names(entry) | _chemical_names(entry) | _synonym_names(entry)
    out = set()
    for name in names:
        ws = tuple(_words(name))
        if ws and sum(len(w) for w in ws) > 3:
            out.add(ws)
    return out


class NameIndex:
    """The names that decide an entry (:func:`entry_names`), by their first word; the headings
    of a family of chemicals are left out."""

    def __init__(self, entries: Iterable[ControlEntry]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for entry in entries:
            if entry.family:
                continue
            for name in entry_names(entry):
                self._by_first.setdefault(name[0], []).append((name, entry.code))

    def named(self, text: str) -> dict[str, str]:
        """The entries ``text`` names, each with the name found (longest spans only)."""
        ws = _words(text)
        spans: list[tuple[int, int, str, str]] = []
        for i, w in enumerate(ws):
            for seq, code in self._by_first.get(w, ()):
                if tuple(ws[i : i + len(seq)]) == seq:
                    spans.append((i, i + len(seq), code, " ".join(seq)))
        out: dict[str, str] = {}
        for start, end, code, found in spans:
            inside = any(
                s <= start and end <= e and (e - s) > (end - start) and c != code
                for s, e, c, _ in spans
            )
            if not inside and len(found) > len(out.get(code, "")):
                out[code] = found
        return out

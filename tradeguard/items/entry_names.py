"""The names of an entry's item, as the knowledge base words them: the English phrases that
open an entry (its synonyms; for a listed chemical also its title and the names of its CAS
numbers), the names that decide it (its title and the parts of the title that name the item on
their own, a chemical name listed with its CAS number, a synonym that names the item), and
whether an entry is a material. Indexed and looked up by :mod:`tradeguard.items.naming`."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import yaml

from tradeguard.errors import InputError
from tradeguard.items.kb import ControlEntry
from tradeguard.items.kb_load import CONTROLS_DIR

WORD = re.compile(r"[a-z0-9]+")
#: the words of a use or a class of goods, each with where it comes from
GENERIC_WORDS_FILE = CONTROLS_DIR / "generic_words.yaml"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_generic_words(path: Path) -> frozenset[str]:
    """The ``generic`` words of a file such as ``generic_words.yaml``; a record without a
    lower-case word or a source is refused."""
    doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    out = set()
    for record in doc.get("generic") or ():
        word = str(record.get("word") or "")
        if not word or word != word.lower() or not record.get("source"):
            raise InputError(
                f"{path.name}: a generic word needs a lower-case word and a source ({record!r})"
            )
        out.add(word)
    return frozenset(out)


@functools.cache
def generic_words() -> frozenset[str]:
    """Words of a use or a class of goods (``gas``, ``agent``, ``equipment`` ...): a synonym
    with one of them names no single item. Read once from
    ``tradeguard/data/controls/generic_words.yaml``, where each word names its source."""
    return read_generic_words(GENERIC_WORDS_FILE)


_TITLE_STOP = frozenset(
    {"and", "as", "by", "for", "from", "in", "of", "or", "other", "the", "than", "to", "with"}
)


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower()


def stem(w: str) -> str:
    return w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w


def words(text: str) -> list[str]:
    """Lower-case words, a plural ``s`` dropped (``centres`` reads as ``centre``)."""
    return [stem(w) for w in WORD.findall(norm(text))]


def is_acronym(phrase: str) -> bool:
    """A short code such as HF, TEA or DMA: as a word it names too much (an HF radio, tea)."""
    letters = [c for c in phrase if c.isalpha()]
    return (
        " " not in phrase.strip()
        and len(phrase.strip()) <= 4
        and not any(c.islower() for c in letters)
    )


def generic(phrase: str) -> bool:
    return bool(generic_words() & set(words(phrase)))


def _title_names(entry: ControlEntry) -> set[str]:
    """The title and its parts that name the item on their own (none of a generic word)."""
    title = entry.title.strip().rstrip(":")
    parts = {re.sub(r"\([^)]*\)", " ", title)}
    parts.update(re.findall(r"\(([^)]*)\)", title))
    parts.update(p for part in list(parts) for p in part.split(":"))
    if entry.cas:
        parts.update(p for part in list(parts) for p in re.split(r"\bor\b", part))
    return {title} | {p for p in parts if not generic(p)}


def title_names(entry: ControlEntry) -> set[str]:
    """The title and its parts that name the item on their own ("Phosgene: Carbonyl
    dichloride" names phosgene)."""
    return {" ".join(p.split()) for p in _title_names(entry) if p.strip()}


def _chemical_names(entry: ControlEntry) -> set[str]:
    """The names listed with the CAS numbers, without a remark in brackets ("Soman
    (O-Pinacolyl methylphosphonofluoridate) (CWC 1.A(1), family example)"), either side of a
    colon ("Mustard gas: Bis(2-chloroethyl)sulfide"), none of a generic word."""
    out = set()
    for name in entry.cas_names.values():
        for part in name.split(" (")[0].split(":"):
            if not generic(part):
                out.add(part)
    return out


def _synonym_names(entry: ControlEntry) -> set[str]:
    own = {w for n in (entry.title, *entry.cas_names.values()) for w in words(n)} - _TITLE_STOP
    out = set()
    for synonym in entry.synonyms:
        ws = words(synonym)
        if all(len(w) <= 3 for w in ws) or generic_words() & set(ws):
            continue
        if entry.cas or own & {w for w in ws if len(w) > 3}:
            out.add(synonym)
    return out


def entry_names(entry: ControlEntry) -> set[tuple[str, ...]]:
    """The word sequences that name ``entry`` so plainly that they decide it."""
    names = _title_names(entry) | _chemical_names(entry) | _synonym_names(entry)
    out = set()
    for name in names:
        ws = tuple(words(name))
        if ws and sum(len(w) for w in ws) > 3:
            out.add(ws)
    return out


def opening_phrases(entry: ControlEntry) -> set[tuple[str, ...]]:
    """The phrases that open ``entry`` (its synonyms; for a listed chemical also its title and
    the names of its CAS numbers), short capital codes and phrases of a generic word left out."""
    phrases = list(entry.synonyms)
    if entry.cas:
        phrases += [entry.title, *entry.cas_names.values()]
    out = set()
    for phrase in phrases:
        if phrase and not is_acronym(phrase) and not generic(phrase):
            key = tuple(words(phrase))
            if key:
                out.add(key)
    return out


def is_material(entry: ControlEntry) -> bool:
    """A chemical (CAS numbers listed) or an entry of product group C (materials)."""
    return bool(entry.cas) or entry.code[1:2] == "C"

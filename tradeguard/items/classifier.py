"""Classify an item against the control lists: CAS → entries, HS → candidates, parameters →
thresholds, free text → suggestions; one :class:`Classification` with the reasons.

How the overall verdict is reached (``Classification.controlled``):

- ``True`` when at least one entry is met: the CAS number is listed (and a given concentration
  is above the entry's mixture threshold) or every threshold of an entry holds;
- ``False`` when entries were actually tested — by CAS number or by a parameter value — and all
  of them fail, or when a valid CAS number is named by no entry of the knowledge base;
- ``None`` otherwise: a parameter is missing (named in ``missing_parameters``), or the only
  evidence is an HS correlation or a free-text suggestion, or the match is a text-only entry.

An entry correlated by the HS code that names other CAS numbers than the one given is left out:
the item is not that chemical.

Free-text matches are suggestions: they rank entries, and a parameter read from the text (``KrF``
→ 248 nm) is reported as inferred, with a lower confidence than a value the user gave.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tradeguard.errors import InputError, NotFoundError
from tradeguard.items.cas import normalize_cas
from tradeguard.items.entry_check import EntryResult, ItemInputs, evaluate_entry
from tradeguard.items.entry_names import is_material
from tradeguard.items.hs import normalize_hs
from tradeguard.items.kb import (
    ControlEntry,
    KnowledgeBase,
    Term,
)
from tradeguard.items.kb_load import load_knowledge_base
from tradeguard.items.naming import ItemNames, unread_text
from tradeguard.items.textindex import TextHit, TextIndex
from tradeguard.items.unknown_words import unknown_chemical_words

GENERIC_PARAMS = frozenset({"concentration_pct", "destination_cwc_party", "unprocessed"})
MAX_ENTRIES = 10
TEXT_CANDIDATES = 5
_FORMULA_TOKEN = re.compile(r"(?<![A-Za-z0-9-])[A-Z][A-Za-z0-9]*(?![A-Za-z0-9-])")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
#: Words a formula may stand with and still be read: a share's units and a gas mixture's balance
#: ("HF 500 ppmv in N2", "PH3 10 ppm balance nitrogen"), besides ``mixture_words``.
_SHARE_WORDS = frozenset(
    {"ppm", "ppmv", "ppmw", "ppb", "ppbv", "ppbw", "vol", "mol", "purity", "balance"}
    | {"nitrogen", "hydrogen", "helium", "argon"}
)
_STATUS_ORDER = {"controlled": 0, "undecided": 1, "not_controlled": 2, "suggestion": 3}


@dataclass
class Classification:
    """The answer: controlled (True/False/None) and the entries with their reasons."""

    controlled: bool | None
    entries: list[EntryResult]
    jurisdiction: str
    knowledge_base_version: str
    why: str = ""
    read_as: list[str] = field(default_factory=list)
    """Terms of another language found in the description and the English they were read as."""
    unread: list[str] = field(default_factory=list)
    """Parts of the description in a script not read (no vocabulary term covers them) and words
    that look like a chemical's name the classifier does not know ("Fluorwasserstoff")."""
    in_play: list[EntryResult] | None = field(default=None, repr=False, compare=False)
    """Every entry evaluated, ``entries`` being the first ``MAX_ENTRIES`` of them: the
    parameters asked for are those of all the undecided ones (2B001 and 2B201 have 22
    paragraphs)."""
    not_understood: bool = field(default=False, repr=False)
    """No entry found and the description names a chemical the classifier does not read: the
    CAS number is asked for."""

    @property
    def missing_parameters(self) -> list[str]:
        """Parameters that would decide the undecided entries, most useful first."""
        seen: dict[str, None] = {"cas": None} if self.not_understood else {}
        for e in self.entries if self.in_play is None else self.in_play:
            if e.status == "undecided":
                seen.update(dict.fromkeys(e.missing_parameters))
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        return {
            "controlled": self.controlled,
            "entries": [e.to_dict() for e in self.entries],
            "missing_parameters": self.missing_parameters,
            "why": self.why,
            "read_as": self.read_as,
            "unread": self.unread,
            "jurisdiction": self.jurisdiction,
            "knowledge_base_version": self.knowledge_base_version,
        }


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The packaged knowledge base, loaded and validated once per process."""
    return load_knowledge_base()


@lru_cache(maxsize=1)
def text_index() -> TextIndex:
    return TextIndex(knowledge_base().entries.values())


@lru_cache(maxsize=1)
def item_names() -> ItemNames:
    """The names of the knowledge base's items, one index (:class:`.naming.ItemNames`)."""
    return ItemNames(knowledge_base())


def knowledge_base_version() -> str:
    """Version of the knowledge base in use (newest file version + content hash)."""
    return knowledge_base().version


def get_entry(code: str) -> ControlEntry:
    """The control-entry record for ``code`` (``NotFoundError`` if the knowledge base lacks it)."""
    entry = knowledge_base().entries.get(code.strip())
    if entry is None:
        raise NotFoundError(
            f"no control entry {code!r} in knowledge base {knowledge_base_version()}"
        )
    return entry


def _jurisdiction(value: str) -> str:
    jur = (value or "EU").strip().upper()
    if jur == "UK":
        jur = "GB"
    if not (len(jur) == 2 and jur.isalpha()):
        raise InputError(
            f"unknown jurisdiction {value!r}: expected EU, US or an ISO country code",
            field="jurisdiction",
        )
    return jur


def classify(
    description: str | None = None,
    *,
    cas: str | None = None,
    hs: str | None = None,
    params: Mapping[str, str | float] | None = None,
    jurisdiction: str = "EU",
) -> Classification:
    """Classify one item; see the module docstring for how the verdict is reached."""
    kb = knowledge_base()
    jur = _jurisdiction(jurisdiction)
    cas_n = normalize_cas(cas) if cas and cas.strip() else None
    hs_n = normalize_hs(hs) if hs and hs.strip() else None
    given = kb.params.parse_all(params)
    desc = (description or "").strip()
    if not (desc or cas_n or hs_n or given):
        raise InputError(
            "nothing to classify: give a description, a CAS number, an HS code or parameters"
        )
    # an English name decides its entry (as its CAS number would); only without a CAS number,
    # and not a term of another language (those open their entries)
    naming = item_names().find(desc, decide=bool(desc) and not cas_n)
    read_as, named, decisive = naming.terms, naming.named, naming.decisive
    search = naming.search_text or desc  # equipment for a material: the equipment's words
    if read_as:  # Japanese, Korean or Chinese terms: searched and read in English too
        desc = desc + " ; " + " ; ".join(dict.fromkeys(t.en for t in read_as))
        search += " ; " + " ; ".join(dict.fromkeys(t.en for t in read_as if naming.reading(t)))
    ctx = ItemInputs(kb, desc, given, jur)

    sources: dict[str, set[str]] = {}
    text_scores: dict[str, float] = {}

    def add(code: str, how: str) -> None:
        leaves = kb.leaves(code)
        if how == "text" and kb.entries[code].family and not any(x.criteria for x in leaves):
            leaves = [kb.entries[code]]  # a chemical list: suggest the heading, not each chemical
        for leaf in leaves:
            sources.setdefault(leaf.code, set()).add(how)

    cas_codes = kb.by_cas.get(cas_n, []) if cas_n else []
    for code in cas_codes:
        sources.setdefault(code, set()).add("cas")
    if hs_n:
        for code in _hs_candidates(kb, hs_n):
            # a chemical named by its CAS number is not the chemical of another CAS number
            # that shares its HS subheading (thiodiglycol 111-48-8 is not 1C350.12 in 293090)
            if cas_n and kb.entries[code].cas and cas_n not in kb.entries[code].cas:
                continue
            add(code, "hs")
    if desc and not cas_codes:
        hits = _text_hits(kb, search, bool(naming.for_equipment))
        if hits:
            best = hits[0].score
            for hit in hits[:TEXT_CANDIDATES]:
                if hit.score < 0.25 * best:
                    break
                add(hit.code, "text")
                for leaf in [*kb.leaves(hit.code), kb.entries[hit.code]]:
                    text_scores[leaf.code] = max(text_scores.get(leaf.code, 0.0), hit.score / best)
    if not cas_codes:
        # the description names the kind of item: its entries are open, not suggestions
        for code in named:
            for leaf in kb.leaves(code):
                sources.setdefault(leaf.code, set()).add("named")
        for code in decisive:
            sources.setdefault(code, set()).add("named")
        for code in naming.equipment:
            sources.setdefault(code, set()).add("equipment")
    if given and not sources:
        wanted = set(given) - GENERIC_PARAMS
        for entry in kb.entries.values():
            if any(c.param in wanted for c in entry.criteria):
                sources.setdefault(entry.code, set()).add("params")

    kinds = set(named) | set(decisive)
    sources = {c: how for c, how in sources.items() if not _other_kind(kb, c, how, kinds)}
    results = [
        evaluate_entry(
            ctx,
            kb.entries[code],
            how,
            text_scores.get(code, 0.0),
            hs_n,
            decisive.get(code),
            naming.equipment_note(code),
        )
        for code, how in sources.items()
    ]
    _open_siblings(kb, results)
    results.sort(key=lambda r: (_STATUS_ORDER[r.status], -r.confidence, r.code))
    suggested = all(r.status == "suggestion" for r in results)
    if suggested and not cas_n and (read := _read_formulas(kb, description or "")):
        # the words decide nothing: a molecular formula is read as the chemical's name
        answer = classify(read[0], hs=hs, params=params, jurisdiction=jurisdiction)
        answer.read_as = read[1] + answer.read_as
        return answer
    return _answer(kb, results, cas_n, bool(cas_codes), hs_n, jur, description or "", read_as)


def _answer(
    kb: KnowledgeBase,
    results: list[EntryResult],
    cas: str | None,
    cas_found: bool,
    hs: str | None,
    jur: str,
    description: str,
    read_as: list[Term],
) -> Classification:
    """The classification of the evaluated entries: the verdict, and what of the description was
    not read (a chemical's name not known, with no entry found: the CAS number is asked for)."""
    controlled, why = _verdict(results, cas, cas_found, hs, kb.version)
    unread, unknown = _unread(kb, description, read_as)
    not_understood = unknown and not results and not cas
    if not_understood:
        why = (
            f"the description was not understood ({', '.join(unread[-5:])}: not a name the "
            "knowledge base knows, it may name a controlled chemical): give the CAS number"
        )
    return Classification(
        controlled=controlled,
        entries=results[:MAX_ENTRIES],
        in_play=results,
        jurisdiction=jur,
        knowledge_base_version=kb.version,
        why=why,
        read_as=[f"{t.text} ({t.lang}) = {t.en}" for t in read_as],
        unread=unread,
        not_understood=bool(not_understood),
    )


def _read_formulas(kb: KnowledgeBase, description: str) -> tuple[str, list[str]] | None:
    """The description with each molecular formula (a whole token, case-sensitive: "HF", never
    "Hf" hafnium nor the "hf" of a word) replaced by its chemical's name, and what was read;
    only where its other words are a share's (units, mixture words, a balance gas)."""
    read: list[str] = []

    def name(m: re.Match[str]) -> str:
        if m.group(0) not in kb.formulas:
            return m.group(0)
        read.append(f"{m.group(0)} (formula) = {kb.formulas[m.group(0)]}")
        return kb.formulas[m.group(0)]

    text = _FORMULA_TOKEN.sub(name, description)
    beside = set(kb.params.words.get("mixture_words", ())) | _SHARE_WORDS
    blanked = _FORMULA_TOKEN.sub(
        lambda m: " " if m.group(0) in kb.formulas else m.group(0), description
    )
    others = [w for w in _LATIN_WORD.findall(blanked) if len(w) > 2]
    if not read or any(w.lower() not in beside for w in others):
        return None  # a word of another item ("HF transceiver": high frequency) is not a share's
    return text, list(dict.fromkeys(read))


def _unread(kb: KnowledgeBase, description: str, read_as: list[Term]) -> tuple[list[str], bool]:
    """What of the description is not read: letters of a script not read, then the words that
    look like a chemical's name the knowledge base does not know (and whether there are any)."""
    unread = unread_text(description, read_as)
    unknown = unknown_chemical_words(
        description, kb.params.words.get("chemical_stems", ()), read_as, text_index().knows
    )
    return unread + [w for w in unknown if w not in unread], bool(unknown)


def _text_hits(kb: KnowledgeBase, search: str, for_equipment: bool) -> list[TextHit]:
    """The free-text matches that suggest an entry: a word found only in an entry's body text
    ('height', 'adjustable') suggests nothing, and equipment named for a material is not the
    material (no material's entry is suggested)."""
    hits = [h for h in text_index().search(search, limit=TEXT_CANDIDATES * 2) if h.in_name]
    if for_equipment:
        hits = [h for h in hits if not is_material(kb.entries[h.code])]
    return hits


def _other_kind(kb: KnowledgeBase, code: str, how: set[str], named: set[str]) -> bool:
    """An entry suggested by the words alone that names its own kind of item (synonyms) the
    description does not name, under a heading whose kind it does name: "5-axis machining
    centre" names 2B201, not its turning machines (2B201.c, CNC lathe), whose parameters
    (the diameter a lathe can turn) are not the item's to give."""
    entry = kb.entries[code]
    if how != {"text"} or not entry.synonyms or code in named:
        return False
    # the headings above it: its parent records, and the codes its own code extends
    # (2B201.c under 2B201 whether or not the record says so)
    above = {code.rsplit(".", i)[0] for i in range(1, code.count(".") + 1)}
    parent = entry.parent
    while parent is not None and parent in kb.entries:
        above.add(parent)
        parent = kb.entries[parent].parent
    return bool(above & named)


def _open_siblings(kb: KnowledgeBase, results: list[EntryResult]) -> None:
    """A paragraph left open beside a decided one of the same entry is in play as much as it
    is ('photoresist': 3C002.b/.d/.e decided not met, 3C002.a.1/.a.2 open for the wavelength);
    not so the other chemicals of a list, which are other items (potassium fluoride beside
    hydrogen fluoride)."""
    decided_parents = {kb.entries[r.code].parent for r in results if r.tested} - {None}
    for r in results:
        if (
            r.status == "suggestion"
            and r.missing_parameters
            and not kb.entries[r.code].cas
            and not r.contradicted
            and kb.entries[r.code].parent in decided_parents
        ):
            r.status = "undecided"
            r.why += "; another paragraph of this entry was decided: give " + ", ".join(
                r.missing_parameters
            )
            r.tested = True


def _hs_candidates(kb: KnowledgeBase, hs: str) -> list[str]:
    if len(hs) >= 6:
        return list(kb.by_hs.get(hs[:6], []))
    return [c for h, codes in kb.by_hs.items() if h.startswith(hs) for c in codes]


def _verdict(
    results: list[EntryResult], cas: str | None, cas_found: bool, hs: str | None, version: str
) -> tuple[bool | None, str]:
    if any(r.status == "controlled" for r in results):
        codes = ", ".join(r.code for r in results if r.status == "controlled")
        return True, f"controlled under {codes}"
    tested = [r for r in results if r.tested]
    # "not controlled" only when every controlling paragraph in play (tested, named by the CAS
    # number or correlated with the HS code) is decided not met: one still open keeps it open
    undecided = [
        r
        for r in results
        if r.status == "undecided" and (r.tested or {"cas", "hs", "named"} & set(r.matched_by))
    ]
    named = any("named" in r.matched_by for r in undecided)
    if undecided and (tested or cas_found or named):
        missing = sorted({p for r in undecided for p in r.missing_parameters})
        codes = ", ".join(r.code for r in undecided[:5])
        if missing:
            return None, f"undecided ({codes}): give " + ", ".join(missing)
        return None, f"undecided ({codes}): read the matched entries"
    if tested:
        return False, "every entry tested against the given data is not met"
    if cas and not cas_found:
        return False, f"CAS {cas} is named by no entry of knowledge base {version}"
    if hs and not results:
        return None, f"no entry of knowledge base {version} correlates with HS {hs}"
    by_hs = [r for r in results if "hs" in r.matched_by]
    if by_hs:
        missing = sorted({p for r in by_hs for p in r.missing_parameters})
        needed = ", ".join(missing) if missing else "the entry's parameters"
        return None, f"possibly controlled (HS {hs} correlation): give {needed}"
    if not results:
        return None, "no matching entry; the item may still be listed - classify by its parameters"
    return None, "suggestions only: confirm by CAS number or parameters"

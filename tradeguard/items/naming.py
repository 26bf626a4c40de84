"""What a description names, from one index of the knowledge base's names: the entries whose
kind of item it names outright, the entries it names so plainly that they are decided, the
Japanese, Korean and Chinese vocabulary terms it contains, equipment named for a listed
material, and the part of it written in a script the classifier does not read.

A named entry is an open question for the item (its parameters or CAS number decide it), not
a mere suggestion: "5-axis machining centre", "5軸マシニングセンタ" and "フッ化水素" name
2B001/2B201 and 1C350.24 without an HS code or a CAS number. An English phrase opens an entry
when it is a synonym of it or, for a listed chemical, its title or the name of a CAS number; a
vocabulary term opens its entries unless it is marked broader. A word that only suggests an
entry (a ranked free-text match, a broader vocabulary word such as ポリイミド) does not.

An English description may also name an entry so plainly that it decides it: the entry's
title, a part of it that names the item on its own (either side of a colon, outside or inside
brackets, either side of ``or`` for a chemical), a chemical name listed with its CAS number, or
a synonym that names the item. Such an entry is tested as the item's entry
(:func:`tradeguard.items.entry_check.evaluate_entry`): a chemical named is that chemical, as its
CAS number would make it, and its mixture rule reads the concentration ("Hydrogen fluoride
anhydrous 99.9%" is 1C350.24, "Hydrogen fluoride 25%" is below its threshold). Not every name
decides or opens: one made of abbreviations of three characters or fewer (``HF``, ``KF``,
``AHF``) or with a word of a use or a class of goods (``etching gas``, ``nerve agent``: the
words of ``tradeguard/data/controls/generic_words.yaml``) only suggests its entry; for an entry
that is not a chemical a synonym decides it only when it shares a word with the entry's title.
Where two names overlap ("ammonium hydrogen fluoride", "hydrogen fluoride") the longer one is
what the text names.
Japanese, Korean and Chinese terms open their entries and do not decide them.

A material's name joined to a noun of equipment (``equipment`` records of the knowledge base:
"hydrogen fluoride scrubber", "scrubber for hydrogen fluoride", "HF gas detector",
フッ化水素スクラバー, 불화수소 스크러버, 氟化氢洗涤塔) names the equipment, not the material: the
material's entries are neither opened nor decided, and the noun's entries are suggested
(unless the description names an entry of its own: "heavy water production plant" is 0B004, not
0C003). A material is a chemical (CAS numbers listed) or an entry of product group C. The
noun is the item when, in one clause (no comma, semicolon, colon or bracket between), it comes
after the material's name with no linking word between (``for``, ``in``, ``with``, ``and`` ...:
"hydrogen fluoride for etching equipment" is the chemical; と, 및, 和 ... "and" alike), and in
Japanese, Korean and Chinese is not followed by 用 or 용 ("for"); or, in English, it comes before the name with ``for``,
``of`` or ``against`` between. An abbreviation (``HF``) counts only written in capitals and
right next to the noun (or with ``for``/``of``/``against`` between). Containers a material is
shipped in (cylinder, drum) are not equipment nouns. A noun of an ancillary product
(``ancillary`` records: stripper, thinner, developer, 剥離液, 스트리퍼, 稀释剂) is read the same
way but only for the materials it lists (``Term.of_materials``: a resist of 3C002) and suggests
no entry: "photoresist stripper" is not a resist, "HF stripper" is still hydrogen fluoride.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from tradeguard.items.entry_names import (
    WORD,
    entry_names,
    is_acronym,
    is_material,
    norm,
    opening_phrases,
    stem,
    words,
)
from tradeguard.items.kb import ControlEntry, KnowledgeBase, Term

#: Characters that end a clause: an equipment noun beyond one is not the material's.
_CLAUSE_END = frozenset(",;:()[]{}/、，；：（）［］【】。")
#: English words that, between a material's name and a noun after it, make them two things.
_APART = frozenset(
    {"and", "or", "for", "in", "into", "with", "from", "by", "to", "on", "as", "used", "via"}
    | {"at", "plus", "per", "inside", "within", "containing"}
)
#: English words that, between a noun and a material's name after it, make the noun the item.
_LINK = frozenset({"for", "of", "against"})
#: "For" right after a noun (Japanese and Chinese 用, Korean 용): the noun is what it is for.
_PURPOSE = ("用", "용")


@dataclass(frozen=True)
class _Name:
    """One name of the index: an entry's and how it names it."""

    words: tuple[str, ...]
    code: str
    opens: bool
    decides: bool
    material: bool
    acronym: bool = False
    """A short capital code of a material (HF): only found next to an equipment noun."""


@dataclass(frozen=True)
class _Mention:
    """Where a name, a term or an equipment noun is in the text (character offsets)."""

    start: int
    end: int
    codes: tuple[str, ...]
    phrase: str
    acronym: bool = False
    term: Term | None = None


@dataclass
class Naming:
    """What a description names (:meth:`ItemNames.find`)."""

    terms: list[Term] = field(default_factory=list)
    """The vocabulary terms and equipment nouns of another language found, in text order."""
    named: dict[str, str] = field(default_factory=dict)
    """Entry code -> what names its kind of item (an open question for the entry)."""
    decisive: dict[str, str] = field(default_factory=dict)
    """Entry code -> the English name that decides the entry."""
    equipment: dict[str, str] = field(default_factory=dict)
    """Entry code -> the equipment named for a material ('hydrogen fluoride scrubber'):
    entries the item may be, suggested."""
    equipment_basis: dict[str, str] = field(default_factory=dict)
    """Entry code -> the words of the entry the equipment noun stands for."""
    for_equipment: set[str] = field(default_factory=set)
    """The materials' entries named only as what the equipment is for: not the item."""
    search_text: str = ""
    """With equipment named for a material: the description without the material's names
    (what the item is, for the free-text search)."""

    def reading(self, term: Term) -> bool:
        """Whether ``term`` is read into the free-text search (a material's term that
        equipment is named for is not)."""
        return not (self.for_equipment and set(term.entries) <= self.for_equipment)

    def equipment_note(self, code: str) -> str | None:
        """Why ``code`` is suggested as equipment named for a material, or None."""
        if code not in self.equipment:
            return None
        return (
            f"the description names equipment for a listed material ('{self.equipment[code]}'),"
            f" not the material; the entry's words: {self.equipment_basis[code]}"
        )


class ItemNames:
    """Every name the knowledge base gives an item, indexed by its first word: the phrases that
    open an entry, the names that decide one, the short codes of materials, the Japanese,
    Korean and Chinese vocabulary, and the equipment nouns. One lookup, :meth:`find`."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._entries = kb.entries
        names: dict[tuple[tuple[str, ...], str], list[bool]] = {}
        acronyms: set[tuple[tuple[str, ...], str]] = set()
        for entry in kb.entries.values():
            material = is_material(entry)
            for key in opening_phrases(entry):
                names.setdefault((key, entry.code), [False, False, material])[0] = True
            if not entry.family:
                for key in entry_names(entry):
                    names.setdefault((key, entry.code), [False, False, material])[1] = True
            if material:
                acronyms.update(
                    (tuple(words(s)), entry.code) for s in entry.synonyms if is_acronym(s)
                )
        self._by_first: dict[str, list[_Name]] = {}
        for (key, code), (opens, decides, material) in sorted(names.items()):
            self._add(_Name(key, code, opens, decides, material))
        for key, code in sorted(acronyms):
            if key and (key, code) not in names:
                self._add(_Name(key, code, False, False, True, acronym=True))
        self._equipment_en: dict[str, list[tuple[tuple[str, ...], Term]]] = {}
        for term in kb.equipment:
            if term.lang == "en":
                key = tuple(words(term.text))
                self._equipment_en.setdefault(key[0], []).append((key, term))
        self._equipment_cjk = [t for t in kb.equipment if t.lang != "en"]
        self._terms = kb.terms

    def _add(self, name: _Name) -> None:
        self._by_first.setdefault(name.words[0], []).append(name)

    def find(self, description: str, *, decide: bool = True) -> Naming:
        """What ``description`` names; ``decide=False`` (a CAS number was given) finds no
        deciding name."""
        text = norm(description)
        original = unicodedata.normalize("NFKC", description)
        tokens = [(m.start(), m.end(), stem(m.group())) for m in WORD.finditer(text)]
        spans = self._spans(tokens, original if len(original) == len(text) else "")
        found = _gloss_at(text, self._terms)
        naming = Naming()
        naming.named = _opened(spans, found)
        naming.decisive = _deciding(spans) if decide else {}
        naming.named = _within_longer_name(naming.named, naming.decisive)
        materials = [
            _Mention(tokens[b][0], tokens[e - 1][1], (n.code,), " ".join(n.words), n.acronym)
            for b, e, n in spans
            if n.material
        ]
        materials += [
            _Mention(start, start + len(t.text), t.entries, t.text, term=t)
            for start, t in found
            if t.entries and all(is_material(self._entries[c]) for c in t.entries)
        ]
        used: list[tuple[int, Term]] = []
        if materials and (not text.isascii() or any(w in self._equipment_en for _, _, w in tokens)):
            equipment = self._equipment(text, tokens, found)
            used = _equipment_named(text, materials, equipment, naming, self._entries)
        naming.terms = [t for _, t in sorted([*found, *used], key=lambda x: x[0])]
        return naming

    def _spans(
        self, tokens: Sequence[tuple[int, int, str]], original: str
    ) -> list[tuple[int, int, _Name]]:
        """Every name found (token spans); a short code only where written in capitals."""
        ws = [w for _, _, w in tokens]
        spans = []
        for i, w in enumerate(ws):
            for name in self._by_first.get(w, ()):
                end = i + len(name.words)
                if tuple(ws[i:end]) != name.words:
                    continue
                if name.acronym and not original[tokens[i][0] : tokens[end - 1][1]].isupper():
                    continue
                spans.append((i, end, name))
        return spans

    def _equipment(
        self, text: str, tokens: Sequence[tuple[int, int, str]], found: list[tuple[int, Term]]
    ) -> list[_Mention]:
        """The equipment nouns of the text: English ones by words (the longest at each
        place), others as written, outside the vocabulary terms found."""
        out: list[_Mention] = []
        ws = [w for _, _, w in tokens]
        i = 0
        while i < len(ws):
            best = max(
                (
                    (key, term)
                    for key, term in self._equipment_en.get(ws[i], ())
                    if tuple(ws[i : i + len(key)]) == key
                ),
                key=lambda kt: len(kt[0]),
                default=None,
            )
            if best is None:
                i += 1
                continue
            key, term = best
            end = tokens[i + len(key) - 1][1]
            out.append(
                _Mention(tokens[i][0], end, term.entries, text[tokens[i][0] : end], term=term)
            )
            i += len(key)
        if not text.isascii():
            taken = [False] * len(text)
            for start, t in found:
                taken[start : start + len(t.text)] = [True] * len(t.text)
            out += [
                _Mention(start, start + len(t.text), t.entries, t.text, term=t)
                for start, t in _gloss_at(text, self._equipment_cjk, taken)
            ]
        return out


def _opened(
    spans: Sequence[tuple[int, int, _Name]], terms: Sequence[tuple[int, Term]]
) -> dict[str, str]:
    """Entry code -> what opens it: a vocabulary term that names its entries, or an English
    phrase (the longest at each place, phrases not overlapping: "e-beam resist" names
    3C002.b, not every resist of 3C002)."""
    out: dict[str, str] = {}
    for _, term in terms:
        if term.names:
            for code in term.entries:
                out.setdefault(code, term.text)
    by_start: dict[int, list[tuple[int, _Name]]] = {}
    for start, end, name in spans:
        if name.opens:
            by_start.setdefault(start, []).append((end, name))
    i, last = 0, max((e for _, e, _ in spans), default=0)
    while i < last:
        here = by_start.get(i)
        if not here:
            i += 1
            continue
        end = max(e for e, _ in here)
        for _, name in sorted((x for x in here if x[0] == end), key=lambda x: x[1].code):
            out.setdefault(name.code, " ".join(name.words))
        i = end
    return out


def _deciding(spans: Sequence[tuple[int, int, _Name]]) -> dict[str, str]:
    """Entry code -> the name that decides it (a name inside a longer one of another entry
    does not)."""
    deciding = [(s, e, n) for s, e, n in spans if n.decides]
    out: dict[str, str] = {}
    for start, end, name in deciding:
        inside = any(
            s <= start and end <= e and (e - s) > (end - start) and n.code != name.code
            for s, e, n in deciding
        )
        found = " ".join(name.words)
        if not inside and len(found) > len(out.get(name.code, "")):
            out[name.code] = found
    return out


def _within_longer_name(named: dict[str, str], decisive: dict[str, str]) -> dict[str, str]:
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


_AND = ("と", "及び", "および", "並びに", "및", "와 ", "과 ", "和", "与", "及")


def _joined(text: str, material: _Mention, noun: _Mention) -> bool:
    """Whether ``noun`` is the item and ``material`` what it is for (see the module text)."""
    if material.end <= noun.start:
        between = text[material.end : noun.start]
        after = text[noun.end :].lstrip()[:1]
        found = set(WORD.findall(between))
        return (
            not _CLAUSE_END & set(between)
            and not found & _APART
            and not any(a in between for a in _AND)
            and after not in _PURPOSE
            and not (material.acronym and found)
        )
    if noun.end <= material.start and noun.phrase.isascii():
        between = text[noun.end : material.start]
        linking = WORD.findall(between)
        return (
            not _CLAUSE_END & set(between)
            and bool(set(linking) & _LINK)
            and not (material.acronym and len(linking) > 1)
        )
    return False


def _of(noun: _Mention, material: _Mention) -> bool:
    """Whether ``noun`` can name a product for ``material``: an ancillary product's noun only
    for its materials ("photoresist stripper", not "HF stripper"), equipment for any."""
    of = noun.term.of_materials if noun.term is not None else ()
    return not of or all(any(c == m or c.startswith(m + ".") for m in of) for c in material.codes)


def _equipment_named(
    text: str,
    materials: list[_Mention],
    nouns: list[_Mention],
    naming: Naming,
    entries: Mapping[str, ControlEntry],
) -> list[tuple[int, Term]]:
    """Mark in ``naming`` the equipment a material's name is joined to: the material's entries
    neither opened nor decided (unless named on their own elsewhere), the noun's suggested.
    Returns the equipment nouns of another language used (read as their English)."""
    used: dict[int, Term] = {}
    for_equipment: set[str] = set()
    alone: set[str] = set()
    search = list(text)
    for material in materials:
        joined = [n for n in nouns if _of(n, material) and _joined(text, material, n)]
        if not joined:
            if not material.acronym:
                alone.update(material.codes)
            continue
        for_equipment.update(material.codes)
        search[material.start : material.end] = " " * (material.end - material.start)
        for noun in joined:
            term = noun.term
            if term is None:
                continue
            start, end = min(material.start, noun.start), max(material.end, noun.end)
            for code in term.entries:
                naming.equipment.setdefault(code, text[start:end])
                naming.equipment_basis.setdefault(code, term.basis)
            if term.lang != "en":
                used[noun.start] = term
    dropped = for_equipment - alone
    naming.named = {c: p for c, p in naming.named.items() if c not in dropped}
    naming.decisive = {c: p for c, p in naming.decisive.items() if c not in dropped}
    if naming.named or naming.decisive:
        # the description names the equipment's own entry ("heavy water production plant":
        # 0B004): the noun's entries are not needed
        naming.equipment.clear()
        naming.equipment_basis.clear()
    naming.for_equipment = for_equipment
    naming.search_text = "".join(search) if for_equipment else ""
    return sorted(used.items(), key=lambda x: x[0])


def _gloss_at(
    text: str, terms: Iterable[Term], taken: list[bool] | None = None
) -> list[tuple[int, Term]]:
    """Where the terms are in ``text`` (normalised), longest first as ``terms`` come, none
    overlapping another or a place already ``taken``; in text order."""
    if text.isascii():  # only a term in Latin letters can be there (fluorwasserstoff)
        terms = [t for t in terms if t.text.isascii()]
        if not terms:
            return []
    found: list[tuple[int, Term]] = []
    taken = list(taken) if taken is not None else [False] * len(text)
    for term in terms:
        start = text.find(term.text)
        while start >= 0:
            end = start + len(term.text)
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                found.append((start, term))
            start = text.find(term.text, end)
    return sorted(found, key=lambda x: x[0])


def gloss(kb: KnowledgeBase, description: str) -> list[Term]:
    """The vocabulary terms found in ``description``, in text order, none overlapping."""
    return [t for _, t in _gloss_at(norm(description), kb.terms)]


def unread_text(description: str, terms: Iterable[Term]) -> list[str]:
    """The runs of letters in a script the classifier does not read (not Latin, not a
    vocabulary term found in the description): '5軸マシニングセンタ' leaves '軸'."""
    text = norm(description)
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

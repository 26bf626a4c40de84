"""The control-list knowledge base as typed records: control entries with their criteria,
exclusions, mixture rules and national codes, vocabulary terms, Japan's numbering, and the
:class:`KnowledgeBase` that indexes them (loaded by :mod:`tradeguard.items.kb_load`).

Every YAML (or, for the large generated file, JSON) file there has a ``meta`` header (what it covers, version, sources) and any of:
``families`` (headings such as ``1C350`` whose sub-entries are listed separately), ``entries``
(control entries), ``mixture_rules`` (per-jurisdiction concentration rules referenced by name)
and ``overlays`` (HS codes or synonyms added to an entry defined elsewhere). A structured entry
replaces a text-only record of the same code. New Annex I entries are added as data: no code
change is needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tradeguard.items.params import ParameterSet, Value


@dataclass(frozen=True)
class Criterion:
    """One condition of an entry: ``param op value`` (all of an entry's criteria must hold)."""

    param: str
    op: str
    value: Value | tuple[str, ...]
    if_missing: str = "undecided"  # or "assume": treat as met, say so in the explanation
    note: str | None = None

    def test(self, actual: Value) -> bool:
        v = self.value
        if self.op == "eq":
            return actual == v
        if self.op == "in":
            return isinstance(v, tuple) and actual in v
        if self.op == "is":
            return bool(actual) is bool(v)
        a, b = float(actual), float(v)  # type: ignore[arg-type]
        return {"lt": a < b, "le": a <= b, "gt": a > b, "ge": a >= b}[self.op]

    def describe(self, unit: str | None = None) -> str:
        sym = {"lt": "<", "le": "<=", "gt": ">", "ge": ">=", "eq": "=", "in": "in", "is": "is"}
        value = ", ".join(self.value) if isinstance(self.value, tuple) else f"{self.value}"
        suffix = f" {unit}" if unit and self.op in ("lt", "le", "gt", "ge") else ""
        return f"{self.param} {sym[self.op]} {value}{suffix}"


@dataclass(frozen=True)
class Exclusion:
    """A note of the entry that takes items out of it: excluded when every condition holds."""

    note: str
    when: tuple[Criterion, ...]
    if_missing: str = "undecided"  # or "assume": treat as not excluded, say so
    quote: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MixtureCase:
    """Threshold on ``concentration_pct``, optionally only for one destination CWC status."""

    op: str
    value: float
    destination_cwc_party: bool | None = None


@dataclass(frozen=True)
class MixtureRule:
    """A jurisdiction's concentration rule for mixtures of a listed chemical."""

    name: str
    jurisdiction: str
    cases: tuple[MixtureCase, ...]
    text: str
    verified: bool = True
    basis: str = "weight"
    """What the share is a fraction of: every rule modelled states it by weight ("by the
    weight of the mixture"); a share by volume is converted before it is tested."""


@dataclass(frozen=True)
class NationalCode:
    """How a jurisdiction numbers and justifies the same control (e.g. US 1C350.d.15)."""

    code: str
    reasons_for_control: tuple[str, ...]
    source: str
    effective_from: str | None = None
    verified: bool = True
    notes: str | None = None


@dataclass(frozen=True)
class ControlEntry:
    """A control-list entry in EU/Wassenaar numbering."""

    code: str
    title: str
    regimes: tuple[str, ...]
    reasons_for_control: Mapping[str, tuple[str, ...]]
    source: str
    effective_from: str
    effective_to: str | None = None
    parent: str | None = None
    cas: tuple[str, ...] = ()
    cas_names: Mapping[str, str] = field(default_factory=dict)
    hs: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()
    mixture_rule: str | None = None
    national: Mapping[str, NationalCode] = field(default_factory=dict)
    text: str = ""
    text_only: bool = False
    family: bool = False
    military: bool = False
    verified: bool = True
    notes: str | None = None
    file: str = ""
    note_fragment: bool = False
    """A record of the parsed Annex I that is the text of a note of the entry before it (its
    title is the note's sentence: "does not control ...", "includes ...")."""
    quote: Mapping[str, str] = field(default_factory=dict)
    """The legal sentence the record encodes: ``text`` and where it is (``in`` a shared file
    or a ``secondary`` citation)."""

    @property
    def thresholds(self) -> tuple[Criterion, ...]:
        """The structured thresholds (all must hold for the entry to be met)."""
        return self.criteria

    @property
    def reasons(self) -> tuple[str, ...]:
        """Reasons for control in the EU/multilateral reading."""
        return self.reasons_for_control.get("EU", ())

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data (the shape ``get_entry`` documents)."""
        return {
            "code": self.code,
            "title": self.title,
            "regimes": list(self.regimes),
            "reasons_for_control": {k: list(v) for k, v in self.reasons_for_control.items()},
            "parent": self.parent,
            "cas": list(self.cas),
            "cas_names": dict(self.cas_names),
            "hs": list(self.hs),
            "synonyms": list(self.synonyms),
            "thresholds": [
                {
                    "param": c.param,
                    "op": c.op,
                    "value": list(c.value) if isinstance(c.value, tuple) else c.value,
                    "if_missing": c.if_missing,
                    "note": c.note,
                }
                for c in self.criteria
            ],
            "exclusions": [
                {
                    "note": x.note,
                    "when": [{"param": c.param, "op": c.op, "value": c.value} for c in x.when],
                    "if_missing": x.if_missing,
                    "quote": dict(x.quote),
                }
                for x in self.exclusions
            ],
            "mixture_rule": self.mixture_rule,
            "national": {
                j: {
                    "code": n.code,
                    "reasons_for_control": list(n.reasons_for_control),
                    "source": n.source,
                    "effective_from": n.effective_from,
                    "verified": n.verified,
                    "notes": n.notes,
                }
                for j, n in self.national.items()
            },
            "text_only": self.text_only,
            "family": self.family,
            "military": self.military,
            "verified": self.verified,
            "notes": self.notes,
            "source": self.source,
            "quote": dict(self.quote),
            "effective_from": self.effective_from,
            "effective_to": self.effective_to,
            "file": self.file,
        }


@dataclass(frozen=True)
class Term:
    """A control-list term in another language and the English words it is read as."""

    text: str
    lang: str
    en: str
    source: str
    entries: tuple[str, ...] = ()
    """The entries the term leads to."""
    names: bool = True
    """Whether the term names the controlled kind of item itself (フッ化水素, マシニングセンタ),
    so that a description with it is an open question for those entries; a broader word
    (ポリイミド, 黒鉛) only suggests them."""
    equipment: bool = False
    """A noun of equipment (スクラバー, scrubber, 검지기): joined to a material's name it names
    equipment for the material, whose entries it suggests (``entries``)."""
    basis: str = ""
    """For an equipment noun: the words of the entries it stands for."""
    verified: bool = True
    of_materials: tuple[str, ...] = ()
    """For a noun of an ancillary product (stripper, thinner, 剥離液): the materials' entries
    (or their headings) whose product it names, and only those (an equipment noun names
    equipment for any material)."""


_KANJI_NUMBERS = "〇一二三四五六七八九"


def _kanji(n: str) -> str:
    """Item number as the Order writes it: 17 -> 十七, 3 -> 三, 21 -> 二十一."""
    value = int(n)
    tens, ones = divmod(value, 10)
    out = ("" if tens < 2 else _KANJI_NUMBERS[tens]) + ("十" if tens else "")
    return out + (_KANJI_NUMBERS[ones] if ones else "")


@dataclass(frozen=True)
class JpNumber:
    """Japan's number of an entry: 別表第一 row and item, and the 貨物等省令 article."""

    row: str
    item: str | None
    article: str | None
    article_verified: bool
    source: str
    article_source: str | None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        item = f"({self.item})" if self.item else ""
        return {
            "status": "mapped",
            "row": self.row,
            "item": self.item,
            "label": f"別表第一 {self.row}の項{item}",
            "label_ja": f"{self.row}の項" + (f"（{_kanji(self.item)}）" if self.item else ""),
            "article": f"貨物等省令{self.article}" if self.article else None,
            "article_verified": self.article_verified,
            "source": self.source,
            "article_source": self.article_source,
            "note": self.note,
        }


UNMAPPED: dict[str, Any] = {
    "status": "unmapped",
    "why": "no correspondence established from the Order's wording or a published table",
}


@dataclass
class KnowledgeBase:
    """All entries with their look-up indexes (built once)."""

    version: str
    files: dict[str, str]
    params: ParameterSet
    entries: dict[str, ControlEntry]
    children: dict[str, list[str]]
    by_cas: dict[str, list[str]]
    by_hs: dict[str, list[str]]
    mixture_rules: dict[tuple[str, str], MixtureRule]
    terms: tuple[Term, ...] = ()
    """Multilingual vocabulary (ja, ko, zh ...), longest term first."""
    equipment: tuple[Term, ...] = ()
    """Equipment nouns in English, Japanese, Korean and Chinese, longest first."""
    jp: dict[str, tuple[JpNumber, bool]] = field(default_factory=dict)
    """Japan's numbering by entry code (and whether it covers the family's sub-entries)."""
    formulas: dict[str, str] = field(default_factory=dict)
    """Molecular formulas of listed chemicals (case-sensitive) and the name each is read as."""

    def jp_number(self, code: str) -> JpNumber | None:
        """Japan's row/item/article for ``code``, from the entry or a mapped family heading."""
        hit = self.jp.get(code)
        if hit is not None:
            return hit[0]
        parts = code.split(".")
        for n in range(len(parts) - 1, 0, -1):
            hit = self.jp.get(".".join(parts[:n]))
            if hit is not None and hit[1]:
                return hit[0]
        return None

    def leaves(self, code: str) -> list[ControlEntry]:
        """A family heading's structured sub-entries, or the entry with any structured sub-entries."""
        kids = [self.entries[k] for k in self.children.get(code, ())]
        entry = self.entries[code]
        if kids and entry.family:
            return kids
        return [entry, *kids]

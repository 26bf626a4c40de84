"""Classify an item against the control lists: CAS → entries, HS → candidates, parameters →
thresholds, free text → suggestions; one :class:`Classification` with the reasons.

How the overall verdict is reached (``Classification.controlled``):

- ``True`` when at least one entry is met: the CAS number is listed (and a given concentration
  is above the entry's mixture threshold) or every threshold of an entry holds;
- ``False`` when entries were actually tested — by CAS number or by a parameter value — and all
  of them fail, or when a valid CAS number is named by no entry of the knowledge base;
- ``None`` otherwise: a parameter is missing (named in ``missing_parameters``), or the only
  evidence is an HS correlation or a free-text suggestion, or the match is a text-only entry.

Free-text matches are suggestions: they rank entries, and a parameter read from the text (``KrF``
→ 248 nm) is reported as inferred, with a lower confidence than a value the user gave.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from tradeguard.errors import InputError, NotFoundError
from tradeguard.items.cas import normalize_cas
from tradeguard.items.hs import normalize_hs
from tradeguard.items.kb import (
    UNMAPPED,
    ControlEntry,
    Criterion,
    Exclusion,
    KnowledgeBase,
    MixtureRule,
    Term,
    load_knowledge_base,
)
from tradeguard.items.params import Value
from tradeguard.items.textindex import TextIndex

MODELLED = ("EU", "US")
GENERIC_PARAMS = frozenset({"concentration_pct", "destination_cwc_party", "unprocessed"})
MAX_ENTRIES = 10
TEXT_CANDIDATES = 5
_STATUS_ORDER = {"controlled": 0, "undecided": 1, "not_controlled": 2, "suggestion": 3}


@dataclass
class EntryResult:
    """One control entry considered for the item, with the verdict for that entry."""

    code: str
    regimes: list[str]
    title: str
    reasons_for_control: list[str]
    confidence: float
    why: str
    missing_parameters: list[str] = field(default_factory=list)
    status: str = "suggestion"  # controlled | not_controlled | undecided | suggestion
    national_code: str | None = None
    matched_by: list[str] = field(default_factory=list)
    tested: bool = field(default=False, repr=False)
    """Whether the data given (CAS number or a parameter value) was tested against the entry."""
    jp: dict[str, Any] | None = None
    """Japan's 別表第一 row/item and 貨物等省令 article (jurisdiction JP), or 'unmapped'."""
    contradicted: bool = field(default=False, repr=False)
    """A value read from the description fails a threshold (kept a suggestion all the same)."""

    def to_dict(self) -> dict[str, Any]:
        out = {
            "code": self.code,
            "regimes": self.regimes,
            "title": self.title,
            "reasons_for_control": self.reasons_for_control,
            "confidence": round(self.confidence, 3),
            "why": self.why,
            "missing_parameters": self.missing_parameters,
            "status": self.status,
            "national_code": self.national_code,
            "matched_by": self.matched_by,
        }
        if self.jp is not None:
            out["jp"] = self.jp
        return out


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

    @property
    def missing_parameters(self) -> list[str]:
        """Parameters that would decide the undecided entries, most useful first."""
        seen: dict[str, None] = {}
        for e in self.entries:
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


class _Context:
    """Inputs of one classification, parsed once."""

    def __init__(
        self, kb: KnowledgeBase, description: str, given: dict[str, Value], jurisdiction: str
    ) -> None:
        self.kb = kb
        # full-width digits and signs (２５％) read as ASCII, as a Japanese description writes them
        self.text = unicodedata.normalize("NFKC", description).lower()
        self.given = given
        self.jurisdiction = jurisdiction
        self.modelled = jurisdiction if jurisdiction in MODELLED else "EU"
        self._inferred: dict[str, tuple[Value, str] | None] = {}

    def value(self, name: str) -> tuple[Value | None, str | None]:
        """The value of parameter ``name`` and, if read from the description, the cue."""
        if name in self.given:
            return self.given[name], None
        if not self.text:
            return None, None
        if name not in self._inferred:
            self._inferred[name] = self.kb.params.params[name].from_text(self.text)
        hit = self._inferred[name]
        return (hit[0], hit[1]) if hit else (None, None)


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
    read_as = gloss(kb, desc)
    if read_as:  # Japanese, Korean or Chinese terms: searched and read in English too
        desc = desc + " ; " + " ; ".join(dict.fromkeys(t.en for t in read_as))
    ctx = _Context(kb, desc, given, jur)

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
            add(code, "hs")
    if desc and not cas_codes:
        hits = text_index().search(desc, limit=TEXT_CANDIDATES * 2)
        if hits:
            best = hits[0].score
            for hit in hits[:TEXT_CANDIDATES]:
                if hit.score < 0.25 * best:
                    break
                add(hit.code, "text")
                for leaf in [*kb.leaves(hit.code), kb.entries[hit.code]]:
                    text_scores[leaf.code] = max(text_scores.get(leaf.code, 0.0), hit.score / best)
    if given and not sources:
        wanted = set(given) - GENERIC_PARAMS
        for entry in kb.entries.values():
            if any(c.param in wanted for c in entry.criteria):
                sources.setdefault(entry.code, set()).add("params")

    results = [
        _evaluate(ctx, kb.entries[code], how, text_scores.get(code, 0.0), hs_n)
        for code, how in sources.items()
    ]
    # a paragraph left open beside a decided one of the same entry is in play as much as it is
    # ('photoresist': 3C002.b/.d/.e decided not met, 3C002.a.1/.a.2 open for the wavelength)
    decided_parents = {kb.entries[r.code].parent for r in results if r.tested} - {None}
    for r in results:
        if (
            r.status == "suggestion"
            and r.missing_parameters
            and not r.contradicted
            and kb.entries[r.code].parent in decided_parents
        ):
            r.status = "undecided"
            r.why += "; another paragraph of this entry was decided: give " + ", ".join(
                r.missing_parameters
            )
            r.tested = True
    results.sort(key=lambda r: (_STATUS_ORDER[r.status], -r.confidence, r.code))
    controlled, why = _verdict(results, cas_n, bool(cas_codes), hs_n, kb.version)
    return Classification(
        controlled=controlled,
        entries=results[:MAX_ENTRIES],
        jurisdiction=jur,
        knowledge_base_version=kb.version,
        why=why,
        read_as=[f"{t.text} ({t.lang}) = {t.en}" for t in read_as],
    )


def gloss(kb: KnowledgeBase, description: str) -> list[Term]:
    """The vocabulary terms found in ``description``, longest first, none overlapping."""
    text = unicodedata.normalize("NFKC", description).lower()
    if text.isascii():
        return []
    found: list[tuple[int, Term]] = []
    taken = [False] * len(text)
    for term in kb.terms:
        start = text.find(term.text)
        while start >= 0:
            end = start + len(term.text)
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                found.append((start, term))
            start = text.find(term.text, end)
    return [t for _, t in sorted(found, key=lambda x: x[0])]


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
        if r.status == "undecided" and (r.tested or {"cas", "hs"} & set(r.matched_by))
    ]
    if undecided and (tested or cas_found):
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


def _reasons(entry: ControlEntry, ctx: _Context) -> tuple[list[str], str | None]:
    nat = entry.national.get(ctx.modelled) if ctx.modelled != "EU" else None
    if nat is not None:
        return list(nat.reasons_for_control) or list(
            entry.reasons_for_control.get("EU", ())
        ), nat.code
    return list(entry.reasons_for_control.get("EU", ())), None


def _evaluate(
    ctx: _Context, entry: ControlEntry, how: set[str], text_score: float, hs: str | None
) -> EntryResult:
    reasons, national = _reasons(entry, ctx)
    result = EntryResult(
        code=entry.code,
        regimes=list(entry.regimes),
        title=entry.title,
        reasons_for_control=reasons,
        confidence=0.0,
        why="",
        national_code=national,
        matched_by=sorted(how),
    )
    notes: list[str] = []
    if ctx.jurisdiction == "JP":
        jp = ctx.kb.jp_number(entry.code)
        result.jp = jp.to_dict() if jp else dict(UNMAPPED)
        notes.append(
            f"Japan: {result.jp['label']}, {result.jp['article'] or 'article not established'}"
            if jp
            else "Japan: 別表第一 row unmapped"
        )
    if ctx.jurisdiction not in MODELLED:
        notes.append(
            f"{ctx.jurisdiction}: multilateral (EU/Wassenaar) numbering and thresholds applied; "
            "national list specifics are not modelled"
        )
    if national and ctx.modelled == "US":
        notes.append(f"US ECCN {national}")
    by_cas = "cas" in how
    if by_cas:
        label = entry.cas_names.get(next(iter(entry.cas), ""), "") if len(entry.cas) > 1 else ""
        notes.append("CAS number listed in this entry" + (f" ({label})" if label else ""))
    if "hs" in how:
        notes.append(f"HS {hs} correlates with this entry (indicative)")
    if "text" in how:
        notes.append("suggested by the description")

    if entry.text_only:
        result.status = "undecided" if by_cas else "suggestion"
        result.confidence = 0.5 if by_cas else 0.15 + 0.45 * text_score
        notes.append("text-only entry: thresholds not modelled, read the entry text")
        result.why = "; ".join(notes)
        return result

    states: list[bool | None] = []
    inferred = False
    assumed = False
    unverified = not entry.verified
    if by_cas and entry.mixture_rule:
        state, note, rule = _mixture(ctx, entry)
        states.append(state)
        notes.append(note)
        if state is None:
            result.missing_parameters.append("destination_cwc_party")
        conc_value, conc_cue = ctx.value("concentration_pct")
        if rule is not None and not rule.verified and conc_value is not None:
            unverified = True
        inferred = inferred or conc_cue is not None
    elif by_cas and not entry.criteria:
        states.append(True)
        if entry.military:
            notes.append("controlled as a military good, not as a dual-use item")
    evaluated = False
    given_used = False
    for crit in entry.criteria:
        param = ctx.kb.params.params[crit.param]
        value, cue = ctx.value(crit.param)
        if value is None:
            if crit.if_missing == "assume":
                assumed = True
                notes.append(f"assumed {crit.describe()}" + (f": {crit.note}" if crit.note else ""))
                continue
            states.append(None)
            result.missing_parameters.append(crit.param)
            continue
        evaluated = True
        given_used = given_used or cue is None
        ok = crit.test(value)
        states.append(ok)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        source = f" (read from the description: '{cue}')" if cue else ""
        inferred = inferred or cue is not None
        notes.append(
            f"tested {crit.param} = {shown}{source} against {crit.describe(param.unit)}: "
            + ("met" if ok else "not met")
        )
    for excl in entry.exclusions:
        state, note, missing, cue_used = _exclusion(ctx, excl)
        notes.append(note)
        inferred = inferred or cue_used
        if state is None:
            states.append(None)
            result.missing_parameters.extend(missing)
        elif state:
            states.append(False)
            evaluated = True
    if entry.cas and not by_cas:
        shown_cas = ", ".join(entry.cas[:3]) + (" ..." if len(entry.cas) > 3 else "")
        notes.append(f"confirm with the CAS number (listed: {shown_cas})")
        if "hs" in how:
            result.missing_parameters.append("cas")
    elif not entry.criteria and not by_cas:
        notes.append("no parameters modelled for this entry: read the entry text")

    result.tested = by_cas or evaluated
    if evaluated and not (by_cas or given_used or "hs" in how) and text_score < 0.999:
        # only values read from the text, and not the best text match: keep it a suggestion
        result.tested = False
        result.contradicted = any(s is False for s in states)
        states = [None if s is not None else s for s in states]
    if any(s is False for s in states):
        result.status = "not_controlled"
        result.missing_parameters = []
    elif states and all(s is True for s in states):
        result.status = "controlled"
    elif result.tested or "hs" in how:
        result.status = "undecided"
    else:
        result.status = "suggestion"
        result.missing_parameters = [p for p in result.missing_parameters if p != "cas"]
    if result.status == "suggestion" or (
        result.status == "undecided" and not (by_cas or evaluated)
    ):
        result.confidence = 0.15 + 0.45 * text_score if "text" in how else 0.3
    else:
        conf = 1.0 if by_cas else 0.95
        if inferred:
            conf -= 0.15
        if assumed:
            conf -= 0.1
        if unverified:
            conf -= 0.1
        if result.status == "undecided":
            conf = min(conf, 0.6)
        result.confidence = conf
    if result.status == "undecided" and result.missing_parameters:
        notes.append("give " + ", ".join(dict.fromkeys(result.missing_parameters)) + " to decide")
    if unverified:
        notes.append("rule text not verified against the official text")
    result.missing_parameters = list(dict.fromkeys(result.missing_parameters))
    result.why = "; ".join(notes)
    return result


def _exclusion(ctx: _Context, excl: Exclusion) -> tuple[bool | None, str, list[str], bool]:
    """Whether a note excludes the item (True), does not (False) or cannot be told (None)."""
    values: list[tuple[Criterion, Value]] = []
    missing: list[str] = []
    cues: list[str] = []
    for crit in excl.when:
        value, cue = ctx.value(crit.param)
        if value is None:
            missing.append(crit.param)
            continue
        values.append((crit, value))
        if cue:
            cues.append(
                f"{crit.param} = {value:g} read from the description: '{cue}'"
                if isinstance(value, float)
                else f"{crit.param} read from the description: '{cue}'"
            )
    missing = list(dict.fromkeys(missing))
    cues = list(dict.fromkeys(cues))
    read = f" ({'; '.join(cues)})" if cues else ""
    if values and not all(c.test(v) for c, v in values):
        return False, f"note not applicable{read}: {excl.note}", [], bool(cues)
    if missing:
        if excl.if_missing == "assume":
            return (
                False,
                f"assumed outside the note (give {', '.join(missing)}): {excl.note}",
                [],
                False,
            )
        return None, f"give {', '.join(missing)} to apply the note: {excl.note}", missing, False
    return True, f"excluded by the note{read}: {excl.note}", [], bool(cues)


def _mixture(ctx: _Context, entry: ControlEntry) -> tuple[bool | None, str, MixtureRule | None]:
    rule_name = entry.mixture_rule or ""
    rule = ctx.kb.mixture_rules.get((rule_name, ctx.modelled)) or ctx.kb.mixture_rules.get(
        (rule_name, "EU")
    )
    conc, cue = ctx.value("concentration_pct")
    if rule is None:
        return True, "listed chemical", None
    if conc is None:
        return (
            True,
            f"the chemical itself (no concentration given); for mixtures: {rule.text}",
            rule,
        )
    party = ctx.given.get("destination_cwc_party")
    outcomes = []
    for case in rule.cases:
        wanted = case.destination_cwc_party
        if wanted is not None and party is not None and bool(party) != wanted:
            continue
        c = float(conc)
        outcomes.append(c > case.value if case.op == "gt" else c >= case.value)
    shown = f"{float(conc):g} %" + (f" (read from the description: '{cue}')" if cue else "")
    if all(outcomes):
        return True, f"concentration {shown} is above the mixture threshold ({rule.text})", rule
    if not any(outcomes):
        return (
            False,
            f"concentration {shown} is at or below the mixture threshold ({rule.text})",
            rule,
        )
    return (
        None,
        f"concentration {shown}: controlled or not depending on whether the destination is a "
        f"CWC State Party ({rule.text})",
        rule,
    )

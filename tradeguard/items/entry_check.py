"""One control entry tested against the inputs of an item: the entry's mixture rule (when the
CAS number names it), thresholds and exclusion notes, each value given or read from the
description; the entry's status (controlled, not controlled, undecided, suggestion), its
confidence and the reasoning in words."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from tradeguard.items.kb import (
    UNMAPPED,
    ControlEntry,
    Criterion,
    Exclusion,
    KnowledgeBase,
    MixtureRule,
)
from tradeguard.items.params import Value
from tradeguard.items.shares import Share, by_weight, share_of

#: Jurisdictions with their own numbering and reasons modelled; others read as the EU's.
MODELLED = ("EU", "US")


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


class ItemInputs:
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


def _reasons(entry: ControlEntry, ctx: ItemInputs) -> tuple[list[str], str | None]:
    nat = entry.national.get(ctx.modelled) if ctx.modelled != "EU" else None
    if nat is not None:
        return list(nat.reasons_for_control) or list(
            entry.reasons_for_control.get("EU", ())
        ), nat.code
    return list(entry.reasons_for_control.get("EU", ())), None


def evaluate_entry(
    ctx: ItemInputs,
    entry: ControlEntry,
    how: set[str],
    text_score: float,
    hs: str | None,
    name: str | None = None,
    equipment: str | None = None,
) -> EntryResult:
    """The verdict for one entry reached by ``how`` (``cas``, ``hs``, ``text``, ``params``,
    ``named``): its mixture rule, thresholds and exclusion notes tested against the item's
    values, with the confidence and the reasoning. ``name``: the English name in the
    description that decides the entry (:class:`tradeguard.items.naming.ItemNames`); a chemical
    so named is identified as by its CAS number. ``equipment``: why the entry is suggested as
    equipment named for a material (:class:`tradeguard.items.naming.Naming`)."""
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
    notes = _entry_notes(ctx, entry, how, hs, result)
    if equipment:
        notes.append(equipment)
    if name:
        notes = [n for n in notes if n != _NAMED_KIND]
        notes.append(f"named by the description ('{name}')")
    by_cas = "cas" in how or (name is not None and bool(entry.cas))
    if entry.text_only:
        result.status = "undecided" if by_cas or "named" in how else "suggestion"
        result.tested = name is not None
        result.confidence = 0.5 if by_cas or name else 0.15 + 0.45 * text_score
        if equipment and result.status == "suggestion":
            result.confidence = max(result.confidence, 0.6)  # as the best free-text match
        notes.append("text-only entry: thresholds not modelled, read the entry text")
        result.why = "; ".join(notes)
        return result

    tally = _test(ctx, entry, by_cas, result, notes)
    if entry.cas and not by_cas:
        shown_cas = ", ".join(entry.cas[:3]) + (" ..." if len(entry.cas) > 3 else "")
        notes.append(f"confirm with the CAS number (listed: {shown_cas})")
        result.missing_parameters.append("cas")
    elif not entry.criteria and not by_cas:
        notes.append("no parameters modelled for this entry: read the entry text")
    decided_how = how | ({"cas"} if by_cas else set()) | ({"name"} if name else set())
    _decide(result, tally, decided_how, text_score, notes)
    if equipment and result.status == "suggestion":
        result.confidence = max(result.confidence, 0.6)  # as the best free-text match
    if "cas" not in how and by_cas:
        result.confidence = min(result.confidence, 0.9)  # named, not numbered
    return result


_NAMED_KIND = "the description names this kind of item"


def _entry_notes(
    ctx: ItemInputs, entry: ControlEntry, how: set[str], hs: str | None, result: EntryResult
) -> list[str]:
    """What the reasoning starts with: the jurisdiction's numbering, how the entry was
    reached (CAS number, HS correlation, the description)."""
    national = result.national_code
    by_cas = "cas" in how
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
    if by_cas:
        label = entry.cas_names.get(next(iter(entry.cas), ""), "") if len(entry.cas) > 1 else ""
        notes.append("CAS number listed in this entry" + (f" ({label})" if label else ""))
    if "hs" in how:
        notes.append(f"HS {hs} correlates with this entry (indicative)")
    if "named" in how:
        notes.append(_NAMED_KIND)
    elif "text" in how:
        notes.append("suggested by the description")
    return notes


@dataclass
class _Tally:
    """What testing an entry found: one state per test (met, not met, cannot tell) and how the
    values were come by."""

    states: list[bool | None] = field(default_factory=list)
    inferred: bool = False
    assumed: bool = False
    unverified: bool = False
    evaluated: bool = False
    given_used: bool = False


def _test(
    ctx: ItemInputs, entry: ControlEntry, by_cas: bool, result: EntryResult, notes: list[str]
) -> _Tally:
    """The entry's mixture rule (reached by CAS number), thresholds and exclusion notes
    tested against the item's values."""
    tally = _Tally(unverified=not entry.verified)
    if by_cas and entry.mixture_rule:
        state, note, rule, share = _mixture(ctx, entry)
        tally.states.append(state)
        notes.append(note)
        if state is None:
            result.missing_parameters.append(
                "concentration_pct" if share.unclear else "destination_cwc_party"
            )
        if rule is not None and not rule.verified and share.value is not None:
            tally.unverified = True
        tally.inferred = tally.inferred or share.cue is not None
    elif by_cas and not entry.criteria:
        tally.states.append(True)
        if entry.military:
            notes.append("controlled as a military good, not as a dual-use item")
    for crit in entry.criteria:
        param = ctx.kb.params.params[crit.param]
        value, cue = ctx.value(crit.param)
        if value is None:
            if crit.if_missing == "assume":
                tally.assumed = True
                notes.append(f"assumed {crit.describe()}" + (f": {crit.note}" if crit.note else ""))
                continue
            tally.states.append(None)
            result.missing_parameters.append(crit.param)
            continue
        tally.evaluated = True
        tally.given_used = tally.given_used or cue is None
        ok = crit.test(value)
        tally.states.append(ok)
        shown = f"{value:g}" if isinstance(value, float) else str(value)
        source = f" (read from the description: '{cue}')" if cue else ""
        tally.inferred = tally.inferred or cue is not None
        notes.append(
            f"tested {crit.param} = {shown}{source} against {crit.describe(param.unit)}: "
            + ("met" if ok else "not met")
        )
    for excl in entry.exclusions:
        state, note, missing, cue_used = _exclusion(ctx, excl)
        notes.append(note)
        tally.inferred = tally.inferred or cue_used
        if state is None:
            tally.states.append(None)
            result.missing_parameters.extend(missing)
        elif state:
            tally.states.append(False)
            tally.evaluated = True
    return tally


def _decide(
    result: EntryResult, tally: _Tally, how: set[str], text_score: float, notes: list[str]
) -> None:
    """The entry's status and confidence from its tests: not met by any test, met by all, or
    open; values read only from the text keep a weaker text match a suggestion."""
    by_cas = "cas" in how
    named = "name" in how  # an English name decides the entry (evaluate_entry's ``name``)
    states = tally.states
    result.tested = by_cas or tally.evaluated or named
    # an HS correlation or the item named outright opens the entry; values read from the text
    # alone still decide only the best text match
    opened = "hs" in how or "named" in how
    if (
        tally.evaluated
        and not (by_cas or tally.given_used or opened or named)
        and text_score < 0.999
    ):
        # only values read from the text, and not the best text match: keep it a suggestion
        result.tested = False
        result.contradicted = any(s is False for s in states)
        states = [None if s is not None else s for s in states]
    if any(s is False for s in states):
        result.status = "not_controlled"
        result.missing_parameters = []
    elif states and all(s is True for s in states):
        result.status = "controlled"
    elif result.tested or opened:
        result.status = "undecided"
    else:
        result.status = "suggestion"
    if result.status == "suggestion" or (
        result.status == "undecided" and not (by_cas or tally.evaluated)
    ):
        result.confidence = 0.15 + 0.45 * text_score if "text" in how else 0.3
    else:
        conf = 1.0 if by_cas else 0.95
        if tally.inferred:
            conf -= 0.15
        if tally.assumed:
            conf -= 0.1
        if tally.unverified:
            conf -= 0.1
        if result.status == "undecided":
            conf = min(conf, 0.6)
        result.confidence = conf
    if result.status == "undecided" and result.missing_parameters:
        notes.append("give " + ", ".join(dict.fromkeys(result.missing_parameters)) + " to decide")
    if tally.unverified:
        notes.append("rule text not verified against the official text")
    result.missing_parameters = list(dict.fromkeys(result.missing_parameters))
    result.why = "; ".join(notes)


def _exclusion(ctx: ItemInputs, excl: Exclusion) -> tuple[bool | None, str, list[str], bool]:
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


def _mixture(
    ctx: ItemInputs, entry: ControlEntry
) -> tuple[bool | None, str, MixtureRule | None, Share]:
    """The entry's mixture rule tested against the chemical's share: the one given, else the
    one written next to its name (:func:`tradeguard.items.shares.share_of`)."""
    rule_name = entry.mixture_rule or ""
    rule = ctx.kb.mixture_rules.get((rule_name, ctx.modelled)) or ctx.kb.mixture_rules.get(
        (rule_name, "EU")
    )
    given = ctx.given.get("concentration_pct")
    share = Share() if given is not None else share_of(ctx.kb, entry, ctx.text)
    conc, cue = (given, None) if given is not None else (share.value, share.cue)
    if rule is None:
        return True, "listed chemical", None, share
    if conc is None and share.unclear:
        return (
            None,
            f"concentrations are given ({'; '.join(share.read)}) but which is this chemical's "
            f"cannot be told: give concentration_pct; for mixtures: {rule.text}",
            rule,
            share,
        )
    if conc is None:
        return (
            True,
            f"the chemical itself (no concentration given); for mixtures: {rule.text}",
            rule,
            share,
        )
    converted = ""
    if given is None and share.basis != rule.basis:  # ppm by volume against a rule by weight
        weight, converted = by_weight(ctx.kb, entry, share, ctx.text)
        if weight is None:
            return (
                None,
                f"concentration {float(conc):g} % read from the description: '{cue}'; "
                f"{converted}; for mixtures: {rule.text}",
                rule,
                Share(None, None, share.read or (str(cue),)),
            )
        conc = weight
    party = ctx.given.get("destination_cwc_party")
    outcomes = []
    for case in rule.cases:
        wanted = case.destination_cwc_party
        if wanted is not None and party is not None and bool(party) != wanted:
            continue
        c = float(conc)
        outcomes.append(c > case.value if case.op == "gt" else c >= case.value)
    shown = f"{float(conc):g} %" + (f" (read from the description: '{cue}')" if cue else "")
    if converted:
        shown = f"{float(conc):g} % by weight (read from the description: '{cue}'; {converted})"
    if all(outcomes):
        return (
            True,
            f"concentration {shown} is above the mixture threshold ({rule.text})",
            rule,
            share,
        )
    if not any(outcomes):
        return (
            False,
            f"concentration {shown} is at or below the mixture threshold ({rule.text})",
            rule,
            share,
        )
    return (
        None,
        f"concentration {shown}: controlled or not depending on whether the destination is a "
        f"CWC State Party ({rule.text})",
        rule,
        share,
    )

"""The goods of a shipment: each item classified against the control lists (memoised per
input), the entry the exporter declared looked up and compared with what the description, HS
code and CAS number give, and the inconsistencies flagged (a CAS number with a non-chemical HS
chapter, a controlled CAS/HS with a description that alone is not)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tradeguard.errors import InputError, NotFoundError
from tradeguard.policy import EntryFacts, ItemFacts, Policy, Reason
from tradeguard.shipments.decision import EntryInfo, ItemResult
from tradeguard.shipments.model import Item
from tradeguard.shipments.protocols import ClassificationLike, Classifier, EntryLike

#: Suggested entries named in the review of an item no entry is established for.
MAX_CANDIDATES = 5


class ItemChecks:
    """Classifies items with one classifier under one policy; answers are memoised per input
    (declarations repeat their goods) and left out when pickled."""

    def __init__(
        self,
        policy: Policy,
        classifier: Classifier | None,
        entry_lookup: Callable[[str], Any] | None = None,
    ) -> None:
        self.policy = policy
        self.classifier = classifier
        self.entry_lookup = entry_lookup
        self._classifications: dict[tuple[Any, ...], ClassificationLike | InputError] = {}
        self._items: dict[
            tuple[Any, ...], tuple[tuple[EntryFacts, ...], ItemResult, list[Reason]]
        ] = {}

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (sent to batch workers) without the memo tables: a copy fills its own."""
        return {**self.__dict__, "_classifications": {}, "_items": {}}

    def caches(self) -> dict[str, dict[Any, Any]]:
        """The memo tables by name (what a pickled copy starts without)."""
        return {"classifications": self._classifications, "items": self._items}

    def _classify(
        self, item: Item, jurisdiction: str, *, text_only: bool = False
    ) -> ClassificationLike | InputError | None:
        if self.classifier is None:
            return None
        params: dict[str, str | float] = {
            k: (str(v).lower() if isinstance(v, bool) else v) for k, v in item.params.items()
        }
        if text_only:
            key: tuple[Any, ...] = ("text", item.description, jurisdiction)
        else:
            key = (item.description, item.cas, item.hs, tuple(sorted(params.items())), jurisdiction)
        if key in self._classifications:
            return self._classifications[key]
        try:
            if text_only:
                result: ClassificationLike | InputError = self.classifier(
                    item.description, jurisdiction=jurisdiction
                )
            else:
                result = self.classifier(
                    item.description,
                    cas=item.cas,
                    hs=item.hs,
                    params=params or None,
                    jurisdiction=jurisdiction,
                )
        except InputError as exc:
            result = exc
        self._classifications[key] = result
        return result

    def _declared_entry(self, code: str, jurisdiction: str) -> EntryFacts:
        regimes: tuple[str, ...] = ()
        rfc: tuple[str, ...] = ()
        title = None
        national_code = None
        if self.entry_lookup is not None:
            try:
                entry = self.entry_lookup(code)
            except (NotFoundError, InputError):
                entry = None
            if entry is not None:
                regimes = tuple(entry.regimes)
                title = entry.title
                rfc = tuple(entry.reasons_for_control.get(jurisdiction, ()))
                national = entry.national.get(jurisdiction)
                if national is not None:
                    national_code = national.code
                    rfc = rfc or tuple(national.reasons_for_control)
        return EntryFacts(
            code=code,
            regimes=regimes,
            reasons_for_control=rfc,
            title=title,
            declared=True,
            national_code=national_code,
        )

    def item(
        self, item: Item, jurisdiction: str, reasons: list[Reason]
    ) -> tuple[ItemFacts, ItemResult]:
        """Classification of one item, cached: declarations repeat their goods."""
        key = (
            item.line,
            item.description,
            item.cas,
            item.hs,
            tuple(sorted(item.params.items())),
            item.control_entry,
            jurisdiction,
        )
        cached = self._items.get(key)
        if cached is None:
            found: list[Reason] = []
            facts, result = self._classify_item(item, jurisdiction, found)
            cached = (facts.entries, result, found)
            if len(self._items) < 100_000:
                self._items[key] = cached
        entries, template, found = cached
        reasons.extend(found)
        facts = ItemFacts(
            line=item.line or 0,
            description=item.description,
            hs=item.hs,
            cas=item.cas,
            entries=entries,
            quantity=item.quantity,
            value=item.value,
            currency=item.currency,
            origin=item.origin,
        )
        return facts, template.model_copy()

    def _classify_item(
        self, item: Item, jurisdiction: str, reasons: list[Reason]
    ) -> tuple[ItemFacts, ItemResult]:
        """One item: what the classifier establishes, then the entry the exporter declared."""
        line = item.line or 0
        result = ItemResult(line=line, description=item.description, hs=item.hs, cas=item.cas)
        entries: list[EntryFacts] = []
        classification = self._classify(item, jurisdiction)
        if isinstance(classification, InputError):
            reasons.append(
                Reason(
                    code="NOT_CLASSIFIED",
                    severity="review",
                    message=f"item {line}: cannot be classified: {classification.describe()}",
                    legal_basis="classification of the item is the exporter's duty",
                    item=line,
                    params={"line": line, "error_text": classification.message},
                )
            )
        elif classification is not None:
            self._classified(
                classification, line, result, entries, reasons, bool(item.control_entry)
            )
            if result.controlled is False and not (item.hs or item.cas or item.control_entry):
                reasons.extend(_not_read(classification, line))
                if not classification.entries and not _has_words(item.description):
                    result.controlled = None
                    reasons.append(_not_understood(item.description, line))
        if item.control_entry:
            self._declared(item.control_entry, jurisdiction, classification, result, entries)
            reasons.extend(self._declared_mismatch(line, classification, result))
        if classification is None and not item.control_entry:
            result.controlled = None
        facts = ItemFacts(
            line=line,
            description=item.description,
            hs=item.hs,
            cas=item.cas,
            entries=tuple(entries),
            quantity=item.quantity,
            value=item.value,
            currency=item.currency,
            origin=item.origin,
        )
        reasons.extend(self._item_consistency(item, jurisdiction, classification))
        return facts, result

    @staticmethod
    def _classified(
        classification: ClassificationLike,
        line: int,
        result: ItemResult,
        entries: list[EntryFacts],
        reasons: list[Reason],
        declared: bool = False,
    ) -> None:
        """The classifier's answer into the item's result: controlled entries become facts
        for the policy; undecided ones (parameters missing) and, when nothing is established,
        the suggested ones a review naming them and what would decide them. Only the
        classifier's finding that the item is not controlled clears it."""
        result.classified = True
        result.controlled = classification.controlled
        for e in classification.entries:
            if e.status in ("controlled", "undecided"):
                result.entries.append(_info(e))
            if e.status == "controlled":
                entries.append(
                    EntryFacts(
                        e.code,
                        tuple(e.regimes),
                        tuple(e.reasons_for_control),
                        e.title,
                        national_code=e.national_code,
                    )
                )
        if classification.controlled is not None:
            return
        open_entries = [e for e in classification.entries if e.status == "undecided"]
        suggested = not open_entries
        if suggested:
            # the description, HS code or parameters point at entries without establishing
            # one: a suggestion is an entry the item may be, never a finding that it is not
            open_entries = [e for e in classification.entries if e.status == "suggestion"]
            open_entries = open_entries[:MAX_CANDIDATES]
            result.entries.extend(_info(e) for e in open_entries)
        if not open_entries:
            # nothing points at any entry of the knowledge base
            result.controlled = False
            return
        if suggested and declared:
            return  # the declared entry decides; a mismatch is flagged by _declared_mismatch
        missing = sorted({p for e in open_entries for p in e.missing_parameters})
        undecided = [e.code for e in open_entries]
        # an open entry without modelled parameters (a headline such as 2B001) is decided by
        # its text: say so, never that no parameter is missing
        shown = ", ".join(missing) or "the entry text"
        message = (
            f"item {line}: the description suggests {', '.join(undecided)} without establishing "
            f"any; to decide, give: {shown}"
            if suggested
            else f"item {line}: may fall under {', '.join(undecided)}; missing parameters: {shown}"
        )
        reasons.append(
            Reason(
                code="CLASSIFICATION_INCOMPLETE",
                severity="review",
                message=message,
                legal_basis="classification against the control list (parameters decide the entry)",
                evidence={"entries": undecided, "missing_parameters": missing},
                item=line,
                params={"line": line, "entries": undecided, "missing": missing},
            )
        )

    def _declared(
        self,
        code: str,
        jurisdiction: str,
        classification: ClassificationLike | InputError | None,
        result: ItemResult,
        entries: list[EntryFacts],
    ) -> None:
        """The declared entry added to the item's entries unless the classifier found it
        already (then that entry is marked declared)."""
        declared = self._declared_entry(code, jurisdiction)
        if any(_same_entry(declared.code, e.code) for e in entries):
            for info in result.entries:
                if _same_entry(declared.code, info.code):
                    info.declared = True
            return
        entries.append(declared)
        result.entries.append(
            EntryInfo(
                code=declared.code,
                regimes=list(declared.regimes),
                title=declared.title,
                reasons_for_control=list(declared.reasons_for_control),
                declared=True,
                status="declared",
            )
        )
        result.controlled = True

    def _declared_mismatch(
        self,
        line: int,
        classification: ClassificationLike | InputError | None,
        result: ItemResult,
    ) -> list[Reason]:
        """A declared entry the classifier did not establish (when it classified at all)."""
        declared = next((e for e in result.entries if e.status == "declared"), None)
        if declared is None or classification is None or isinstance(classification, InputError):
            return []
        flag = self.policy.red_flags.description_mismatch
        found = [e.code for e in classification.entries if e.status == "controlled"]
        return [
            Reason(
                code="DESCRIPTION_MISMATCH",
                severity=flag.severity,
                message=f"item {line}: declared entry {declared.code} is not what the description, "
                f"HS and CAS give ({', '.join(found) or 'not controlled'})",
                legal_basis=flag.legal_basis,
                evidence={"declared": declared.code, "classified": found},
                rule_id=flag.id,
                verified=flag.verified,
                item=line,
                params={
                    "form": "declared",
                    "line": line,
                    "declared": declared.code,
                    "found": found,
                },
            )
        ]

    def _item_consistency(
        self, item: Item, jurisdiction: str, classification: ClassificationLike | InputError | None
    ) -> list[Reason]:
        flag = self.policy.red_flags.description_mismatch
        line = item.line or 0
        problems = []
        if item.cas and item.hs and item.hs[:2] not in flag.chemical_chapters:
            problems.append(
                f"CAS {item.cas} given with HS {item.hs} (chapter {item.hs[:2]} is not a chemical chapter)"
            )
        if (
            item.cas
            and item.description
            and classification is not None
            and not isinstance(classification, InputError)
            and classification.controlled
        ):
            by_text = self._classify(item, jurisdiction, text_only=True)
            if (
                by_text is not None
                and not isinstance(by_text, InputError)
                and by_text.controlled is False
            ):
                codes = [e.code for e in classification.entries if e.status == "controlled"]
                problems.append(
                    f"the CAS/HS make it controlled ({', '.join(codes)}) but the description alone does not"
                )
        return [
            Reason(
                code="DESCRIPTION_MISMATCH",
                severity=flag.severity,
                message=f"item {line}: {p}",
                legal_basis=flag.legal_basis,
                evidence={"description": item.description, "hs": item.hs, "cas": item.cas},
                rule_id=flag.id,
                verified=flag.verified,
                item=line,
                params={"form": "facts", "line": line, "problem_text": p},
            )
            for p in problems
        ]


def _not_read(classification: ClassificationLike, line: int) -> list[Reason]:
    """A description the classifier could not read in part, with no HS code or CAS number to
    go by: it may name a controlled item, so the item is not cleared silently."""
    unread = [str(u) for u in getattr(classification, "unread", ()) or ()]
    if not unread or classification.controlled is False:
        return []
    text = ", ".join(unread[:5])
    return [
        Reason(
            code="DESCRIPTION_NOT_READ",
            severity="review",
            message=f"item {line}: the description is not read in full ({text}) and no HS code "
            "or CAS number is given: it may name a controlled item",
            legal_basis="classification of the item is the exporter's duty",
            evidence={"unread": unread},
            item=line,
            params={"line": line, "unread_text": text},
        )
    ]


#: A run of letters: a word of ordinary letters is "cotton", "Cotton" or "COTTON" (four capitals
#: or more) or a run in a script without capitals; not a formula's letters ("BCl" of BCl3,
#: "SiH" of SiH2Cl2), a code (HF, NF3), a purity (6N) nor a unit of a share (ppmv).
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
_ORDINARY = re.compile(r"[A-Z]?[a-z]{3,}|[A-Z][a-z]{2}|[A-Z]{4,}")
_UNIT_WORDS = frozenset({"ppm", "ppmv", "ppmw", "ppb", "ppbv", "ppbw", "vol", "mol"})


def _has_words(description: str | None) -> bool:
    """Whether the description holds a word the classifier reads as a name of goods."""
    for run in _LETTERS.findall(description or ""):
        if run.lower() in _UNIT_WORDS:
            continue
        if _ORDINARY.fullmatch(run) or sum(c.lower() == c.upper() for c in run) >= 2:
            return True
    return False


def _not_understood(description: str | None, line: int) -> Reason:
    """An item whose description is only codes, formulas or numbers that open no entry, with
    no HS code or CAS number: nothing says what it is, so it is not cleared ("NF3", "WF6")."""
    return Reason(
        code="DESCRIPTION_NOT_UNDERSTOOD",
        severity="review",
        message=f"item {line}: the description ({description}) was not understood: no entry of "
        "the control lists is opened by it and no HS code or CAS number is given; give the "
        "CAS number or the HS code",
        legal_basis="classification of the item is the exporter's duty",
        evidence={"description": description},
        item=line,
        params={"line": line, "description": description or ""},
    )


def _info(e: EntryLike) -> EntryInfo:
    return EntryInfo(
        code=e.code,
        regimes=list(e.regimes),
        title=e.title,
        reasons_for_control=list(e.reasons_for_control),
        confidence=round(float(e.confidence), 3),
        status=e.status,
        missing_parameters=list(e.missing_parameters),
    )


def _same_entry(a: str, b: str) -> bool:
    a, b = a.upper(), b.upper()
    return a.startswith(b) or b.startswith(a)

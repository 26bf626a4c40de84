"""US licence requirements under the EAR, read per ECCN from ``data/policy/us_ccl.json``.

Each ECCN's reasons for control carry their scope (the whole entry, listed paragraphs, the whole
entry except listed paragraphs, or a condition stated in words) and what they require (a Commerce
Country Chart column, a list of destinations or Country Groups, every destination, or a pointer to
another section of the EAR). An item matched at paragraph level (``3C002.a.2``, ``1C350.d.15``)
gets the reasons whose scope covers the paragraph.

Nothing here concludes "no licence" from missing knowledge: an entry with no US ECCN, an ECCN the
CCL data lacks, a paragraph a reason's scope depends on, a condition in words or a pointer to
another section make the requirement *undecided* (a ``review`` reason that names what is missing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from pydantic import Field

from tradeguard.policy.clauses import clause, words
from tradeguard.policy.model import Quote, UsEar, _Model

Clause = dict[str, Any]

_ECCN = re.compile(r"^(\d[A-E]\d{3})(?:\.(.+))?$")


class UsScope(_Model):
    kind: Literal["entry", "entry_except", "paragraphs", "condition"]
    paragraphs: list[str] = Field(default_factory=list)
    text: str | None = None


class UsRequirement(_Model):
    kind: Literal["column", "all", "destinations", "cwc_non_parties", "refer"]
    column: str | None = None
    groups: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    except_groups: list[str] = Field(default_factory=list)
    except_countries: list[str] = Field(default_factory=list)
    unless: str | None = None
    see: str | None = None


class UsReason(_Model):
    reason: str
    scope: UsScope
    requires: UsRequirement
    quote: Quote


class UsEccn(_Model):
    heading: str
    reasons: list[UsReason]
    #: Every paragraph of the entry (only where the CCL parse keeps the item text).
    paragraphs: list[str] | None = None


class CountryList(_Model):
    countries: list[str]
    legal_basis: str
    quote: Quote
    verified: bool


class FootnoteRule(_Model):
    """A Country Chart footnote read as a rule: ``refer`` says which pointer (``see``) the
    footnote's destinations make relevant; ``any_eccn`` requires a licence for every ECCN."""

    footnote: int
    kind: Literal["refer", "any_eccn"]
    see: str
    legal_basis: str
    quote: Quote


class UsCcl(_Model):
    version: str
    source: str
    effective_from: date
    effective_to: date | None = None
    generated_by: str
    paragraphs_note: str
    cwc_non_parties: CountryList
    footnote_rules: list[FootnoteRule]
    entries: dict[str, UsEccn]


Outcome = Literal["yes", "no", "unknown"]


@dataclass
class Finding:
    """What one reason for control of one entry gives for one destination."""

    entry: str
    eccn: str
    reason: str
    label: str
    outcome: Literal["required", "not_required", "undecided"]
    #: why, as clauses (:mod:`tradeguard.policy.clauses`); :attr:`why` in English
    clauses: list[Clause]
    quote: Quote | None = None

    @property
    def why(self) -> str:
        return "; ".join(words(c) for c in self.clauses)


@dataclass
class UsLicensing:
    """The findings for one item to one destination."""

    findings: list[Finding] = field(default_factory=list)

    def of(self, outcome: str) -> list[Finding]:
        return [f for f in self.findings if f.outcome == outcome]


def split_eccn(code: str | None) -> tuple[str, str | None] | None:
    """``1C350.d.15`` → (``1C350``, ``d.15``); None when ``code`` is not an ECCN."""
    m = _ECCN.match((code or "").strip())
    if not m:
        return None
    return m.group(1), m.group(2)


def _covered(paragraph: str, by: str) -> bool:
    return paragraph == by or paragraph.startswith(by + ".")


def covers(scope: UsScope, paragraph: str | None) -> tuple[Outcome, str]:
    """Whether a reason's scope covers the item's paragraph (``None``: only the ECCN known)."""
    outcome, why = covers_clause(scope, paragraph)
    return outcome, words(why)


def covers_clause(scope: UsScope, paragraph: str | None) -> tuple[Outcome, Clause]:
    """:func:`covers`, saying why as a clause."""
    if scope.kind == "entry":
        return "yes", clause("us_scope_entry")
    if scope.kind == "condition":
        return "unknown", clause("us_scope_condition", condition_text=scope.text)
    listed = list(scope.paragraphs)
    if paragraph is None:
        kind = "us_scope_unknown_" + ("paragraphs" if scope.kind == "paragraphs" else "except")
        return "unknown", clause(kind, paragraphs=listed)
    inside = any(_covered(paragraph, p) for p in scope.paragraphs)
    wider = any(p.startswith(paragraph + ".") for p in scope.paragraphs)
    if scope.kind == "paragraphs":
        if inside:
            return "yes", clause("us_scope_among", paragraph=paragraph, paragraphs=listed)
        if wider:
            return "unknown", clause("us_scope_narrower", paragraph=paragraph, paragraphs=listed)
        return "no", clause("us_scope_only", paragraphs=listed)
    if inside:
        return "no", clause("us_scope_except", paragraphs=listed)
    if wider:
        return "unknown", clause("us_scope_except_narrower", paragraph=paragraph, paragraphs=listed)
    return "yes", clause("us_scope_except", paragraphs=listed)


class UsRules:
    """The EAR's per-ECCN licence requirements for destinations, on the chart and groups of
    :class:`UsEar`."""

    def __init__(self, ccl: UsCcl, ear: UsEar) -> None:
        self.ccl = ccl
        self.ear = ear

    def row_country(self, destination: str) -> str:
        return self.ear.territory_rows.get(destination, destination)

    def _requires(
        self, req: UsRequirement, reason: str, destination: str
    ) -> tuple[Outcome, Clause]:
        country = self.row_country(destination)
        groups = set(self.ear.groups_of(country))
        if req.kind == "column":
            row = self.ear.chart.get(country)
            if row is None:
                return "unknown", clause("us_no_chart_row", destination=destination)
            col = req.column or reason
            if col in row.marks:
                return "yes", clause("us_chart_x", column=col, country=country)
            return "no", clause("us_chart_no_x", column=col, country=country)
        if req.kind == "all":
            if destination in req.except_countries or country in req.except_countries:
                return "no", clause("us_all_except", countries=list(req.except_countries))
            return "yes", clause("us_all")
        if req.kind == "destinations":
            named = destination in req.countries or country in req.countries
            listed = groups & set(req.groups)
            excluded = groups & set(req.except_groups)
            where = {"countries": list(req.countries), "country_groups": list(req.groups)}
            if (named or listed) and not excluded:
                return "yes", clause("us_to", **where)
            if req.except_groups:
                return "no", clause("us_only_to_except", **where, except_groups=req.except_groups)
            return "no", clause("us_only_to", **where)
        if req.kind == "cwc_non_parties":
            parties = self.ccl.cwc_non_parties.countries
            if country in parties and country not in req.except_countries:
                if req.unless:
                    return "yes", clause("us_cwc_unless", unless_text=req.unless)
                return "yes", clause("us_cwc")
            return "no", clause("us_cwc_only")
        see = req.see or "another section of the EAR"
        row = self.ear.chart.get(country)
        for rule in self.ccl.footnote_rules:
            if (
                rule.kind == "refer"
                and see.startswith(rule.see)
                and row is not None
                and rule.footnote not in row.footnotes
            ):
                return "no", clause(
                    "us_refer_no_footnote", see_text=see, country=country, footnote=rule.footnote
                )
        if req.see is None:
            return "unknown", clause("us_refer_elsewhere")
        return "unknown", clause("us_refer", see_text=see)

    def evaluate(
        self,
        entry: str,
        us_code: str | None,
        basis: Clause,
        destination: str,
        out: UsLicensing,
    ) -> None:
        """Add the findings of one control entry (``us_code``: its US ECCN, or None; ``basis``:
        how it was taken, :func:`us_code_for`)."""
        parts = split_eccn(us_code)

        def undecided(eccn: str, why: Clause) -> None:
            out.findings.append(Finding(entry, eccn, "", "", "undecided", [why]))

        if parts is None:
            undecided(us_code or "", clause("us_entry", entry=entry, why=[basis]))
            return
        eccn, paragraph = parts
        record = self.ccl.entries.get(eccn)
        if record is None:
            undecided(
                eccn, clause("us_not_in_ccl", entry=entry, eccn=eccn, version=self.ccl.version)
            )
            return
        if not record.reasons:
            undecided(eccn, clause("us_no_requirements", entry=entry, eccn=eccn))
            return
        if (
            paragraph is not None
            and record.paragraphs is not None
            and not any(p == paragraph or p.startswith(paragraph + ".") for p in record.paragraphs)
        ):
            undecided(eccn, clause("us_no_paragraph", entry=entry, eccn=eccn, paragraph=paragraph))
            return
        code = f"{eccn}.{paragraph}" if paragraph else eccn
        row = self.ear.chart.get(self.row_country(destination))
        for rule in self.ccl.footnote_rules:
            if rule.kind == "any_eccn" and row is not None and rule.footnote in row.footnotes:
                why = clause("us_any_eccn", see=rule.see, footnote=rule.footnote)
                out.findings.append(
                    Finding(entry, code, rule.see, rule.see, "required", [why], rule.quote)
                )
        for rfc in record.reasons:
            scope, why_scope = covers_clause(rfc.scope, paragraph)
            if scope == "no":
                continue
            need, why = self._requires(rfc.requires, rfc.reason, destination)
            clauses = [why]
            label = rfc.requires.column or rfc.reason
            if need == "no":
                outcome: Literal["required", "not_required", "undecided"] = "not_required"
            elif need == "yes" and scope == "yes":
                outcome = "required"
            else:
                outcome = "undecided"
                if scope == "unknown":
                    clauses.append(clause("us_scope_of", reason=rfc.reason, why=[why_scope]))
            out.findings.append(
                Finding(entry, code, rfc.reason, label, outcome, clauses, rfc.quote)
            )


def us_code_for(
    code: str, national_code: str | None, declared: bool, ccl: UsCcl
) -> tuple[str | None, Clause]:
    """The US ECCN (with paragraph) of a control entry, and on what basis it was taken (a
    clause).

    The knowledge base's US record wins. A declared code with no record is taken as the
    exporter's ECCN. A Wassenaar-numbered entry (third character ``0``) with no US record is
    taken to carry the same number in the CCL, whose numbering follows the Wassenaar list; other
    regimes' entries are numbered differently (EU 1C351.d.4 ricin is US 1C351.d.15), so no
    number is assumed for them."""
    if national_code:
        if split_eccn(national_code) is None:
            return None, clause("us_outside_ccl", national_code=national_code)
        return national_code, clause("us_eccn_known")
    parts = split_eccn(code)
    if parts is None and code.upper().startswith("ML"):
        return None, clause("us_military_no_eccn")
    if parts is None:
        return None, clause("us_no_eccn_number")
    if declared:
        return code, clause("us_eccn_declared")
    if code[2] == "0" and parts[0] in ccl.entries:
        return code, clause("us_eccn_wassenaar")
    return None, clause("us_no_eccn_record")

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
from typing import Literal

from pydantic import Field

from tradeguard.policy.model import Quote, UsEar, _Model

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
    why: str
    quote: Quote | None = None


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
    if scope.kind == "entry":
        return "yes", "the entire entry"
    if scope.kind == "condition":
        return "unknown", f"applies to {scope.text} (a condition the engine does not test)"
    listed = ", ".join(scope.paragraphs)
    if paragraph is None:
        return (
            "unknown",
            f"the paragraph of the item is not known ({scope.kind.replace('_', ' ')} {listed})",
        )
    inside = any(_covered(paragraph, p) for p in scope.paragraphs)
    wider = any(p.startswith(paragraph + ".") for p in scope.paragraphs)
    if scope.kind == "paragraphs":
        if inside:
            return "yes", f"paragraph {paragraph} is among {listed}"
        if wider:
            return "unknown", f"applies to {listed}, narrower than paragraph {paragraph}"
        return "no", f"applies to {listed} only"
    if inside:
        return "no", f"the entire entry except {listed}"
    if wider:
        return "unknown", f"the entire entry except {listed}, narrower than paragraph {paragraph}"
    return "yes", f"the entire entry except {listed}"


class UsRules:
    """The EAR's per-ECCN licence requirements for destinations, on the chart and groups of
    :class:`UsEar`."""

    def __init__(self, ccl: UsCcl, ear: UsEar) -> None:
        self.ccl = ccl
        self.ear = ear

    def row_country(self, destination: str) -> str:
        return self.ear.territory_rows.get(destination, destination)

    def _requires(self, req: UsRequirement, reason: str, destination: str) -> tuple[Outcome, str]:
        country = self.row_country(destination)
        groups = set(self.ear.groups_of(country))
        if req.kind == "column":
            row = self.ear.chart.get(country)
            if row is None:
                return "unknown", f"no Commerce Country Chart row for {destination}"
            col = req.column or reason
            if col in row.marks:
                return "yes", f"{col} (Country Chart X for {country})"
            return "no", f"{col} (no X for {country})"
        if req.kind == "all":
            if destination in req.except_countries or country in req.except_countries:
                return "no", f"all destinations except {', '.join(req.except_countries)}"
            return "yes", "a licence is required for all destinations"
        if req.kind == "destinations":
            named = destination in req.countries or country in req.countries
            listed = groups & set(req.groups)
            excluded = groups & set(req.except_groups)
            where = ", ".join([*req.countries, *(f"Country Group {g}" for g in req.groups)])
            if (named or listed) and not excluded:
                return "yes", f"to {where}"
            return "no", f"only to {where}" + (
                f" (excluding {', '.join(req.except_groups)})" if req.except_groups else ""
            )
        if req.kind == "cwc_non_parties":
            parties = self.ccl.cwc_non_parties.countries
            if country in parties and country not in req.except_countries:
                note = f", unless {req.unless}" if req.unless else ""
                return "yes", (
                    f"to a State not Party to the CWC{note} [the States Parties are taken from "
                    "a secondary source]"
                )
            return "no", "only to States not Party to the CWC"
        see = req.see or "another section of the EAR"
        row = self.ear.chart.get(country)
        for rule in self.ccl.footnote_rules:
            if (
                rule.kind == "refer"
                and see.startswith(rule.see)
                and row is not None
                and rule.footnote not in row.footnotes
            ):
                return "no", (
                    f"{see} (the Country Chart row of {country} has no footnote {rule.footnote})"
                )
        return "unknown", f"the Country Chart does not decide it; see {see}"

    def evaluate(
        self,
        entry: str,
        us_code: str | None,
        basis: str,
        destination: str,
        out: UsLicensing,
    ) -> None:
        """Add the findings of one control entry (``us_code``: its US ECCN, or None)."""
        parts = split_eccn(us_code)
        if parts is None:
            out.findings.append(
                Finding(entry, us_code or "", "", "", "undecided", f"{entry}: {basis}")
            )
            return
        eccn, paragraph = parts
        record = self.ccl.entries.get(eccn)
        if record is None:
            out.findings.append(
                Finding(
                    entry,
                    eccn,
                    "",
                    "",
                    "undecided",
                    f"{entry}: ECCN {eccn} is not in the Commerce Control List data "
                    f"({self.ccl.version})",
                )
            )
            return
        if not record.reasons:
            out.findings.append(
                Finding(
                    entry,
                    eccn,
                    "",
                    "",
                    "undecided",
                    f"{entry}: the CCL data states no License Requirements for ECCN {eccn}",
                )
            )
            return
        if (
            paragraph is not None
            and record.paragraphs is not None
            and not any(p == paragraph or p.startswith(paragraph + ".") for p in record.paragraphs)
        ):
            out.findings.append(
                Finding(
                    entry,
                    eccn,
                    "",
                    "",
                    "undecided",
                    f"{entry}: {eccn}.{paragraph} is not a paragraph of ECCN {eccn} in the CCL data",
                )
            )
            return
        code = f"{eccn}.{paragraph}" if paragraph else eccn
        row = self.ear.chart.get(self.row_country(destination))
        for rule in self.ccl.footnote_rules:
            if rule.kind == "any_eccn" and row is not None and rule.footnote in row.footnotes:
                out.findings.append(
                    Finding(
                        entry,
                        code,
                        rule.see,
                        rule.see,
                        "required",
                        f"{rule.see}: a licence for items in any ECCN (Country Chart "
                        f"footnote {rule.footnote})",
                        rule.quote,
                    )
                )
        for rfc in record.reasons:
            scope, why_scope = covers(rfc.scope, paragraph)
            if scope == "no":
                continue
            need, why = self._requires(rfc.requires, rfc.reason, destination)
            label = rfc.requires.column or rfc.reason
            if need == "no":
                outcome: Literal["required", "not_required", "undecided"] = "not_required"
            elif need == "yes" and scope == "yes":
                outcome = "required"
            else:
                outcome = "undecided"
                if scope == "unknown":
                    why = f"{why}; {rfc.reason} {why_scope}"
            out.findings.append(Finding(entry, code, rfc.reason, label, outcome, why, rfc.quote))


def us_code_for(
    code: str, national_code: str | None, declared: bool, ccl: UsCcl
) -> tuple[str | None, str]:
    """The US ECCN (with paragraph) of a control entry, and on what basis it was taken.

    The knowledge base's US record wins. A declared code with no record is taken as the
    exporter's ECCN. A Wassenaar-numbered entry (third character ``0``) with no US record is
    taken to carry the same number in the CCL, whose numbering follows the Wassenaar list; other
    regimes' entries are numbered differently (EU 1C351.d.4 ricin is US 1C351.d.15), so no
    number is assumed for them."""
    if national_code:
        if split_eccn(national_code) is None:
            return None, (
                f"controlled by the US as {national_code}, outside the EAR's Commerce Control "
                "List; the US licence requirement is not modelled"
            )
        return national_code, "US ECCN from the knowledge base"
    parts = split_eccn(code)
    if parts is None and code.upper().startswith("ML"):
        return None, (
            "a Military List entry with no US ECCN known; munitions the US controls on the "
            "USML (22 CFR parts 120 through 130) are not modelled"
        )
    if parts is None:
        return None, "no US ECCN is known for this entry (not a Commerce Control List number)"
    if declared:
        return code, "the declared code taken as the US ECCN"
    if code[2] == "0" and parts[0] in ccl.entries:
        return code, "US ECCN assumed to carry the Wassenaar-based number of the entry"
    return None, "no US ECCN is known for this entry (the knowledge base has no US record)"

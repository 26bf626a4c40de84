"""Typed models of the policy data files in ``tradeguard/data/policy/``.

Every rule carries its legal basis, its source and its effective dates; ``verified`` says whether
the fact was checked against an official text (``False`` means secondary or from memory: the
reason that cites it says so). ``effective_to`` is exclusive: the first day the rule no longer holds.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Severity = Literal["prohibited", "licence_required", "review", "info"]

_COUNTRY = re.compile(r"^[A-Z]{2}$")
_HS = re.compile(r"^\d{2,10}$")


def _check_countries(values: list[str]) -> list[str]:
    for value in values:
        if not _COUNTRY.match(value):
            raise ValueError(f"not an ISO 3166-1 alpha-2 code: {value!r}")
    return values


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Quote(_Model):
    """The sentence of the legal text a record encodes, verbatim.

    ``in`` names the file under ``$TRADEGUARD_DATA_DIR/control/`` that holds it (a test checks
    the sentence is there); ``secondary`` cites the published source when no shared text does.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    text: str = Field(min_length=1)
    in_: str | None = Field(default=None, alias="in")
    secondary: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Quote:
        if (self.in_ is None) == (self.secondary is None):
            raise ValueError("a quote names exactly one of 'in' (a shared text) or 'secondary'")
        return self

    @property
    def cite(self) -> str:
        """Where the sentence is from, for a reason's evidence."""
        return self.in_ if self.in_ is not None else f"secondary: {self.secondary}"


class Dated(_Model):
    """A record in force from ``effective_from`` (inclusive) to ``effective_to`` (exclusive)."""

    effective_from: date
    effective_to: date | None = None

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


class GroupRecord(Dated):
    group: str
    countries: list[str]
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None
    #: Why no sentence is quoted (no verbatim text of the record's source is held).
    quote_missing: str | None = None
    note: str | None = None

    _countries = field_validator("countries")(_check_countries)


class BulkLicence(_Model):
    """A bulk (comprehensive) licence type and the destination groups it may serve; a
    ``condition`` the engine cannot check leaves a licence of this kind for review."""

    name: str
    groups: list[str]
    condition: str | None = None
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None


class LowValueExemption(_Model):
    """Japan's low-value exemption (Export Trade Control Order Art. 4(1)(v))."""

    rows: list[str]
    threshold_jpy: float
    reduced_threshold_jpy: float
    #: Rows with no goods under the reduced threshold (none in Appended Table 3-3 or row 15).
    full_threshold_rows: list[str]
    excluded_destinations: list[str]
    #: Destinations where every case of Art. 4(1)(iii) (イ to ニ) withholds the exemption.
    all_cases_destinations: list[str]
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None


class CwcNonParties(_Model):
    """CWC Schedule 2 to states not party: ``review`` while the national rule is not read."""

    outcome: Literal["review", "prohibited"]
    countries: list[str]
    as_of: date
    effective_from: date
    legal_basis: str
    source: str
    verified: bool
    note: str


class ListedGoods(_Model):
    rule: str
    legal_basis: str
    general_licence_groups: list[str] = Field(default_factory=list)
    note: str | None = None
    verified: bool
    quote: Quote | None = None
    bulk_licences: list[BulkLicence] = Field(default_factory=list)
    low_value_exemption: LowValueExemption | None = None
    cwc_schedule2_non_parties: CwcNonParties | None = None


class Licensing(_Model):
    listed_goods: ListedGoods


class CatchAllRule(_Model):
    legal_basis: str
    rule: str
    source: str
    verified: bool
    quote: Quote | None = None
    #: ``un_arms_embargo`` = the UN arms-embargo destinations; ``arms_embargo`` = those and the
    #: jurisdiction's own ``arms_embargoes``; ``None`` with no ``destinations`` = all.
    destinations_group: str | None = None
    destinations: list[str] = Field(default_factory=list)
    #: The list of items the rule is limited to (US 744.21: Supplement No. 2 to Part 744); a
    #: non-listed item is not known to be on it, so the rule gives a review, not a licence.
    items_listed_in: str | None = None

    def applies_to(self, country: str, arms_embargoed: set[str]) -> bool:
        if self.destinations:
            return country in self.destinations
        if self.destinations_group in ("un_arms_embargo", "arms_embargo"):
            return country in arms_embargoed
        return self.destinations_group is None


class CatchAllGoods(Dated):
    """Goods a catch-all covers, by HS prefix (Japan: Appended Table 1 row 16, 16(1), 16(2))."""

    row: str
    hs_prefixes: list[str]
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None


class CatchAllProvision(Dated):
    """One case in which goods of a catch-all row need a licence: a known (``objective``) or
    notified (``inform``) WMD or conventional-weapons use, to every destination outside the
    exempt groups or only to the ``destinations`` listed."""

    id: str
    goods: str
    use: Literal["wmd", "conventional"]
    trigger: Literal["objective", "inform"]
    #: Empty: every destination outside the exempt groups.
    destinations: list[str] = Field(default_factory=list)
    #: Exempt groups the provision reaches all the same (Japan: the informs for Appended Table 3,
    #: Art. 1(3)); a provision with ``groups`` applies to those groups only.
    groups: list[str] = Field(default_factory=list)
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None

    def covers(self, row: str) -> bool:
        """Whether the provision concerns goods of ``row`` (a provision on row ``16`` covers
        ``16(1)`` and ``16(2)``)."""
        return row == self.goods or row.startswith(self.goods + "(")


class CatchAll(_Model):
    exempt_groups: list[str] = Field(default_factory=list)
    wmd: CatchAllRule
    conventional: CatchAllRule
    #: Goods rows the catch-all covers; empty = all goods (EU, Korea).
    goods: list[CatchAllGoods] = Field(default_factory=list)
    #: Dated cases by goods row (Japan); empty = ``wmd`` and ``conventional`` alone decide.
    provisions: list[CatchAllProvision] = Field(default_factory=list)


class MeasureMatch(_Model):
    cas: list[str] = Field(default_factory=list)
    entry_prefixes: list[str] = Field(default_factory=list)


class Measure(Dated):
    """An item-specific measure on top of the group rules (e.g. JP → KR, 2019)."""

    id: str
    title: str
    destinations: list[str]
    match: MeasureMatch
    requirement: Literal["individual", "general"]
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None


class DestinationApproval(Dated):
    """Goods whose export to a destination needs the authority's approval on top of any licence
    (Japan: FEFTA Art. 48(3), Export Trade Control Order Art. 2(1)): ``listed`` when every
    list-controlled good is covered; ``other_goods`` words the goods designated by ordinance
    that the rules cannot tell (a non-listed good is left for review)."""

    id: str
    destinations: list[str]
    title: str
    listed: bool
    other_goods: str | None = None
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None
    note: str | None = None


class NationalEmbargo(Dated):
    id: str
    destinations: list[str]
    direction: Literal["export", "import", "both"]
    title: str
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None


class GroupEmbargo(Dated):
    """A US-style embargo keyed on country groups (E:1, E:2)."""

    id: str
    groups: list[str]
    rule: str
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None


class OwnArmsEmbargo(Dated):
    """An arms embargo decided by the exporting jurisdiction or a body it follows (EU Council
    decisions and common positions, OSCE decisions): ``targeted`` ones reach only some parties."""

    id: str
    countries: list[str]
    by: Literal["council", "osce"]
    scope: Literal["full", "targeted"]
    instrument: str
    source: str
    verified: bool
    quote: Quote | None = None

    _countries = field_validator("countries")(_check_countries)


class Jurisdiction(_Model):
    """One exporting jurisdiction's destination policy."""

    jurisdiction: str
    name: str
    version: str
    source: str
    members: list[str] = Field(default_factory=list)
    groups: list[GroupRecord] = Field(default_factory=list)
    default_group: str | None = None
    group_names: dict[str, str] = Field(default_factory=dict)  # as the law names each group
    licensing: Licensing
    measures: list[Measure] = Field(default_factory=list)
    catch_all: CatchAll | None = None
    national_embargoes: list[NationalEmbargo] = Field(default_factory=list)
    approvals: list[DestinationApproval] = Field(default_factory=list)
    embargoes: list[GroupEmbargo] = Field(default_factory=list)
    arms_embargoes: list[OwnArmsEmbargo] = Field(default_factory=list)
    #: the rule that makes items of this jurisdiction's origin need its licence when re-exported
    #: from elsewhere (the US: 15 C.F.R. 734.3(a)(2))
    reexport: FlagRule | None = None


class ChartRow(_Model):
    marks: list[str]
    footnotes: list[int] = Field(default_factory=list)


class UsEar(_Model):
    """Country Groups and Commerce Country Chart (15 CFR 740 Supp. 1, 738 Supp. 1)."""

    version: str
    source: dict[str, str]
    effective_from: date
    effective_to: date | None = None
    verified: bool
    verification: str
    labels: dict[str, str]
    columns: list[str]
    groups: dict[str, list[str]]
    chart: dict[str, ChartRow]
    embargoed: dict[str, str]
    territory_rows: dict[str, str]
    notes: dict[str, str]

    def groups_of(self, country: str) -> list[str]:
        return sorted(g for g, members in self.groups.items() if country in members)


class HsRule(Dated):
    """A UN DPRK sectoral measure keyed on HS prefixes."""

    id: str
    direction: Literal["to_dprk", "from_dprk"]
    hs_prefixes: list[str]
    title: str
    measure: Literal["ban", "cap", "luxury", "arms"]
    resolutions: list[str]
    legal_basis: str
    severity: Severity
    exceptions: str | None = None
    keywords: list[str] | None = None
    unit_value_over_usd: float | None = None
    source: str
    verified: bool
    quote: Quote | None = None
    verification: str

    @field_validator("hs_prefixes")
    @classmethod
    def _hs(cls, values: list[str]) -> list[str]:
        for value in values:
            if not _HS.match(value):
                raise ValueError(f"not an HS prefix (2–10 digits): {value!r}")
        return values


class DprkRule(Dated):
    id: str
    title: str
    legal_basis: str
    severity: Severity
    source: str
    verified: bool
    quote: Quote | None = None
    verification: str
    excluded_hs_prefixes: list[str] = Field(default_factory=list)


class Dprk(_Model):
    country: str
    wmd_items: DprkRule
    catch_all: DprkRule
    cargo_inspection: DprkRule
    hs_rules: list[HsRule]


class ArmsEmbargo(Dated):
    id: str
    country: str
    scope: str
    severity: Severity
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None


class UnMeasure(Dated):
    """A UN measure on one country other than the DPRK's HS rules: listed items of some regimes
    (``items``), arms (``arms``) or an asset freeze (``asset_freeze``), to or from the country."""

    id: str
    kind: Literal["items", "arms", "asset_freeze"]
    direction: Literal["to", "from", "both"]
    title: str
    severity: Severity
    resolutions: list[str]
    legal_basis: str
    source: str
    verified: bool
    #: For ``items``: the regimes whose lists the measure names (``NSG``, ``MTCR``).
    regimes: list[str] = Field(default_factory=list)
    quote: Quote | None = None


class UnCountry(_Model):
    country: str
    measures: list[UnMeasure]


class UnData(_Model):
    name: str
    version: str
    source: str
    adoption_dates: dict[str, date]
    dprk: Dprk
    arms_embargoes: list[ArmsEmbargo]
    iran: UnCountry | None = None


class KeywordRule(_Model):
    id: str
    title: str
    keywords: list[str]
    source: str
    verified: bool
    quote: Quote | None = None


class ListRule(_Model):
    id: str
    title: str
    lists: list[str]
    source: str
    verified: bool
    quote: Quote | None = None


class EndUse(_Model):
    wmd: KeywordRule
    military: KeywordRule


class EndUser(_Model):
    lists: ListRule


class CatchAllData(_Model):
    version: str
    end_use: EndUse
    end_user: EndUser


class FlagRule(_Model):
    id: str
    title: str
    severity: Severity
    legal_basis: str
    source: str
    verified: bool
    quote: Quote | None = None
    keywords: list[str] = Field(default_factory=list)
    chemical_chapters: list[str] = Field(default_factory=list)


class Hub(_Model):
    ports: list[str] = Field(default_factory=list)
    note: str


class HubRule(FlagRule):
    countries: dict[str, Hub]


class ScreeningThresholds(_Model):
    designated_at: float
    possible_at: float
    designated_lists: list[str]
    #: lists (and list programmes) whose parties are under a US denial order
    denied_lists: list[str] = Field(default_factory=list)
    denied_programs: list[str] = Field(default_factory=list)


class RedFlags(_Model):
    version: str
    transshipment_hubs: HubRule
    end_user_country: FlagRule
    description_mismatch: FlagRule
    no_licence: FlagRule
    no_address: FlagRule
    possible_hit: FlagRule
    denied_party: FlagRule
    forwarder_consignee: FlagRule
    screening: ScreeningThresholds

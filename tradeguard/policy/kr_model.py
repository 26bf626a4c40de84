"""Korea: the shape of ``kr_rules.yaml`` (what each destination region changes, licence types,
exemptions, the situational licence and its 별표2의2 tranches, transit, brokering, the DPRK route,
customs declaration fields) and of the Korean facts of one transaction (:class:`KrFacts`)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from tradeguard.errors import InputError
from tradeguard.policy.model import Quote

#: Compliance-programme grades (자율준수무역거래자, Notice Art. 76); ``none``: not a CP trader.
CP_GRADES = ("none", "A", "AA", "AAA")
CpGrade = Literal["none", "A", "AA", "AAA"]

Purpose = Literal[
    "official",
    "emergency_repair",
    "relief",
    "return_to_manufacturer",
    "repair_replacement",
    "exhibition",
    "internal_civil_use",
    "calibration_repair",
    "inspection",
    "own_employee",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Comprehensive(_Model):
    grades: list[Literal["A", "AA", "AAA"]]
    condition: str | None = None
    validity_years: int | None = None


class Region(_Model):
    """What a destination region (별표6) changes."""

    group: str
    documents_waived: list[int]
    documents_note: str | None = None
    technology_documents_waived: list[int]
    processing_days: int
    validity: str
    user_comprehensive: Comprehensive | None
    item_comprehensive: Comprehensive | None
    catch_all_trigger: Literal["knowledge", "knowledge_or_suspicion"]
    brokering_exempt: bool
    exemptions: Literal["all"] | list[str]
    legal_basis: str
    source: str
    verified: bool
    quote: Quote


class LicenceType(_Model):
    id: str
    name: str
    legal_basis: str
    validity: str
    requires: str | None = None


class Authority(_Model):
    licensing: str
    classification: str


class Exemption(_Model):
    id: str
    article: str
    title: str
    purpose: Purpose | None
    technology: bool
    max_value_usd: float | None = None
    buyer_year_cap_usd: float | None = None
    entry_prefixes: list[str] = Field(default_factory=list)
    #: Regimes whose items the exemption does not reach (MTCR: Category 1, taken as any MTCR
    #: item since the category is not known).
    excluded_regimes: list[str] = Field(default_factory=list)
    not_sensitive: bool = False


class Basis(_Model):
    quote: Quote


class EntityList(_Model):
    legal_basis: str
    title: str
    source: str
    screening_lists: list[str] = Field(default_factory=list)


class Inform(_Model):
    legal_basis: str
    source: str


class Situational(_Model):
    legal_basis: str
    source: str
    verified: bool
    quote: Quote
    red_flags: dict[int, str]
    red_flags_basis: Basis
    entity_list: EntityList
    inform: Inform
    exempt_purposes: list[Purpose]
    exempt_purposes_basis: str


class Tranche(_Model):
    effective_from: date
    items: int | None
    added: str
    by_hs: bool
    removes_medical: bool = False
    source: str
    verified: bool


class Annex22(_Model):
    countries: list[str]
    legal_basis: str
    quote: Quote
    tranches: list[Tranche]
    policy: str
    policy_source: str
    cutoff_rule: str
    cutoff_source: str

    def tranche_on(self, on: date) -> Tranche | None:
        """The latest tranche in force on ``on`` (``None`` before the first)."""
        found = [t for t in self.tranches if t.effective_from <= on]
        return found[-1] if found else None


class Rule(_Model):
    legal_basis: str
    source: str
    verified: bool
    quote: Quote
    documents: list[str] = Field(default_factory=list)
    self_classification_basis: Basis | None = None


class Denial(_Model):
    """A policy of denial for strategic items to some countries: an individual licence only,
    granted by exception after case-by-case review (Notice Art. 18(9), 별표24)."""

    countries: list[str]
    effective_from: date
    legal_basis: str
    exceptions: list[str]
    source: str
    verified: bool
    note: str | None = None


class Dprk(_Model):
    country: str
    legal_basis: str
    source: str
    verified: bool
    quote: Quote
    note: str


class CwcStates(_Model):
    """The states not party to the Chemical Weapons Convention, as a dated published record."""

    countries: list[str]
    signatories: list[str] = Field(default_factory=list)
    as_of: date
    source: str
    verified: bool
    quote: Quote


class CwcSchedule2(_Model):
    """Notice Art. 18(5): no licence for CWC Schedule 2 chemicals to states not party."""

    effective_from: date
    legal_basis: str
    source: str
    verified: bool
    quote: Quote
    non_parties: CwcStates


class Plurilateral(_Model):
    effective_from: date
    items: int
    categories: str
    korean_numbers: list[str] | None
    legal_basis: str
    source: str
    verified: bool
    quote: Quote


class Penalty(_Model):
    band: str
    text: str
    legal_basis: str
    quote: Quote


class OldNumber(_Model):
    old: str
    verified: bool


class Renumbering(_Model):
    effective_from: date
    old_numbers: dict[str, OldNumber]


class KrRules(_Model):
    """``kr_rules.yaml``."""

    version: str
    source: str
    act_renumbering: Renumbering
    regions: list[Region]
    documents: dict[str, str]
    technology_documents: dict[str, str]
    documents_source: str
    regime_documents: dict[str, str]
    licence_types: list[LicenceType]
    licence_types_source: str
    licence_types_basis: Basis
    authorities: dict[str, Authority]
    authorities_source: str
    exemption_report: str
    exemption_report_months: int
    exemptions: list[Exemption]
    exemptions_legal_basis: str
    exemptions_source: str
    exemptions_basis: Basis
    annex23_countries: list[str]
    annex23_source: str
    situational: Situational
    annex2_2: Annex22
    transit: Rule
    brokering: Rule
    technology: Rule
    dprk: Dprk
    denial: Denial | None = None
    cwc_schedule2: CwcSchedule2
    plurilateral: Plurilateral
    declaration_fields: dict[str, str]
    declaration_legal_basis: str
    declaration_source: str
    declaration_basis: Basis
    penalties: list[Penalty]

    def region(self, group: str | None) -> Region | None:
        return next((r for r in self.regions if r.group == group), None)

    def licence_type(self, id_: str) -> LicenceType:
        return next(t for t in self.licence_types if t.id == id_)

    def penalty(self, band: str) -> Penalty:
        return next(p for p in self.penalties if p.band == band)


class KrFacts(BaseModel):
    """What Korean law asks about one transaction beyond the goods and the parties (all optional:
    what is not given is not assumed; a rule that needs it says so)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cp_grade: CpGrade | None = Field(
        default=None,
        description="The exporter's compliance-programme grade (none, A, AA, AAA); when not "
        "given, the organisation's kr.cp_grade setting.",
    )
    mode: Literal["export", "transit", "brokering"] = Field(
        default="export",
        description="export; transit (transit or transshipment through a Korean port or airport); "
        "brokering (between third countries).",
    )
    broker_from: str | None = Field(
        default=None, description="For brokering: the exporting third country (ISO alpha-2)."
    )
    technology: bool = Field(default=False, description="The export is a transfer of technology.")
    deemed_export: bool = Field(
        default=False, description="Technology given to a foreign national or company inside Korea."
    )
    purpose: Purpose | None = Field(default=None, description="The purpose an exemption rests on.")
    buyer_year_usd: float | None = Field(
        default=None,
        ge=0,
        description="Exports of the item to the same buyer in the year before the declaration, in USD.",
    )
    prior_exports_to_buyer_2y: int | None = Field(default=None, ge=0)
    contract_years: float | None = Field(default=None, ge=0)
    exhibition: bool = False
    state_end_user: bool = False
    plant_project: bool = False
    wa_sensitive: bool | None = Field(
        default=None,
        description="Whether an entry is WA sensitive or very sensitive (None: not known).",
    )
    software: bool = False
    knows_wmd_use: bool = Field(
        default=False,
        description="The exporter knows of use for WMD, missiles or conventional arms.",
    )
    red_flags: list[Annotated[int, Field(ge=1, le=12)]] = Field(
        default_factory=list, description="Red flags of Act Art. 19-3 present (numbers 1-12)."
    )
    informed: bool = Field(
        default=False, description="The ministry notified that a licence is needed."
    )
    entity_listed: bool = Field(
        default=False,
        description="A party is on the Yestrade 상황허가 우려거래자 (catch-all entity) list.",
    )
    listed_violator: bool = Field(
        default=False, description="The exporter is a listed violator (Art. 94)."
    )
    contract_date: date | None = Field(default=None, description="Date the contract was signed.")
    korean_subsidiary: bool = Field(
        default=False, description="The buyer is an overseas subsidiary of a Korean company."
    )
    buyer_in_ga_company: bool = Field(
        default=False, description="The buyer is a company incorporated in a 가-region country."
    )
    medical_device: bool = False
    hq_country: str | None = Field(
        default=None, description="Country of the end user's headquarters (encryption exemption)."
    )


def check_cp_grade(value: object) -> str | None:
    """A ``kr.cp_grade`` setting: null or one of none, A, AA, AAA."""
    if value is None:
        return None
    if not isinstance(value, str) or value not in CP_GRADES:
        raise InputError(
            f"expected null or one of {', '.join(CP_GRADES)} (the exporter's CP grade), got {value!r}",
            field="value",
        )
    return value

"""The Decision: a verdict, the reasons that set it, and what was found about parties and items."""

from __future__ import annotations

import builtins
from typing import Any

from pydantic import BaseModel, Field

from tradeguard.policy.reasons import Reason, Verdict


class PartyMatch(BaseModel):
    """A party a shipment's party may be: its strongest entry (the one that sets the level) and
    every membership of the party."""

    entity_id: str
    list: str
    #: the publisher's own id of the strongest entry
    source_id: str | None = None
    caption: str
    matched_name: str
    score: float
    programs: builtins.list[str] = Field(default_factory=builtins.list)
    #: the legal consequence of being on the strongest entry's list
    consequence: str | None = None
    #: ``designated`` (blocking), ``denied`` (a US denial order), ``listed`` (end-user/entity
    #: list), ``possible`` (to review).
    level: str
    #: the party's entry whose name matched (``entity_id`` is the party's strongest entry)
    matched_entity_id: str | None = None
    party_id: str | None = None
    #: every entry of the party in the screening's shape (``screening.model.MEMBERSHIP_KEYS``:
    #: list, source id, programmes, legal consequence, list version ...) and its ``level``
    memberships: builtins.list[dict[str, Any]] = Field(default_factory=builtins.list)
    #: set when a person's name alone matched and the party's country is none of the listed
    #: person's (``countries``: the party's as given; ``listed``: the listed person's): the
    #: match is ``possible`` whatever its score, an identity to confirm
    unconfirmed: dict[str, builtins.list[str]] | None = None
    #: the party's name is the listed one but for its legal form (``LLC`` for
    #: ``Corporation``): the listed party whatever its score (``shipments.memberships.form_only``)
    form_only: bool = False


class PartyResult(BaseModel):
    role: str
    name: str
    country: str | None = None
    screened: bool = False
    matches: list[PartyMatch] = Field(default_factory=list)


class EntryInfo(BaseModel):
    code: str
    regimes: list[str] = Field(default_factory=list)
    title: str | None = None
    reasons_for_control: list[str] = Field(default_factory=list)
    confidence: float | None = None
    declared: bool = False
    status: str | None = None
    missing_parameters: list[str] = Field(default_factory=list)


class ItemResult(BaseModel):
    line: int
    description: str | None = None
    hs: str | None = None
    cas: str | None = None
    #: True: on a control list; False: not; None: undecided (parameters missing) or not classified.
    controlled: bool | None = None
    classified: bool = False
    entries: list[EntryInfo] = Field(default_factory=list)
    verdict: Verdict = Verdict.CLEAR


class Decision(BaseModel):
    """The answer to "may this shipment go?" — every verdict explained by its reasons."""

    shipment_id: str | None = None
    verdict: Verdict
    as_of: str
    exporting_jurisdiction: str | None = None
    destination: str
    reasons: list[Reason]
    parties: list[PartyResult] = Field(default_factory=list)
    items: list[ItemResult] = Field(default_factory=list)
    policy_version: str
    list_versions: list[dict[str, Any]] = Field(default_factory=list)
    knowledge_base_version: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

"""Response bodies of the decision routes: a screening, a classification, a list entry and an
exposure (a shipment decision is :class:`tradeguard.shipments.decision.Decision` itself).
As in :mod:`tradeguard.api.responses`, each describes the JSON of the core object's
``to_dict()``; the explanations' inner parts are objects of any keys."""

from __future__ import annotations

import builtins
from typing import Any

from pydantic import Field

from tradeguard.api.responses import Out


class QueryOut(Out):
    name: str
    schema_: str | None = Field(alias="schema")
    countries: list[str]
    birth_date: str | None
    identifiers: list[str]
    lists: list[str] | None


class Membership(Out):
    """One entry of the matched party: its list, programmes, legal consequence, list version
    and score."""

    entity_id: str
    list: str
    source_id: str
    programs: builtins.list[str]
    consequence: str = Field(
        description="What being on this list means (tradeguard/data/lists/consequences.yaml)."
    )


class MatchOut(Out):
    entity_id: str
    list: str
    source_id: str
    schema_: str = Field(alias="schema")
    caption: str
    matched_name: str
    score: float = Field(ge=0, le=1)
    programs: builtins.list[str]
    explanation: dict[str, Any] = Field(
        description="Why: the algorithm, the names compared token by token, the features."
    )
    party_id: str
    memberships: builtins.list[Membership]
    party_evidence: builtins.list[str] = Field(description="Why these entries are one party.")


class ScreeningOut(Out):
    query: QueryOut
    matches: list[MatchOut] = Field(description="Best first.")


class EntryOut(Out):
    code: str
    regimes: list[str]
    title: str | None
    reasons_for_control: list[str]
    confidence: float | None
    why: str
    missing_parameters: list[str]
    status: str
    national_code: str | None
    matched_by: list[str]


class ClassificationOut(Out):
    controlled: bool | None = Field(description="True, False, or None: undecided.")
    entries: list[EntryOut]
    missing_parameters: list[str] = Field(description="What would decide the undecided entries.")
    why: str
    read_as: list[str]
    jurisdiction: str
    knowledge_base_version: str


class HistoryOut(Out):
    first_seen_version: int
    first_seen_loaded_at: str
    last_changed_version: int
    versions: list[int]


class EntityReport(Out):
    entity: dict[str, Any] = Field(description="The entry as its list states it.")
    caption: str
    memberships: list[dict[str, Any]]
    history: HistoryOut


class GraphOut(Out):
    elements: dict[str, list[dict[str, Any]]] = Field(description="nodes and edges")


class CandidateOut(Out):
    """A party of the network a loose name may mean (``score``: name likeness, 0-100)."""

    id: str
    name: str
    schema_: str = Field(alias="schema")
    country: str | None
    lists: list[str]
    score: int
    exact: bool


class ExposureOut(Out):
    """The exposure of the party an id, an exact name or a name screening gives to one party
    clearly means (``resolved`` true; traced from all its lists' copies), or, for any other
    name, the query and the parties it may mean (``resolved`` false: ``node`` and ``exposed``
    null, no paths)."""

    query: str
    resolved: bool
    candidates: list[CandidateOut] = Field(description="Parties the name may mean, best first.")
    node: dict[str, Any] | None
    exposed: bool | None
    depth: int | None = None
    designated: bool | None = None
    summary: str | None = None
    paths: list[dict[str, Any]] = Field(
        default_factory=list, description="Paths to designated entities, hop by hop."
    )
    truncated: bool = False
    ofac_50: dict[str, Any] | None = Field(None, description="The OFAC 50 % rule's computation.")
    eu_ownership_or_control: dict[str, Any] | None = None
    graph: GraphOut | None = None
    versions_key: str | None = None

"""The answers of the decision use cases as typed bodies: a screening, a classification and an
exposure, as the REST API returns them and ``--json`` prints them (a shipment decision is
:class:`tradeguard.shipments.decision.Decision` itself).

Each body is built straight from the core's objects (:meth:`ScreeningOut.of`,
:meth:`ClassificationOut.of`, :meth:`ExposureOut.of`), with no JSON dictionary in between: a
body whose fields are the object's attributes of the same names reads them itself
(``from_attributes``: a query, a match, a candidate); the others name what they compute (a
rounded confidence, an exposure's summary). The explanations' inner parts (a match's
explanation, a membership's further keys, an exposure's paths and graph) stay objects of any
keys. A body keeps fields beyond those named (``additionalProperties``).
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

if TYPE_CHECKING:
    from tradeguard.items.classifier import Classification
    from tradeguard.items.entry_check import EntryResult
    from tradeguard.network.candidates import Candidate
    from tradeguard.network.exposure import Exposure
    from tradeguard.screening.model import Match, Query


class Out(BaseModel):
    """A response body (fields beyond those named are kept)."""

    model_config = ConfigDict(extra="allow")

    def data(self) -> dict[str, Any]:
        """The body as JSON data, as the REST API answers it, leaving out the fields the
        answer does not state (an exposure not resolved has no paths)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


# -- screening ---------------------------------------------------------------------------------


class QueryOut(Out):
    """A :class:`~tradeguard.screening.model.Query`, read from its attributes."""

    model_config = ConfigDict(from_attributes=True)

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
    """A :class:`~tradeguard.screening.model.Match`, read from its attributes: the score to four
    places, and the entry's own id as its party's when the match has no party."""

    model_config = ConfigDict(from_attributes=True)

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

    @field_validator("score", mode="before")
    @classmethod
    def _four_places(cls, score: Any) -> Any:
        return round(score, 4) if isinstance(score, float) else score

    @model_validator(mode="after")
    def _own_party(self) -> MatchOut:
        self.party_id = self.party_id or self.entity_id
        return self


class ListUsed(Out):
    """A list a screening was run against: its id, publication date and version."""

    list: str
    published_at: str | None
    version_id: int | None = None
    sha256: str | None = None


class ScreeningOut(Out):
    query: QueryOut
    matches: list[MatchOut] = Field(description="Best first.")
    lists: list[ListUsed] = Field(
        default_factory=list, description="The lists screened against, with their dates."
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="Lists a default install has that are not loaded (not screened against).",
    )

    @classmethod
    def of(
        cls,
        query: Query,
        matches: builtins.list[Match],
        lists: builtins.list[dict[str, Any]] | None = None,
        warnings: builtins.list[str] | None = None,
    ) -> ScreeningOut:
        return cls.model_validate(
            {"query": query, "matches": matches, "lists": lists or [], "warnings": warnings or []}
        )


# -- classification ----------------------------------------------------------------------------


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

    @classmethod
    def of(cls, entry: EntryResult) -> EntryOut:
        # Japan's numbering is stated only for the entries that have it (jurisdiction JP)
        extra: dict[str, Any] = {} if entry.jp is None else {"jp": entry.jp}
        return cls(
            code=entry.code,
            regimes=entry.regimes,
            title=entry.title,
            reasons_for_control=entry.reasons_for_control,
            confidence=round(entry.confidence, 3),
            why=entry.why,
            missing_parameters=entry.missing_parameters,
            status=entry.status,
            national_code=entry.national_code,
            matched_by=entry.matched_by,
            **extra,
        )


class ClassificationOut(Out):
    controlled: bool | None = Field(description="True, False, or None: undecided.")
    entries: list[EntryOut]
    missing_parameters: list[str] = Field(description="What would decide the undecided entries.")
    why: str
    read_as: list[str]
    unread: list[str] = Field(
        default_factory=list,
        description="Parts of the description in a script not read (no vocabulary term).",
    )
    jurisdiction: str
    knowledge_base_version: str

    @classmethod
    def of(cls, result: Classification) -> ClassificationOut:
        return cls(
            controlled=result.controlled,
            entries=[EntryOut.of(e) for e in result.entries],
            missing_parameters=result.missing_parameters,
            why=result.why,
            read_as=result.read_as,
            unread=result.unread,
            jurisdiction=result.jurisdiction,
            knowledge_base_version=result.knowledge_base_version,
        )


# -- exposure ----------------------------------------------------------------------------------


class GraphOut(Out):
    elements: dict[str, list[dict[str, Any]]] = Field(description="nodes and edges")


class CandidateOut(Out):
    """A party of the network a loose name may mean (``score``: name likeness, 0-100), read
    from a :class:`~tradeguard.network.candidates.Candidate`'s attributes."""

    model_config = ConfigDict(from_attributes=True)

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
    ofac_50: dict[str, Any] | None = Field(
        default=None, description="The OFAC 50 % rule's computation."
    )
    eu_ownership_or_control: dict[str, Any] | None = None
    graph: GraphOut | None = None
    versions_key: str | None = None

    @classmethod
    def of(
        cls, query: str, exposure: Exposure | None, candidates: builtins.list[Candidate]
    ) -> ExposureOut:
        """The exposure (``exposure`` given) or the query with ``exposed`` null, and the
        candidates in both."""
        offered = [CandidateOut.model_validate(c) for c in candidates]
        if exposure is None:
            return cls(query=query, node=None, exposed=None, resolved=False, candidates=offered)
        return cls(
            query=exposure.query,
            node=exposure.node,
            depth=exposure.depth,
            exposed=exposure.exposed,
            designated=exposure.designated,
            summary=exposure.summary(),
            paths=exposure.paths,
            truncated=exposure.truncated,
            ofac_50=exposure.ofac_50,
            eu_ownership_or_control=exposure.eu_ownership_or_control,
            graph=GraphOut(elements=exposure.elements),
            versions_key=exposure.versions_key,
            resolved=True,
            candidates=offered,
        )

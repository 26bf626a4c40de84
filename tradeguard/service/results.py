"""What the use cases return: the decision and the audit record (and cases) it became."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from tradeguard.items.classifier import Classification
    from tradeguard.network.candidates import Candidate
    from tradeguard.network.exposure import Exposure
    from tradeguard.screening.model import Match
    from tradeguard.shipments.decision import Decision

#: The face a use case was called from; it names the audit record's action (``screen.api``,
#: ``screen.web``, ``screen.cli`` ...), the record itself is the same from every face.
Face = Literal["api", "web", "cli"]


@dataclass(frozen=True, slots=True)
class CaseOpened:
    """What a screening hit became: a new case, or nothing because an approved false positive
    covers the same (counterparty, list entry) pair with unchanged data."""

    entity_id: str
    case_id: int | None
    suppressed: bool

    def to_dict(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "case_id": self.case_id, "suppressed": self.suppressed}


@dataclass(frozen=True, slots=True)
class Screening:
    """One screening: the query as screened, its matches (best first), the threshold that
    applied (None: the screener's own per-list thresholds) and its audit record."""

    query: dict[str, Any]
    matches: list[Match]
    threshold: float | None
    audit_seq: int
    cases: list[CaseOpened] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The API's and ``screen --json``'s shape."""
        return {"query": self.query, "matches": [m.to_dict() for m in self.matches]}

    @property
    def opened(self) -> list[int]:
        """The ids of the cases this screening opened."""
        return [c.case_id for c in self.cases if c.case_id is not None]


@dataclass(frozen=True, slots=True)
class Classified:
    """One classification and its audit record."""

    result: Classification
    audit_seq: int

    def to_dict(self) -> dict[str, Any]:
        return self.result.to_dict()


@dataclass(frozen=True, slots=True)
class Evaluated:
    """One shipment decision, its audit record and the case it opened (not CLEAR)."""

    decision: Decision
    audit_seq: int
    case_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return self.decision.to_dict()


@dataclass(frozen=True, slots=True)
class Traced:
    """A party's exposure, or the parties a loose name may mean when it names none exactly
    (``exposure`` None: the user chooses one of ``candidates`` by its id)."""

    query: str
    exposure: Exposure | None
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.exposure is not None

    def to_dict(self) -> dict[str, Any]:
        """The API's and ``exposure --json``'s shape: the exposure (``resolved`` true) or the
        query with ``exposed`` null (``resolved`` false), and the candidates in both."""
        out: dict[str, Any] = (
            self.exposure.to_dict()
            if self.exposure is not None
            else {"query": self.query, "node": None, "exposed": None}
        )
        out["resolved"] = self.exposure is not None
        out["candidates"] = [c.to_dict() for c in self.candidates]
        return out

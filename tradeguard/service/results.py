"""What the use cases return: the decision and the audit record (and cases) it became."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from tradeguard.cases.alerts import CaseOpened
from tradeguard.service.bodies import ClassificationOut, ExposureOut, ScreeningOut

if TYPE_CHECKING:
    from tradeguard.items.classifier import Classification
    from tradeguard.network.candidates import Candidate
    from tradeguard.network.exposure import Exposure
    from tradeguard.screening.model import Match, Query
    from tradeguard.shipments.decision import Decision

#: The face a use case was called from; it names the audit record's action (``screen.api``,
#: ``screen.web``, ``screen.cli`` ...), the record itself is the same from every face.
Face = Literal["api", "web", "cli"]


@dataclass(frozen=True, slots=True)
class Screening:
    """One screening: the query as screened, its matches (best first), the threshold that
    applied (None: the screener's own per-list thresholds) and its audit record."""

    query: Query
    matches: list[Match]
    threshold: float | None
    audit_seq: int
    cases: list[CaseOpened] = field(default_factory=list)
    #: the lists screened against (id, publication date, version), and warnings about lists a
    #: default install has that are not loaded (:mod:`tradeguard.service.coverage`)
    lists: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def body(self) -> ScreeningOut:
        """The API's and ``screen --json``'s answer."""
        return ScreeningOut.of(self.query, self.matches, self.lists, self.warnings)

    @property
    def opened(self) -> list[int]:
        """The ids of the cases this screening opened (not those it was linked to, still open
        from an earlier screening)."""
        return [c.case_id for c in self.cases if c.case_id is not None and not c.linked]


@dataclass(frozen=True, slots=True)
class Classified:
    """One classification and its audit record."""

    result: Classification
    audit_seq: int

    def body(self) -> ClassificationOut:
        """The API's and ``classify --json``'s answer."""
        return ClassificationOut.of(self.result)


@dataclass(frozen=True, slots=True)
class Evaluated:
    """One shipment decision, its audit record and the case it opened (not CLEAR)."""

    decision: Decision
    audit_seq: int
    case_id: int | None


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

    def body(self) -> ExposureOut:
        """The API's and ``exposure --json``'s answer: the exposure (``resolved`` true) or the
        query with ``exposed`` null (``resolved`` false), and the candidates in both."""
        return ExposureOut.of(self.query, self.exposure, self.candidates)

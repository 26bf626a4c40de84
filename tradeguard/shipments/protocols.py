"""What the shipment evaluator needs from its collaborators, as structural types: a
classifier and its results, a screener's matches, and the network exposure hook. Any object
with these attributes fits (the items package's classifier, the screener, test doubles)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Protocol

from tradeguard.policy import Reason
from tradeguard.shipments.decision import PartyMatch
from tradeguard.shipments.model import Party


class EntryLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def regimes(self) -> Sequence[str]: ...
    @property
    def title(self) -> str: ...
    @property
    def reasons_for_control(self) -> Sequence[str]: ...
    @property
    def confidence(self) -> float: ...
    @property
    def missing_parameters(self) -> Sequence[str]: ...
    @property
    def status(self) -> str: ...
    @property
    def national_code(self) -> str | None: ...


class ClassificationLike(Protocol):
    @property
    def controlled(self) -> bool | None: ...
    @property
    def entries(self) -> Sequence[EntryLike]: ...


class Classifier(Protocol):
    def __call__(
        self,
        description: str | None = None,
        *,
        cas: str | None = None,
        hs: str | None = None,
        params: Mapping[str, str | float] | None = None,
        jurisdiction: str = "EU",
    ) -> ClassificationLike: ...


class MatchLike(Protocol):
    @property
    def entity_id(self) -> str: ...
    @property
    def list(self) -> str: ...
    @property
    def caption(self) -> str: ...
    @property
    def matched_name(self) -> str: ...
    @property
    def score(self) -> float: ...
    @property
    def programs(self) -> Sequence[str]: ...


#: Hook for "party has exposure to designated entities" (ownership, joint ventures): called with
#: the role, the party, its screening matches and the date; returns extra reasons.
ExposureCheck = Callable[[str, Party, list[PartyMatch], date], list[Reason]]

"""Reasons: the unit of explanation. The most severe reason sets a decision's verdict."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from tradeguard.policy.model import Severity


class Verdict(StrEnum):
    PROHIBITED = "PROHIBITED"
    LICENCE_REQUIRED = "LICENCE_REQUIRED"
    REVIEW = "REVIEW"
    CLEAR = "CLEAR"


#: Severity rank, most severe first.
RANK: dict[str, int] = {"prohibited": 3, "licence_required": 2, "review": 1, "info": 0}
VERDICT_OF: dict[str, Verdict] = {
    "prohibited": Verdict.PROHIBITED,
    "licence_required": Verdict.LICENCE_REQUIRED,
    "review": Verdict.REVIEW,
    "info": Verdict.CLEAR,
}

_VERDICT_BY_RANK: dict[int, Verdict] = {rank: VERDICT_OF[s] for s, rank in RANK.items()}


class Reason(BaseModel):
    """Why a verdict was reached: a rule that fired, with its legal basis and evidence."""

    code: str
    severity: Severity
    message: str
    legal_basis: str
    evidence: dict[str, Any] = Field(default_factory=dict)
    rule_id: str | None = None
    #: False when the rule's fact was not checked against an official text.
    verified: bool = True
    item: int | None = None
    party: str | None = None
    #: The values the message was written from (names, codes, numbers, and as ``*_text`` the
    #: English sentences of the data files), so that a face can write the reason in another
    #: language from ``code`` (and ``params["form"]`` where a code has several sentences).
    params: dict[str, Any] = Field(default_factory=dict)


#: What a reason's English sentence ends with when the fact its rule rests on was not checked
#: against an official text (:attr:`Reason.verified` is then False too).
UNVERIFIED_NOTE = " [source not verified against the official text]"


def unverified_note(message: str) -> tuple[str, bool]:
    """A reason's sentence without its note that the source is not verified, and whether it
    had one: a report or page that marks unverified reasons itself says it once."""
    if message.endswith(UNVERIFIED_NOTE):
        return message[: -len(UNVERIFIED_NOTE)], True
    return message, False


def is_unverified(reason: Any) -> bool:
    """Whether a reason (a :class:`Reason` or its dict) rests on a fact not checked against an
    official text: not ``verified``, or its sentence says so."""
    get = reason.get if isinstance(reason, dict) else lambda k, d=None: getattr(reason, k, d)
    return get("verified", True) is False or unverified_note(str(get("message", "")))[1]


def holds(reason: Reason) -> bool:
    """Whether a reason holds the decision: an unresolved possible match on an asset-freeze or
    denial list (``params["hold"]``), an identity to confirm before any licence matters."""
    return bool(reason.params.get("hold"))


def verdict_of(reasons: list[Reason]) -> Verdict:
    """The verdict set by the most severe reason (``CLEAR`` when none is above ``info``); a
    reason that holds the decision (:func:`holds`) makes it REVIEW above LICENCE_REQUIRED,
    below PROHIBITED (docs/policy.md, "Verdict precedence")."""
    worst = max((RANK[r.severity] for r in reasons), default=0)
    if worst < RANK["prohibited"] and any(holds(r) for r in reasons):
        return Verdict.REVIEW
    return _VERDICT_BY_RANK[worst]


def sort_reasons(reasons: list[Reason], exporter_jurisdiction: str | None = None) -> list[Reason]:
    """By legal basis, the exporter's jurisdiction first, then the UN, then the others (as the
    case report orders them, ``lists.consequences.by_basis``); most severe first within each;
    stable otherwise. A reason that holds the decision (:func:`holds`) comes first when none
    prohibits: it is what sets the verdict."""
    from tradeguard.lists.consequences import basis_rank

    first = not any(r.severity == "prohibited" for r in reasons)
    return sorted(
        reasons,
        key=lambda r: (
            not (first and holds(r)),
            basis_rank(r.legal_basis, exporter_jurisdiction),
            -RANK[r.severity],
        ),
    )

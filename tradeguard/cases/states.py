"""The closed sets of a case: its kind, its status, the outcomes proposed for it and the
reviewer's decision. Each is a ``StrEnum``: its members are the strings stored in the case's
row and written in the JSON of the API and of ``--json``."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any


class CaseKind(StrEnum):
    SCREENING = "screening"  # a screening hit: is the listed party our party?
    SHIPMENT = "shipment"  # a shipment decision that is not CLEAR: does it go?


class Proposal(StrEnum):
    TRUE_MATCH = "true_match"  # screening: the listed party is our party
    FALSE_POSITIVE = "false_positive"  # screening: a namesake
    BLOCK = "block"  # shipment: it does not go
    RELEASE = "release"  # shipment: it goes as declared
    LICENCE_OBTAINED = "licence_obtained"  # shipment: it goes under a licence (its reference)
    ESCALATE = "escalate"


class Status(StrEnum):
    OPEN = "open"  # waiting for a proposal
    PROPOSED = "proposed"  # waiting for a second person's review
    ESCALATED = "escalated"  # escalation approved: waiting for a new proposal
    CLOSED = "closed"  # outcome approved


class Review(StrEnum):
    """A reviewer's decision on a proposal."""

    APPROVE = "approve"
    REJECT = "reject"


#: The outcomes a case of each kind may be given.
OUTCOMES: dict[str, tuple[Proposal, ...]] = {
    CaseKind.SCREENING: (Proposal.TRUE_MATCH, Proposal.FALSE_POSITIVE, Proposal.ESCALATE),
    CaseKind.SHIPMENT: (
        Proposal.BLOCK,
        Proposal.RELEASE,
        Proposal.LICENCE_OBTAINED,
        Proposal.ESCALATE,
    ),
}


#: The shipment outcomes a verdict leaves open. A PROHIBITED shipment (a UN goods ban, a
#: designated party, an embargo) cannot go, with or without a licence: it is blocked or
#: escalated, and a verdict that rests on a false match is undone at its source (the screening
#: case closed as a false positive, then the shipment evaluated again). A LICENCE_REQUIRED
#: shipment goes only under a licence, named by its reference. REVIEW leaves every outcome.
SHIPMENT_OUTCOMES: dict[str, tuple[Proposal, ...]] = {
    "PROHIBITED": (Proposal.BLOCK, Proposal.ESCALATE),
    "LICENCE_REQUIRED": (Proposal.BLOCK, Proposal.LICENCE_OBTAINED, Proposal.ESCALATE),
}


def allowed_outcomes(kind: str, verdict: str | None = None) -> tuple[Proposal, ...]:
    """The outcomes a case of ``kind`` may be given; for a shipment, those its ``verdict``
    leaves open (:data:`SHIPMENT_OUTCOMES`)."""
    outcomes = OUTCOMES.get(kind, tuple(Proposal))
    if kind == CaseKind.SHIPMENT and verdict:
        return SHIPMENT_OUTCOMES.get(verdict.upper(), outcomes)
    return outcomes


def shipment_verdict(detail: str) -> str | None:
    """The verdict of the decision a shipment case holds (its detail, canonical JSON): the
    newest evaluation of the shipment linked to the case. None when unreadable or absent."""
    try:
        verdict = json.loads(detail).get("decision", {}).get("verdict")
    except (ValueError, AttributeError):
        return None
    return str(verdict).upper() if verdict else None


def bounding_verdict(decision: Any) -> str | None:
    """The verdict that bounds a shipment's outcomes: its decision's, except that a REVIEW
    set by a hold (an unresolved possible match on an asset-freeze list, ranked above
    LICENCE_REQUIRED) over a reason needing a licence still needs the licence."""
    if not isinstance(decision, dict) or not decision.get("verdict"):
        return None
    verdict = str(decision["verdict"]).upper()
    reasons = [r for r in decision.get("reasons") or [] if isinstance(r, dict)]
    if verdict == "REVIEW" and any(r.get("severity") == "licence_required" for r in reasons):
        return "LICENCE_REQUIRED"
    return verdict


def outcome_refusal(kind: str, detail: str, proposal: str) -> str | None:
    """Why ``proposal`` is not an outcome of a case of ``kind`` holding ``detail`` (for a
    shipment, its newest verdict's outcomes, :func:`bounding_verdict`), or None when it is."""
    verdict = None
    if kind == CaseKind.SHIPMENT:
        try:
            verdict = bounding_verdict(json.loads(detail).get("decision"))
        except (ValueError, AttributeError):
            verdict = None
    allowed = allowed_outcomes(kind, verdict)
    if proposal in allowed:
        return None
    held = f"a {verdict} shipment" if verdict in SHIPMENT_OUTCOMES else f"a {kind} case"
    return f"{held}'s outcome is one of {', '.join(allowed)}, not {proposal}"

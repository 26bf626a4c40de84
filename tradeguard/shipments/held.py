"""A possible match on an asset-freeze or denial list that holds a shipment, in words, and the
same match once a four-eyes review dismissed it (docs/policy.md, "Verdict precedence").

The evaluator writes the held sentence (:func:`held_sentence`); whether a review dismissed the
match is in the cases, which the service reads and passes in (:func:`dismiss`): the evaluator
stays pure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tradeguard.lists.consequences import list_info
from tradeguard.policy.reasons import Reason, sort_reasons, verdict_of
from tradeguard.screening.features import shown
from tradeguard.shipments.decision import Decision


def held_sentence(name: str, entity_id: str, lists: list[str]) -> str:
    """What a held reason adds to its English sentence: which designations the party may be
    under, that the shipment is held until a four-eyes review confirms or dismisses the match,
    and how."""
    names = ", ".join(list_info(x).name("en") for x in lists)
    return (
        f"; if so, it is the designated party on {names}: the shipment is held, whatever "
        "licence it has, until the match is confirmed or dismissed by four-eyes review "
        f"(screen {name!r} with a case opened for each hit, propose true_match or "
        f"false_positive in the screening case of {entity_id}, and have a second person "
        "approve it)"
    )


@dataclass(frozen=True, slots=True)
class Dismissal:
    """A screening case closed as a false positive by the four-eyes review."""

    case_id: int
    reviewer: str
    reviewed_on: str  # ISO date


def held_entities(reason: Reason) -> list[str]:
    """The list entries of a held reason's party (its memberships, then the matched ones)."""
    evidence = reason.evidence
    ids = [str(x["entity_id"]) for x in evidence.get("memberships") or [] if x.get("entity_id")]
    ids += [str(evidence[k]) for k in ("entity_id", "matched_entity_id") if evidence.get(k)]
    ids += [str(reason.params["entity_id"])] if reason.params.get("entity_id") else []
    return list(dict.fromkeys(ids))


def _dismissed(reason: Reason, found: Dismissal) -> Reason:
    params = {k: v for k, v in reason.params.items() if k not in ("hold", "hold_lists", "form")}
    review = {"case": found.case_id, "reviewer": found.reviewer, "reviewed_on": found.reviewed_on}
    params |= {"form": "dismissed"} | review
    head = reason.message.split("; if so, it is the designated party on ", 1)[0]
    if params.get("caption"):
        head = (
            f"{params.get('role')} {params.get('name')!r} may be {params['caption']} "
            f"({params.get('entity_id')}) on {params.get('list')}, score "
            f"{shown(float(params.get('score') or 0)):.2f}"
        )
    message = (
        f"{head}: possible match dismissed by review (case {found.case_id}, reviewer "
        f"{found.reviewer}, {found.reviewed_on})"
    )
    evidence = {k: v for k, v in reason.evidence.items() if k not in ("hold", "hold_lists")}
    return reason.model_copy(
        update={
            "severity": "info",
            "message": message,
            "params": params,
            "evidence": evidence | {"dismissed": review},
        }
    )


def dismiss(decision: Decision, lookup: Callable[[str, list[str]], Dismissal | None]) -> Decision:
    """The decision with each held possible match that ``lookup(name, entity_ids)`` finds
    dismissed by an approved false positive written as dismissed (severity info, no hold),
    the reasons sorted and the verdict set again; the decision itself when none is."""
    changed = False
    reasons = []
    for reason in decision.reasons:
        if reason.params.get("hold"):
            found = lookup(str(reason.params.get("name") or ""), held_entities(reason))
            if found is not None:
                reason, changed = _dismissed(reason, found), True
        reasons.append(reason)
    if not changed:
        return decision
    reasons = sort_reasons(reasons, decision.exporting_jurisdiction)
    return decision.model_copy(update={"reasons": reasons, "verdict": verdict_of(reasons)})

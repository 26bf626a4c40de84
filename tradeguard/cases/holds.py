"""A shipment case held by a party hit: while its decision has a possible match on an
asset-freeze or denial list (a reason with ``params["hold"]``, tradeguard.shipments.parties)
that no approved false positive resolves, it cannot go (``release``) nor go under a licence
(``licence_obtained``): a licence does not allow dealing with a designated party. The hit is
resolved by a screening case of the same name and one of the party's list entries, closed as
a false positive by the four-eyes review (a proposal and a second person's approval)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from tradeguard.accounts.errors import ConflictError
from tradeguard.cases.dismissals import dismissal
from tradeguard.cases.states import CaseKind, Proposal

#: The shipment outcomes a held case cannot be given.
HELD_OUTCOMES = (Proposal.RELEASE, Proposal.LICENCE_OBTAINED)


def held_hits(detail: str) -> list[dict[str, Any]]:
    """The holding hits of a shipment case's decision (its detail, canonical JSON): each
    party's role, name and list entries."""
    try:
        decision = json.loads(detail).get("decision") or {}
    except (ValueError, AttributeError):
        return []
    out = []
    for reason in decision.get("reasons") or []:
        params = reason.get("params") or {}
        if not params.get("hold"):
            continue
        evidence = reason.get("evidence") or {}
        ids = [str(x["entity_id"]) for x in evidence.get("memberships") or []]
        ids += [str(evidence[k]) for k in ("entity_id", "matched_entity_id") if evidence.get(k)]
        out.append(
            {
                "role": params.get("role") or reason.get("party"),
                "name": str(params.get("name") or evidence.get("name") or ""),
                "entity_id": params.get("entity_id"),
                "entity_ids": list(dict.fromkeys(ids)),
            }
        )
    return out


def _resolved(session: Session, name: str, entity_ids: list[str]) -> bool:
    """Whether a screening case of ``name`` and one of ``entity_ids`` was closed as an
    approved false positive (:func:`tradeguard.cases.dismissals.dismissal`)."""
    return dismissal(session, name, entity_ids) is not None


def hold_refusal(session: Session, kind: str, detail: str, proposal: str) -> str | None:
    """Why a shipment case cannot be given ``proposal`` while a party hit is unresolved, or
    None."""
    if kind != CaseKind.SHIPMENT or proposal not in HELD_OUTCOMES:
        return None
    open_hits = [h for h in held_hits(detail) if not _resolved(session, h["name"], h["entity_ids"])]
    if not open_hits:
        return None
    named = "; ".join(f"{h['role']} {h['name']!r} may be {h['entity_id']}" for h in open_hits)
    return (
        f"the shipment is held by an unresolved possible match on an asset-freeze list "
        f"({named}): it cannot be given {proposal} until a screening case of the party is "
        "closed as a false positive by a second person's review (or it is blocked or "
        "escalated)"
    )


def refuse_held(
    session: Session, case_id: int, kind: str, detail: str, proposal: str, tail: str = ""
) -> None:
    """Raise :class:`ConflictError` (409) when :func:`hold_refusal` refuses ``proposal``."""
    held = hold_refusal(session, kind, detail, proposal)
    if held is not None:
        raise ConflictError(f"case {case_id}: {held}{tail}")

"""Decisions made through the API become audit records, and hits become cases.

A screening through the API is one audit record (query, threshold, the versions of the lists
and every hit). With ``open_cases``, each hit opens a case, unless an approved false positive
covers the same (counterparty, list entry) pair with unchanged data, or a case of that pair is
still open (not closed): the hit is then linked to it. A shipment decision that is not CLEAR
opens a case, unless a case of the same shipment id is still open: the decision is linked to
it. A link is a ``case.link`` audit record on the case (the decision's or screening's record,
its verdict or score), so the case's trail shows every evaluation; a new case opens only once
the earlier one is closed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard import audit
from tradeguard.accounts.users import Actor
from tradeguard.cases.monitor import Hit, _entity_digests
from tradeguard.cases.states import CaseKind, Status
from tradeguard.cases.suppression import is_suppressed
from tradeguard.cases.tables import CaseRow
from tradeguard.cases.workflow import open_case

if TYPE_CHECKING:
    from tradeguard.store import Store


def open_case_of(
    session: Session,
    kind: CaseKind,
    *,
    subject: str | None = None,
    counterparty_id: str | None = None,
    entity_id: str | None = None,
) -> int | None:
    """The id of the earliest case of ``kind`` that is not closed, for a shipment ``subject``
    or a (counterparty, list entry) pair, or None."""
    query = select(CaseRow.id).where(CaseRow.kind == str(kind), CaseRow.status != Status.CLOSED)
    if subject is not None:
        query = query.where(CaseRow.subject == subject)
    if counterparty_id is not None:
        query = query.where(
            CaseRow.counterparty_id == counterparty_id, CaseRow.entity_id == entity_id
        )
    found: int | None = session.execute(query.order_by(CaseRow.id).limit(1)).scalar()
    return found


def _link(session: Session, actor: Actor, case_id: int, payload: dict[str, Any]) -> None:
    """Record that a screening or decision came upon the open case ``case_id`` again."""
    audit.append(session, actor.name, "case.link", f"case:{case_id}", payload)


@dataclass(frozen=True, slots=True)
class CaseOpened:
    """What a screening hit became: a new case, the open case of the same (counterparty, list
    entry) pair (``linked``), or nothing because an approved false positive covers the pair
    with unchanged data."""

    entity_id: str
    case_id: int | None
    suppressed: bool
    linked: bool = False


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """A screening's audit record (its sequence number) and what each hit became (with
    ``open_cases`` only)."""

    audit_seq: int
    cases: list[CaseOpened]


def query_digest(query: dict[str, Any]) -> str:
    return hashlib.sha256(audit.canonical_json(query).encode("utf-8")).hexdigest()


def record_screening(
    store: Store,
    actor: Actor,
    query: dict[str, Any],
    hits: Sequence[Hit],
    *,
    threshold: float | None,
    versions: str,
    open_cases: bool = False,
    counterparty_id: str | None = None,
    counterparty_digest: str | None = None,
    action: str = "screen.api",
) -> ScreeningRecord:
    """Audit one screening and open the cases it calls for."""
    cases: list[dict[str, Any]] = []
    payload = {
        "query": query,
        "threshold": threshold,
        "versions": versions,
        "hits": [
            {
                "entity_id": h.entity_id,
                "score": round(float(h.score), 4),
                # the party's entries (one hit, one case per party)
                "party": [m["entity_id"] for m in getattr(h, "memberships", None) or []],
            }
            for h in hits
        ],
        "cases": cases,
    }
    subject = f"counterparty:{counterparty_id}" if counterparty_id else "screening"
    if not open_cases:  # the common case, kept lean: one short write (one statement on PostgreSQL)
        record = audit.record(store, actor.name, action, subject, payload)
        return ScreeningRecord(record.seq, [])
    digests = _entity_digests(store, [h.entity_id for h in hits])
    cp_id = counterparty_id or f"query:{query_digest(query)[:16]}"
    cp_digest = counterparty_digest or query_digest(query)
    linked: list[tuple[int, Hit]] = []
    with store.write_turn(), store.session() as session, session.begin():
        for hit in hits:
            digest = digests.get(hit.entity_id)
            if digest is None:
                continue
            if is_suppressed(session, cp_id, hit.entity_id, digest, cp_digest):
                cases.append({"entity_id": hit.entity_id, "case_id": None, "suppressed": True})
                continue
            case_id = open_case_of(
                session, CaseKind.SCREENING, counterparty_id=cp_id, entity_id=hit.entity_id
            )
            if case_id is not None:  # still open: linked (below), not opened twice
                linked.append((case_id, hit))
                cases.append(
                    {
                        "entity_id": hit.entity_id,
                        "case_id": case_id,
                        "suppressed": False,
                        "linked": True,
                    }
                )
                continue
            case_id = open_case(
                session,
                actor,
                kind=CaseKind.SCREENING,
                subject=str(query.get("name", "")),
                detail={"query": query, "match": hit.to_dict()},
                counterparty_id=cp_id,
                entity_id=hit.entity_id,
                entity_digest=digest,
                counterparty_digest=cp_digest,
                score=round(float(hit.score), 4),
            )
            cases.append({"entity_id": hit.entity_id, "case_id": case_id, "suppressed": False})
        record = audit.append(session, actor.name, action, subject, payload)
        for case_id, hit in linked:
            _link(
                session,
                actor,
                case_id,
                {
                    "by": action,
                    "seq": record.seq,
                    "entity_id": hit.entity_id,
                    "score": round(float(hit.score), 4),
                },
            )
    return ScreeningRecord(
        record.seq,
        [
            CaseOpened(c["entity_id"], c["case_id"], c["suppressed"], c.get("linked", False))
            for c in cases
        ],
    )


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    """A decision's audit record (its sequence number) and the case it opened, if any."""

    audit_seq: int
    case_id: int | None


def record_decision(
    store: Store,
    actor: Actor,
    action: str,
    subject: str,
    request: dict[str, Any],
    decision: dict[str, Any],
    *,
    open_if_not_clear: bool = False,
) -> DecisionRecord:
    """Audit a classification or shipment decision; a non-CLEAR shipment opens a case."""
    verdict = str(decision.get("verdict", "")).upper()
    if not (open_if_not_clear and verdict and verdict != "CLEAR"):  # no case: one short write
        payload = {"request": request, "decision": decision, "case_id": None}
        record = audit.record(store, actor.name, action, subject, payload)
        return DecisionRecord(record.seq, None)
    with store.write_turn(), store.session() as session, session.begin():
        # one open case per shipment id: a second evaluation is linked to it
        known = None
        if subject.startswith("shipment:"):
            known = open_case_of(session, CaseKind.SHIPMENT, subject=subject[:1000])
        case_id = known or open_case(
            session,
            actor,
            kind=CaseKind.SHIPMENT,
            subject=subject,
            detail={"request": request, "decision": decision},
        )
        record = audit.append(
            session,
            actor.name,
            action,
            subject,
            {"request": request, "decision": decision, "case_id": case_id},
        )
        if known is not None:
            _link(session, actor, known, {"by": action, "seq": record.seq, "verdict": verdict})
    return DecisionRecord(record.seq, case_id)

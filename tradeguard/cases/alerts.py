"""Decisions made through the API become audit records, and hits become cases.

A screening through the API is one audit record (query, threshold, the versions of the lists
and every hit). With ``open_cases``, each hit opens a case, unless an approved false positive
covers the same (counterparty, list entry) pair with unchanged data. A shipment decision that
is not CLEAR always opens a case.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tradeguard import audit
from tradeguard.accounts.users import Actor
from tradeguard.cases.monitor import Hit, _entity_digests
from tradeguard.cases.states import CaseKind
from tradeguard.cases.suppression import is_suppressed
from tradeguard.cases.workflow import open_case

if TYPE_CHECKING:
    from tradeguard.store import Store


@dataclass(frozen=True, slots=True)
class CaseOpened:
    """What a screening hit became: a new case, or nothing because an approved false positive
    covers the same (counterparty, list entry) pair with unchanged data."""

    entity_id: str
    case_id: int | None
    suppressed: bool


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
    with store.write_turn(), store.session() as session, session.begin():
        for hit in hits:
            digest = digests.get(hit.entity_id)
            if digest is None:
                continue
            if is_suppressed(session, cp_id, hit.entity_id, digest, cp_digest):
                cases.append({"entity_id": hit.entity_id, "case_id": None, "suppressed": True})
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
    return ScreeningRecord(
        record.seq, [CaseOpened(c["entity_id"], c["case_id"], c["suppressed"]) for c in cases]
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
        case_id = open_case(
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
    return DecisionRecord(record.seq, case_id)

"""Decisions made through the API become audit records, and hits become cases.

A screening through the API is one audit record (query, threshold, the versions of the lists
and every hit). With ``open_cases``, each hit opens a case, unless an approved false positive
covers the same (counterparty, list entry) pair with unchanged data, or a case of that pair is
still open (not closed): the hit is then linked to it. A shipment decision that is not CLEAR
opens a case, unless a case of the same shipment id is still open: the decision is linked to
it (a CLEAR one too). A link is a ``case.link`` audit record on the case (the decision's or
screening's record, its verdict or score), so the case's trail shows every evaluation; a
decision other than the one the case holds becomes the case's (the record holds it and the
verdict it replaced). A new case opens only once the earlier one is closed.

The database holds one open case per shipment id (a unique index, migration 0008): of two
evaluations racing, the second one's case is refused and it is linked to the first one's. On
PostgreSQL, screenings of one pair take turns on an advisory lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradeguard import audit
from tradeguard.accounts.users import Actor
from tradeguard.cases.monitor import Hit, _entity_digests
from tradeguard.cases.states import CaseKind, Status, shipment_verdict
from tradeguard.cases.suppression import is_suppressed
from tradeguard.cases.tables import OPEN_SHIPMENT_INDEX, CaseRow
from tradeguard.cases.workflow import open_case
from tradeguard.errors import StoreError

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


#: The first key of the PostgreSQL advisory locks on (counterparty, list entry) pairs.
PAIR_LOCK = 7_311_002


def _hold_pairs(session: Session, counterparty_id: str, entity_ids: Sequence[str]) -> None:
    """On PostgreSQL, lock each (counterparty, list entry) pair until the transaction ends, in
    one order, so two screenings of one pair at once look up its open case one after the
    other and the second is linked to the first's case (SQLite's writers take turns anyway).
    Pairs are not held by an index: monitoring opens a case for a changed hit while the pair's
    earlier case is open."""
    if session.get_bind().dialect.name != "postgresql":
        return
    keys = {
        int.from_bytes(
            hashlib.sha256(f"{counterparty_id}\x00{e}".encode()).digest()[:4], "big", signed=True
        )
        for e in entity_ids
    }
    for key in sorted(keys):
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, :key)"), {"space": PAIR_LOCK, "key": key}
        )


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
        _hold_pairs(session, cp_id, [h.entity_id for h in hits if h.entity_id in digests])
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
    """A decision's audit record (its sequence number) and the case it opened or was linked
    to, if any."""

    audit_seq: int
    case_id: int | None


#: How many times a decision is written when concurrent evaluations of its shipment change
#: its open case between the look-up and the write (each retry reads the winner's case).
ATTEMPTS = 5


class _Moved(Exception):
    """The open case of a shipment was closed between the look-up and the write."""


def _lost_to_a_concurrent_case(exc: IntegrityError) -> bool:
    """Whether the database refused a second open case of a shipment id (the unique index on
    the subject of open shipment cases; SQLite names the column, PostgreSQL the index)."""
    message = str(exc.orig)
    return OPEN_SHIPMENT_INDEX in message or "cases.subject" in message


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
    """Audit a classification or shipment decision. A shipment decision that is not CLEAR
    opens a case, or is linked to the open case of its shipment id; a CLEAR one is linked to
    such a case if there is one. A link that brings another verdict (or other reasons) updates
    the case's decision (:func:`_take_decision`)."""
    verdict = str(decision.get("verdict", "")).upper()
    shipment = open_if_not_clear and subject.startswith("shipment:")
    if not (open_if_not_clear and verdict) or (
        verdict == "CLEAR" and not (shipment and _has_open_case(store, subject))
    ):  # no case: one short write
        payload = {"request": request, "decision": decision, "case_id": None}
        record = audit.record(store, actor.name, action, subject, payload)
        return DecisionRecord(record.seq, None)
    detail = {"request": request, "decision": decision}
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _decide(store, actor, action, subject, detail, verdict, shipment=shipment)
        except IntegrityError as exc:
            # a concurrent evaluation of the same shipment id opened its case first: the
            # next attempt finds that case and is linked to it
            if attempt == ATTEMPTS or not _lost_to_a_concurrent_case(exc):
                raise
        except _Moved:
            if attempt == ATTEMPTS:
                raise StoreError(
                    f"the open case of {subject} kept changing while the decision was written"
                ) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _has_open_case(store: Store, subject: str) -> bool:
    """Whether the shipment ``subject`` has a case that is not closed: one read of the index
    of open shipment cases (on PostgreSQL outside a transaction: no BEGIN or ROLLBACK)."""
    query = select(CaseRow.id).where(
        CaseRow.kind == str(CaseKind.SHIPMENT),
        CaseRow.status != str(Status.CLOSED),
        CaseRow.subject == subject[:1000],
    )
    with store.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
        return conn.execute(query.limit(1)).first() is not None


def _decide(
    store: Store,
    actor: Actor,
    action: str,
    subject: str,
    detail: dict[str, Any],
    verdict: str,
    *,
    shipment: bool,
) -> DecisionRecord:
    """One attempt at writing a shipment decision and its case, in one transaction."""
    with store.write_turn(), store.session() as session, session.begin():
        # one open case per shipment id (held by the database): a second evaluation is linked
        known = (
            open_case_of(session, CaseKind.SHIPMENT, subject=subject[:1000]) if shipment else None
        )
        case_id = known
        if known is None and verdict != "CLEAR":
            case_id = open_case(
                session, actor, kind=CaseKind.SHIPMENT, subject=subject, detail=detail
            )
        # the case's row before the chain's head, as every change of a case takes them
        taken = _take_decision(session, known, verdict, detail) if known is not None else None
        record = audit.append(session, actor.name, action, subject, {**detail, "case_id": case_id})
        if known is not None and taken is not None:
            link, withdrawn = taken
            _link(session, actor, known, {"by": action, "seq": record.seq, **link})
            if withdrawn is not None:
                audit.append(
                    session,
                    actor.name,
                    "case.withdraw",
                    f"case:{known}",
                    {**withdrawn, "by": action, "seq": record.seq},
                )
    return DecisionRecord(record.seq, case_id)


def _take_decision(
    session: Session, case_id: int, verdict: str, detail: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """What the ``case.link`` record of a shipment decision linked to the open case of its
    shipment says besides ``by`` and ``seq``, and what its ``case.withdraw`` record says when
    it withdraws a proposal (else None). A decision other than the case's (another verdict,
    other reasons) becomes the case's: the case shows the newest decision and its outcomes
    follow the newest verdict; the link record then holds the decision, the verdict it
    replaced and the case's new version, so the earlier decisions stay in the case's trail and
    the audit replay gives the stored case. A proposal waiting for review when the verdict
    changes was made on other facts: it is withdrawn in the same write (the case is open
    again, its proposal, comment and licence reference gone), so nobody approves it; the
    withdrawal record names the proposal, its proposer and both verdicts."""
    row = session.get(CaseRow, case_id)
    if row is None or row.status == Status.CLOSED:
        raise _Moved
    newest = audit.canonical_json(detail)
    if row.detail == newest:
        return {"verdict": verdict}, None
    previous = shipment_verdict(row.detail)
    withdraw = row.status == Status.PROPOSED and row.proposal is not None and previous != verdict
    values: dict[str, Any] = {"detail": newest, "version": row.version + (2 if withdraw else 1)}
    if withdraw:
        values.update(
            status=str(Status.OPEN), proposal=None, proposal_comment=None, licence_ref=None
        )
    result = session.execute(
        update(CaseRow)
        .where(
            CaseRow.id == case_id,
            CaseRow.version == row.version,
            CaseRow.status != str(Status.CLOSED),
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise _Moved  # closed, or changed by someone (a proposal made), meanwhile: read it again
    link = {
        "verdict": verdict,
        "previous_verdict": previous,
        "detail": detail,
        "version": row.version + 1,
    }
    if not withdraw:
        return link, None
    return link, {
        "reason": "verdict_changed",
        "proposal": row.proposal,
        "proposed_by": row.proposed_by,
        "comment": row.proposal_comment,
        "licence_ref": row.licence_ref,
        "previous_verdict": previous,
        "verdict": verdict,
        "version": row.version + 2,
    }

"""Cases and four-eyes review.

A screening hit or a non-CLEAR shipment decision opens a case. Someone proposes an outcome
(true match, false positive, escalate) with a comment; a *different person* with the reviewer
role approves or rejects the proposal: not the proposer, and not an account the proposer
created, or that created the proposer's, directly or through further accounts (each user
records who created it), so nobody approves their own proposal through a second account. Each change is one conditional UPDATE on the case's
``version`` (and state), so of two people acting on one case at once exactly one wins and the
other gets a :class:`ConflictError`. An approved false positive is remembered for its
(counterparty, list entry) pair together with the digests both had, and suppresses the same
alert until either digest changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tradeguard import audit
from tradeguard.accounts.errors import ConflictError, ForbiddenError
from tradeguard.accounts.tables import UserRow
from tradeguard.accounts.users import Actor
from tradeguard.cases.four_eyes import four_eyes_refusal
from tradeguard.cases.holds import refuse_held
from tradeguard.cases.states import (
    OUTCOMES,
    CaseKind,
    Proposal,
    Review,
    Status,
    allowed_outcomes,
    bounding_verdict,
    outcome_refusal,
)
from tradeguard.cases.suppression import remember_false_positive
from tradeguard.cases.tables import CaseRow, SuppressionRow
from tradeguard.cases.withdrawal import refusal as withdrawn_refusal
from tradeguard.cases.withdrawal import withdrawals
from tradeguard.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from tradeguard.store import Store

MAX_COMMENT = 4000
_E = TypeVar("_E", bound=StrEnum)
#: the closed sets, defined in :mod:`tradeguard.cases.states`, named here too
__all__ = ["OUTCOMES", "Case", "CaseKind", "Proposal", "Review", "Status"]


MAX_LICENCE_REF = 200


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    kind: CaseKind
    status: Status
    subject: str
    counterparty_id: str | None
    entity_id: str | None
    entity_digest: str | None
    counterparty_digest: str | None
    score: float | None
    detail: dict[str, Any]
    proposal: Proposal | None
    proposal_comment: str | None
    proposed_by: str | None
    proposed_at: str | None
    outcome: Proposal | None
    review_decision: Review | None
    review_comment: str | None
    reviewed_by: str | None
    reviewed_at: str | None
    version: int
    created_by: str
    created_at: str
    assigned_to: str | None = None
    licence_ref: str | None = None
    #: the proposal withdrawn because a newer evaluation changed the verdict, while no new
    #: proposal is made (the ``case.withdraw`` record: :mod:`tradeguard.cases.withdrawal`)
    withdrawn: dict[str, Any] | None = None

    def outcomes(self) -> tuple[Proposal, ...]:
        """The outcomes this case may be given (a shipment's, those its verdict leaves open)."""
        decision = self.detail.get("decision") if isinstance(self.detail, dict) else None
        return allowed_outcomes(self.kind, bounding_verdict(decision))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "subject": self.subject,
            "counterparty_id": self.counterparty_id,
            "entity_id": self.entity_id,
            "entity_digest": self.entity_digest,
            "counterparty_digest": self.counterparty_digest,
            "score": self.score,
            "detail": self.detail,
            "proposal": self.proposal,
            "proposal_comment": self.proposal_comment,
            "proposed_by": self.proposed_by,
            "proposed_at": self.proposed_at,
            "outcome": self.outcome,
            "review_decision": self.review_decision,
            "review_comment": self.review_comment,
            "reviewed_by": self.reviewed_by,
            "reviewed_at": self.reviewed_at,
            "version": self.version,
            "created_by": self.created_by,
            "created_at": self.created_at,
            "assigned_to": self.assigned_to,
            "licence_ref": self.licence_ref,
            "withdrawn": self.withdrawn,
        }


def _maybe(kind: type[_E], value: str | None) -> _E | None:
    return None if value is None else kind(value)


def _case(row: CaseRow, withdrawn: dict[str, Any] | None = None) -> Case:
    return Case(
        id=row.id,
        kind=CaseKind(row.kind),
        status=Status(row.status),
        subject=row.subject,
        counterparty_id=row.counterparty_id,
        entity_id=row.entity_id,
        entity_digest=row.entity_digest,
        counterparty_digest=row.counterparty_digest,
        score=row.score,
        detail=json.loads(row.detail),
        proposal=_maybe(Proposal, row.proposal),
        proposal_comment=row.proposal_comment,
        proposed_by=row.proposed_by,
        proposed_at=_iso(row.proposed_at),
        outcome=_maybe(Proposal, row.outcome),
        review_decision=_maybe(Review, row.review_decision),
        review_comment=row.review_comment,
        reviewed_by=row.reviewed_by,
        reviewed_at=_iso(row.reviewed_at),
        version=row.version,
        assigned_to=row.assigned_to,
        licence_ref=row.licence_ref,
        created_by=row.created_by,
        created_at=_iso(row.created_at) or "",
        withdrawn=withdrawn,
    )


def open_case(
    session: Session,
    actor: Actor,
    *,
    kind: str,
    subject: str,
    detail: dict[str, Any],
    counterparty_id: str | None = None,
    entity_id: str | None = None,
    entity_digest: str | None = None,
    counterparty_digest: str | None = None,
    score: float | None = None,
) -> int:
    """Open a case inside the caller's transaction and audit it; returns the case id."""
    if kind not in tuple(CaseKind):
        raise InputError(f"unknown case kind {kind!r}", field="kind")
    row = CaseRow(
        kind=kind,
        status=str(Status.OPEN),
        subject=subject[:1000],
        counterparty_id=counterparty_id,
        entity_id=entity_id,
        entity_digest=entity_digest,
        counterparty_digest=counterparty_digest,
        score=score,
        detail=audit.canonical_json(detail),
        version=1,
        created_by=actor.name,
        created_at=datetime.now(UTC),
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor.name,
        "case.open",
        f"case:{row.id}",
        {
            "kind": kind,
            "subject": row.subject,
            "counterparty_id": counterparty_id,
            "entity_id": entity_id,
            "entity_digest": entity_digest,
            "counterparty_digest": counterparty_digest,
            "score": score,
            "detail": detail,
        },
    )
    return row.id


def get_case(store: Store, case_id: int) -> Case:
    with store.session() as session:
        row = session.get(CaseRow, case_id)
        if row is None:
            raise NotFoundError(f"no case {case_id}")
        return _case(row, withdrawals(session, [case_id]).get(case_id))


def list_cases(
    store: Store,
    status: str | None = None,
    counterparty_id: str | None = None,
    limit: int = 100,
    offset: int = 0,
    *,
    kind: str | None = None,
    assigned_to: str | None = None,
) -> list[Case]:
    """Cases by status, counterparty, kind (screening, shipment) and assignee (``""``: cases
    assigned to nobody)."""
    query = select(CaseRow)
    if kind is not None:
        if kind not in OUTCOMES:
            raise InputError(f"unknown case kind {kind!r}; expected screening or shipment")
        query = query.where(CaseRow.kind == kind)
    if assigned_to is not None:
        query = query.where(
            CaseRow.assigned_to.is_(None)
            if assigned_to == ""
            else CaseRow.assigned_to == assigned_to
        )
    if status is not None:
        if status not in {str(s) for s in Status}:
            raise InputError(
                f"unknown status {status!r}; expected {', '.join(Status)}", field="status"
            )
        query = query.where(CaseRow.status == status)
    if counterparty_id is not None:
        query = query.where(CaseRow.counterparty_id == counterparty_id)
    with store.session() as session:
        rows = list(
            session.execute(query.order_by(CaseRow.id).limit(limit).offset(offset)).scalars()
        )
        withdrawn = withdrawals(session, [r.id for r in rows])
        return [_case(r, withdrawn.get(r.id)) for r in rows]


def count_cases(store: Store) -> dict[str, int]:
    with store.session() as session:
        rows = session.execute(select(CaseRow.status, func.count()).group_by(CaseRow.status))
        return {status: int(n) for status, n in rows}


def may_review(store: Store, reviewer: str, proposer: str | None) -> bool:
    """Whether four-eyes lets ``reviewer`` review a proposal of ``proposer`` (roles aside)."""
    with store.session() as session:
        return four_eyes_refusal(session, reviewer, proposer) is None


def _comment(comment: str | None, required: bool) -> str:
    text = (comment or "").strip()
    if required and not text:
        raise InputError("a comment is required", field="comment")
    if len(text) > MAX_COMMENT:
        raise InputError(f"a comment has at most {MAX_COMMENT} characters", field="comment")
    return text


def _conflict(session: Session, case_id: int, what: str) -> ConflictError:
    row = session.get(CaseRow, case_id)
    if row is None:
        return ConflictError(f"no case {case_id}")
    return ConflictError(
        f"case {case_id} cannot be {what}: it is {row.status} at version {row.version} "
        "(someone else acted on it first, or it is not in a state for this)"
    )


def propose(
    store: Store,
    actor: Actor,
    case_id: int,
    proposal: str,
    comment: str,
    expected_version: int | None = None,
    licence_ref: str | None = None,
) -> Case:
    """Propose an outcome for an open (or escalated) case: one of the outcomes of its kind
    (:data:`OUTCOMES`); ``licence_obtained`` names the licence (``licence_ref``)."""
    actor.require("propose")
    try:
        choice = Proposal(proposal)
    except ValueError:
        raise InputError(
            f"unknown proposal {proposal!r}; expected {', '.join(Proposal)}", field="proposal"
        ) from None
    text = _comment(comment, required=True)
    reference = (licence_ref or "").strip() or None
    if choice == Proposal.LICENCE_OBTAINED and reference is None:
        raise InputError("give the reference of the licence obtained", field="licence_ref")
    if reference is not None and choice != Proposal.LICENCE_OBTAINED:
        raise InputError("a licence reference goes with licence_obtained only", field="licence_ref")
    if reference is not None and len(reference) > MAX_LICENCE_REF:
        raise InputError(
            f"licence reference over {MAX_LICENCE_REF} characters", field="licence_ref"
        )
    with store.session() as session, session.begin():
        row = session.get(CaseRow, case_id)
        if row is None:
            raise NotFoundError(f"no case {case_id}")
        refusal = outcome_refusal(row.kind, row.detail, choice)
        if refusal is not None:
            raise InputError(refusal, field="proposal")
        refuse_held(session, case_id, row.kind, row.detail, choice)
        version = row.version if expected_version is None else expected_version
        result = session.execute(
            update(CaseRow)
            .where(
                CaseRow.id == case_id,
                CaseRow.version == version,
                CaseRow.status.in_([str(Status.OPEN), str(Status.ESCALATED)]),
            )
            .values(
                status=str(Status.PROPOSED),
                proposal=str(choice),
                proposal_comment=text,
                licence_ref=reference,
                proposed_by=actor.name,
                proposed_at=datetime.now(UTC),
                version=CaseRow.version + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise _conflict(session, case_id, "proposed")
        audit.append(
            session,
            actor.name,
            "case.propose",
            f"case:{case_id}",
            {
                "proposal": str(choice),
                "comment": text,
                "licence_ref": reference,
                "version": version + 1,
            },
        )
    return get_case(store, case_id)


def review(
    store: Store,
    actor: Actor,
    case_id: int,
    decision: str,
    comment: str | None = None,
    expected_version: int | None = None,
) -> Case:
    """Approve or reject the proposal of a case: a reviewer who did not make the proposal, whose
    account the proposer did not create and who did not create the proposer's (both followed
    up the chain of creators: :func:`four_eyes_refusal`)."""
    actor.require("review")
    if decision not in tuple(Review):
        raise InputError(
            f"unknown decision {decision!r}; expected approve or reject", field="decision"
        )
    text = _comment(comment, required=decision == "reject")
    now = datetime.now(UTC)
    with store.session() as session, session.begin():
        row = session.get(CaseRow, case_id)
        if row is None:
            raise NotFoundError(f"no case {case_id}")
        if row.status != Status.PROPOSED or row.proposal is None:
            why = withdrawn_refusal(withdrawals(session, [case_id]).get(case_id))
            raise ConflictError(
                f"case {case_id} has no proposal to review (it is {row.status}){why}"
            )
        refusal = four_eyes_refusal(session, actor.name, row.proposed_by)
        if refusal is not None:
            raise ForbiddenError(refusal)
        version = row.version if expected_version is None else expected_version
        proposal = row.proposal
        # a newer evaluation linked to the case may have changed its verdict since the proposal
        late = decision == "approve" and outcome_refusal(row.kind, row.detail, proposal)
        if late:
            raise ConflictError(f"case {case_id} was evaluated again: {late}; reject the proposal")
        if decision == "approve":
            refuse_held(session, case_id, row.kind, row.detail, proposal, "; reject the proposal")
        if decision == "approve":
            status = Status.ESCALATED if proposal == Proposal.ESCALATE else Status.CLOSED
            values: dict[str, Any] = {"status": str(status), "outcome": proposal}
        else:
            values = {
                "status": str(Status.OPEN),
                "proposal": None,
                "proposal_comment": None,
                "licence_ref": None,
            }
        result = session.execute(
            update(CaseRow)
            .where(
                CaseRow.id == case_id,
                CaseRow.version == version,
                CaseRow.status == str(Status.PROPOSED),
                CaseRow.proposed_by != actor.name,  # four-eyes, again, in the write itself
            )
            .values(
                review_decision=decision,
                review_comment=text,
                reviewed_by=actor.name,
                reviewed_at=now,
                version=CaseRow.version + 1,
                **values,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            raise _conflict(session, case_id, "reviewed")
        remembered = decision == "approve" and remember_false_positive(
            session, row, proposal, actor.name, now
        )
        audit.append(
            session,
            actor.name,
            "case.review",
            f"case:{case_id}",
            {
                "decision": decision,
                "proposal": proposal,
                "proposed_by": row.proposed_by,
                "comment": text,
                "version": version + 1,
                "false_positive_remembered": remembered,
            },
        )
    return get_case(store, case_id)


def assign(store: Store, actor: Actor, case_id: int, assignee: str | None) -> Case:
    """Assign a case to a person (an active user who may propose), or unassign it (``None``);
    recorded in the audit log."""

    actor.require("propose")
    name = (assignee or "").strip() or None
    with store.session() as session, session.begin():
        row = session.get(CaseRow, case_id)
        if row is None:
            raise NotFoundError(f"no case {case_id}")
        if name is not None:
            user = session.execute(select(UserRow).where(UserRow.username == name)).scalar()
            if user is None or not user.active:
                raise InputError(f"no active user {name!r}", field="assignee")
        previous = row.assigned_to
        session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(assigned_to=name, version=CaseRow.version + 1)
            .execution_options(synchronize_session=False)
        )
        audit.append(
            session,
            actor.name,
            "case.assign",
            f"case:{case_id}",
            {"assigned_to": name, "previous": previous, "version": row.version + 1},
        )
    return get_case(store, case_id)


def suppressions(store: Store) -> list[dict[str, Any]]:
    with store.session() as session:
        rows = session.execute(select(SuppressionRow).order_by(SuppressionRow.created_at))
        return [
            {
                "counterparty_id": r.counterparty_id,
                "entity_id": r.entity_id,
                "entity_digest": r.entity_digest,
                "counterparty_digest": r.counterparty_digest,
                "case_id": r.case_id,
                "approved_by": r.approved_by,
                "created_at": _iso(r.created_at),
            }
            for r in rows.scalars()
        ]

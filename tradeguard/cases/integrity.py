"""Do the stored cases say what their audit records say?

Every change to a case is one audit record written in the change's transaction (``case.open``,
``case.propose``, ``case.review``, ``case.assign``, ``case.merge``, ``case.withdraw``; a
``case.link`` changes the case's decision when it holds one, a newer evaluation's, and nothing
otherwise). Replaying them in order gives each case's state: its status, proposal, outcome,
proposer, reviewer, review decision and comments, licence reference, assignee, version and what
it was opened for. A ``user.rename`` record (:mod:`tradeguard.accounts.renames`) gives every
case that names the account as its creator, proposer, reviewer or assignee the new name, as
the rename did in the store. A case row that differs from its replayed state was changed outside
tradeguard (an UPDATE in the database: a PROHIBITED shipment "closed" as released with nobody's
review), and so was a case without any record, or records of a case that is gone.
:func:`verify` checks this in the same single pass over the log that checks the hash chain.

A case changed while the check runs is not reported: its row is compared with its state at the
head read together with the cases, and with every state recorded after it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tradeguard.accounts.integrity import UserReplay
from tradeguard.accounts.renames import RENAME
from tradeguard.audit.chain import Problem, Replays, Verification, canonical_json
from tradeguard.audit.chain import verify as verify_chain
from tradeguard.audit.replayed import RowReplay, State
from tradeguard.audit.tables import AuditHeadRow, AuditRecordRow
from tradeguard.cases.states import Proposal, Status
from tradeguard.cases.tables import CaseRow

if TYPE_CHECKING:
    from tradeguard.store import Store

#: The fields of a case row its records determine, in the order a problem names them.
FIELDS = (
    "status",
    "outcome",
    "proposal",
    "proposed_by",
    "proposal_comment",
    "licence_ref",
    "review_decision",
    "reviewed_by",
    "review_comment",
    "assigned_to",
    "version",
    "kind",
    "subject",
    "counterparty_id",
    "entity_id",
    "entity_digest",
    "counterparty_digest",
    "score",
    "detail",
    "created_by",
)


#: The fields of a case that name an account, and follow it when it is renamed.
ACCOUNTS = ("created_by", "proposed_by", "reviewed_by", "assigned_to")


def _opened(actor: str, payload: dict[str, Any]) -> State:
    state: State = dict.fromkeys(FIELDS)
    state.update(
        status=str(Status.OPEN),
        version=1,
        kind=payload.get("kind"),
        subject=payload.get("subject"),
        counterparty_id=payload.get("counterparty_id"),
        entity_id=payload.get("entity_id"),
        entity_digest=payload.get("entity_digest"),
        counterparty_digest=payload.get("counterparty_digest"),
        score=payload.get("score"),
        detail=canonical_json(payload.get("detail")),
        created_by=actor,
    )
    return state


def _next(state: State, action: str, actor: str, payload: dict[str, Any]) -> State:
    """The state after one record of the case (``case.open`` excepted)."""
    after = dict(state)
    after["version"] = payload.get("version", state["version"] + 1)
    if action == "case.propose":
        after.update(
            status=str(Status.PROPOSED),
            proposal=payload.get("proposal"),
            proposal_comment=payload.get("comment"),
            licence_ref=payload.get("licence_ref"),
            proposed_by=actor,
        )
    elif action == "case.review":
        after.update(
            review_decision=payload.get("decision"),
            review_comment=payload.get("comment"),
            reviewed_by=actor,
        )
        proposal = payload.get("proposal")
        if payload.get("decision") == "approve":
            escalated = proposal == Proposal.ESCALATE
            after.update(
                status=str(Status.ESCALATED if escalated else Status.CLOSED), outcome=proposal
            )
        else:
            after.update(
                status=str(Status.OPEN), proposal=None, proposal_comment=None, licence_ref=None
            )
    elif action == "case.assign":
        after["assigned_to"] = payload.get("assigned_to")
    elif action == "case.withdraw":  # a proposal made under a verdict a newer one replaced
        after.update(
            status=str(Status.OPEN), proposal=None, proposal_comment=None, licence_ref=None
        )
    elif action == "case.merge":  # a second open case of a shipment id, merged (migration 0008)
        after["status"] = str(Status.CLOSED)
    elif action == "case.link" and "detail" in payload:  # a newer, different decision
        after["detail"] = canonical_json(payload.get("detail"))
    else:  # a link that brings the same decision, and any record that changes nothing
        after["version"] = state["version"]
    return after


def _stored(row: CaseRow) -> State:
    return {name: getattr(row, name) for name in FIELDS}


def _show(value: Any) -> str:
    text = "none" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class CaseReplay(RowReplay[int]):
    """Replays the case records of the log (:class:`tradeguard.audit.chain.Replay`) and
    compares each case's replayed state with its row."""

    noun = "case"
    fields = FIELDS
    change = "transition"
    unrecorded = "no audit record"

    def show(self, value: Any) -> str:
        return _show(value)

    def start(self, store: Store) -> None:
        with store.session() as session, session.begin():
            head = session.get(AuditHeadRow, 1)
            self.head = head.seq if head else 0
            rows = session.execute(select(CaseRow).execution_options(yield_per=2000))
            self.rows = {row.id: _stored(row) for row in rows.scalars()}

    def see(self, row: AuditRecordRow) -> None:
        if row.action == RENAME and row.subject.startswith("user:"):
            self._renamed(row)
            return
        if not row.action.startswith("case.") or not row.subject.startswith("case:"):
            return
        try:
            case_id = int(row.subject.removeprefix("case:"))
            payload = json.loads(row.payload)
        except ValueError:
            self.broken.append(Problem(row.seq, f"{row.subject}: the record cannot be read"))
            return
        before = self.current(case_id)
        if row.action == "case.open":
            after = _opened(row.actor, payload)
        elif before is None:
            self.broken.append(Problem(row.seq, f"case {case_id}: {row.action} before case.open"))
            return
        else:
            after = _next(before, row.action, row.actor, payload)
        self.put(row.seq, case_id, after, row.action)

    def _renamed(self, row: AuditRecordRow) -> None:
        """Every case naming the renamed account takes its new name (the user replay reports
        a record it cannot read)."""
        try:
            payload = json.loads(row.payload)
        except ValueError:
            return
        old, new = row.subject.removeprefix("user:"), payload.get("after")
        if not isinstance(new, str) or not new or new == old:
            return
        for key in self.keys():
            state = self.current(key)
            if state is not None and any(state[f] == old for f in ACCOUNTS):
                renamed = {f: new if f in ACCOUNTS and v == old else v for f, v in state.items()}
                self.put(row.seq, key, renamed, RENAME)


def verify(store: Store, expect_head: str | None = None) -> Verification:
    """The hash chain (:func:`tradeguard.audit.verify`) and, in the same pass over the log,
    every case whose stored state differs from its audited transitions and every user whose
    role, active flag or creator differs from its audited changes
    (:mod:`tradeguard.accounts.integrity`)."""
    replay = Replays(CaseReplay(), UserReplay())
    return verify_chain(store, expect_head=expect_head, replay=replay)

"""Proposals withdrawn because a newer evaluation changed the case's verdict.

A shipment case waiting for review (``proposed``) whose verdict a linked evaluation changes
(:func:`tradeguard.cases.alerts.record_decision`) is open again: the proposal was made on other
facts, so it is withdrawn in the same transaction by a ``case.withdraw`` record that names it,
its proposer, its comment and licence reference, both verdicts and the evaluation's record
(``seq``). This module reads those records back: the withdrawal still in force on a case (no
proposal made since), which the case's page, the API and the command line show so that the
proposer learns why the proposal is gone and a reviewer why there is nothing to approve."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.audit.tables import AuditRecordRow

#: The action of a withdrawal record, and of the record that ends its force (a new proposal).
WITHDRAW = "case.withdraw"
PROPOSE = "case.propose"


def withdrawals(session: Session, case_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The withdrawal in force on each of ``case_ids`` that has one: the ``case.withdraw``
    record's payload with its ``at`` and ``actor`` (the user whose evaluation changed the
    verdict), when no proposal was made on the case since."""
    subjects = {f"case:{i}": i for i in case_ids}
    if not subjects:
        return {}
    rows = session.execute(
        select(
            AuditRecordRow.subject,
            AuditRecordRow.action,
            AuditRecordRow.at,
            AuditRecordRow.actor,
            AuditRecordRow.payload,
        )
        .where(
            AuditRecordRow.action.in_((WITHDRAW, PROPOSE)),
            AuditRecordRow.subject.in_(list(subjects)),
        )
        .order_by(AuditRecordRow.seq)
    )
    found: dict[int, dict[str, Any]] = {}
    for subject, action, at, actor, payload in rows:
        case_id = subjects[subject]
        if action == PROPOSE:
            found.pop(case_id, None)
            continue
        try:
            said = json.loads(payload)
        except ValueError:
            continue
        found[case_id] = {**said, "at": at, "actor": actor}
    return found


def refusal(withdrawn: dict[str, Any] | None) -> str:
    """Why a case has no proposal to review, when its proposal was withdrawn ('' otherwise)."""
    if not withdrawn:
        return ""
    return (
        f": the proposal {withdrawn.get('proposal')} by {withdrawn.get('proposed_by')} was "
        f"withdrawn when a newer evaluation changed the verdict from "
        f"{withdrawn.get('previous_verdict')} to {withdrawn.get('verdict')}; a new proposal is "
        "to be made on the new facts"
    )

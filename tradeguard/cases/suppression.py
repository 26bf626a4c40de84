"""Remembered false positives: an approved false positive suppresses the same alert (the
counterparty and list entry pair) until the data on either side changes (its digest)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from tradeguard.cases.tables import CaseRow, SuppressionRow


def remember_false_positive(
    session: Session, row: CaseRow, proposal: str, approved_by: str, now: datetime
) -> bool:
    """Remember an approved false-positive proposal of a screening case with both digests;
    False when the case is not one (another outcome, or no counterparty and entry)."""
    if not (
        proposal == "false_positive"
        and row.counterparty_id
        and row.entity_id
        and row.entity_digest
        and row.counterparty_digest
    ):
        return False
    session.execute(
        delete(SuppressionRow).where(
            SuppressionRow.counterparty_id == row.counterparty_id,
            SuppressionRow.entity_id == row.entity_id,
        )
    )
    session.execute(
        insert(SuppressionRow).values(
            counterparty_id=row.counterparty_id,
            entity_id=row.entity_id,
            entity_digest=row.entity_digest,
            counterparty_digest=row.counterparty_digest,
            case_id=row.id,
            approved_by=approved_by,
            created_at=now,
        )
    )
    return True


def is_suppressed(
    session: Session, counterparty_id: str, entity_id: str, entity_digest: str, cp_digest: str
) -> bool:
    """True when an approved false positive covers this pair with unchanged data on both sides."""
    row = session.get(SuppressionRow, (counterparty_id, entity_id))
    return (
        row is not None
        and row.entity_digest == entity_digest
        and row.counterparty_digest == cp_digest
    )

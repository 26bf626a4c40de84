"""The four-eyes review that dismissed a party's possible match: a screening case of the
party's name and one of its list entries, closed as a false positive on a second person's
approval. A shipment held by the match (tradeguard.cases.holds) may then go, and evaluating it
again says the match was dismissed, by which case, reviewer and date
(tradeguard.shipments.held.dismiss)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tradeguard.cases.states import CaseKind, Proposal, Status
from tradeguard.cases.tables import CaseRow


def dismissal(session: Session, name: str, entity_ids: list[str]) -> tuple[int, str, str] | None:
    """The newest screening case of ``name`` (its subject, case and spaces at the ends aside)
    and one of ``entity_ids`` closed as an approved false positive: its id, reviewer and the
    date of the review (ISO); or None."""
    if not name.strip() or not entity_ids:
        return None
    row = session.execute(
        select(CaseRow.id, CaseRow.reviewed_by, CaseRow.reviewed_at)
        .where(
            CaseRow.kind == str(CaseKind.SCREENING),
            CaseRow.status == str(Status.CLOSED),
            CaseRow.outcome == str(Proposal.FALSE_POSITIVE),
            CaseRow.entity_id.in_(entity_ids),
            func.lower(func.trim(CaseRow.subject)) == name.strip().lower(),
        )
        .order_by(CaseRow.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    when = row.reviewed_at.date().isoformat() if row.reviewed_at is not None else ""
    return int(row.id), str(row.reviewed_by or ""), when

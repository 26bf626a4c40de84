"""The four-eyes review that dismissed a party's possible match: a screening case of the
party's name and one of its list entries, closed as a false positive on a second person's
approval. A shipment held by the match (tradeguard.cases.holds) may then go, and evaluating it
again says the match was dismissed, by which case, reviewer and date
(tradeguard.shipments.held.dismiss).

A name is the case's subject with white space at the ends and letter case aside (in Python, so
that SQLite, whose ``lower()`` folds ASCII only, and PostgreSQL find the same case for
``ООО ТЕХНО`` and ``ООО Техно``). One shipment looks its parties up in the store
(:func:`dismissal`); a file of declarations reads the dismissals once (:class:`Dismissals`)
and looks them up in memory, in every worker, with the same answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from tradeguard.cases.states import CaseKind, Proposal, Status
from tradeguard.cases.tables import CaseRow

#: A dismissal: the case's id, its reviewer and the date of the review (ISO).
Found = tuple[int, str, str]


def name_key(name: str) -> str:
    """A party's name as dismissals compare it."""
    return name.strip().lower()


def _closed_false_positives() -> Select[int, str, str | None, str | None, datetime | None]:
    return select(
        CaseRow.id, CaseRow.subject, CaseRow.entity_id, CaseRow.reviewed_by, CaseRow.reviewed_at
    ).where(
        CaseRow.kind == str(CaseKind.SCREENING),
        CaseRow.status == str(Status.CLOSED),
        CaseRow.outcome == str(Proposal.FALSE_POSITIVE),
    )


def _found(case_id: int, reviewer: str | None, reviewed_at: datetime | None) -> Found:
    when = reviewed_at.date().isoformat() if reviewed_at is not None else ""
    return int(case_id), str(reviewer or ""), when


def dismissal(session: Session, name: str, entity_ids: list[str]) -> Found | None:
    """The newest screening case of ``name`` (:func:`name_key`) and one of ``entity_ids``
    closed as an approved false positive: its id, reviewer and the date of the review (ISO);
    or None."""
    key = name_key(name)
    if not key or not entity_ids:
        return None
    rows = session.execute(
        _closed_false_positives()
        .where(CaseRow.entity_id.in_(entity_ids))
        .order_by(CaseRow.id.desc())
    )
    for case_id, subject, _, reviewer, reviewed_at in rows:
        if name_key(subject) == key:
            return _found(case_id, reviewer, reviewed_at)
    return None


@dataclass(frozen=True, slots=True)
class Dismissals:
    """Every dismissal in the store when it was read, by name and list entry: what
    :func:`dismissal` answers, without the store (it pickles: batch workers get it whole)."""

    by_entry: dict[tuple[str, str], Found] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session) -> Dismissals:
        found: dict[tuple[str, str], Found] = {}
        for case_id, subject, entity_id, reviewer, reviewed_at in session.execute(
            _closed_false_positives().order_by(CaseRow.id)
        ):
            if entity_id and name_key(subject):  # newer cases replace older ones
                found[(name_key(subject), entity_id)] = _found(case_id, reviewer, reviewed_at)
        return cls(found)

    def find(self, name: str, entity_ids: list[str]) -> Found | None:
        """As :func:`dismissal`."""
        key = name_key(name)
        hits = [self.by_entry[(key, e)] for e in entity_ids if (key, e) in self.by_entry]
        return max(hits, default=None)

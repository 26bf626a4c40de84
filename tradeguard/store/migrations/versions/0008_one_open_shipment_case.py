"""cases: one open case per shipment id, held by the database (a partial unique index)

Revision ID: 0008_one_open_shipment_case
Revises: 0007_user_names_by_case
Create Date: 2026-12-06

A unique index on the subject ("shipment:<id>") of the shipment cases that are not closed, so two
evaluations of one shipment id at the same moment cannot both open a case.

A store made before evaluations were linked to the open case of their shipment may hold several
open (or proposed, or escalated) cases of one shipment id. The oldest of them stays open: it is
the one every later evaluation was already linked to. Each other one is merged into it: closed,
with no outcome, by a ``case.merge`` record ``{into, version}`` on it, and a ``case.link``
record ``{by: "case.merge", case_id, verdict}`` on the case kept, so both trails say so. Nothing
is deleted or rewritten: a merged case keeps its decision, proposal, review and trail. Then every
open shipment case whose stored decision is not the newest evaluation linked to it (or to a case
merged into it) takes that evaluation's decision by a ``case.link`` record holding it, as a link
made now would. The records are written by ``system:migration`` in the migration's transaction.
"""

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

from tradeguard import audit

revision = "0008_one_open_shipment_case"
down_revision = "0007_user_names_by_case"
branch_labels = None
depends_on = None

INDEX = "ux_cases_open_shipment"
#: the open shipment cases of a shipment id (as tradeguard.cases.tables.OPEN_SHIPMENT)
OPEN_SHIPMENT = "kind = 'shipment' AND status <> 'closed' AND subject <> 'shipment'"
ACTOR = "system:migration"

cases = sa.table(
    "cases",
    sa.column("id", sa.Integer()),
    sa.column("subject", sa.Text()),
    sa.column("status", sa.String()),
    sa.column("detail", sa.Text()),
    sa.column("version", sa.Integer()),
)
records = sa.table(
    "audit_records",
    sa.column("seq", sa.Integer()),
    sa.column("action", sa.String()),
    sa.column("subject", sa.String()),
    sa.column("payload", sa.Text()),
)


def _verdict(detail: str) -> str | None:
    try:
        verdict = json.loads(detail).get("decision", {}).get("verdict")
    except (ValueError, AttributeError):
        return None
    return str(verdict).upper() if verdict else None


def open_groups(conn: sa.Connection) -> dict[str, list[Any]]:
    """The open shipment cases of each shipment id, oldest first."""
    rows = conn.execute(
        sa.select(cases.c.id, cases.c.subject, cases.c.detail, cases.c.version)
        .where(sa.text(OPEN_SHIPMENT))
        .order_by(cases.c.subject, cases.c.id)
    )
    groups: dict[str, list[Any]] = {}
    for row in rows:
        groups.setdefault(row.subject, []).append(row)
    return groups


def _merge(conn: sa.Connection, kept: Any, other: Any) -> None:
    conn.execute(
        sa.update(cases)
        .where(cases.c.id == other.id)
        .values(status="closed", version=other.version + 1)
    )
    audit.append(
        conn, ACTOR, "case.merge", f"case:{other.id}", {"into": kept.id, "version": other.version + 1}
    )
    audit.append(
        conn,
        ACTOR,
        "case.link",
        f"case:{kept.id}",
        {"by": "case.merge", "case_id": other.id, "verdict": _verdict(other.detail)},
    )


def _newest(conn: sa.Connection, subject: str, ids: set[int]) -> tuple[int, str, Any] | None:
    """The newest evaluation recorded for one of the cases ``ids``: seq, action, detail."""
    found = conn.execute(
        sa.select(records.c.seq, records.c.action, records.c.payload)
        .where(records.c.subject == subject, records.c.action.like("evaluate.%"))
        .order_by(records.c.seq.desc())
    )
    for seq, action, text in found:
        payload = json.loads(text)
        if payload.get("case_id") in ids and "decision" in payload:
            return seq, action, {"request": payload.get("request"), "decision": payload["decision"]}
    return None


def _refresh(conn: sa.Connection, kept: Any, ids: set[int]) -> None:
    newest = _newest(conn, kept.subject, ids)
    if newest is None:
        return
    seq, action, detail = newest
    text = audit.canonical_json(detail)
    if text == kept.detail:
        return
    version = kept.version + 1
    conn.execute(sa.update(cases).where(cases.c.id == kept.id).values(detail=text, version=version))
    audit.append(
        conn,
        ACTOR,
        "case.link",
        f"case:{kept.id}",
        {
            "by": action,
            "seq": seq,
            "verdict": _verdict(text),
            "previous_verdict": _verdict(kept.detail),
            "detail": detail,
            "version": version,
        },
    )


def upgrade() -> None:
    conn = op.get_bind()
    for group in open_groups(conn).values():
        kept, others = group[0], group[1:]
        for other in others:
            _merge(conn, kept, other)
        _refresh(conn, kept, {row.id for row in group})
    op.create_index(
        INDEX,
        "cases",
        ["subject"],
        unique=True,
        sqlite_where=sa.text(OPEN_SHIPMENT),
        postgresql_where=sa.text(OPEN_SHIPMENT),
    )


def downgrade() -> None:
    op.drop_index(INDEX, table_name="cases")

"""server: audit chain, users and tokens, cases, suppressions, counterparties, monitoring

Revision ID: 0003_server
Revises: 0002_network
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_server"
down_revision = "0002_network"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "audit_records",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("subject", sa.String(300), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_audit_records_subject", "audit_records", ["subject"])
    op.create_index("ix_audit_records_action", "audit_records", ["action"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # The head row exists from the start, so appending is always an UPDATE that locks it.
    op.execute("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '" + "0" * 64 + "')")
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("label", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ, nullable=True),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("counterparty_id", sa.String(200), nullable=True),
        sa.Column("entity_id", sa.String(200), nullable=True),
        sa.Column("entity_digest", sa.String(64), nullable=True),
        sa.Column("counterparty_digest", sa.String(64), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("proposal", sa.String(16), nullable=True),
        sa.Column("proposal_comment", sa.Text(), nullable=True),
        sa.Column("proposed_by", sa.String(100), nullable=True),
        sa.Column("proposed_at", TZ, nullable=True),
        sa.Column("outcome", sa.String(16), nullable=True),
        sa.Column("reviewed_by", sa.String(100), nullable=True),
        sa.Column("review_decision", sa.String(16), nullable=True),
        sa.Column("review_comment", sa.Text(), nullable=True),
        sa.Column("reviewed_at", TZ, nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_pair", "cases", ["counterparty_id", "entity_id"])
    op.create_table(
        "suppressions",
        sa.Column("counterparty_id", sa.String(200), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("entity_digest", sa.String(64), nullable=False),
        sa.Column("counterparty_digest", sa.String(64), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "counterparties",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(32), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("screened_digest", sa.String(64), nullable=True),
        sa.Column("screened_versions", sa.String(64), nullable=True),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "monitor_hits",
        sa.Column("counterparty_id", sa.String(200), primary_key=True),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("entity_digest", sa.String(64), nullable=False),
        sa.Column("counterparty_digest", sa.String(64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("seen_at", TZ, nullable=False),
    )
    op.create_table(
        "monitor_runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("versions", sa.String(64), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
    )
    op.create_table(
        "config",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
    )
    op.create_table(
        "leases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(100), nullable=False),
        sa.Column("until", TZ, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "leases", "jobs", "config", "monitor_runs", "monitor_hits", "counterparties",
        "suppressions", "cases", "api_tokens", "users", "audit_head", "audit_records",
    ):
        op.drop_table(table)

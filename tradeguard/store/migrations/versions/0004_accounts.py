"""accounts: who created each user, token expiry, login throttling, server-side web sessions

Revision ID: 0004_accounts
Revises: 0003_server
Create Date: 2026-12-06
"""

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0004_accounts"
down_revision = "0003_server"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)
#: tokens issued before this revision expire this long after their issue (the default lifetime)
OLD_TOKEN_DAYS = 90


def upgrade() -> None:
    op.add_column("users", sa.Column("created_by", sa.String(200), nullable=True))
    # Who created each existing account is in the audit log: the actor of its user.add record.
    op.execute(
        "UPDATE users SET created_by = (SELECT a.actor FROM audit_records a "
        "WHERE a.action = 'user.add' AND a.subject = 'user:' || users.username "
        "ORDER BY a.seq LIMIT 1)"
    )
    op.add_column("api_tokens", sa.Column("expires_at", TZ, nullable=True))
    conn = op.get_bind()
    tokens = sa.table(
        "api_tokens", sa.column("id", sa.Integer()), sa.column("created_at", TZ),
        sa.column("expires_at", TZ),
    )  # fmt: skip
    for token_id, created in conn.execute(sa.select(tokens.c.id, tokens.c.created_at)).all():
        if isinstance(created, str):
            created = datetime.fromisoformat(created)
        if created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        conn.execute(
            tokens.update()
            .where(tokens.c.id == token_id)
            .values(expires_at=created + timedelta(days=OLD_TOKEN_DAYS))
        )
    op.create_table(
        "login_throttle",
        sa.Column("scope", sa.String(8), primary_key=True),  # account | address
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_at", TZ, nullable=False),
        sa.Column("locked_until", TZ, nullable=True),
    )
    op.create_table(
        "web_sessions",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("ended_at", TZ, nullable=True),
    )
    op.create_index("ix_web_sessions_user_id", "web_sessions", ["user_id"])
    op.create_index("ix_api_tokens_user_id", "api_tokens", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_api_tokens_user_id", "api_tokens")
    op.drop_table("web_sessions")
    op.drop_table("login_throttle")
    with op.batch_alter_table("api_tokens") as batch:
        batch.drop_column("expires_at")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("created_by")

"""lists: a digest of each version's stored entries (``lists verify``); NULL for the versions
loaded before, which are reported as not checked

Revision ID: 0010_list_entries_digest
Revises: 0009_job_lists
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_list_entries_digest"
down_revision = "0009_job_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("list_versions") as batch:
        batch.add_column(sa.Column("entries_sha256", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("list_versions") as batch:
        batch.drop_column("entries_sha256")

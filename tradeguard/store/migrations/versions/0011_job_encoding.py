"""jobs: the encoding a batch job's file was read in, and whether it was detected or given

Revision ID: 0011_job_encoding
Revises: 0010_list_entries_digest
Create Date: 2026-12-07

A job made before these columns, or of a workbook, has none (null): its page and API name no
encoding.
"""

import sqlalchemy as sa
from alembic import op

revision = "0011_job_encoding"
down_revision = "0010_list_entries_digest"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("encoding", sa.String(64), nullable=True))
        batch.add_column(sa.Column("encoding_detected", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("encoding_detected")
        batch.drop_column("encoding")

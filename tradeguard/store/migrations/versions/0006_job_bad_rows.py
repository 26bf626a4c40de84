"""jobs: the rows of a batch job's file that could not be screened (line, field, reason)

Revision ID: 0006_job_bad_rows
Revises: 0005_case_outcomes
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_job_bad_rows"
down_revision = "0005_case_outcomes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("bad_rows", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("bad_rows")

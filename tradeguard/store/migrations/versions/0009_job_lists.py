"""jobs: the lists a batch job screened against (id, version, publication date, sha256)

Revision ID: 0009_job_lists
Revises: 0008_one_open_shipment_case
Create Date: 2026-12-07

A job made before this column has none (null): its page and API say the lists are not recorded.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_job_lists"
down_revision = "0008_one_open_shipment_case"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.add_column(sa.Column("lists", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("lists")

"""cases: assignment to a person and the licence reference of a licence_obtained outcome

Revision ID: 0005_case_outcomes
Revises: 0004_accounts
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_case_outcomes"
down_revision = "0004_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("assigned_to", sa.String(100), nullable=True))
        batch.add_column(sa.Column("licence_ref", sa.String(200), nullable=True))
        batch.create_index("ix_cases_assigned_to", ["assigned_to"])


def downgrade() -> None:
    with op.batch_alter_table("cases") as batch:
        batch.drop_index("ix_cases_assigned_to")
        batch.drop_column("licence_ref")
        batch.drop_column("assigned_to")

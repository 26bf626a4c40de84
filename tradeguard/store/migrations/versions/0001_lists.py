"""lists: versions, current pointer, entities

Revision ID: 0001_lists
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_lists"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "list_versions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("list", sa.String(32), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("format", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("published_at", sa.String(40), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entity_count", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("parser_version", sa.String(32), nullable=False),
    )
    op.create_index("ix_list_versions_list", "list_versions", ["list"])
    op.create_table(
        "list_current",
        sa.Column("list", sa.String(32), primary_key=True),
        sa.Column("version_id", sa.Integer(), sa.ForeignKey("list_versions.id"), nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column(
            "version_id",
            sa.Integer(),
            sa.ForeignKey("list_versions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("entity_id", sa.String(200), primary_key=True),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
    )
    op.create_index("ix_entities_entity_id", "entities", ["entity_id"])


def downgrade() -> None:
    op.drop_table("entities")
    op.drop_table("list_current")
    op.drop_table("list_versions")

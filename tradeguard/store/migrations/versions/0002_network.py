"""network: datasets, parties on no list, relations, cross-list entity links

Revision ID: 0002_network
Revises: 0001_lists
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_network"
down_revision = "0001_lists"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "network_datasets",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("node_count", sa.Integer(), nullable=False),
        sa.Column("edge_count", sa.Integer(), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
    )
    op.create_table(
        "network_nodes",
        sa.Column("node_id", sa.String(200), primary_key=True),
        sa.Column(
            "dataset",
            sa.String(200),
            sa.ForeignKey("network_datasets.name", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(32), nullable=False),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
    )
    op.create_index("ix_network_nodes_dataset", "network_nodes", ["dataset"])
    op.create_table(
        "network_edges",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "dataset",
            sa.String(200),
            sa.ForeignKey("network_datasets.name", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("source_id", sa.String(200), nullable=False),
        sa.Column("target_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("share_pct", sa.Float(), nullable=True),
        sa.Column("start_date", sa.String(10), nullable=True),
        sa.Column("end_date", sa.String(10), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("provenance", sa.String(32), nullable=False),
    )
    op.create_index("ix_network_edges_dataset", "network_edges", ["dataset"])
    op.create_index("ix_network_edges_source_id", "network_edges", ["source_id"])
    op.create_index("ix_network_edges_target_id", "network_edges", ["target_id"])
    op.create_table(
        "network_entity_links",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("a_id", sa.String(200), nullable=False),
        sa.Column("b_id", sa.String(200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewed_by", sa.String(200), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_network_entity_links_a_id", "network_entity_links", ["a_id"])
    op.create_index("ix_network_entity_links_b_id", "network_entity_links", ["b_id"])


def downgrade() -> None:
    op.drop_table("network_entity_links")
    op.drop_table("network_edges")
    op.drop_table("network_nodes")
    op.drop_table("network_datasets")

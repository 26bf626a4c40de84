"""The network's tables: imported datasets, parties on no list, relations, cross-list links."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tradeguard.store.schema import Base


class NetworkDatasetRow(Base):
    """One import of relations (a user's file, a bundled dataset); re-importing replaces it."""

    __tablename__ = "network_datasets"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(16))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    node_count: Mapped[int] = mapped_column(Integer)
    edge_count: Mapped[int] = mapped_column(Integer)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON)


class NetworkNodeRow(Base):
    """A party that is on no loaded list (``custom:...``), as a dataset describes it."""

    __tablename__ = "network_nodes"

    node_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    dataset: Mapped[str] = mapped_column(
        ForeignKey("network_datasets.name", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text)
    schema: Mapped[str] = mapped_column(String(32))
    country: Mapped[str | None] = mapped_column(String(2), nullable=True)
    aliases: Mapped[list[str]] = mapped_column(JSON)
    notes: Mapped[str | None] = mapped_column(Text, nullable=True)


class NetworkEdgeRow(Base):
    """One stated relation between two nodes, with its source and provenance class."""

    __tablename__ = "network_edges"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset: Mapped[str] = mapped_column(
        ForeignKey("network_datasets.name", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[str] = mapped_column(String(200))
    target_id: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(Text)
    share_pct: Mapped[float | None] = mapped_column(Float, nullable=True)
    start_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    end_date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    provenance: Mapped[str] = mapped_column(String(32))

    __table_args__ = (
        Index("ix_network_edges_source_id", "source_id"),
        Index("ix_network_edges_target_id", "target_id"),
    )


class EntityLinkRow(Base):
    """A proposed, confirmed or rejected "same real-world entity" link between two list
    entries (or a list entry and a party on no list), with its confidence and evidence."""

    __tablename__ = "network_entity_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    a_id: Mapped[str] = mapped_column(String(200), index=True)
    b_id: Mapped[str] = mapped_column(String(200), index=True)
    confidence: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(64))
    evidence: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))  # proposed | confirmed | rejected
    reviewed_by: Mapped[str | None] = mapped_column(String(200), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

"""SQLAlchemy tables of the store. Every domain adds its tables to :data:`Base`'s metadata
here or in its own module (imported by :func:`all_tables`), and a migration under
``tradeguard/store/migrations/versions`` creates them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ListVersionRow(Base):
    """One immutable load of one list: what was loaded, from what bytes, when."""

    __tablename__ = "list_versions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_id: Mapped[str] = mapped_column("list", String(32), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    format: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    published_at: Mapped[str | None] = mapped_column(String(40), nullable=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    entity_count: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    warnings: Mapped[list[str]] = mapped_column(JSON)
    parser_version: Mapped[str] = mapped_column(String(32))
    #: :func:`tradeguard.store.entries.entries_digest` of the stored entries, taken at load
    #: time (migration 0010); None for a version loaded before digests were taken
    entries_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)


class ListCurrentRow(Base):
    """Which version of each list is current; flipped in the same transaction as a load."""

    __tablename__ = "list_current"

    list_id: Mapped[str] = mapped_column("list", String(32), primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("list_versions.id"))


class EntityRow(Base):
    """An entity as one version of a list states it (canonical JSON of the entity model)."""

    __tablename__ = "entities"

    version_id: Mapped[int] = mapped_column(
        ForeignKey("list_versions.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    schema: Mapped[str] = mapped_column(String(32))
    caption: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)

    __table_args__ = (Index("ix_entities_entity_id", "entity_id"),)

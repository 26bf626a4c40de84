"""Tables of cases, false-positive memory, counterparties and monitoring."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Float, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from tradeguard.store.schema import Base

#: The cases the database holds to one per shipment id: a shipment's that is not closed (open,
#: proposed or escalated) and was evaluated with an id (a shipment without one is "shipment").
OPEN_SHIPMENT = "kind = 'shipment' AND status <> 'closed' AND subject <> 'shipment'"
#: The unique index on the subject of :data:`OPEN_SHIPMENT` cases (migration 0008).
OPEN_SHIPMENT_INDEX = "ux_cases_open_shipment"


class CaseRow(Base):
    """An alert under review. ``version`` grows with every change; every change is a
    conditional UPDATE on it, so two people acting on one case at once cannot both win."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # screening | shipment
    status: Mapped[str] = mapped_column(String(16), index=True)
    subject: Mapped[str] = mapped_column(Text)
    counterparty_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    entity_id: Mapped[str | None] = mapped_column(String(200), nullable=True)
    entity_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    counterparty_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    detail: Mapped[str] = mapped_column(Text)  # canonical JSON: query + match, or the decision
    proposal: Mapped[str | None] = mapped_column(String(16), nullable=True)
    proposal_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    proposed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    proposed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    review_decision: Mapped[str | None] = mapped_column(String(16), nullable=True)
    review_comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    assigned_to: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    licence_ref: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_cases_pair", "counterparty_id", "entity_id"),
        Index(
            OPEN_SHIPMENT_INDEX,
            "subject",
            unique=True,
            sqlite_where=text(OPEN_SHIPMENT),
            postgresql_where=text(OPEN_SHIPMENT),
        ),
    )


class SuppressionRow(Base):
    """An approved false positive for a (counterparty, list entry) pair, valid while both the
    entry's digest and the counterparty's digest stay what they were when it was approved."""

    __tablename__ = "suppressions"

    counterparty_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    entity_digest: Mapped[str] = mapped_column(String(64))
    counterparty_digest: Mapped[str] = mapped_column(String(64))
    case_id: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CounterpartyRow(Base):
    """A party the organisation deals with, screened again whenever a list or its data changes."""

    __tablename__ = "counterparties"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    schema: Mapped[str | None] = mapped_column(String(32), nullable=True)
    data: Mapped[str] = mapped_column(Text)  # canonical JSON of the screenable fields
    digest: Mapped[str] = mapped_column(String(64))
    screened_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    screened_versions: Mapped[str | None] = mapped_column(String(64), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MonitorHitRow(Base):
    """The last known hit of a counterparty on a list entry, to tell new and changed hits
    from unchanged ones."""

    __tablename__ = "monitor_hits"

    counterparty_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    entity_digest: Mapped[str] = mapped_column(String(64))
    counterparty_digest: Mapped[str] = mapped_column(String(64))
    score: Mapped[float] = mapped_column(Float)
    case_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MonitorRunRow(Base):
    __tablename__ = "monitor_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(100))
    versions: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text)  # canonical JSON


class ConfigRow(Base):
    """A runtime setting changed through the CLI or API (each change is audited)."""

    __tablename__ = "config"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

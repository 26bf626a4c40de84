"""Tables of the audit log: the records and the chain's head."""

from __future__ import annotations

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tradeguard.store.schema import Base


class AuditRecordRow(Base):
    """One audit record. ``hash`` is the SHA-256 of the record's canonical serialisation, which
    includes ``prev_hash`` (the hash of the record before it), so any edit, insertion or
    deletion breaks the chain. Rows are only ever inserted."""

    __tablename__ = "audit_records"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601 UTC, microseconds
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(300))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_records_subject", "subject"),
        Index("ix_audit_records_action", "action"),
    )


class AuditHeadRow(Base):
    """The last record's sequence number and hash, in one row. Appending updates this row
    first, which serialises concurrent appends (row lock on PostgreSQL, write lock on SQLite)."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))

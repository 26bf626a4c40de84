"""Tables of the server's batch jobs and of the leases of its scheduled tasks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tradeguard.store.schema import Base


class JobRow(Base):
    """A batch job run by the server (batch screening): progress and result."""

    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))  # queued | running | done | failed
    total: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    result: Mapped[str | None] = mapped_column(Text, nullable=True)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: the rows of the file that could not be screened (JSON: line, field, message)
    bad_rows: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: the lists the job screened against (JSON: list, version_id, published_at, sha256, ...),
    #: taken with the screener when the job starts; null for a job made before (migration 0009)
    lists: Mapped[str | None] = mapped_column(Text, nullable=True)
    #: the encoding the job's file was read in (``utf-8``, ``cp932`` ...), null for a workbook
    #: or a job made before (migration 0011), and whether it was detected (else given)
    encoding: Mapped[str | None] = mapped_column(String(64), nullable=True)
    encoding_detected: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class LeaseRow(Base):
    """Who runs a scheduled task right now (one worker among several)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(100))
    until: Mapped[datetime] = mapped_column(DateTime(timezone=True))

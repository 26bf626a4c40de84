"""A loaded version of a list as the store reports it, and the result of a load."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, TypeAlias

from sqlalchemy.orm import Session

from tradeguard.store.schema import ListVersionRow
from tradeguard.store.shrink import Shrink


@dataclass(frozen=True, slots=True)
class ListVersion:
    id: int
    list: str
    sha256: str
    format: str
    source: str
    published_at: str | None
    loaded_at: datetime
    entity_count: int
    counts: dict[str, int]
    warnings: builtins.list[str]
    current: bool = False
    #: the digest of the stored entries taken at load time (:mod:`tradeguard.store.entries`);
    #: None for a version loaded before digests were taken
    entries_sha256: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "list": self.list,
            "sha256": self.sha256,
            "format": self.format,
            "source": self.source,
            "published_at": self.published_at,
            "loaded_at": self.loaded_at.isoformat(timespec="seconds"),
            "entity_count": self.entity_count,
            "counts": self.counts,
            "warnings": self.warnings,
            "current": self.current,
            "entries_sha256": self.entries_sha256,
        }


#: A load stored a new version, or found the current version's content again.
LoadStatus = Literal["loaded", "unchanged"]


@dataclass(slots=True)
class LoadResult:
    list: str
    status: LoadStatus
    version: ListVersion
    previous: ListVersion | None = None
    warnings: builtins.list[str] = field(default_factory=builtins.list)
    #: set when the new version dropped more entries than allowed and the operator let it
    shrink: Shrink | None = None
    #: the effective shrink limit and the measured shrink, for every load against a version
    shrink_check: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list,
            "status": self.status,
            "version": self.version.to_dict(),
            "previous_version": self.previous.id if self.previous else None,
            "warnings": self.warnings,
            "shrink_allowed": self.shrink.to_dict() if self.shrink else None,
            "shrink_check": self.shrink_check,
        }


#: What runs inside a load's transaction once the version is stored (or found unchanged),
#: with the load's session and result: the ``lists.load`` audit record
#: (:func:`tradeguard.audit.list_load_record`). If it raises, the load is rolled back.
LoadHook: TypeAlias = Callable[[Session, LoadResult], object]


def version_of(row: ListVersionRow, current: bool = False) -> ListVersion:
    """The version a stored row describes (its load time as aware UTC)."""
    loaded = row.loaded_at
    if loaded.tzinfo is None:
        loaded = loaded.replace(tzinfo=UTC)
    return ListVersion(
        id=row.id,
        list=row.list_id,
        sha256=row.sha256,
        format=row.format,
        source=row.source,
        published_at=row.published_at,
        loaded_at=loaded,
        entity_count=row.entity_count,
        counts=dict(row.counts),
        warnings=list(row.warnings),
        current=current,
        entries_sha256=row.entries_sha256,
    )

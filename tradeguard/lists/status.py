"""The state of the loaded lists: versions, dates, counts and staleness."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from tradeguard import settings

if TYPE_CHECKING:
    from tradeguard.store import ListVersion, Store


@dataclass(slots=True)
class ListStatus:
    version: ListVersion
    age_days: int
    stale: bool
    warning: str | None

    def to_dict(self) -> dict[str, Any]:
        data = self.version.to_dict()
        data.update({"age_days": self.age_days, "stale": self.stale, "warning": self.warning})
        return data


def _reference_date(version: ListVersion) -> date:
    if version.published_at:
        try:
            return date.fromisoformat(version.published_at[:10])
        except ValueError:
            pass
    return version.loaded_at.date()


def list_status(
    store: Store, today: date | None = None, stale_after_days: int | None = None
) -> list[ListStatus]:
    """One row per loaded list; a list whose publication (or, when the file states no date, its
    load) is older than ``stale_after_days`` carries a warning."""
    today = today or datetime.now(UTC).date()
    limit = settings.stale_after_days() if stale_after_days is None else stale_after_days
    rows = []
    for version in store.current_versions():
        age = (today - _reference_date(version)).days
        stale = age > limit
        what = "published" if version.published_at else "loaded"
        warning = (
            f"{version.list} was {what} {age} days ago (more than {limit}); "
            f"run `tradeguard lists update --list {version.list}`"
            if stale
            else None
        )
        rows.append(ListStatus(version, age, stale, warning))
    return rows

"""The state of the loaded lists: versions, dates, counts and staleness. A list is stale when
its publication (or, when the file states no date, its load) is older than its limit: the
administrator's (``$TRADEGUARD_STALE_DAYS``), else its publisher's usual cadence
(:mod:`tradeguard.lists.cadence`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from tradeguard.lists import cadence

if TYPE_CHECKING:
    from tradeguard.store import ListVersion, Store


@dataclass(slots=True)
class ListStatus:
    version: ListVersion
    age_days: int
    stale: bool
    warning: str | None
    #: the limit applied and where it comes from (None: no age is judged)
    limit: cadence.Limit | None = None

    @property
    def stale_after_days(self) -> int | None:
        return self.limit.days if self.limit is not None else None

    def cadence(self, lang: str = "en") -> str | None:
        """How often the publisher usually publishes the list, in words."""
        found = self.limit.cadence if self.limit is not None else None
        return found.cadence(lang) if found is not None else None

    def to_dict(self) -> dict[str, Any]:
        data = self.version.to_dict()
        data.update(
            {
                "age_days": self.age_days,
                "stale": self.stale,
                "stale_after_days": self.stale_after_days,
                "limit_from": self.limit.origin if self.limit is not None else None,
                "cadence": self.cadence(),
                "warning": self.warning,
            }
        )
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
    """One row per loaded list; a list whose publication (or, when the file states no date,
    its load) is older than its limit (``stale_after_days`` for every list when given)
    carries a warning."""
    today = today or datetime.now(UTC).date()
    rows = []
    for version in store.current_versions():
        age = (today - _reference_date(version)).days
        limit = cadence.limit(version.list, stale_after_days)
        stale = limit.days is not None and age > limit.days
        what = "published" if version.published_at else "loaded"
        warning = (
            f"{version.list} was {what} {age} days ago (more than {limit.days}); "
            f"run `tradeguard lists update --list {version.list}`"
            if stale
            else None
        )
        rows.append(ListStatus(version, age, stale, warning, limit))
    return rows

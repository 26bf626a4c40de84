"""The order guard of a list load: a file published before the list's current version would,
once current, undo every designation and delisting published since. It is refused unless the
operator asks for it (``--allow-older``), and then the version's warnings say so."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from tradeguard.errors import InputError

if TYPE_CHECKING:
    from tradeguard.lists.model import ParsedList
    from tradeguard.store.versions import ListVersion


def _day(stamp: str | None) -> date | None:
    """The publication day of an ISO 8601 date or date-time (None when absent or unreadable:
    no order can be told then)."""
    if not stamp:
        return None
    try:
        return date.fromisoformat(stamp.strip()[:10])
    except ValueError:
        return None


def check_order(parsed: ParsedList, previous: ListVersion | None, allow: bool) -> str | None:
    """The warning a load of an older publication carries when ``allow`` (None when the file
    is not older than the current version, or either date is unknown); without ``allow`` an
    older publication is an :class:`InputError` and nothing is stored."""
    if previous is None:
        return None
    new, current = _day(parsed.published_at), _day(previous.published_at)
    if new is None or current is None or new >= current:
        return None
    what = (
        f"{parsed.list}: this file was published on {new.isoformat()}, before the current "
        f"version {previous.id} (published {current.isoformat()})"
    )
    if allow:
        return f"{what}; loaded with allow_older, so designations and delistings published since are undone"
    raise InputError(
        f"{what}. Made current, it would undo every designation and delisting published since; "
        "nothing was changed. To go back to it on purpose, load again with --allow-older "
        "(API: allow_older)",
        source=parsed.source,
    )

"""The shrink guard of a list load: a new version that drops more of the list's entries than a
list may lose at once (measured against the largest recent version, and by the current
version's entry ids that are gone) is refused unless the operator allows it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tradeguard import settings
from tradeguard.errors import InputError
from tradeguard.lists.model import ParsedList

if TYPE_CHECKING:
    from tradeguard.store.versions import ListVersion


@dataclass(frozen=True, slots=True)
class Shrink:
    """A new version with fewer entries than the current one, beyond the allowed share."""

    list: str
    previous_version: int
    previous_entities: int
    entities: int
    limit: float

    @property
    def share(self) -> float:
        return 1 - self.entities / self.previous_entities

    def describe(self) -> str:
        return (
            f"{self.list}: {self.entities:,} entries, {self.share:.0%} fewer than the "
            f"{self.previous_entities:,} of version {self.previous_version} "
            f"(over the {self.limit:.0%} a list may lose at once); loaded with allow_shrink"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "previous_version": self.previous_version,
            "previous_entities": self.previous_entities,
            "entities": self.entities,
            "share": round(self.share, 4),
            "limit": self.limit,
        }


#: the share a list may lose at once unless the operator says otherwise
DEFAULT_MAX_SHRINK = 0.10
#: how many recent versions the shrink guard measures against (the largest of them)
SHRINK_WINDOW = 5


def check_shrink(
    parsed: ParsedList,
    previous: ListVersion | None,
    allow: bool,
    limit: float | None,
    reference: ListVersion | None = None,
    removed: int = 0,
) -> tuple[Shrink | None, dict[str, Any] | None]:
    """The shrink a load may do only with ``allow`` (None when within the limit) and the check
    made (effective limit, measured share) for the audit record; raises :class:`InputError`
    when it is over the limit and not allowed. A limit looser than the default (option, API
    field or ``$TRADEGUARD_MAX_SHRINK``) only applies with ``allow``: without it, the limit may
    only tighten. A first load (no current version) is not guarded."""
    if previous is None or previous.entity_count <= 0:
        return None, None
    asked = settings.max_shrink() if limit is None else limit
    if not 0 <= asked <= 1:
        raise InputError(f"expected a share from 0 to 1, not {asked}", field="max_shrink")
    limit = asked if allow else min(asked, DEFAULT_MAX_SHRINK)
    entities = len(parsed.entities)
    # against the largest of the recent versions, so that small cuts do not add up unseen
    ref = reference if reference is not None and reference.entity_count > 0 else previous
    shrink = Shrink(parsed.list, ref.id, ref.entity_count, entities, limit)
    # entries of the current version whose id is gone, so that junk added does not hide them
    removed_share = removed / previous.entity_count
    check: dict[str, Any] = {
        "limit": limit,
        "limit_asked": asked,
        "share": round(max(shrink.share, 0.0), 4),
        "previous_version": ref.id,
        "previous_entities": ref.entity_count,
        "entities": entities,
        "removed_ids": removed,
        "removed_share": round(removed_share, 4),
    }
    if shrink.share <= limit and removed_share <= limit:
        return None, check
    if allow:
        return shrink, check
    if shrink.share <= limit:
        raise InputError(
            f"{removed:,} of the {previous.entity_count:,} entries of the current version "
            f"{previous.id} of {parsed.list} ({removed_share:.0%}) are gone from the new file, "
            f"over the {limit:.0%} a list may lose at once (damaged or partial file?); nothing "
            "loaded. If the publisher really removed them, load again with --allow-shrink "
            "(API: allow_shrink)",
            source=parsed.source,
        )
    looser = (
        f" (a limit looser than the default {DEFAULT_MAX_SHRINK:.0%}, as {asked:.0%} asked, "
        "needs --allow-shrink too)"
        if asked > limit
        else ""
    )
    raise InputError(
        f"{entities:,} entries, {shrink.share:.0%} fewer than the {ref.entity_count:,} of "
        f"the {'current' if ref.id == previous.id else 'recent'} version {ref.id} of "
        f"{parsed.list}, over the {limit:.0%} a list may "
        f"lose at once{looser} (damaged or partial file?); nothing loaded. If the publisher "
        "really removed them, load again with --allow-shrink (API: allow_shrink)",
        source=parsed.source,
    )

"""Looking up one entity with its list membership and history."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tradeguard.errors import InputError, NotFoundError
from tradeguard.lists.model import LIST_IDS

if TYPE_CHECKING:
    from tradeguard.lists.model import Entity
    from tradeguard.store import Store


@dataclass(frozen=True, slots=True)
class ListMembership:
    """One list entry of an entity: the list, the entry's programmes and first listing, and
    the list version it was read from (with that version's publication date and digest)."""

    list: str
    entity_id: str
    source_id: str
    programs: builtins.list[str]
    listed_on: str | None
    version_id: int
    published_at: str | None
    sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list,
            "entity_id": self.entity_id,
            "source_id": self.source_id,
            "programs": list(self.programs),
            "listed_on": self.listed_on,
            "version_id": self.version_id,
            "published_at": self.published_at,
            "sha256": self.sha256,
        }


@dataclass(frozen=True, slots=True)
class EntityHistory:
    """The versions of its list the entry appears in: the first (and when it was loaded), the
    last that changed it, and all of them in order."""

    first_seen_version: int
    first_seen_loaded_at: datetime
    last_changed_version: int
    versions: list[int]

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_seen_version": self.first_seen_version,
            "first_seen_loaded_at": self.first_seen_loaded_at.isoformat(timespec="seconds"),
            "last_changed_version": self.last_changed_version,
            "versions": list(self.versions),
        }


@dataclass(frozen=True, slots=True)
class EntityReport:
    """An entry as its list's current version states it, its list memberships (its own first)
    and its history (``tradeguard entity ID``, ``GET /entities/{id}``, the entity page)."""

    entity: Entity
    memberships: list[ListMembership]
    history: EntityHistory

    @property
    def caption(self) -> str:
        return self.entity.caption

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity.to_dict(),
            "caption": self.caption,
            "memberships": [m.to_dict() for m in self.memberships],
            "history": self.history.to_dict(),
        }


def entity_report(store: Store, entity_id: str) -> EntityReport:
    """The entity as its list's current version states it, which version that is, and in which
    versions of the list it has appeared (first seen, last changed)."""
    if ":" not in entity_id:
        raise InputError(f"entity id {entity_id!r} is not of the form LIST:SOURCE_ID", field="id")
    list_id = entity_id.split(":", 1)[0]
    if list_id not in LIST_IDS:
        raise InputError(f"unknown list {list_id!r} in entity id {entity_id!r}", field="id")
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFoundError(f"no entity {entity_id} in the current version of {list_id}")
    version = store.current_version(list_id)
    assert version is not None
    versions = store.entity_history(entity_id)
    first_seen = versions[0][0] if versions else version
    last_changed = first_seen
    previous_digest = None
    for ver, digest in versions:
        if previous_digest is not None and digest != previous_digest:
            last_changed = ver
        previous_digest = digest
    membership = ListMembership(
        list=list_id,
        entity_id=entity.id,
        source_id=entity.source_id,
        programs=list(entity.programs),
        listed_on=entity.listed_on,
        version_id=version.id,
        published_at=version.published_at,
        sha256=version.sha256,
    )
    history = EntityHistory(
        first_seen_version=first_seen.id,
        first_seen_loaded_at=first_seen.loaded_at,
        last_changed_version=last_changed.id,
        versions=[ver.id for ver, _ in versions],
    )
    return EntityReport(entity, [membership], history)

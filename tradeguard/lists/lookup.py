"""Looking up one entity with its list membership and history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tradeguard.errors import InputError, NotFoundError
from tradeguard.lists.model import LIST_IDS

if TYPE_CHECKING:
    from tradeguard.store import Store


def entity_report(store: Store, entity_id: str) -> dict[str, Any]:
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
    history = store.entity_history(entity_id)
    first_seen = history[0][0] if history else version
    last_changed = first_seen
    previous_digest = None
    for ver, digest in history:
        if previous_digest is not None and digest != previous_digest:
            last_changed = ver
        previous_digest = digest
    return {
        "entity": entity.to_dict(),
        "caption": entity.caption,
        "memberships": [
            {
                "list": list_id,
                "entity_id": entity.id,
                "source_id": entity.source_id,
                "programs": entity.programs,
                "listed_on": entity.listed_on,
                "version_id": version.id,
                "published_at": version.published_at,
                "sha256": version.sha256,
            }
        ],
        "history": {
            "first_seen_version": first_seen.id,
            "first_seen_loaded_at": first_seen.loaded_at.isoformat(timespec="seconds"),
            "last_changed_version": last_changed.id,
            "versions": [ver.id for ver, _ in history],
        },
    }

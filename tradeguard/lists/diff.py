"""What changed between two versions of a list: entries added, removed and changed, with
field-level changes."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Any

from tradeguard.errors import InputError, NotFoundError
from tradeguard.lists.model import Entity

if TYPE_CHECKING:
    from tradeguard.store import ListVersion, Store


@dataclass(slots=True)
class FieldChange:
    name: str
    added: list[Any] = dataclass_field(default_factory=list)
    removed: list[Any] = dataclass_field(default_factory=list)
    before: Any = None
    after: Any = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"field": self.name}
        if self.added or self.removed:
            out["added"] = self.added
            out["removed"] = self.removed
        else:
            out["before"] = self.before
            out["after"] = self.after
        return out


@dataclass(slots=True)
class EntityChange:
    entity_id: str
    caption: str
    changes: list[FieldChange]

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.entity_id,
            "caption": self.caption,
            "changes": [c.to_dict() for c in self.changes],
        }


@dataclass(slots=True)
class ListDiff:
    list_id: str
    from_version: ListVersion
    to_version: ListVersion
    added: list[Entity]
    removed: list[Entity]
    changed: list[EntityChange]

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_id,
            "from_version": self.from_version.to_dict(),
            "to_version": self.to_version.to_dict(),
            "summary": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
            },
            "added": [
                {"entity_id": e.id, "caption": e.caption, "schema": e.schema} for e in self.added
            ],
            "removed": [
                {"entity_id": e.id, "caption": e.caption, "schema": e.schema} for e in self.removed
            ],
            "changed": [c.to_dict() for c in self.changed],
        }


def _key(value: Any) -> str:
    return repr(sorted(value.items())) if isinstance(value, dict) else repr(value)


def field_changes(old: Entity, new: Entity) -> list[FieldChange]:
    """The fields that differ between two states of one entity."""
    before, after = old.to_dict(), new.to_dict()
    changes = []
    for name in after:
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        if isinstance(a, list) and isinstance(b, list):
            old_keys = {_key(x) for x in a}
            new_keys = {_key(x) for x in b}
            changes.append(
                FieldChange(
                    name,
                    added=[x for x in b if _key(x) not in old_keys],
                    removed=[x for x in a if _key(x) not in new_keys],
                )
            )
            if not changes[-1].added and not changes[-1].removed:  # only the order changed
                changes.pop()
        else:
            changes.append(FieldChange(name, before=a, after=b))
    return changes


def diff_versions(
    store: Store, list_id: str, from_id: int | None = None, to_id: int | None = None
) -> ListDiff:
    """Compare two versions of a list (default: the previous version with the current one)."""
    versions = store.versions(list_id)
    if not versions:
        raise NotFoundError(f"list {list_id} has no version loaded")
    by_id = {v.id: v for v in versions}
    current = next((v for v in versions if v.current), versions[-1])
    to_version = by_id.get(to_id) if to_id is not None else current
    if to_version is None:
        raise NotFoundError(f"list {list_id} has no version {to_id}")
    if from_id is None:
        older = [v for v in versions if v.id < to_version.id]
        if not older:
            raise InputError(
                f"list {list_id} has only one version up to {to_version.id}; nothing to compare",
                field="--from",
            )
        from_version = older[-1]
    else:
        found = by_id.get(from_id)
        if found is None:
            raise NotFoundError(f"list {list_id} has no version {from_id}")
        from_version = found
    old = store.entity_digests(from_version.id)
    new = store.entity_digests(to_version.id)
    added_ids = sorted(set(new) - set(old))
    removed_ids = sorted(set(old) - set(new))
    changed_ids = sorted(k for k in set(old) & set(new) if old[k] != new[k])
    new_entities = store.get_entities(to_version.id, added_ids + changed_ids)
    old_entities = store.get_entities(from_version.id, removed_ids + changed_ids)
    changed = [
        EntityChange(k, new_entities[k].caption, field_changes(old_entities[k], new_entities[k]))
        for k in changed_ids
    ]
    return ListDiff(
        list_id,
        from_version,
        to_version,
        [new_entities[k] for k in added_ids],
        [old_entities[k] for k in removed_ids],
        changed,
    )

"""A digest of the entries a list version stores, to tell when they were changed in the
database after the load.

A version's ``sha256`` names the file it was loaded from; it says nothing of the rows stored
from it. ``entries_sha256`` does: taken while the entries are inserted, kept in the version row
and in the ``lists.load`` audit record, and recomputed from the stored rows by
:func:`stored_digest` (``tradeguard lists verify``). Each entry counts with all its stored
columns (id, schema, caption, digest, data), each written with its length so no two different
entries read the same; entries are taken in the order of their ids, sorted here (not by the
database, whose collation differs between SQLite and PostgreSQL).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from tradeguard.store.schema import EntityRow


def _entry(entity_id: str, schema: str, caption: str, digest: str, data: str) -> bytes:
    text = "".join(f"{len(part)}:{part}" for part in (entity_id, schema, caption, digest, data))
    return hashlib.sha256(text.encode("utf-8")).digest()


class EntriesDigest:
    """Collects the entries of one version, in any order."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, bytes]] = []

    def add(self, entity_id: str, schema: str, caption: str, digest: str, data: str) -> None:
        self.entries.append((entity_id, _entry(entity_id, schema, caption, digest, data)))

    def hexdigest(self) -> str:
        total = hashlib.sha256()
        for entity_id, entry in sorted(self.entries):
            total.update(f"{len(entity_id)}:{entity_id}".encode())
            total.update(entry)
        return total.hexdigest()


def stored_digest(session: Session, version_id: int) -> str:
    """The digest of the entries stored now for ``version_id``."""
    digest = EntriesDigest()
    rows = session.execute(
        select(
            EntityRow.entity_id,
            EntityRow.schema,
            EntityRow.caption,
            EntityRow.digest,
            EntityRow.data,
        )
        .where(EntityRow.version_id == version_id)
        .execution_options(yield_per=5000)
    )
    for entity_id, schema, caption, entry_digest, data in rows:
        digest.add(entity_id, schema, caption, entry_digest, data)
    return digest.hexdigest()

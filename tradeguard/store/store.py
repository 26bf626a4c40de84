"""The versioned store of list entities (SQLite by default, PostgreSQL with the same code).

Each load of a list is an immutable version. A load runs in one transaction that inserts the
version, all its entities and flips the list's "current" pointer, so a malformed, failed or
interrupted load leaves the previous version current and intact. Loading content identical to
the current version (same sha256) creates no new version.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import math
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, delete, insert, inspect, select, text
from sqlalchemy.exc import ArgumentError, DataError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from tradeguard import settings
from tradeguard.errors import InputError, NotFoundError, StoreError
from tradeguard.lists.model import LIST_IDS, Entity, ParsedList
from tradeguard.store.engine import make_engine, redact, sqlite_path
from tradeguard.store.entries import EntriesDigest
from tradeguard.store.faults import NO_ANSWER, describe
from tradeguard.store.order import check_order
from tradeguard.store.schema import EntityRow, ListCurrentRow, ListVersionRow
from tradeguard.store.shrink import SHRINK_WINDOW, check_shrink
from tradeguard.store.turns import write_turn
from tradeguard.store.upgrade import migration_head, upgrade
from tradeguard.store.versions import ListVersion, LoadHook, LoadResult, version_of

log = logging.getLogger(__name__)
PARSER_VERSION = "1"
#: How often a store that failed tries to reconnect and upgrade (see ``Store.recover``).
RECOVERY_SECONDS = 1.0
#: Entities inserted per statement when a list is loaded.
BATCH = 2000


class Store:
    """Access to the database: list versions and their entities (and, through ``engine``,
    the tables of the other domains)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions = sessionmaker(engine, expire_on_commit=False)
        database = engine.url.database if engine.dialect.name == "sqlite" else None
        on_disk = (
            bool(database) and database != ":memory:" and not str(database).startswith("file:")
        )
        self._write_turn = write_turn(Path(str(database)) if on_disk else None, engine.dialect.name)
        self._recovery = threading.Lock()
        self.recovery_seconds = RECOVERY_SECONDS
        self._recovered_at = -math.inf
        #: True while the schema has not been brought up to date since the store was opened
        #: (the database did not answer then: ``Store.open(..., defer_if_unreachable=True)``).
        self.upgrade_pending = False

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(
        cls, url: str | None = None, *, migrate: bool = True, defer_if_unreachable: bool = False
    ) -> Store:
        """Open the store at ``url`` (default: ``$TRADEGUARD_DATABASE_URL`` or SQLite in the
        data directory) and bring its schema up to date.

        A URL that is not a database URL, names a driver that is not installed or an SQLite
        directory that does not exist is a :class:`StoreError` at once. So is a database that
        does not answer, unless ``defer_if_unreachable`` (a server's worker): then the store
        is returned with ``upgrade_pending`` set, the reason logged, and :meth:`recover`
        upgrades it once the database answers."""
        setting = None if url else settings.database_url_setting()
        url = url or settings.database_url()
        named = "TRADEGUARD_DATABASE_URL " if setting else ""
        try:
            path = sqlite_path(url)
        except ArgumentError as exc:
            raise StoreError(f"{named}{redact(url)} is not a database URL: {exc}") from None
        if setting and path is not None and not path.parent.is_dir():
            # Only the default store under $TRADEGUARD_HOME is made on first use: a store
            # named explicitly in a directory that does not exist is a mistyped path, not a
            # request for a new, empty store.
            raise StoreError(
                f"TRADEGUARD_DATABASE_URL names an SQLite database in {path.parent}, "
                "a directory that does not exist"
            )
        try:
            engine = make_engine(url)
            store = cls(engine)
            if migrate:
                store._first_upgrade(defer_if_unreachable)
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {redact(url)}: {exc.orig}") from None
        except (ArgumentError, ImportError) as exc:
            # an unknown scheme (NoSuchModuleError) or a driver that is not installed
            raise StoreError(f"{named}{redact(url)} cannot be opened: {exc}") from None
        return store

    def migrate(self) -> None:
        """Upgrade the schema to the newest migration."""
        upgrade(self.engine)
        self.upgrade_pending = False

    def _first_upgrade(self, defer_if_unreachable: bool) -> None:
        try:
            self.migrate()
        except OperationalError as exc:
            if not defer_if_unreachable:
                raise
            self.upgrade_pending = True
            log.warning(
                "the store at %s does not answer (%s); it is upgraded once it does",
                redact(self.engine.url.render_as_string(hide_password=False)),
                describe(exc),
            )

    def recover(self) -> bool:
        """After the store failed (unreachable, or its tables gone): drop the pooled
        connections and, if the database answers, bring its schema up to date, so that a
        database restored or recreated empty serves again without a restart. At most once
        every ``recovery_seconds`` per store (other callers return at once); True when the
        database answered with its schema current."""
        if not self._recovery.acquire(blocking=False):
            return False
        try:
            now = time.monotonic()
            if now - self._recovered_at < self.recovery_seconds:
                return False
            self._recovered_at = now
            self.engine.dispose()
            try:
                self.migrate()
            except (SQLAlchemyError, OSError):
                return False
            return True
        finally:
            self._recovery.release()

    def readiness(self) -> dict[str, str | None]:
        """What keeps the store from serving: ``store`` (unreachable), ``schema`` (not the
        newest migration), ``lists`` (none loaded); None for each check that passes."""
        checks: dict[str, str | None] = {"store": None, "schema": None, "lists": None}
        head = migration_head()
        try:
            with self.engine.connect() as conn:
                current = None
                if inspect(conn).has_table("alembic_version"):
                    current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if current != head:
                    checks["schema"] = f"schema version {current or 'none'}, expected {head}"
                    checks["lists"] = "unknown until the schema is current"
                    return checks
                if conn.execute(select(ListCurrentRow.list_id).limit(1)).first() is None:
                    checks["lists"] = "no list is loaded"
        except SQLAlchemyError as exc:
            log.warning("readiness: store unavailable: %s", describe(exc))
            checks["store"] = NO_ANSWER  # the database's own words name its host: logged only
            checks["schema"] = checks["lists"] = "unknown while the store is unreachable"
        return checks

    def session(self) -> Session:
        return self.sessions()

    def write_turn(self) -> contextlib.AbstractContextManager[object]:
        """Hold around a short write transaction of a hot path (an audited decision): on
        SQLite, writers take turns instead of sleeping on SQLite's lock (see ``turns``)."""
        return self._write_turn

    def close(self) -> None:
        self.engine.dispose()

    # -- loading --------------------------------------------------------------------------

    def load(
        self,
        parsed: ParsedList,
        progress: Callable[[int, int], None] | None = None,
        *,
        record: LoadHook | None = None,
        allow_shrink: bool = False,
        max_shrink: float | None = None,
        allow_older: bool = False,
    ) -> LoadResult:
        """Store ``parsed`` as the new current version of its list, atomically.

        ``record`` runs in the same transaction once the version is stored (or found the same
        as the current one), with the session and the result: the caller's ``lists.load``
        audit record, so a version is never current without its record, and a record that
        fails to be written rolls the load back. A new version that
        drops more than ``max_shrink`` (default: ``$TRADEGUARD_MAX_SHRINK``, 10 %) of the
        current version's entries is refused unless ``allow_shrink``; the override is stated in
        the version's warnings and the audit record. A file published before the current
        version is refused unless ``allow_older`` (see :mod:`tradeguard.store.order`).
        """
        parsed.check_text()  # the same refusal on every store, before anything is written
        seen = _entity_ids(parsed)
        previous = self.current_version(parsed.list)
        if previous is not None and previous.sha256 == parsed.sha256:
            result = LoadResult(parsed.list, "unchanged", previous, previous, list(parsed.warnings))
            if record is not None:
                with self.write_turn(), self.session() as session, session.begin():
                    record(session, result)
            return result
        older = check_order(parsed, previous, allow_older)
        reference, removed = self._shrink_basis(previous, seen, parsed.format)
        shrink, shrink_check = check_shrink(
            parsed, previous, allow_shrink, max_shrink, reference, removed
        )
        warnings = list(parsed.warnings)
        if older is not None:
            warnings.append(older)
        if shrink is not None:
            warnings.append(shrink.describe())
        try:
            with self.session() as session, session.begin():
                row = _insert_version(session, parsed, warnings, progress)
                version_id = row.id
                current = session.get(ListCurrentRow, parsed.list)
                if current is None:
                    session.add(ListCurrentRow(list_id=parsed.list, version_id=version_id))
                else:
                    current.version_id = version_id
                session.flush()
                version = version_of(row, current=True)
                result = LoadResult(
                    parsed.list, "loaded", version, previous, warnings, shrink, shrink_check
                )
                if record is not None:
                    record(session, result)
        except DataError as exc:
            raise InputError(
                f"a value the store cannot hold, nothing was changed: {describe(exc)}",
                source=parsed.source,
            ) from None
        except SQLAlchemyError as exc:
            raise StoreError(f"load of {parsed.list} failed, nothing was changed: {exc}") from None
        return result

    # -- reading --------------------------------------------------------------------------

    def current_versions(self) -> list[ListVersion]:
        with self.session() as session:
            rows = session.execute(
                select(ListVersionRow)
                .join(ListCurrentRow, ListCurrentRow.version_id == ListVersionRow.id)
                .order_by(ListVersionRow.list_id)
            ).scalars()
            return [version_of(r, current=True) for r in rows]

    def current_version(self, list_id: str) -> ListVersion | None:
        with self.session() as session:
            row = session.execute(
                select(ListVersionRow)
                .join(ListCurrentRow, ListCurrentRow.version_id == ListVersionRow.id)
                .where(ListCurrentRow.list_id == list_id)
            ).scalar_one_or_none()
            return version_of(row, current=True) if row else None

    def _shrink_basis(
        self, previous: ListVersion | None, ids: set[str], fmt: str
    ) -> tuple[ListVersion | None, int]:
        """The largest of the list's last :data:`SHRINK_WINDOW` versions (or of those since
        the last load with allow_shrink, which set a new baseline) and how many entry ids of
        ``previous`` are not in ``ids`` (0 when the format changed: a publisher's two formats
        number entries differently)."""
        if previous is None:
            return None, 0
        recent = self.versions(previous.list)[-SHRINK_WINDOW:]
        for i in range(len(recent) - 1, -1, -1):
            if any("loaded with allow_shrink" in w for w in recent[i].warnings):
                recent = recent[i:]
                break
        reference = max(recent, key=lambda v: v.entity_count, default=previous)
        if previous.format != fmt:
            return reference, 0
        with self.session() as session:
            old = session.execute(
                select(EntityRow.entity_id).where(EntityRow.version_id == previous.id)
            ).scalars()
            removed = sum(1 for entity_id in old if entity_id not in ids)
        return reference, removed

    def versions(self, list_id: str) -> list[ListVersion]:
        """All versions of a list, oldest first."""
        current = self.current_version(list_id)
        current_id = current.id if current else None
        with self.session() as session:
            rows = session.execute(
                select(ListVersionRow)
                .where(ListVersionRow.list_id == list_id)
                .order_by(ListVersionRow.id)
            ).scalars()
            return [version_of(r, current=(r.id == current_id)) for r in rows]

    def version(self, version_id: int) -> ListVersion:
        with self.session() as session:
            row = session.get(ListVersionRow, version_id)
            if row is None:
                raise NotFoundError(f"no list version {version_id}")
            current = session.get(ListCurrentRow, row.list_id)
            return version_of(row, current=bool(current and current.version_id == row.id))

    def versions_key(self, versions: Sequence[ListVersion] | None = None) -> str:
        """A key naming the set of current versions (changes whenever any list changes);
        ``versions``: the current versions, read already."""
        if versions is None:
            versions = self.current_versions()
        return ",".join(f"{v.list}:{v.sha256[:16]}" for v in versions)

    def iter_entities(self, version_id: int) -> Iterator[Entity]:
        with self.session() as session:
            result = session.execute(
                select(EntityRow.data)
                .where(EntityRow.version_id == version_id)
                .order_by(EntityRow.entity_id)
                .execution_options(yield_per=BATCH)
            )
            for (data,) in result:
                yield Entity.from_dict(json.loads(data))

    def iter_current_entities(self, lists: Sequence[str] | None = None) -> Iterator[Entity]:
        for version in self.current_versions():
            if lists is None or version.list in lists:
                yield from self.iter_entities(version.id)

    def entity_digests(self, version_id: int) -> dict[str, str]:
        with self.session() as session:
            rows = session.execute(
                select(EntityRow.entity_id, EntityRow.digest).where(
                    EntityRow.version_id == version_id
                )
            )
            return {entity_id: digest for entity_id, digest in rows}

    def get_entities(self, version_id: int, entity_ids: Sequence[str]) -> dict[str, Entity]:
        out: dict[str, Entity] = {}
        ids = list(entity_ids)
        with self.session() as session:
            for start in range(0, len(ids), 500):
                rows = session.execute(
                    select(EntityRow.entity_id, EntityRow.data).where(
                        EntityRow.version_id == version_id,
                        EntityRow.entity_id.in_(ids[start : start + 500]),
                    )
                )
                for entity_id, data in rows:
                    out[entity_id] = Entity.from_dict(json.loads(data))
        return out

    def get_entity(self, entity_id: str) -> Entity | None:
        """The entity as the current version of its list states it."""
        list_id = entity_id.split(":", 1)[0]
        version = self.current_version(list_id)
        if version is None:
            return None
        return self.get_entities(version.id, [entity_id]).get(entity_id)

    def entity_history(self, entity_id: str) -> list[tuple[ListVersion, str]]:
        """Every version of its list that contains the entity, with the entity's digest."""
        list_id = entity_id.split(":", 1)[0]
        versions = {v.id: v for v in self.versions(list_id)}
        with self.session() as session:
            rows = session.execute(
                select(EntityRow.version_id, EntityRow.digest)
                .where(EntityRow.entity_id == entity_id)
                .order_by(EntityRow.version_id)
            )
            return [(versions[vid], digest) for vid, digest in rows if vid in versions]

    def is_empty(self) -> bool:
        with self.session() as session:
            return session.execute(select(ListCurrentRow.list_id).limit(1)).first() is None

    def deleteversion_of(self, version_id: int) -> None:
        """Remove a non-current version and its entities (housekeeping)."""
        with self.session() as session, session.begin():
            row = session.get(ListVersionRow, version_id)
            if row is None:
                raise NotFoundError(f"no list version {version_id}")
            current = session.get(ListCurrentRow, row.list_id)
            if current is not None and current.version_id == version_id:
                raise InputError(f"version {version_id} is current and cannot be deleted")
            session.execute(delete(EntityRow).where(EntityRow.version_id == version_id))
            session.delete(row)


def _entity_ids(parsed: ParsedList) -> set[str]:
    """The ids of a list's entities, refusing an unknown list, an empty one, an entity of
    another list and a duplicate id."""
    if parsed.list not in LIST_IDS:
        raise InputError(f"unknown list {parsed.list!r}")
    if not parsed.entities:
        raise InputError("no entries to load", source=parsed.source)
    seen: set[str] = set()
    for entity in parsed.entities:
        if entity.list != parsed.list:
            raise InputError(
                f"entity {entity.id} belongs to list {entity.list}, not {parsed.list}",
                source=parsed.source,
            )
        if entity.id in seen:
            raise InputError(f"duplicate entity id {entity.id}", source=parsed.source)
        seen.add(entity.id)
    return seen


def _insert_version(
    session: Session,
    parsed: ParsedList,
    warnings: list[str],
    progress: Callable[[int, int], None] | None,
) -> ListVersionRow:
    """A new version row and its entities, in ``BATCH``-sized inserts (``progress`` is told
    how many of how many are in)."""
    total = len(parsed.entities)
    row = ListVersionRow(
        list_id=parsed.list,
        sha256=parsed.sha256,
        format=parsed.format,
        source=parsed.source,
        published_at=parsed.published_at,
        loaded_at=datetime.now(UTC),
        entity_count=total,
        counts=parsed.counts(),
        warnings=warnings,
        parser_version=PARSER_VERSION,
    )
    session.add(row)
    session.flush()
    digests = EntriesDigest()
    for start in range(0, total, BATCH):
        rows = []
        for e in parsed.entities[start : start + BATCH]:
            data = e.canonical_json()
            digest = hashlib.sha256(data.encode("utf-8")).hexdigest()
            rows.append(
                {
                    "version_id": row.id,
                    "entity_id": e.id,
                    "schema": e.schema,
                    "caption": e.caption,
                    "digest": digest,
                    "data": data,
                }
            )
            digests.add(e.id, e.schema, e.caption, digest, data)
        session.execute(insert(EntityRow), rows)
        if progress is not None:
            progress(min(start + BATCH, total), total)
    row.entries_sha256 = digests.hexdigest()
    session.flush()
    return row

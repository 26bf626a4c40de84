"""The versioned store of list entities (SQLite by default, PostgreSQL with the same code).

Each load of a list is an immutable version. A load runs in one transaction that inserts the
version, all its entities and flips the list's "current" pointer, so a malformed, failed or
interrupted load leaves the previous version current and intact. Loading content identical to
the current version (same sha256) creates no new version.
"""

from __future__ import annotations

import builtins
import contextlib
import hashlib
import json
import math
import os
import re
import select as io_select
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, delete, event, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    InvalidatePoolError,
    OperationalError,
    ProgrammingError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker

from tradeguard import settings
from tradeguard.errors import InputError, NotFoundError, StoreError
from tradeguard.lists.model import LIST_IDS, Entity, ParsedList
from tradeguard.store.schema import EntityRow, ListCurrentRow, ListVersionRow
from tradeguard.store.turns import write_turn

PARSER_VERSION = "1"
#: The PostgreSQL advisory lock held while the schema is upgraded.
MIGRATION_LOCK = 7_311_001
#: How often a store that failed tries to reconnect and upgrade (see ``Store.recover``).
RECOVERY_SECONDS = 1.0
MIGRATIONS = Path(__file__).parent / "migrations"
BATCH = 2000


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
        }


@dataclass(slots=True)
class LoadResult:
    list: str
    status: str  # "loaded" | "unchanged"
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


def _shrink(
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


def _version(row: ListVersionRow, current: bool = False) -> ListVersion:
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
    )


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None: in memory, a ``file:`` URI, or not SQLite)."""
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if database.startswith("file:") or parsed.query.get("uri"):
        return None
    return Path(database)


def create_private(path: Path) -> None:
    """Create the SQLite file readable and writable by its owner only (0600, whatever the
    umask), and its directory (0700) when it does not exist; an existing file is left as
    it is."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino


def make_engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        # The file is made here (private); the connections open it read-write without
        # creating it, so a store renamed away or deleted is an error (503 from the server)
        # rather than a new, empty database in its place.
        create_private(path)
        location = f"file:{quote(str(path.absolute()))}?mode=rw"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(location, uri=True, timeout=60, check_same_thread=False)

        engine = create_engine(url, creator=connect)

        @event.listens_for(engine, "connect")
        def _opened(dbapi_conn: Any, record: Any) -> None:
            record.info["file"] = _file_id(path)

        @event.listens_for(engine, "checkout")
        def _same_file(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
            # A pooled connection keeps the file it opened: once the store is renamed away
            # or replaced, it would go on reading and writing the old file.
            if _file_id(path) != record.info.get("file"):
                raise DisconnectionError("the store file was moved, deleted or replaced")
    elif url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
    if url.startswith("sqlite"):

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    engine = create_engine(url)
    dialect = engine.dialect
    if dialect.name != "postgresql" or dialect.driver != "psycopg":
        return create_engine(url, pool_pre_ping=True)

    @event.listens_for(engine, "checkout")
    def _alive(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        # The pool's pre-ping, without its round trip on every checkout: a pooled connection
        # the server closed (a restart, an administrator, a crash) has the server's farewell
        # or end-of-file waiting on its socket. Only such a connection is pinged; one that
        # fails the ping makes the pool drop all its connections and check out a new one.
        if _idle_and_quiet(dbapi_conn):
            return
        try:
            alive = dialect.do_ping(dbapi_conn)
        except Exception:
            alive = False
        if not alive:
            raise InvalidatePoolError("the server closed the connection")

    return engine


def _idle_and_quiet(dbapi_conn: Any) -> bool:
    """Whether a psycopg connection is open, idle and has nothing waiting to be read (an
    idle connection hears nothing from a server that keeps it open)."""
    from psycopg import pq

    pgconn = dbapi_conn.pgconn
    if dbapi_conn.closed or pgconn.status != pq.ConnStatus.OK:
        return False
    if pgconn.transaction_status != pq.TransactionStatus.IDLE:
        return False
    poller = io_select.poll()
    poller.register(pgconn.socket, io_select.POLLIN | io_select.POLLPRI)
    return not poller.poll(0)


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

    # -- opening --------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Store:
        """Open the store at ``url`` (default: ``$TRADEGUARD_DATABASE_URL`` or SQLite in the
        data directory) and bring its schema up to date."""
        url = url or settings.database_url()
        try:
            engine = make_engine(url)
            store = cls(engine)
            if migrate:
                store.migrate()
        except OperationalError as exc:
            raise StoreError(f"cannot open the store at {_redact(url)}: {exc.orig}") from None
        return store

    def migrate(self) -> None:
        """Upgrade the schema to the newest migration (Alembic is imported only when needed)."""
        head = migration_head()
        with self.engine.connect() as conn:
            if inspect(conn).has_table("alembic_version"):
                current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
                if current == head:
                    return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # workers starting (or recovering) together upgrade one after the other; the
                # upgrade finds the schema current when another one made it so
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

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
            checks["store"] = describe(exc)
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
        actor: str | None = None,
        allow_shrink: bool = False,
        max_shrink: float | None = None,
    ) -> LoadResult:
        """Store ``parsed`` as the new current version of its list, atomically.

        With ``actor``, the ``lists.load`` audit record is appended in the same transaction as
        the version, so a version is never current without its record. A new version that
        drops more than ``max_shrink`` (default: ``$TRADEGUARD_MAX_SHRINK``, 10 %) of the
        current version's entries is refused unless ``allow_shrink``; the override is stated in
        the version's warnings and the audit record.
        """
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
        previous = self.current_version(parsed.list)
        if previous is not None and previous.sha256 == parsed.sha256:
            result = LoadResult(parsed.list, "unchanged", previous, previous, list(parsed.warnings))
            if actor is not None:
                from tradeguard.audit import chain

                with self.write_turn(), self.engine.begin() as conn:
                    chain.append(conn, actor, "lists.load", f"list:{parsed.list}", result.to_dict())
            return result
        total = len(parsed.entities)
        reference, removed = self._shrink_basis(previous, seen, parsed.format)
        shrink, shrink_check = _shrink(
            parsed, previous, allow_shrink, max_shrink, reference, removed
        )
        warnings = list(parsed.warnings)
        if shrink is not None:
            warnings.append(shrink.describe())
        try:
            with self.session() as session, session.begin():
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
                version_id = row.id
                for start in range(0, total, BATCH):
                    chunk = parsed.entities[start : start + BATCH]
                    rows = []
                    for e in chunk:
                        data = e.canonical_json()
                        rows.append(
                            {
                                "version_id": version_id,
                                "entity_id": e.id,
                                "schema": e.schema,
                                "caption": e.caption,
                                "digest": hashlib.sha256(data.encode("utf-8")).hexdigest(),
                                "data": data,
                            }
                        )
                    session.execute(insert(EntityRow), rows)
                    if progress is not None:
                        progress(min(start + BATCH, total), total)
                current = session.get(ListCurrentRow, parsed.list)
                if current is None:
                    session.add(ListCurrentRow(list_id=parsed.list, version_id=version_id))
                else:
                    current.version_id = version_id
                session.flush()
                version = _version(row, current=True)
                result = LoadResult(
                    parsed.list, "loaded", version, previous, warnings, shrink, shrink_check
                )
                if actor is not None:
                    from tradeguard.audit import chain

                    chain.append(
                        session, actor, "lists.load", f"list:{parsed.list}", result.to_dict()
                    )
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
            return [_version(r, current=True) for r in rows]

    def current_version(self, list_id: str) -> ListVersion | None:
        with self.session() as session:
            row = session.execute(
                select(ListVersionRow)
                .join(ListCurrentRow, ListCurrentRow.version_id == ListVersionRow.id)
                .where(ListCurrentRow.list_id == list_id)
            ).scalar_one_or_none()
            return _version(row, current=True) if row else None

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
            return [_version(r, current=(r.id == current_id)) for r in rows]

    def version(self, version_id: int) -> ListVersion:
        with self.session() as session:
            row = session.get(ListVersionRow, version_id)
            if row is None:
                raise NotFoundError(f"no list version {version_id}")
            current = session.get(ListCurrentRow, row.list_id)
            return _version(row, current=bool(current and current.version_id == row.id))

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

    def delete_version(self, version_id: int) -> None:
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

    # -- the bundled snapshot -------------------------------------------------------------

    def ensure_loaded(
        self, notice: Callable[[str], None] | None = None, actor: str | None = None
    ) -> list[LoadResult]:
        """Load the bundled snapshot when no list is loaded yet (first use); with ``actor``,
        each list's ``lists.load`` audit record is committed with its version."""
        if not self.is_empty():
            return []
        from tradeguard.lists.snapshot import load_snapshot, snapshot_notice

        results = load_snapshot(self, actor)
        if notice is not None:
            notice(snapshot_notice())
        return results


#: SQLSTATEs of PostgreSQL meaning the schema is missing: undefined table, undefined schema.
_NO_SCHEMA = {"42P01", "3F000"}


def describe(exc: BaseException) -> str:
    """The first line of the database's own message, without the SQL and parameters."""
    orig = getattr(exc, "orig", None) or exc
    text_ = str(orig).strip().splitlines()
    return text_[0] if text_ else type(orig).__name__


def fault(exc: BaseException) -> tuple[int, str] | None:
    """How a database error is answered: ``(503, what)`` when the store is unreachable, locked
    for too long or without its tables (a fault of the service; retry later), ``(422, what)``
    for a value the store cannot hold (a NUL character, a string longer than its column, a
    number out of range: input that slipped past the checks at the boundary), or None (a bug:
    500)."""
    if isinstance(exc, StoreError):
        return 503, str(exc)
    if isinstance(exc, DataError):
        return 422, f"a value the store cannot hold: {describe(exc)}"
    if isinstance(exc, OperationalError | InterfaceError | DisconnectionError | PoolTimeout):
        return 503, f"the store is unavailable: {describe(exc)}"
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return 503, f"the store is unavailable: {describe(exc)}"
    if isinstance(exc, ProgrammingError) and getattr(exc.orig, "sqlstate", None) in _NO_SCHEMA:
        return 503, f"the store has no tables (a new or recreated database?): {describe(exc)}"
    return None


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN = re.compile(r"^down_revision\s*=\s*(?:['\"]([^'\"]+)['\"]|None)", re.M)


def migration_head() -> str:
    """The newest migration id, read from the migration files without importing Alembic."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text("utf-8")
        rev = _REVISION.search(source)
        if rev is None:
            continue
        revisions.add(rev.group(1))
        down = _DOWN.search(source)
        if down is not None and down.group(1):
            parents.add(down.group(1))
    heads = revisions - parents
    if len(heads) != 1:
        raise StoreError(f"the migrations have {len(heads)} heads ({sorted(heads)}); expected one")
    return heads.pop()


def _redact(url: str) -> str:
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url

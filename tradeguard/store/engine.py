"""The database engine of a store URL: SQLite opened private and read-write without creating
it behind the store's back (a store renamed away or deleted is an error, not a new empty
database), WAL mode; PostgreSQL through psycopg with a ping only for pooled connections the
server has closed."""

from __future__ import annotations

import os
import select as io_select
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, InvalidatePoolError


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


def redact(url: str) -> str:
    """The URL without its user and password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://***@{rest.split('@', 1)[1]}"
    return url

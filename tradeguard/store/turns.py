"""Writers of one SQLite database taking turns before they ask SQLite for its write lock.

SQLite has one writer at a time. A writer that finds the database locked sleeps and tries
again, 1, 2, 5, 10, 15, 20, 25 ... 100 ms later, so under load a short transaction often waits
far longer than the one ahead of it took. Hot paths (an audited decision: a few milliseconds'
work, hundreds a second) therefore queue here first: the threads of a process on a lock of
their own, the processes (server workers) on an advisory lock on a file next to the database,
tried every fraction of a millisecond. SQLite's own locking still decides; this only shortens
the waits. PostgreSQL queues writers on its row locks and needs none of it.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

try:
    import fcntl
except ImportError:  # not on Windows: the threads of a process still take turns
    fcntl = None  # type: ignore[assignment]

#: After this long the turn is taken without the file lock (SQLite's timeout then applies).
PATIENCE = 60.0


class WriteTurn:
    """A re-entrant context manager: the turn to write, for one thread of one process.

    ``patience`` is how long to wait for another process's turn (default :data:`PATIENCE`);
    ``clock`` (monotonic seconds) and ``sleep`` are the time this waits by (a test passes
    its own)."""

    def __init__(
        self,
        database: Path | None,
        *,
        patience: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._patience = patience
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.RLock()
        self._path = database.with_name(database.name + "-writelock") if database else None
        self._fd: int | None = None
        self._pid = 0
        self._depth = 0
        self._filed = False

    def __enter__(self) -> WriteTurn:
        self._lock.acquire()
        try:
            if self._depth == 0:
                self._filed = self._lock_file()
            self._depth += 1
        except BaseException:
            self._lock.release()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            self._depth -= 1
            if self._depth == 0 and self._filed and self._fd is not None and fcntl is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                self._filed = False
        finally:
            self._lock.release()

    def _file(self) -> int | None:
        if self._path is None or fcntl is None:
            return None
        if self._fd is None or self._pid != os.getpid():  # a forked child opens its own
            try:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:  # a read-only directory: threads still take turns
                self._path = None
                return None
            self._pid = os.getpid()
        return self._fd

    def _lock_file(self) -> bool:
        fd = self._file()
        if fd is None or fcntl is None:
            return False
        pause = 0.0001
        patience = PATIENCE if self._patience is None else self._patience
        deadline = self._clock() + patience
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except BlockingIOError:
                if self._clock() > deadline:
                    return False
                self._sleep(pause)
                pause = min(pause * 2, 0.001)
            except OSError:  # no advisory locks here (some network file systems)
                self._path = None
                return False


def write_turn(database: Path | None, dialect: str) -> contextlib.AbstractContextManager[object]:
    """The turn for a store: a :class:`WriteTurn` on SQLite (``database`` is its file, None
    in memory), nothing to wait for elsewhere."""
    if dialect != "sqlite":
        return contextlib.nullcontext()
    return WriteTurn(database)

"""Scheduled monitoring inside the server: one worker at a time holds a lease in the store and
runs :func:`tradeguard.cases.monitor.run` every ``monitor.interval_minutes``."""

from __future__ import annotations

import os
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import insert, update
from sqlalchemy.exc import IntegrityError

from tradeguard.accounts.users import SYSTEM
from tradeguard.cases import monitor
from tradeguard.cases.config import get_config
from tradeguard.jobs.tables import LeaseRow

if TYPE_CHECKING:
    from collections.abc import Callable

    from tradeguard.store import Store


def acquire_lease(
    store: Store, name: str, holder: str, seconds: float, now: datetime | None = None
) -> bool:
    """Take (or renew) the named lease unless another holder has it unexpired at ``now``
    (default: the current time)."""
    now = now or datetime.now(UTC)
    until = now + timedelta(seconds=seconds)
    with store.session() as session, session.begin():
        result = session.execute(
            update(LeaseRow)
            .where(LeaseRow.name == name, (LeaseRow.until < now) | (LeaseRow.holder == holder))
            .values(holder=holder, until=until)
        )
        if result.rowcount == 1:  # type: ignore[attr-defined]
            return True
    try:
        with store.session() as session, session.begin():
            session.execute(insert(LeaseRow).values(name=name, holder=holder, until=until))
        return True
    except IntegrityError:
        return False


def due(store: Store, now: datetime | None = None) -> bool:
    """Whether monitoring is due at ``now``: never run, or the last run finished at least
    ``monitor.interval_minutes`` ago (never when the interval is 0)."""
    minutes = int(get_config(store)["monitor.interval_minutes"])
    if minutes <= 0:
        return False
    last = monitor.last_run(store)
    if last is None:
        return True
    finished = datetime.fromisoformat(last.finished_at)
    return (now or datetime.now(UTC)) - finished >= timedelta(minutes=minutes)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class Scheduler:
    """A daemon thread that checks every ``poll`` seconds whether monitoring is due and, if so
    and it holds the store's ``monitor`` lease, runs it. ``clock`` gives the current UTC time
    (a test passes its own)."""

    def __init__(
        self,
        store: Store,
        screen_factory: Callable[[], monitor.ScreenFn],
        poll: float = 30.0,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.store = store
        self.screen_factory = screen_factory
        self.poll = poll
        self.clock = clock
        self.holder = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="monitor", daemon=True)
        self.last_error: str | None = None

    @property
    def lease_seconds(self) -> float:
        """How long a taken lease lasts: four polls, at least ten minutes."""
        return max(self.poll * 4, 600)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def tick(self) -> monitor.MonitorSummary | None:
        """Run monitoring once if it is due and this scheduler holds (or takes) the lease;
        None otherwise."""
        now = self.clock()
        if not due(self.store, now):
            return None
        if not acquire_lease(self.store, "monitor", self.holder, self.lease_seconds, now):
            return None
        return monitor.run(self.store, SYSTEM, self.screen_factory(), clock=self.clock)

    def _loop(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                self.tick()
                self.last_error = None
            except Exception as exc:  # keep the server up; report through /health
                self.last_error = f"{type(exc).__name__}: {exc}"

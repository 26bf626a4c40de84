"""The scheduler's lease: several server workers each run a scheduler on one database and
exactly one of them runs a due monitoring job; a lease held by one is not taken by another
until it expires, then it is taken over. Each worker has its own store connection, as in the
server; every scheduler reads the same hand-moved clock."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from tradeguard.cases import monitor
from tradeguard.cases.config import set_config
from tradeguard.cases.tables import MonitorRunRow
from tradeguard.jobs.schedule import Scheduler, acquire_lease
from tradeguard.jobs.tables import LeaseRow
from tradeguard.store import Store

from ..clock import FakeWallClock
from .helpers import ADMIN


def _no_hits(_: object) -> list[monitor.Hit]:
    return []


@pytest.fixture
def workers(store_url: str) -> Iterator[tuple[Store, Store]]:
    """Two stores on one database, as two server workers hold them."""
    first = Store.open(store_url)
    second = Store.open(store_url)
    set_config(first, ADMIN, "monitor.interval_minutes", 60)
    try:
        yield first, second
    finally:
        first.close()
        second.close()


def _runs(store: Store) -> int:
    with store.session() as session:
        return int(session.execute(select(func.count()).select_from(MonitorRunRow)).scalar_one())


def _holder(store: Store) -> str:
    with store.session() as session:
        return session.execute(select(LeaseRow.holder)).scalar_one()


def test_a_held_lease_keeps_the_other_scheduler_out(workers: tuple[Store, Store]) -> None:
    clock = FakeWallClock()
    seen_by_b: list[monitor.MonitorSummary | None] = []

    def a_screen() -> monitor.ScreenFn:
        # A holds the lease and has not finished: monitoring is still due for B
        seen_by_b.append(b.tick())
        return _no_hits

    a = Scheduler(workers[0], a_screen, clock=clock)
    b = Scheduler(workers[1], lambda: _no_hits, clock=clock)
    assert a.tick() is not None
    assert seen_by_b == [None]
    assert _runs(workers[0]) == 1
    assert _holder(workers[1]) == a.holder
    assert b.tick() is None  # not due again before the interval is over


def test_schedulers_ticking_together_run_the_job_once(workers: tuple[Store, Store]) -> None:
    clock = FakeWallClock()
    schedulers = [Scheduler(s, lambda: _no_hits, clock=clock) for s in workers]
    barrier = threading.Barrier(len(schedulers))
    ran: list[monitor.MonitorSummary | None] = [None, None]
    failed: list[BaseException] = []

    def tick(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            ran[i] = schedulers[i].tick()
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=tick, args=(i,)) for i in range(len(schedulers))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failed == []
    assert sum(r is not None for r in ran) == 1
    assert _runs(workers[0]) == 1


def test_an_expired_lease_is_taken_over(workers: tuple[Store, Store]) -> None:
    clock = FakeWallClock()
    a = Scheduler(workers[0], lambda: _no_hits, clock=clock)
    b = Scheduler(workers[1], lambda: _no_hits, clock=clock)
    assert a.lease_seconds == 600
    assert a.tick() is not None  # A holds the lease for 10 minutes

    clock.advance(599)  # A's lease not yet expired
    set_config(workers[0], ADMIN, "monitor.interval_minutes", 1)  # so due again
    assert b.tick() is None
    assert _holder(workers[0]) == a.holder

    assert a.tick() is not None  # the holder renews its own lease and runs
    clock.advance(599)
    assert b.tick() is None  # renewed at 599 s: held until 1,199 s
    clock.advance(2)
    assert b.tick() is not None  # expired: B takes it over and runs
    assert _holder(workers[0]) == b.holder
    clock.advance(60)
    assert a.tick() is None  # now B holds it
    assert _runs(workers[0]) == 3


def test_a_lease_is_taken_renewed_and_refused_by_name(workers: tuple[Store, Store]) -> None:
    clock = FakeWallClock()
    first, second = workers
    assert acquire_lease(first, "monitor", "a", 60, clock())
    assert not acquire_lease(second, "monitor", "b", 60, clock())
    assert acquire_lease(second, "other", "b", 60, clock())  # leases are per name
    clock.advance(30)
    assert acquire_lease(first, "monitor", "a", 60, clock())  # renewed to 90 s
    clock.advance(45)
    assert not acquire_lease(second, "monitor", "b", 60, clock())
    clock.advance(16)
    assert acquire_lease(second, "monitor", "b", 60, clock())
    assert not acquire_lease(first, "monitor", "a", 60, clock())

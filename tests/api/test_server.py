"""The running server: it says when every worker serves, connections spread over the worker
processes, a revoked token is refused by every worker, a worker that dies is replaced, and
decisions take turns in each worker. (How long a worker trusts a token it checked is the token
cache's, tested with a clock in tests/cases/test_tokens.py.)"""

from __future__ import annotations

import gc
import signal
import socket
import threading
from collections import Counter

import anyio
import httpx
import psutil
import pytest

from tradeguard.accounts import users
from tradeguard.server import reuseport_balances, serve
from tradeguard.service import Service as Services
from tradeguard.store import Store

from ..cases.helpers import ADMIN, make_users, token
from ..conftest import FIXTURES
from .conftest import Served, run_server

UN_EXTRACT = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"

_needs_reuseport = pytest.mark.skipif(
    not reuseport_balances(), reason="one socket per worker needs SO_REUSEPORT balancing"
)


def _workers(served: Served) -> list[psutil.Process]:
    """The worker processes: the supervisor's children that listen on the server's port."""
    found = []
    for child in psutil.Process(served.process.pid).children():
        try:
            if any(
                c.status == psutil.CONN_LISTEN and c.laddr.port == served.port
                for c in child.net_connections(kind="tcp")
            ):
                found.append(child)
        except psutil.Error:
            continue
    return found


def _serving(served: Served, count: int) -> list[psutil.Process]:
    """The workers listening once the server said every worker serves: ``count`` of them."""
    workers = _workers(served)
    assert len(workers) == count, f"expected {count} listening workers, found {len(workers)}"
    return workers


def _statuses(served: Served, path: str, token: str, n: int = 16) -> list[int]:
    """Each request on a new connection, so that they meet every worker."""
    out = []
    for _ in range(n):
        with httpx.Client(base_url=served.base, timeout=30) as client:
            out.append(client.get(path, headers={"Authorization": f"Bearer {token}"}).status_code)
    return out


@_needs_reuseport
def test_connections_spread_over_the_workers(sqlite_store: Store) -> None:
    url = sqlite_store.engine.url.render_as_string(hide_password=False)
    with run_server(url) as served:
        workers = _serving(served, 2)
        # 16 keep-alive connections opened at once, as a load generator does
        clients = [httpx.Client(base_url=served.base, timeout=30) for _ in range(16)]
        try:
            barrier = threading.Barrier(len(clients))

            def first(client: httpx.Client) -> None:
                barrier.wait(timeout=30)
                client.get("/health")

            threads = [threading.Thread(target=first, args=(c,)) for c in clients]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=60)
            held: Counter[int] = Counter()
            for worker in workers:
                for c in worker.net_connections(kind="tcp"):
                    if c.status == psutil.CONN_ESTABLISHED and c.laddr.port == served.port:
                        held[worker.pid] += 1
        finally:
            for c in clients:
                c.close()
        # each lands on either worker at random: all 16 on one happens once in 30 000 runs
        assert sum(held.values()) == 16
        assert len(held) == 2, held


def test_a_revoked_token_is_refused_by_every_worker(store: Store, store_url: str) -> None:
    """Every worker asks the store (a token cache of 0 s): a token revoked through one worker,
    or a user disabled elsewhere (here: this process), is refused by all of them at once."""
    make_users(store)
    admin = token(store, "adam").token
    ana = token(store, "ana")
    with run_server(store_url, TRADEGUARD_TOKEN_CACHE_SECONDS="0") as served:
        _serving(served, 2)
        assert set(_statuses(served, "/me", ana.token)) == {200}
        with httpx.Client(base_url=served.base, timeout=30) as client:
            r = client.delete(f"/tokens/{ana.id}", headers={"Authorization": f"Bearer {admin}"})
            assert r.status_code == 200
            r = client.get("/me", headers={"Authorization": f"Bearer {ana.token}"})
            assert r.status_code == 401
        assert set(_statuses(served, "/me", ana.token)) == {401}
        rita = token(store, "rita").token
        assert set(_statuses(served, "/me", rita)) == {200}
        users.set_active(store, ADMIN, "rita", False)
        assert set(_statuses(served, "/me", rita)) == {401}


@_needs_reuseport
def test_a_worker_that_dies_is_replaced_and_stop_ends_them_all(sqlite_store: Store) -> None:
    url = sqlite_store.engine.url.render_as_string(hide_password=False)
    with run_server(url) as served:
        first, second = _serving(served, 2)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
        assert "READY=1" in served.ready()  # said again once the new worker serves
        workers = _serving(served, 2)
        assert second.pid in {w.pid for w in workers} and first.pid not in {w.pid for w in workers}
        assert set(_statuses(served, "/health", "none")) == {200}
        served.process.send_signal(signal.SIGTERM)
        assert served.process.wait(timeout=60) == 0
        psutil.wait_procs(workers, timeout=30)
        assert not any(w.is_running() for w in workers)


@_needs_reuseport
def test_workers_stop_when_the_supervisor_is_killed(sqlite_store: Store) -> None:
    url = sqlite_store.engine.url.render_as_string(hide_password=False)
    with run_server(url) as served:
        workers = _serving(served, 2)
        served.process.send_signal(signal.SIGKILL)
        served.process.wait(timeout=30)
        _gone, alive = psutil.wait_procs(workers, timeout=60)
        assert alive == [], "workers outlived their supervisor"


@_needs_reuseport
def test_a_port_in_use_is_a_clear_error(capfd: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SystemExit) as exited:
            serve("127.0.0.1", port, workers=2)
    assert exited.value.code == 3
    err = capfd.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "in use" in err


@pytest.mark.parametrize("threads", [1, 2])
def test_decisions_take_turns_in_arrival_order(sqlite_store: Store, threads: int) -> None:
    """Eight decisions arrive in order while the first ``threads`` are held inside: no more
    than ``threads`` run at once, and the others are admitted in arrival order."""
    services = Services(sqlite_store, decision_threads=threads)
    running = 0
    most = 0
    started: list[int] = []
    lock = threading.Lock()
    inside = threading.Semaphore(0)  # released by each decision as it starts
    go = threading.Event()  # set once all eight have arrived

    def decision(n: int) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
            started.append(n)
        inside.release()
        assert go.wait(timeout=60)
        with lock:
            running -= 1
        return n * n

    def first_ones_inside() -> None:
        for _ in range(threads):
            assert inside.acquire(timeout=60)

    async def main() -> list[int]:
        results: list[int] = [0] * 8

        async def one(n: int) -> None:
            results[n] = await services.decide(decision, n)

        async with anyio.create_task_group() as group:
            for n in range(8):
                group.start_soon(one, n)  # they ask for a turn in this order
            # the first ones hold their turns; by then the others have asked and wait
            await anyio.to_thread.run_sync(first_ones_inside)
            go.set()
        return results

    assert anyio.run(main) == [n * n for n in range(8)]
    assert most == threads
    if threads == 1:
        assert started == list(range(8))
    else:  # admitted in order; two admitted together may start in either order
        assert all(abs(started.index(n) - n) <= 1 for n in range(8)), started


def test_a_warm_worker_keeps_its_screener_out_of_the_collectors_view(sqlite_store: Store) -> None:
    """After warming, the screener's objects sit in the permanent generation: a full garbage
    collection no longer walks them (with the full lists it took most of a second)."""
    from tradeguard.lists.registry import parse_path

    sqlite_store.load(parse_path(UN_EXTRACT, "un_sc"))
    services = Services(sqlite_store)
    try:
        services.warm()
        screener = services.screener()
        assert gc.is_tracked(screener)
        assert gc.get_freeze_count() > 0
        assert not any(obj is screener for obj in gc.get_objects())
        assert services.screener() is screener  # unchanged lists: the same screener
    finally:
        gc.unfreeze()

"""Writers of one SQLite database take turns: the threads of a process on a lock, processes on
an advisory lock on a file next to the database (bounded: SQLite's own lock still decides)."""

from __future__ import annotations

import fcntl
import os
import threading
from pathlib import Path

from tradeguard.store import Store, turns

from ..clock import FakeClock


def _holder(path: Path) -> int:
    """Another process's hold on the turn (a separate open file: flock tells them apart)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def test_a_writer_waits_for_another_process_and_goes_when_it_is_done(tmp_path: Path) -> None:
    lock_file = tmp_path / "store.db-writelock"
    fd = _holder(lock_file)
    tries: list[float] = []

    def sleep(seconds: float) -> None:  # between tries; the other process is done after 3
        tries.append(seconds)
        if len(tries) == 3:
            os.close(fd)  # closing releases the lock

    turn = turns.WriteTurn(tmp_path / "store.db", clock=FakeClock(), sleep=sleep)
    with turn, turn:  # re-entrant within a thread
        assert len(tries) == 3  # it waited for the other process, and went when it was done
        assert not _free(lock_file)  # now this one holds the turn
    assert len(tries) == 3
    assert _free(lock_file)  # and gave it back


def _free(path: Path) -> bool:
    """Whether another process could take the turn now."""
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def test_threads_of_one_process_take_turns(tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    inside = 0
    most = 0
    lock = threading.Lock()

    def work() -> None:
        nonlocal inside, most
        for _ in range(20):
            with store.write_turn():
                with lock:
                    inside += 1
                    most = max(most, inside)
                os.sched_yield()  # let the other threads try to come in
                with lock:
                    inside -= 1

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    assert most == 1


def test_the_wait_for_another_process_is_bounded(tmp_path: Path) -> None:
    clock = FakeClock()
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)

    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    turn = turns.WriteTurn(tmp_path / "store.db", patience=0.2, clock=clock, sleep=sleep)
    fd = _holder(tmp_path / "store.db-writelock")  # never released while we wait
    try:
        with turn, store.engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")  # SQLite's lock is free
        assert 0.2 <= sum(slept) < 0.21
        assert max(slept) <= 0.001  # tried again every millisecond at most
    finally:
        os.close(fd)
        store.close()


def test_which_stores_take_turns(tmp_path: Path, store: Store, store_url: str) -> None:
    memory = Store.open("sqlite://")
    try:
        with memory.write_turn():  # threads still take turns; there is no file to lock
            pass
    finally:
        memory.close()
    with store.write_turn():
        pass
    on_sqlite = store_url.startswith("sqlite")
    assert isinstance(store.write_turn(), turns.WriteTurn) == on_sqlite
    assert [p.name for p in tmp_path.glob("*-writelock")] == (
        ["store.db-writelock"] if on_sqlite else []
    )

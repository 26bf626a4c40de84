"""Run workers in threads at the same moment, for the tests of concurrent writers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


class StillRunning(RuntimeError):
    """A worker thread did not finish within the time given."""


def run_at_once(
    worker: Callable[[T], object], args: Sequence[T], timeout: float = 120.0
) -> list[BaseException]:
    """``worker(arg)`` for each of ``args``, each in its own thread, released together by a
    barrier; what they raised (a thread still running after ``timeout`` counts as a
    :class:`StillRunning`), in the order of ``args``."""
    barrier = threading.Barrier(len(args))
    raised: list[BaseException | None] = [None] * len(args)

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            worker(args[index])
        except BaseException as exc:  # reported to the test, not lost in the thread
            raised[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(args))]
    for thread in threads:
        thread.start()
    for index, thread in enumerate(threads):
        thread.join(timeout=timeout)
        if thread.is_alive():
            raised[index] = StillRunning(f"worker {index} still running after {timeout} s")
    return [exc for exc in raised if exc is not None]


def finish_job(job_id: str, timeout: float = 300.0) -> None:
    """Wait for a batch job's thread (it names itself ``screen-batch-<id>``) to end; a job
    whose thread has ended already is finished."""
    for thread in threading.enumerate():
        if thread.name == f"screen-batch-{job_id}":
            thread.join(timeout=timeout)
            assert not thread.is_alive(), f"job {job_id} still running after {timeout} s"

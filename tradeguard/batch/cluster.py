"""Which Dask cluster a batch runs on: none (in-process), a LocalCluster, or an existing one."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager

import dask
from distributed import Client, LocalCluster

from tradeguard.errors import InputError

SCHEMES = ("tcp://", "tls://", "ws://", "wss://", "ucx://", "inproc://")

#: Worker settings of a LocalCluster (each worker process takes them at start). Dask's
#: statistical profiler samples every task thread's stack every 10 ms and its monitor watches the
#: GIL every millisecond: both take the GIL from the screening, which is pure Python, for a
#: dashboard nobody looks at during a batch run. Set the same on the workers of an existing
#: cluster (docs/batch.md, "On an existing Dask cluster, with the store on PostgreSQL").
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
}


def check(cluster: str | None) -> str | None:
    """Validate a ``--cluster`` value: ``local`` or a scheduler address (``tcp://HOST:PORT``)."""
    if cluster is None or cluster == "local" or cluster.startswith(SCHEMES):
        return cluster
    raise InputError(
        f"unknown cluster {cluster!r}; expected 'local' or a scheduler address such as "
        "tcp://HOST:8786",
        field="--cluster",
    )


@contextmanager
def connect(
    cluster: str | None,
    *,
    n_workers: int | None = None,
    threads_per_worker: int = 1,
    timeout: float = 30.0,
) -> Iterator[Client | None]:
    """A client for ``cluster`` (None: no cluster, run in-process), closed afterwards.

    ``local`` starts a LocalCluster of worker processes on this machine, one per core unless
    ``n_workers`` says otherwise; an address connects to a running scheduler.
    """
    check(cluster)
    if cluster is None:
        yield None
        return
    if cluster == "local":
        workers = n_workers or max(1, os.cpu_count() or 1)
        with (
            dask.config.set(LOCAL_WORKER_CONFIG),
            LocalCluster(
                n_workers=workers,
                threads_per_worker=threads_per_worker,
                processes=True,
                dashboard_address=":0",
                scheduler_kwargs={"dashboard": False},
                silence_logs=logging.ERROR,
            ) as local,
            Client(local) as client,
        ):
            yield client
        return
    try:
        client = Client(cluster, timeout=timeout)
    except OSError as exc:
        raise InputError(
            f"cannot reach the scheduler at {cluster}: {exc}", field="--cluster"
        ) from None
    try:
        yield client
    finally:
        client.close()

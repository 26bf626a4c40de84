"""An existing Dask cluster reached by its address (``--cluster tcp://HOST:PORT``): a scheduler
and two workers started as processes of their own, the way ``dask scheduler`` and ``dask worker``
are started by hand, with the worker settings docs/batch.md gives for such a cluster."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import pyarrow.parquet as pq
import pytest
from distributed import Client
from typer.testing import CliRunner

from tests.batch.same import cluster_run_matches_in_process
from tradeguard.batch.cluster import connect
from tradeguard.batch.io import OutputDir
from tradeguard.cli import app
from tradeguard.errors import InputError

screening = pytest.importorskip("tradeguard.screening")

#: The environment docs/batch.md tells to give the workers of an existing cluster.
README_WORKER_ENV = {
    "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
    "DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__GIL__ENABLED": "False",
}

SCHEDULER_ARGS = ("--host", "127.0.0.1", "--port", "0", "--no-dashboard")
WORKER_ARGS = ("--nworkers", "2", "--nthreads", "1", "--no-dashboard", "--local-directory")


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in reversed(processes):
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a scheduler with two single-threaded workers, each its own process."""
    work = tmp_path_factory.mktemp("cluster")
    env = {**os.environ, **README_WORKER_ENV}
    dask_cli = [sys.executable, "-m", "dask"]
    processes = [
        subprocess.Popen(
            [*dask_cli, "scheduler", *SCHEDULER_ARGS],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
    ]
    try:
        scheduler = _reported_address(processes[0])
        processes.append(
            subprocess.Popen(
                [*dask_cli, "worker", scheduler, *WORKER_ARGS, str(work)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        with Client(scheduler, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            yield scheduler
    finally:
        _stop(processes)


def _reported_address(scheduler: subprocess.Popen[bytes], timeout: float = 60) -> str:
    """The address the scheduler says it listens on (its log line ``Scheduler at: tcp://...``,
    on port 0 the port it was given). Its log is read to the end by a thread of its own, so
    that the scheduler never blocks on a full pipe."""
    lines: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert scheduler.stderr is not None
        for raw in scheduler.stderr:
            lines.put(raw.decode("utf-8", "replace"))
        lines.put(None)  # the scheduler ended

    threading.Thread(target=read, daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            pytest.fail(f"the dask scheduler named no address within {timeout} s")
        if line is None:
            pytest.fail("the dask scheduler ended before it named its address")
        found = re.search(r"Scheduler at:\s*(tcp://\S+)", line)
        if found:
            return found.group(1)


SAMPLERS = ("distributed.worker.profile.enabled", "distributed.admin.system-monitor.gil.enabled")


def _config(keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: dask.config.get(key) for key in keys}


@pytest.mark.parametrize("ship", ["auto", "plugin"])
def test_address_gives_the_in_process_rows(
    tmp_path: Path, counterparties: Path, screener: Any, address: str, ship: str
) -> None:
    """By address, the client is made and closed by ``screen_batch``; the index goes to the
    workers by file (they run on this host) or, as on a remote cluster, in a worker plugin."""
    assert address.startswith("tcp://127.0.0.1:")
    result = cluster_run_matches_in_process(
        tmp_path, counterparties, screener, cluster=address, ship=ship
    )
    assert result.ship == ("file" if ship == "auto" else ship)
    assert result.cluster == address
    with Client(address) as client:
        settings = client.run(_config, SAMPLERS).values()
    assert all(not any(s.values()) for s in settings)  # the documented worker settings took


def test_cli_screen_batch_by_address(tmp_path: Path, loaded_home: Path, address: str) -> None:
    """``tradeguard screen-batch ... --cluster tcp://HOST:PORT`` on the loaded store: the rows
    of the in-process run, as Parquet parts."""
    source = tmp_path / "parties.csv"
    source.write_text(
        "id,name,type,country\n"
        "1,KOREA RYONBONG GENERAL CORPORATION,Organization,\n"
        "2,Nordic Timber Supplies AB,Company,SE\n"
        "3,,Person,\n"
        "4,Ri Chol Ho,Person,KP\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    one = runner.invoke(app, ["screen-batch", str(source), "-o", str(tmp_path / "one.parquet")])
    assert one.exit_code == 2, one.output  # a row not screened fails the in-process run
    many = runner.invoke(
        app, ["screen-batch", str(source), "-o", str(tmp_path / "many"), "--cluster", address]
    )
    assert many.exit_code == 2, many.output  # and the cluster run fails alike
    said = " ".join(many.output.split())  # as the console wrapped it
    assert "line 4, field 'name': missing name" in said  # the row without a name, by its line
    assert "1 of 4 rows were not screened" in said
    # one row per party: Korea Ryonbong's copies on every list (the EU's eu_fsf:5493 among
    # them) are one party
    assert f"on {address}: 3 output rows, 1 bad" in said
    expected = OutputDir(str(tmp_path / "many")).read()
    assert pq.read_table(tmp_path / "one.parquet").to_pylist() == expected.to_pylist()
    assert "1" in {r["id"] for r in expected.to_pylist() if r["entity_id"]}


def test_unreachable_address_is_a_clear_error() -> None:
    with pytest.raises(InputError) as caught, connect("tcp://127.0.0.1:9", timeout=2):
        pass
    assert caught.value.field == "--cluster"
    assert "cannot reach the scheduler at tcp://127.0.0.1:9" in str(caught.value)
    assert "after 2 s" in str(caught.value)  # it gave up after the timeout it was given

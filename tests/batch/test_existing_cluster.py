"""An existing Dask cluster reached by its address (``--cluster tcp://HOST:PORT``): a scheduler
and two workers started as processes of their own, the way ``dask scheduler`` and ``dask worker``
are started by hand, with the worker settings docs/batch.md gives for such a cluster."""

from __future__ import annotations

import os
import subprocess
import sys
import time
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
    scheduler_file = work / "scheduler.json"
    env = {**os.environ, **README_WORKER_ENV}
    dask_cli = [sys.executable, "-m", "dask"]
    processes = [
        subprocess.Popen(
            [*dask_cli, "scheduler", *SCHEDULER_ARGS, "--scheduler-file", str(scheduler_file)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists():
            if time.monotonic() > deadline or processes[0].poll() is not None:
                pytest.fail("the dask scheduler did not start")
            time.sleep(0.2)
        processes.append(
            subprocess.Popen(
                [
                    *dask_cli,
                    "worker",
                    "--scheduler-file",
                    str(scheduler_file),
                    *WORKER_ARGS,
                    str(work),
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        with Client(scheduler_file=str(scheduler_file), timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
            yield str(client.scheduler.address)  # type: ignore[union-attr]
    finally:
        _stop(processes)


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
    started = time.monotonic()
    with pytest.raises(InputError) as caught, connect("tcp://127.0.0.1:9", timeout=2):
        pass
    assert caught.value.field == "--cluster"
    assert "cannot reach the scheduler at tcp://127.0.0.1:9" in str(caught.value)
    assert time.monotonic() - started < 30

"""Batch screening in-process and on a LocalCluster of two worker processes: the same rows,
and no row lost or duplicated when a worker is killed in the middle of a run."""

from __future__ import annotations

from pathlib import Path

import cloudpickle
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client

from tests.batch import faults
from tests.batch.same import cluster_run_matches_in_process
from tradeguard.batch import screen_batch
from tradeguard.batch.cluster import LOCAL_WORKER_CONFIG, connect
from tradeguard.batch.io import OutputDir

screening = pytest.importorskip("tradeguard.screening")
if not hasattr(screening, "Screener"):
    pytest.skip("the screening engine is not on this branch yet", allow_module_level=True)
Screener = screening.Screener
from tradeguard.screening.batch import screen_file  # noqa: E402

cloudpickle.register_pickle_by_value(faults)


def test_in_process_equals_screen_batch(
    tmp_path: Path, counterparties: Path, screener: Screener
) -> None:
    """The partitioned runner gives screen-batch's rows and bad-row reports, in order."""
    reference = screen_file(screener, counterparties, tmp_path / "reference.parquet")
    result = screen_batch(counterparties, tmp_path / "out", screener=screener, partition_size=16)
    table = OutputDir(str(tmp_path / "out")).read()
    expected = pq.read_table(tmp_path / "reference.parquet")
    assert table.to_pylist() == expected.to_pylist()
    assert result.rows_in == 121 and result.rows_out == expected.num_rows
    assert [(e.line, e.message) for e in result.errors] == [
        (b.line, b.message) for b in reference.bad
    ]
    assert [(e.line, e.field) for e in result.errors] == [(9, "name")]  # header is line 1
    assert len(result.partitions) == 8
    hits = {r["id"] for r in expected.to_pylist() if r["entity_id"]}
    assert sum(1 for i in hits if str(i).startswith("L")) >= 55  # the listed names are found
    assert not any(str(i).startswith("U") for i in hits)  # the unlisted ones are not
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["_manifest.json"] + [f"part-{i:05d}.parquet" for i in range(8)]


@pytest.mark.parametrize("ship", ["file", "plugin", "scatter"])
def test_local_cluster_identical_to_in_process(
    tmp_path: Path, counterparties: Path, screener: Screener, client: Client, ship: str
) -> None:
    result = cluster_run_matches_in_process(
        tmp_path, counterparties, screener, client=client, ship=ship
    )
    assert result.ship == ship


@pytest.mark.parametrize("when", ["start", "written"])
def test_killed_worker_loses_and_duplicates_no_row(
    tmp_path: Path, counterparties: Path, screener: Screener, client: Client, when: str
) -> None:
    screen_batch(counterparties, tmp_path / "local", screener=screener, partition_size=16)
    marker = tmp_path / "killed"
    client.register_plugin(faults.KillOnPartition("-00003", when, marker))
    try:
        result = screen_batch(
            counterparties,
            tmp_path / "dask",
            screener=screener,
            client=client,
            partition_size=16,
            ship="plugin",
        )
    finally:
        client.unregister_worker_plugin(faults.KillOnPartition.name)
    assert marker.exists()  # a worker really died running partition 3
    local = OutputDir(str(tmp_path / "local")).read()
    dask = OutputDir(str(tmp_path / "dask")).read()
    assert dask.equals(local)
    ids = dask.column("id").to_pylist()
    assert len(set(ids)) == 120 and len(ids) == local.num_rows
    assert result.rows_in == 121 and sorted(p.index for p in result.partitions) == list(range(8))
    client.wait_for_workers(2, timeout=120)  # the nanny brought the worker back


def test_gathered_single_file_and_formats(
    tmp_path: Path, counterparties: Path, screener: Screener
) -> None:
    screen_batch(counterparties, tmp_path / "parts", screener=screener, partition_size=50)
    parts = OutputDir(str(tmp_path / "parts")).read()
    for suffix in (".csv", ".jsonl", ".parquet", ".xlsx"):
        import polars as pl

        from tradeguard.batch.io import read_frame, write_single

        source = tmp_path / f"input{suffix}"
        frame = read_frame(counterparties).drop("_line")
        if suffix == ".csv":
            source = counterparties
        elif suffix == ".jsonl":
            frame.write_ndjson(source)
        elif suffix == ".parquet":
            frame.write_parquet(source)
        else:
            write_single(frame.to_arrow(), source)
        out = tmp_path / f"result{suffix}.csv"
        result = screen_batch(source, out, screener=screener, partition_size=50)
        assert result.output == str(out)
        gathered = pl.read_csv(out, infer_schema_length=0)
        assert gathered["id"].to_list() == parts.column("id").to_pylist()
        assert gathered.height == parts.num_rows
    assert not list(tmp_path.glob(".parts-*"))
    assert pa.types.is_float64(parts.schema.field("score").type)


def _worker_settings() -> dict[str, object]:
    import dask

    return {key: dask.config.get(key) for key in LOCAL_WORKER_CONFIG}


def test_local_cluster_workers_run_without_the_stack_sampler() -> None:
    """`--cluster local` starts its workers with Dask's statistical profiler and GIL monitor
    off (both take the GIL from the pure-Python screening every few milliseconds)."""
    with connect("local", n_workers=1) as client:
        assert client is not None
        settings = list(client.run(_worker_settings).values())
    assert settings == [dict.fromkeys(LOCAL_WORKER_CONFIG, False)]

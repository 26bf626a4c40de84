"""Batch screening in-process and on a LocalCluster of two worker processes: the same rows,
and no row lost or duplicated when a worker is killed in the middle of a run."""

from __future__ import annotations

import csv
from pathlib import Path

import cloudpickle
import pyarrow as pa
import pytest
from distributed import Client

from tests.batch import faults
from tradeguard.batch import screen_batch
from tradeguard.batch.io import OutputDir

screening = pytest.importorskip("tradeguard.screening")
if not hasattr(screening, "Screener"):
    pytest.skip("the screening engine is not on this branch yet", allow_module_level=True)
Query = screening.Query
Screener = screening.Screener

cloudpickle.register_pickle_by_value(faults)


def expected_rows(path: Path, screener: Screener) -> list[dict[str, object]]:
    """Screen the file row by row, the plain way, as the reference for the batch output."""
    rows: list[dict[str, object]] = []
    with path.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            if not record["name"]:
                continue
            query = Query(
                name=record["name"],
                schema=record["type"] or None,
                countries=[record["country"]] if record["country"] else [],
            )
            matches = screener.screen(query)
            if not matches:
                rows.append(
                    dict.fromkeys(("entity_id", "list", "source_id", "matched_name", "score"), None)
                    | {"id": record["id"]}
                )
            for m in matches:
                rows.append(
                    {
                        "id": record["id"],
                        "entity_id": m.entity_id,
                        "list": m.list,
                        "source_id": m.source_id,
                        "matched_name": m.matched_name,
                        "score": round(m.score, 4),
                    }
                )
    return rows


def test_in_process_equals_row_by_row(
    tmp_path: Path, counterparties: Path, screener: Screener
) -> None:
    result = screen_batch(counterparties, tmp_path / "out", screener=screener, partition_size=16)
    table = OutputDir(str(tmp_path / "out")).read()
    expected = expected_rows(counterparties, screener)
    assert table.to_pylist() == expected
    assert result.rows_in == 121 and result.rows_out == len(expected)
    assert len(result.partitions) == 8
    hits = {r["id"] for r in expected if r["entity_id"]}
    assert sum(1 for i in hits if str(i).startswith("L")) >= 55  # the listed names are found
    assert not any(str(i).startswith("U") for i in hits)  # the unlisted ones are not
    # the empty name is reported with its CSV line (header = line 1) and skipped
    assert [(e.line, e.field) for e in result.errors] == [(9, "name")]
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == ["_manifest.json"] + [f"part-{i:05d}.parquet" for i in range(8)]


@pytest.mark.parametrize("ship", ["file", "plugin", "scatter"])
def test_local_cluster_identical_to_in_process(
    tmp_path: Path, counterparties: Path, screener: Screener, client: Client, ship: str
) -> None:
    screen_batch(counterparties, tmp_path / "local", screener=screener, partition_size=16)
    result = screen_batch(
        counterparties,
        tmp_path / "dask",
        screener=screener,
        client=client,
        partition_size=16,
        ship=ship,  # type: ignore[arg-type]
    )
    assert result.ship == ship
    assert len({p.worker for p in result.partitions}) == 2  # both workers took part
    local = OutputDir(str(tmp_path / "local")).read()
    dask = OutputDir(str(tmp_path / "dask")).read()
    assert dask.equals(local)
    assert [(e.line, e.message) for e in result.errors] == [
        (9, "the name has no letters or digits")
    ]


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
    client.wait_for_workers(2, timeout=30)  # the nanny brought the worker back


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

"""The partitioned runner: the same partition task in-process or on a Dask cluster.

The input is cut into partitions of consecutive rows; each partition is one Dask task whose
key names the run and the partition, and which writes its own output part
(``part-<index>.parquet``) atomically. When a worker dies the scheduler runs the partition
again elsewhere, and the retry replaces the part rather than adding to it: the output holds
every input row's result exactly once, whatever the failures. The client keeps only a window
of partitions in flight, so an input of any length never sits whole in the scheduler.
"""

from __future__ import annotations

import resource
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import pyarrow as pa
from distributed import Client, as_completed, get_worker

from tradeguard import settings
from tradeguard.batch import context as ctx
from tradeguard.batch.audit import audit_table
from tradeguard.batch.io import OutputDir
from tradeguard.batch.model import BatchResult, PartResult, RowError, add_summaries
from tradeguard.batch.screen import screen_table

#: A partition function: rows, the shipped context, parameters -> output rows, the rows that
#: could not be processed, and a summary to be added up over partitions (or None).
PartitionFn = Callable[
    [pa.Table, Any, dict[str, Any]], tuple[pa.Table, list[RowError], dict[str, Any] | None]
]

#: The partition functions a job may run, by kind (looked up on the worker).
TASKS: dict[str, PartitionFn] = {"screen": screen_table, "audit": audit_table}

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Job:
    """What every partition task of one run shares (small: it travels with each task)."""

    kind: str
    run: str
    context_key: str
    output: OutputDir
    params: dict[str, Any]

    def task_key(self, index: int) -> str:
        return f"tradeguard-{self.kind}-{self.run}-{index:05d}"


def _worker_name() -> str:
    try:
        return str(get_worker().address)
    except ValueError:
        return "in-process"


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_partition(job: Job, index: int, table: pa.Table, context: Any = None) -> PartResult:
    """Process one partition and write its part; runs on a worker (or in-process)."""
    started = time.perf_counter()
    load_seconds = 0.0
    if context is None:
        context, load_seconds = ctx.get(job.context_key)
    result, errors, summary = TASKS[job.kind](table, context, job.params)
    job.output.write_part(index, result)
    return PartResult(
        index=index,
        rows_in=table.num_rows,
        rows_out=result.num_rows,
        errors=errors,
        worker=_worker_name(),
        seconds=time.perf_counter() - started - load_seconds,
        load_seconds=load_seconds,
        peak_rss=_peak_rss(),
        summary=summary,
    )


def _workers_local(client: Client) -> bool:
    workers = client.scheduler_info().get("workers", {})
    hosts = {urlparse(address).hostname for address in workers}
    return bool(hosts) and hosts <= {"127.0.0.1", "localhost", "::1"}


def run(
    kind: str,
    parts: list[pa.Table],
    context: Any,
    params: dict[str, Any],
    output: OutputDir,
    *,
    client: Client | None = None,
    ship: ctx.Ship = "auto",
    progress: Progress | None = None,
) -> BatchResult:
    """Run ``kind`` over ``parts`` in-process (``client`` None) or on the client's cluster."""
    started = time.perf_counter()
    output.prepare()
    total = sum(t.num_rows for t in parts)
    if client is None:
        job = Job(kind, uuid.uuid4().hex[:12], "in-process", output, params)
        results = []
        for index, table in enumerate(parts):
            results.append(run_partition(job, index, table, context))
            if progress:
                progress(sum(r.rows_in for r in results), total)
        return _finish(output, None, "in-process", results, started, 0.0, params)

    method = ship
    if method == "auto":
        method = "file" if _workers_local(client) else "plugin"
    ship_started = time.perf_counter()
    key, data = ctx.pickled(context)
    job = Job(kind, uuid.uuid4().hex[:12], key, output, params)
    plugin: ctx.ContextPlugin | None = None
    context_arg: Any = None
    if method == "scatter":
        context_arg = client.scatter(context, broadcast=True, hash=False)
    else:
        loader: ctx.FileLoader | ctx.BytesLoader
        if method == "file":
            path = ctx.write_file(settings.home() / "batch", key, data)
            loader = ctx.FileLoader(str(path))
        else:
            loader = ctx.BytesLoader(data)
        plugin = ctx.ContextPlugin(key, loader)
        client.register_plugin(plugin)
    del data
    ship_seconds = time.perf_counter() - ship_started
    try:
        results = _run_on_cluster(client, job, parts, context_arg, progress, total)
    finally:
        if plugin is not None:
            client.unregister_worker_plugin(plugin.name)
    address = str(client.scheduler.address) if client.scheduler else None
    return _finish(output, address, method, results, started, ship_seconds, params)


def _run_on_cluster(
    client: Client,
    job: Job,
    parts: list[pa.Table],
    context_arg: Any,
    progress: Progress | None,
    total: int,
) -> list[PartResult]:
    window = max(4, 2 * sum(client.nthreads().values()))
    pending = iter(enumerate(parts))
    running = as_completed()

    def submit_next() -> None:
        item = next(pending, None)
        if item is not None:
            index, table = item
            running.add(
                client.submit(
                    run_partition,
                    job,
                    index,
                    table,
                    context_arg,
                    key=job.task_key(index),
                    pure=False,
                    retries=1,
                )
            )

    for _ in range(window):
        submit_next()
    results: list[PartResult] = []
    done = 0
    for future in running:
        try:
            part: PartResult = future.result()
        except BaseException:
            for other in list(running.futures):
                other.cancel()
            raise
        results.append(part)
        done += part.rows_in
        if progress:
            progress(done, total)
        submit_next()
    return results


def _finish(
    output: OutputDir,
    cluster: str | None,
    method: str,
    results: list[PartResult],
    started: float,
    ship_seconds: float,
    params: dict[str, Any],
) -> BatchResult:
    results.sort(key=lambda r: r.index)
    errors = [e for r in results for e in r.errors]
    summaries = [r.summary for r in results if r.summary is not None]
    result = BatchResult(
        output=output.uri,
        cluster=cluster,
        ship=method,
        partitions=results,
        seconds=time.perf_counter() - started,
        ship_seconds=ship_seconds,
        errors=errors,
        summary=add_summaries(summaries) if summaries else None,
    )
    output.write_manifest(
        {
            "parts": [
                {"file": output.part_name(r.index), "rows_in": r.rows_in, "rows_out": r.rows_out}
                for r in results
            ],
            "rows_in": result.rows_in,
            "rows_out": result.rows_out,
            "params": params,
            "errors": [e.to_dict() for e in errors],
            **({"summary": result.summary} if result.summary is not None else {}),
        }
    )
    return result

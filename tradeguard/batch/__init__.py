"""Scale-out batch screening: partitions of the input screened in parallel on Dask.

``screen_batch(input, output, cluster=...)`` reads the input (CSV, XLSX, Parquet, JSONL),
builds the screening index once, gets it to every worker process once (see
:mod:`tradeguard.batch.context`), screens the partitions in parallel and writes partitioned
Parquet with one deterministic part per input partition (see :mod:`tradeguard.batch.runner`).
``audit_batch`` does the same for export declarations. ``cluster`` None runs the same
partition task in this process; ``"local"`` starts a
LocalCluster on this machine; ``"tcp://HOST:PORT"`` uses a running Dask scheduler.
"""

from __future__ import annotations

import importlib
import shutil
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from tradeguard.batch.context import SHIP_METHODS, Ship
from tradeguard.batch.io import OutputDir, partitions, read_encoded, read_frame, write_single
from tradeguard.batch.model import BatchResult, PartResult, RowError, WorkerStats
from tradeguard.batch.runner import Progress, run
from tradeguard.batch.screen import ScreenerLike

if TYPE_CHECKING:
    from distributed import Client

    from tradeguard.store import Store

__all__ = [
    "SHIP_METHODS",
    "BatchResult",
    "PartResult",
    "RowError",
    "Ship",
    "WorkerStats",
    "audit_batch",
    "screen_batch",
]

DEFAULT_PARTITION_SIZE = 5000
DEFAULT_DECLARATIONS_PER_PARTITION = 2000
SINGLE_FILE_FORMATS = (".csv", ".xlsx", ".jsonl")


def screen_batch(
    input_path: Path,
    output: str | Path,
    *,
    cluster: str | None = None,
    client: Client | None = None,
    store: Store | Callable[[], Store] | None = None,
    screener: ScreenerLike | None = None,
    threshold: float | None = None,
    limit: int = 10,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    ship: Ship = "auto",
    n_workers: int | None = None,
    progress: Progress | None = None,
    encoding: str | None = None,
) -> BatchResult:
    """Screen every row of ``input_path`` (a CSV file's text in ``encoding``, else detected);
    write the matches under ``output``.

    ``output`` is a directory (or ``s3://``-style URI) of Parquet parts; a path ending in
    ``.csv``, ``.xlsx`` or ``.jsonl`` gets the parts gathered into that one file instead.
    Pass ``client`` to use a Dask client you already hold, or ``cluster`` to have one made.
    ``store`` may be a function that opens it: it is called once the input has been read.
    """
    from tradeguard.batch.cluster import check

    check(cluster)
    frame, read_in = read_encoded(
        input_path, required=("id", "name"), nul_in_rows=True, encoding=encoding
    )
    if screener is None:
        if callable(store):
            store = store()
        if store is None:
            from tradeguard.lists.snapshot import ensure_loaded
            from tradeguard.store import Store

            store = Store.open()
            ensure_loaded(store)
        screener = importlib.import_module("tradeguard.screening").Screener.from_store(store)
    params: dict[str, Any] = {
        "threshold": threshold,
        "limit": limit,
        "versions_key": getattr(screener, "versions_key", None),
    }
    parts = list(partitions(frame, partition_size))
    result = _run(
        "screen", parts, screener, params, output, client, cluster, n_workers, ship, progress
    )
    result.encoding, result.encoding_detected = read_in, encoding is None
    return result


def audit_batch(
    input_path: Path,
    output: str | Path,
    evaluator: Any,
    *,
    cluster: str | None = None,
    client: Client | None = None,
    as_of: date | None = None,
    partition_size: int = DEFAULT_DECLARATIONS_PER_PARTITION,
    ship: Ship = "auto",
    n_workers: int | None = None,
    progress: Progress | None = None,
    review: Any = None,
) -> BatchResult:
    """Audit the declarations of ``input_path`` (one row per line item) with ``evaluator``,
    each decision read against the store's reviews by ``review`` first (a picklable callable:
    :class:`tradeguard.service.reviews.Reviews`).

    Partitions hold whole declarations (``partition_size`` of them); the output holds one
    verdict row per declaration, in order of first appearance, and ``result.summary`` the
    counts of :func:`tradeguard.shipments.audit_declarations`, added up over partitions;
    ``result.errors`` the invalid declarations (:func:`tradeguard.batch.audit.declaration_errors`
    gives them in the one-pass audit's shape). ``evaluator`` may be the full
    ``Evaluator.from_store(store)``: it pickles with its screening index and network snapshot.
    """
    from tradeguard.batch.audit import (
        REQUIRED,
        Auditor,
        audit_table,
        declaration_partitions,
        one_pass_summary,
    )
    from tradeguard.batch.cluster import check

    check(cluster)
    frame = read_frame(input_path, required=REQUIRED, allow_no_rows=True)
    parts = list(declaration_partitions(frame, partition_size, str(input_path)))
    params: dict[str, Any] = {"as_of": as_of.isoformat() if as_of else None}
    auditor = Auditor(evaluator, review)
    result = _run(
        "audit", parts, auditor, params, output, client, cluster, n_workers, ship, progress
    )
    if result.summary is None:  # no declarations at all: the one-pass audit's empty summary
        result.summary = audit_table(frame.to_arrow(), auditor, params)[2]
    result.summary = one_pass_summary(result.summary)
    return result


def _run(
    kind: str,
    parts: list[pa.Table],
    context: Any,
    params: dict[str, Any],
    output: str | Path,
    client: Client | None,
    cluster: str | None,
    n_workers: int | None,
    ship: Ship,
    progress: Progress | None,
) -> BatchResult:
    from tradeguard.batch.cluster import connect

    single = Path(output) if str(output).lower().endswith(SINGLE_FILE_FORMATS) else None
    if single is not None:
        single.parent.mkdir(parents=True, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix=".parts-", dir=single.parent) if single else None
    out_dir = OutputDir(scratch or str(output))
    try:
        if client is not None:
            result = run(
                kind, parts, context, params, out_dir, client=client, ship=ship, progress=progress
            )
        else:
            with connect(cluster, n_workers=n_workers) as made:
                result = run(
                    kind, parts, context, params, out_dir, client=made, ship=ship, progress=progress
                )
        if single is not None:
            write_single(out_dir.read(), single)
            result.output = str(single)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    return result

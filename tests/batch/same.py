"""Run a batch on a cluster and in-process on the same input: the rows must be the same."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tradeguard.batch import BatchResult, screen_batch
from tradeguard.batch.io import OutputDir


def cluster_run_matches_in_process(
    tmp_path: Path, counterparties: Path, screener: Any, **cluster: Any
) -> BatchResult:
    """Screen ``counterparties`` on the cluster ``cluster`` names (``client=`` or ``cluster=``,
    ``ship=``) in partitions of 16 rows, and in-process; check that both workers took part and
    that the output and the rejected row (line 9, no name) are the in-process run's."""
    expected = screen_batch(counterparties, tmp_path / "in-process", screener=screener)
    result = screen_batch(
        counterparties, tmp_path / "cluster", screener=screener, partition_size=16, **cluster
    )
    assert len({p.worker for p in result.partitions}) == 2  # both workers took part
    local = OutputDir(str(tmp_path / "in-process")).read()
    assert OutputDir(str(tmp_path / "cluster")).read().equals(local)
    assert result.rows_out == expected.rows_out == local.num_rows
    assert [(e.line, e.field) for e in result.errors] == [(9, "name")]
    return result

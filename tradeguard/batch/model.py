"""What a batch run reports: per-row errors, per-partition and per-worker figures, the total."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tradeguard.errors import RowError

__all__ = ["BatchResult", "PartResult", "RowError", "WorkerStats", "add_summaries"]


@dataclass(frozen=True, slots=True)
class PartResult:
    """One partition, as its task reported it."""

    index: int
    rows_in: int
    rows_out: int
    errors: list[RowError]
    worker: str
    seconds: float
    load_seconds: float
    peak_rss: int
    summary: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "rows_in": self.rows_in,
            "rows_out": self.rows_out,
            "errors": len(self.errors),
            "worker": self.worker,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True, slots=True)
class WorkerStats:
    """What one worker process did: for sizing a larger cluster."""

    worker: str
    partitions: int
    rows: int
    busy_seconds: float
    load_seconds: float
    peak_rss: int

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.busy_seconds if self.busy_seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "worker": self.worker,
            "partitions": self.partitions,
            "rows": self.rows,
            "busy_seconds": round(self.busy_seconds, 3),
            "load_seconds": round(self.load_seconds, 3),
            "rows_per_second": round(self.rows_per_second, 1),
            "peak_rss_mib": round(self.peak_rss / 2**20, 1),
        }


@dataclass(slots=True)
class BatchResult:
    """A finished batch run: where its output is and what it took."""

    output: str
    cluster: str | None
    ship: str
    partitions: list[PartResult]
    seconds: float
    ship_seconds: float
    errors: list[RowError] = field(default_factory=list)
    summary: dict[str, Any] | None = None
    #: the encoding the input's text was read in (None for a workbook or Parquet file), and
    #: whether it was detected (else the user gave it)
    encoding: str | None = None
    encoding_detected: bool = True

    @property
    def rows_in(self) -> int:
        return sum(p.rows_in for p in self.partitions)

    @property
    def rows_out(self) -> int:
        return sum(p.rows_out for p in self.partitions)

    def workers(self) -> list[WorkerStats]:
        by_worker: dict[str, list[PartResult]] = {}
        for part in self.partitions:
            by_worker.setdefault(part.worker, []).append(part)
        return [
            WorkerStats(
                worker=name,
                partitions=len(parts),
                rows=sum(p.rows_in for p in parts),
                busy_seconds=sum(p.seconds for p in parts),
                load_seconds=sum(p.load_seconds for p in parts),
                peak_rss=max(p.peak_rss for p in parts),
            )
            for name, parts in sorted(by_worker.items())
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "output": self.output,
            "cluster": self.cluster,
            "ship": self.ship,
            "partitions": len(self.partitions),
            "rows_in": self.rows_in,
            "rows_out": self.rows_out,
            "seconds": round(self.seconds, 3),
            "ship_seconds": round(self.ship_seconds, 3),
            "rows_per_second": round(self.rows_in / self.seconds, 1) if self.seconds else None,
            "workers": [w.to_dict() for w in self.workers()],
            "errors": [e.to_dict() for e in self.errors],
            "encoding": self.encoding,
            "encoding_detected": self.encoding_detected,
            **({"summary": self.summary} if self.summary is not None else {}),
        }


def add_summaries(summaries: list[dict[str, Any]]) -> dict[str, Any]:
    """Add up partition summaries: numbers are summed, nested counts merged (largest first),
    anything else (policy and list versions) taken from the first."""
    total: dict[str, Any] = {}
    for summary in summaries:
        for key, value in summary.items():
            if key not in total:
                total[key] = _copy(value)
            elif isinstance(value, bool) or not isinstance(value, int | float | dict):
                continue
            elif isinstance(value, dict):
                total[key] = add_summaries([total[key], value])
            else:
                total[key] += value
    if total and all(isinstance(v, int) and not isinstance(v, bool) for v in total.values()):
        return dict(sorted(total.items(), key=lambda kv: -kv[1]))
    return total


def _copy(value: Any) -> Any:
    return add_summaries([value]) if isinstance(value, dict) else value

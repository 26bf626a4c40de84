"""Auditing one partition of export declarations: the task each worker runs.

A partition holds whole declarations (every line-item row of a declaration id, wherever it
appears in the input, in order of first appearance), so each worker evaluates complete
declarations with :func:`tradeguard.shipments.audit_declarations` — the in-process audit itself,
so verdicts, reasons and error reports are the same. The per-partition summaries (counts by
verdict, regime, control entry and destination) are added up on the client.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from tradeguard.batch.io import LINE
from tradeguard.batch.model import RowError
from tradeguard.errors import InputError

REQUIRED = ("declaration_id", "destination")
#: The verdicts, gravest first (the order of the one-pass audit's summary).
VERDICTS = ("PROHIBITED", "LICENCE_REQUIRED", "REVIEW", "CLEAR")
OUTPUT_SCHEMA = pa.schema(
    [
        ("declaration_id", pa.string()),
        ("verdict", pa.string()),
        ("destination", pa.string()),
        ("items", pa.int64()),
        ("unauthorised", pa.bool_()),
        ("reason_codes", pa.string()),
        ("entries", pa.string()),
        ("first_reason", pa.string()),
    ]
)


def declaration_partitions(
    frame: pl.DataFrame, declarations_per_partition: int, source: str
) -> Iterator[pa.Table]:
    """Whole declarations, in order of first appearance, ``declarations_per_partition`` each."""
    if declarations_per_partition < 1:
        raise InputError("partition size must be at least 1", field="partition_size")
    ids = frame["declaration_id"].str.strip_chars()
    empty = frame.filter(ids.is_null() | (ids == ""))
    if empty.height:
        raise InputError(
            "empty declaration_id", source=source, line=empty[LINE][0], field="declaration_id"
        )
    keyed = frame.with_columns(ids.alias("declaration_id"))
    order = keyed.select("declaration_id").unique(maintain_order=True).with_row_index("_decl")
    keyed = keyed.join(order, on="declaration_id").sort("_decl", LINE)
    keyed = keyed.with_columns((pl.col("_decl") // declarations_per_partition).alias("_part"))
    for part in keyed.partition_by("_part", maintain_order=True):
        yield part.drop("_decl", "_part").to_arrow()


@dataclass(frozen=True)
class Auditor:
    """What every worker audits with (shipped to it once): the evaluator, and what reads each
    decision against the store's reviews (:class:`tradeguard.service.reviews.Reviews`; None:
    nothing does)."""

    evaluator: Any
    review: Callable[[Any], Any] | None = None


def audit_table(
    table: pa.Table, context: Any, params: dict[str, Any]
) -> tuple[pa.Table, list[RowError], dict[str, Any]]:
    """Audit the declarations of one partition with ``context`` (an :class:`Auditor`, or an
    evaluator alone); verdict rows, invalid declarations, summary."""
    from datetime import date

    from tradeguard.shipments import audit_declarations

    auditor = context if isinstance(context, Auditor) else Auditor(context)
    lines: list[int] = table.column(LINE).to_pylist()
    as_of = date.fromisoformat(params["as_of"]) if params.get("as_of") else None
    with tempfile.TemporaryDirectory(prefix="tradeguard-audit-") as tmp:
        path = Path(tmp) / "declarations.parquet"
        pq.write_table(table.drop_columns([LINE]), path)
        result, _ = audit_declarations(path, auditor.evaluator, as_of=as_of, review=auditor.review)
    rows = [d.to_row() for d in result.declarations]
    errors = [
        RowError(
            lines[e["line"] - 1] if e.get("line") else None,
            e["message"],
            e.get("field"),
            e["declaration_id"],
        )
        for e in result.errors
    ]
    return pa.Table.from_pylist(rows, schema=OUTPUT_SCHEMA), errors, result.summary


def one_pass_summary(summary: dict[str, Any]) -> dict[str, Any]:
    """The partitions' summary, added up, in the order of the one-pass audit's: verdicts from
    the gravest, categories by name (counts stay largest first)."""
    out = dict(summary)
    verdicts = summary.get("verdicts", {})
    out["verdicts"] = {v: verdicts.get(v, 0) for v in VERDICTS} | verdicts
    for key in ("by_destination", "by_entry", "by_regime"):
        if key in summary:
            out[key] = dict(sorted(summary[key].items()))
    return out


def declaration_errors(errors: list[RowError]) -> list[dict[str, Any]]:
    """The invalid declarations as the one-pass audit reports them (``AuditResult.errors``)."""
    return [
        {
            "declaration_id": e.declaration_id,
            "line": e.line,
            "field": e.field,
            "message": e.message,
        }
        for e in errors
    ]

"""Screening one partition of counterparties: the task each worker runs.

Input rows carry ``id``, ``name`` and optionally ``type``, ``country``, ``birth_date`` and
``identifier``; the output has one row per (input id, party) with ``id, party_id, entity_id,
list, source_id, matched_name, score, lists, memberships``, best match first, and one row with
empty match columns for an input without a match — the same rows, in the same order, as the
in-process ``screen-batch`` (rows are read into queries by
:func:`tradeguard.screening.batch.row_query` and written by its ``match_row``).
A row it rejects (a NUL character, no name, an unknown type, a bad country or birth date) is
reported with its line, field and reason, and the rest of the partition is still screened.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol

import pyarrow as pa

from tradeguard.batch.io import LINE
from tradeguard.errors import InputError, RowError, TradeguardError


class ScreenerLike(Protocol):
    """What the partition task needs of ``tradeguard.screening.Screener``."""

    def screen(self, query: Any, threshold: float | None = ..., limit: int = ...) -> list[Any]: ...


OUTPUT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("party_id", pa.string()),
        ("entity_id", pa.string()),
        ("list", pa.string()),
        ("source_id", pa.string()),
        ("matched_name", pa.string()),
        ("score", pa.float64()),
        ("lists", pa.string()),
        ("memberships", pa.string()),
    ]
)


def screen_table(
    table: pa.Table, screener: ScreenerLike, params: dict[str, Any]
) -> tuple[pa.Table, list[RowError], None]:
    """Screen every row of ``table``; the output rows and the rows that could not be screened."""
    batch = importlib.import_module("tradeguard.screening.batch")
    row_query, match_row = batch.row_query, batch.match_row
    threshold: float | None = params.get("threshold")
    limit: int = params.get("limit", 10)
    out: dict[str, list[Any]] = {field.name: [] for field in OUTPUT_SCHEMA}
    errors: list[RowError] = []
    for row in table.to_pylist():
        line = row.pop(LINE)
        try:
            row_id, query = row_query(row)
            matches: list[Any] = screener.screen(query, threshold=threshold, limit=limit)
        except InputError as exc:
            errors.append(RowError.of(exc, line))
            continue
        except TradeguardError as exc:
            errors.append(RowError(line, str(exc)))
            continue
        if not matches:
            for name, column in out.items():
                column.append(row_id if name == "id" else None)
            continue
        for match in matches:
            for name, value in match_row(row_id, match).items():
                out[name].append(value)
    return pa.Table.from_pydict(out, schema=OUTPUT_SCHEMA), errors, None

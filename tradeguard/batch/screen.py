"""Screening one partition of counterparties: the task each worker runs.

Input rows carry ``id``, ``name`` and optionally ``type``, ``country``, ``birth_date`` and
``identifier``; the output has one row per (input id, match) with ``id, entity_id, list,
source_id, matched_name, score``, best match first, and one row with empty match columns for
an input without a match — the same rows, in the same order, as the in-process
``screen-batch``. A row the screener rejects (no name, an unknown type) is reported with its
line and the rest of the partition is still screened.
"""

from __future__ import annotations

import importlib
from typing import Any, Protocol

import pyarrow as pa

from tradeguard.batch.io import LINE
from tradeguard.batch.model import RowError
from tradeguard.errors import InputError


class MatchLike(Protocol):
    entity_id: str
    list: str
    source_id: str
    matched_name: str
    score: float


class ScreenerLike(Protocol):
    """What the partition task needs of ``tradeguard.screening.Screener``."""

    def screen(self, query: Any, threshold: float | None = ..., limit: int = ...) -> list[Any]: ...


INPUT_COLUMNS = ("id", "name", "type", "country", "birth_date", "identifier")
REQUIRED = ("id", "name")
OUTPUT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("entity_id", pa.string()),
        ("list", pa.string()),
        ("source_id", pa.string()),
        ("matched_name", pa.string()),
        ("score", pa.float64()),
    ]
)


def _values(table: pa.Table, name: str) -> list[Any]:
    if name in table.column_names:
        values: list[Any] = table.column(name).to_pylist()
        return values
    return [None] * table.num_rows


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _split(value: str | None) -> list[str]:
    if value is None:
        return []
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def screen_table(
    table: pa.Table, screener: ScreenerLike, params: dict[str, Any]
) -> tuple[pa.Table, list[RowError], None]:
    """Screen every row of ``table``; the output rows and the rows that could not be screened."""
    query_type = importlib.import_module("tradeguard.screening").Query

    threshold: float | None = params.get("threshold")
    limit: int = params.get("limit", 10)
    columns = {name: _values(table, name) for name in (*INPUT_COLUMNS, LINE)}
    out: dict[str, list[Any]] = {field.name: [] for field in OUTPUT_SCHEMA}
    errors: list[RowError] = []
    for i in range(table.num_rows):
        line = columns[LINE][i]
        row_id = _text(columns["id"][i])
        try:
            if row_id is None:
                raise InputError("empty id", field="id")
            query = query_type(
                name=_text(columns["name"][i]) or "",
                schema=_text(columns["type"][i]),
                countries=_split(_text(columns["country"][i])),
                birth_date=_text(columns["birth_date"][i]),
                identifiers=_split(_text(columns["identifier"][i])),
            )
            matches: list[MatchLike] = screener.screen(query, threshold=threshold, limit=limit)
        except InputError as exc:
            errors.append(RowError(line, exc.message, exc.field))
            continue
        if not matches:
            for name, column in out.items():
                column.append(row_id if name == "id" else None)
            continue
        for match in matches:
            out["id"].append(row_id)
            out["entity_id"].append(match.entity_id)
            out["list"].append(match.list)
            out["source_id"].append(match.source_id)
            out["matched_name"].append(match.matched_name)
            out["score"].append(round(match.score, 4))
    return pa.Table.from_pydict(out, schema=OUTPUT_SCHEMA), errors, None

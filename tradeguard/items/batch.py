"""Classify a CSV or XLSX file of items, one row each, and write the results.

Input columns (case-insensitive; all optional but one): ``id``, ``description``, ``cas``,
``hs``, ``jurisdiction``, ``params`` (``k=v; k=v``), and any column named after a parameter or
one of its aliases (``fluorine_pct``, ``wavelength_nm`` …). Output (CSV, XLSX or JSON Lines by
the file extension): one row per input row with the verdict, the entries, the missing
parameters and the reason; a row with bad input gets its error in the ``error`` column instead
of stopping the batch.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError, TradeguardError
from tradeguard.items.classifier import classify, knowledge_base

OUT_COLUMNS = [
    "row",
    "id",
    "controlled",
    "entries",
    "controlled_entries",
    "missing_parameters",
    "why",
    "error",
]


@dataclass
class BatchSummary:
    rows: int
    controlled: int
    not_controlled: int
    undecided: int
    errors: int


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV or XLSX file as dicts with lower-cased header names, read whole or refused
    as a batch file is (:func:`tradeguard.tabular.read.read_table`: UTF-8, field size, a row
    cut short); rows with every cell empty are left out."""
    from tradeguard.tabular.read import LINE, read_table

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".xlsm"):
        raise InputError(
            f"unsupported file type {suffix!r}: expected .csv or .xlsx", source=str(path)
        )
    fmt = ".csv" if suffix == ".csv" else ".xlsx"
    table = read_table(path, (), allow_no_rows=True, fmt=fmt)
    return [
        {k: (v or "").strip() for k, v in row.items() if k != LINE} for row in table.to_pylist()
    ]


def _params(row: dict[str, str], line: int, source: str) -> dict[str, str]:
    kb = knowledge_base()
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in row.get("params", "").split(";"))):
        if "=" not in part:
            raise InputError(
                f"parameter {part!r}: expected k=v", source=source, line=line, field="params"
            )
        k, v = part.split("=", 1)
        out[k.strip()] = v.strip()
    for key, value in row.items():
        if value and key.replace("-", "_") in kb.params.by_alias:
            out[key] = value
    return out


def classify_rows(
    rows: list[dict[str, str]], source: str, progress: Callable[[], None] | None = None
) -> list[dict[str, Any]]:
    """Classify each row; errors are recorded per row (line numbers count the header)."""
    out: list[dict[str, Any]] = []
    for n, row in enumerate(rows, start=2):
        record: dict[str, Any] = dict.fromkeys(OUT_COLUMNS, "")
        record["row"] = n
        record["id"] = row.get("id", "")
        try:
            result = classify(
                row.get("description") or None,
                cas=row.get("cas") or None,
                hs=row.get("hs") or None,
                params=_params(row, n, source),
                jurisdiction=row.get("jurisdiction") or "EU",
            )
            record["controlled"] = result.controlled
            record["entries"] = ", ".join(f"{e.code}:{e.status}" for e in result.entries[:5])
            record["controlled_entries"] = ", ".join(
                e.code for e in result.entries if e.status == "controlled"
            )
            record["missing_parameters"] = ", ".join(result.missing_parameters)
            record["why"] = result.why
        except TradeguardError as exc:
            record["error"] = f"line {n}: {exc}"
        out.append(record)
        if progress:
            progress()
    return out


def write_results(records: list[dict[str, Any]], path: Path) -> None:
    suffix = path.suffix.lower()
    from tradeguard.tabular.write import write_csv, write_xlsx

    if suffix == ".csv":
        write_csv(path, OUT_COLUMNS, ([_cell(rec[k]) for k in OUT_COLUMNS] for rec in records))
    elif suffix == ".xlsx":
        write_xlsx(path, OUT_COLUMNS, ([_cell(rec[k]) for k in OUT_COLUMNS] for rec in records))
    elif suffix in (".jsonl", ".json"):
        with path.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        raise InputError(
            f"unsupported output type {suffix!r}: expected .csv, .xlsx or .jsonl", source=str(path)
        )


def _cell(value: Any) -> Any:
    if value is None:
        return "undecided"
    if isinstance(value, bool):
        return "controlled" if value else "not controlled"
    return value


def summarize(records: list[dict[str, Any]]) -> BatchSummary:
    return BatchSummary(
        rows=len(records),
        controlled=sum(1 for r in records if r["controlled"] is True),
        not_controlled=sum(1 for r in records if r["controlled"] is False),
        undecided=sum(1 for r in records if r["controlled"] is None and not r["error"]),
        errors=sum(1 for r in records if r["error"]),
    )

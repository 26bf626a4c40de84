"""What a bulk audit answers: a verdict row per declaration, the summary's tallies, and the
verdict file (CSV, Parquet or JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError
from tradeguard.shipments import kr_customs
from tradeguard.shipments.decision import Decision

#: Information reasons a verdict row still lists in its ``reason_codes`` (what the auditor must
#: know of the row even though it decides nothing).
NOTED = frozenset({"EXPORTER_FROM_SETTINGS"})


@dataclass
class DeclarationVerdict:
    declaration_id: str
    verdict: str
    destination: str
    items: int
    unauthorised: bool
    codes: list[str]
    entries: list[str]
    first_reason: str
    #: Customs' view of a Korean declaration (not a column of the verdict rows).
    customs: kr_customs.CustomsFinding | None = None

    def to_row(self) -> dict[str, Any]:
        return {
            "declaration_id": self.declaration_id,
            "verdict": self.verdict,
            "destination": self.destination,
            "items": self.items,
            "unauthorised": self.unauthorised,
            "reason_codes": ";".join(self.codes),
            "entries": ";".join(self.entries),
            "first_reason": self.first_reason,
        }


@dataclass
class AuditResult:
    declarations: list[DeclarationVerdict] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "declarations": [d.to_row() for d in self.declarations],
            "errors": self.errors,
        }


def verdict_row(decision: Decision) -> DeclarationVerdict:
    unauthorised = any(
        r.code == "LICENCE_REQUIRED" and not r.evidence.get("licence_given", False)
        for r in decision.reasons
    )
    entries = sorted(
        {e.code for item in decision.items for e in item.entries if e.status != "undecided"}
    )
    first = next((r for r in decision.reasons if r.severity != "info"), None)
    return DeclarationVerdict(
        declaration_id=decision.shipment_id or "",
        verdict=decision.verdict.value,
        destination=decision.destination,
        items=len(decision.items),
        unauthorised=unauthorised,
        codes=list(
            dict.fromkeys(
                r.code for r in decision.reasons if r.severity != "info" or r.code in NOTED
            )
        ),
        entries=entries,
        first_reason=first.message if first else "",
    )


def regimes_of(decision: Decision) -> list[str]:
    return sorted(
        {
            r
            for item in decision.items
            for e in item.entries
            if e.status != "undecided"
            for r in e.regimes
        }
    )


def tally(summary: dict[str, Any], row: DeclarationVerdict, regimes: list[str]) -> None:
    categories = []
    if row.unauthorised:
        categories.append("unauthorised")
    if row.verdict == "PROHIBITED":
        categories.append("prohibited")
    if row.verdict == "REVIEW":
        categories.append("review")
    for cat in categories:
        summary["by_destination"][cat][row.destination] += 1
        for entry in row.entries:
            summary["by_entry"][cat][entry] += 1
        for regime in regimes or ["(none)"]:
            summary["by_regime"][cat][regime] += 1


def _why(error: dict[str, Any]) -> str:
    where = f"line {error['line']}" + (f", field {error['field']!r}" if error["field"] else "")
    return f"{where}: {error['message']}"


def write_audit(result: AuditResult, out: Path) -> None:
    """Write the per-declaration verdicts: ``.csv``, ``.parquet`` or ``.json`` (with summary).
    An invalid declaration is a row too: verdict ``invalid``, its field and reason."""
    rows = [d.to_row() for d in result.declarations] + [
        DeclarationVerdict(e["declaration_id"], "invalid", "", 0, False, [], [], _why(e)).to_row()
        for e in result.errors
    ]
    suffix = out.suffix.lower()
    if suffix == ".json":
        out.write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), out)
    elif suffix == ".csv":
        from tradeguard.tabular.write import write_csv

        header = list(DeclarationVerdict("", "", "", 0, False, [], [], "").to_row())
        write_csv(out, header, ([row[c] for c in header] for row in rows))
    else:
        raise InputError("output must end in .csv, .parquet or .json", source=str(out))

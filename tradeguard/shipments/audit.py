"""Bulk audit of export declarations (the customs or licensing authority's view).

Input is a CSV or Parquet file with one row per line item; rows sharing a ``declaration_id`` form
one declaration (the header columns are read from its first row). Each declaration gets a
verdict, and the summary counts unauthorised exports (a controlled item needing a licence with
none given), prohibited and to-review declarations, broken down by regime, control entry and
destination. Korean declarations also get customs' view (:mod:`tradeguard.shipments.kr_customs`):
those whose HS code can cover a strategic item and that carry no licence, expert-classification,
self-classification or exemption-report number are flagged (``KR_CUSTOMS_NO_NUMBER``) and
counted by year, goods category and destination in the summary's ``kr_customs``.
"""

from __future__ import annotations

import json
import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tradeguard import settings
from tradeguard.errors import InputError
from tradeguard.policy import Reason, verdict_of
from tradeguard.shipments import kr_customs
from tradeguard.shipments.decision import Decision
from tradeguard.shipments.evaluate import Evaluator
from tradeguard.shipments.model import parse_shipment

REQUIRED = ("declaration_id", "destination")
#: The exporter of a declaration that names none, when the organisation has no record in its
#: settings (``TRADEGUARD_ORG_NAME``): the declaration goes to review (``EXPORTER_NOT_DECLARED``).
NOT_DECLARED = "(not declared)"
#: Information reasons a verdict row still lists in its ``reason_codes`` (what the auditor must
#: know of the row even though it decides nothing).
NOTED = frozenset({"EXPORTER_FROM_SETTINGS"})
#: Every column the audit reads (others are ignored).
COLUMNS = (
    "declaration_id", "date", "export_country", "destination",
    "exporter_name", "exporter_country", "exporter_address",
    "consignee_name", "consignee_country", "consignee_address",
    "end_user_name", "end_user_country", "end_user_address",
    "port_of_loading", "ports_of_transshipment", "port_of_discharge",
    "vessel_name", "vessel_imo", "end_use",
    "line", "description", "hs", "cas", "quantity", "unit", "value", "currency", "origin",
    "control_entry", "params", "licence_number", "licence_type", "licence_jurisdiction",
    "licence_entries", "licence_valid_until",
    "expert_classification_number", "self_classification_number", "exemption_report_number",
)  # fmt: skip
#: Besides ``params`` ("fluorine_pct=12; unprocessed=true"), a column named after a
#: classification parameter or one of its aliases (``concentration_pct``, ``wavelength_nm``)
#: gives that parameter for the row's item. ``licence_number`` may hold several references
#: separated by ``;``; ``licence_entries`` (``;``-separated) are the entries they cover (empty:
#: all), ``licence_valid_until`` their expiry (YYYY-MM-DD).


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


def _rows(path: Path, fmt: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line, row) of every row, text columns; the file is read whole or refused as a batch
    input is (:func:`tradeguard.tabular.read.read_table`), as the Dask runner reads it."""
    from tradeguard.tabular.read import LINE, read_table

    table = read_table(path, REQUIRED, allow_no_rows=True, fmt=fmt)
    for batch in table.to_batches():
        for row in batch.to_pylist():
            yield row.pop(LINE), row


def read_declarations(path: Path) -> Iterator[tuple[str, int, list[dict[str, Any]]]]:
    """Group the rows of a CSV/Parquet file into declarations: ``(id, first row number, rows)``."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        rows: Iterable[tuple[int, dict[str, Any]]] = _rows(path, ".parquet")
    elif suffix in (".csv", ".txt"):
        rows = _rows(path, ".csv")
    else:
        raise InputError("expected a .csv or .parquet file", source=str(path))
    groups: dict[str, tuple[int, list[dict[str, Any]]]] = {}
    for n, row in rows:
        key = _text(row.get("declaration_id"))
        if not key:
            raise InputError(
                "empty declaration_id", source=str(path), line=n, field="declaration_id"
            )
        groups.setdefault(key, (n, []))[1].append(row)
    for key, (n, group) in groups.items():
        yield key, n, group


def _text(value: Any) -> str | None:
    text = None if value is None else str(value).strip()
    return text or None


def _party(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    name = _text(row.get(f"{prefix}_name"))
    if name is None:
        return None
    return {
        "name": name,
        "country": _text(row.get(f"{prefix}_country")),
        "address": _text(row.get(f"{prefix}_address")),
    }


def _port(value: Any) -> dict[str, Any] | None:
    text = _text(value)
    if text is None:
        return None
    if len(text.replace(" ", "")) == 5 and text[:2].isalpha():
        return {"locode": text}
    if len(text) == 2:
        return {"country": text}
    return {"name": text}


def _number(value: Any, name: str) -> float | None:
    text = _text(value)
    try:
        return None if text is None else float(text.replace(",", ""))
    except ValueError:
        raise InputError(f"{text!r} is not a number", field=name) from None


def declaration_document(decl_id: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The shipment document of one declaration's rows."""
    head = rows[0]
    # no exporter declared: the organisation's own record (the shipment model reads it as
    # the organisation's, so it gets no missing-address review), else a placeholder
    exporter = _party(head, "exporter") or settings.organisation() or {"name": NOT_DECLARED}
    consignee = _party(head, "consignee") or {"name": "(not declared)"}
    doc: dict[str, Any] = {
        "id": decl_id,
        "date": _text(head.get("date")),
        "export_country": _text(head.get("export_country")),
        "exporter": exporter,
        "consignee": consignee,
        "end_user": _party(head, "end_user"),
        "destination": _text(head.get("destination")),
        "end_use": _text(head.get("end_use")),
        "port_of_loading": _port(head.get("port_of_loading")),
        "port_of_discharge": _port(head.get("port_of_discharge")),
        "ports_of_transshipment": [
            p
            for p in (
                _port(x) for x in (_text(head.get("ports_of_transshipment")) or "").split(";")
            )
            if p
        ],
        "items": [],
        "licences": [],
    }
    if _text(head.get("vessel_imo")) or _text(head.get("vessel_name")):
        doc["vessel"] = {
            "name": _text(head.get("vessel_name")),
            "imo": _text(head.get("vessel_imo")),
        }
    licences: dict[str, dict[str, Any]] = {}
    for row in rows:
        line = _text(row.get("line"))
        item: dict[str, Any] = {
            "line": int(float(line)) if line else None,
            "description": _text(row.get("description")),
            "hs": _text(row.get("hs")),
            "cas": _text(row.get("cas")),
            "quantity": _number(row.get("quantity"), "quantity"),
            "unit": _text(row.get("unit")),
            "value": _number(row.get("value"), "value"),
            "currency": _text(row.get("currency")),
            "origin": _text(row.get("origin")),
            "control_entry": _text(row.get("control_entry")),
        }
        params = _params(row)
        if params:
            item["params"] = params
        doc["items"].append(item)
        entries = _list(row.get("licence_entries"))
        for number in _list(row.get("licence_number")):
            lic = licences.get(number)
            if lic is None:
                lic = licences[number] = {
                    "number": number,
                    "type": _text(row.get("licence_type")) or "individual",
                    "jurisdiction": _text(row.get("licence_jurisdiction")),
                    "entries": [],
                    "valid_until": _text(row.get("licence_valid_until")),
                }
            lic["entries"].extend(e for e in entries if e not in lic["entries"])
    doc["licences"] = [{k: v for k, v in lic.items() if v is not None} for lic in licences.values()]
    return {k: v for k, v in doc.items() if v is not None}


def _list(value: Any) -> list[str]:
    return [part.strip() for part in (_text(value) or "").split(";") if part.strip()]


def _params(row: dict[str, Any]) -> dict[str, str]:
    """The item parameters of a row: the ``params`` column and parameter-named columns."""
    from tradeguard.items.classifier import knowledge_base

    aliases = knowledge_base().params.by_alias
    out: dict[str, str] = {}
    for part in _list(row.get("params")):
        name, sep, value = part.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise InputError(f"parameter {part!r}: expected name=value", field="params")
        out[name.strip()] = value.strip()
    for key, value in row.items():
        text = _text(value)
        if text and key not in COLUMNS and str(key).replace("-", "_").lower() in aliases:
            out[str(key)] = text
    return out


def _verdict_row(decision: Decision) -> DeclarationVerdict:
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


def _regimes(decision: Decision) -> list[str]:
    return sorted(
        {
            r
            for item in decision.items
            for e in item.entries
            if e.status != "undecided"
            for r in e.regimes
        }
    )


def _tally(summary: dict[str, Any], row: DeclarationVerdict, regimes: list[str]) -> None:
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


#: One declaration's outcome: ("error", error dict) or ("ok", verdict row, regimes, decision).
Outcome = tuple[str, Any, list[str], Decision | None]
Group = tuple[str, int, list[dict[str, Any]]]


def _evaluate_one(
    evaluator: Evaluator, group: Group, as_of: date | None, source: str, keep: bool
) -> Outcome:
    decl_id, line, rows = group
    try:
        shipment = parse_shipment(declaration_document(decl_id, rows), source=source)
    except (InputError, ValueError) as exc:
        return _invalid(decl_id, line, exc)
    try:
        decision = evaluator.evaluate(shipment, as_of)
    except InputError as exc:
        # refused by the evaluator (a party name the screener cannot screen ...): an invalid
        # declaration like the others, and the run goes on
        return _invalid(decl_id, line, exc)
    if _party(rows[0], "exporter") is None:
        decision.reasons.append(_undeclared_exporter(shipment.exporter.name, shipment.exporter.own))
        decision.verdict = verdict_of(decision.reasons)
    row = _verdict_row(decision)
    row.customs = kr_customs.customs_finding(rows, decision)
    if row.customs is not None and row.customs.flagged:
        row.codes.append(kr_customs.FLAG)
    return ("ok", row, _regimes(decision), decision if keep else None)


def _undeclared_exporter(name: str, own: bool) -> Reason:
    """What the audit says of a declaration that names no exporter: the organisation's record
    from its settings stands in (information), or, with none set, the exporter is unknown."""
    if own:
        return Reason(
            code="EXPORTER_FROM_SETTINGS",
            severity="info",
            message=f"no exporter declared: the organisation's own record {name!r} from its "
            "settings (TRADEGUARD_ORG_NAME) is the exporter",
            legal_basis="—",
            evidence={"exporter": name, "source": "settings"},
            party="exporter",
            params={"name": name},
        )
    return Reason(
        code="EXPORTER_NOT_DECLARED",
        severity="review",
        message="no exporter declared and no organisation record in the settings "
        "(TRADEGUARD_ORG_NAME): the exporter is unknown and was not screened",
        legal_basis="—",
        evidence={"exporter": NOT_DECLARED},
        party="exporter",
    )


def _why(error: dict[str, Any]) -> str:
    where = f"line {error['line']}" + (f", field {error['field']!r}" if error["field"] else "")
    return f"{where}: {error['message']}"


def _invalid(decl_id: str, line: int, exc: InputError | ValueError) -> Outcome:
    message = exc.message if isinstance(exc, InputError) else str(exc)
    field_ = exc.field if isinstance(exc, InputError) else None
    error = {"declaration_id": decl_id, "line": line, "field": field_, "message": message}
    return ("error", error, [], None)


# The evaluator of a forked worker process (inherited from the parent, built once).
_WORKER: dict[str, Any] = {}


def _evaluate_chunk(chunk: list[Group]) -> list[Outcome]:
    w = _WORKER
    return [_evaluate_one(w["evaluator"], g, w["as_of"], w["source"], w["keep"]) for g in chunk]


def _chunks(groups: Iterable[Group], size: int) -> Iterator[list[Group]]:
    chunk: list[Group] = []
    for group in groups:
        chunk.append(group)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def audit_declarations(
    path: Path,
    evaluator: Evaluator,
    *,
    as_of: date | None = None,
    progress: Callable[[int], None] | None = None,
    keep_decisions: bool = False,
    workers: int = 1,
) -> tuple[AuditResult, list[Decision]]:
    """Evaluate every declaration in ``path``; returns the verdicts and the summary (and the full
    decisions when ``keep_decisions``). A declaration that fails validation is reported in
    ``errors`` with its row number and does not stop the run.

    With ``workers > 1`` the declarations are evaluated in forked processes that inherit the
    evaluator (POSIX only; elsewhere, or with ``workers=1``, in this process). Output order is
    the input order either way."""
    result = AuditResult()
    decisions: list[Decision] = []
    counts: Counter[str] = Counter()
    summary: dict[str, Any] = {
        "by_destination": defaultdict(Counter),
        "by_entry": defaultdict(Counter),
        "by_regime": defaultdict(Counter),
    }
    customs: dict[str, Any] = {}
    groups = read_declarations(path)
    source = path.name
    outcomes: Iterable[list[Outcome]]
    pool = None
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        _WORKER.update(evaluator=evaluator, as_of=as_of, source=source, keep=keep_decisions)
        pool = multiprocessing.get_context("fork").Pool(workers)
        outcomes = pool.imap(_evaluate_chunk, _chunks(groups, 200))
    else:
        outcomes = ([_evaluate_one(evaluator, g, as_of, source, keep_decisions)] for g in groups)
    try:
        for batch in outcomes:
            for kind, data, regimes, decision in batch:
                if kind == "error":
                    result.errors.append(data)
                    counts["invalid"] += 1
                else:
                    row: DeclarationVerdict = data
                    result.declarations.append(row)
                    counts[row.verdict] += 1
                    counts["unauthorised"] += int(row.unauthorised)
                    counts["exporter_from_settings"] += int("EXPORTER_FROM_SETTINGS" in row.codes)
                    counts["exporter_not_declared"] += int("EXPORTER_NOT_DECLARED" in row.codes)
                    _tally(summary, row, regimes)
                    if row.customs is not None:
                        kr_customs.tally(customs, row.customs)
                    if decision is not None:
                        decisions.append(decision)
            if progress:
                progress(len(batch))
    finally:
        if pool is not None:
            pool.close()
            pool.join()
            _WORKER.clear()
    kr_customs.finish(customs)
    result.summary = {
        "declarations": len(result.declarations) + counts["invalid"],
        "verdicts": {v: counts[v] for v in ("PROHIBITED", "LICENCE_REQUIRED", "REVIEW", "CLEAR")},
        "unauthorised": counts["unauthorised"],
        "invalid": counts["invalid"],
        "exporter_from_settings": counts["exporter_from_settings"],
        "exporter_not_declared": counts["exporter_not_declared"],
        **{
            key: {cat: dict(c.most_common()) for cat, c in sorted(value.items())}
            for key, value in summary.items()
        },
        **customs,
        "policy_version": evaluator.policy.version,
        "list_versions": evaluator.list_versions,
    }
    return result, decisions


def count_declarations(path: Path) -> int:
    """How many declarations a file holds (for a progress bar's total)."""
    return sum(1 for _ in read_declarations(path))


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

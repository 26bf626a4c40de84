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

import multiprocessing
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError
from tradeguard.policy import Reason, verdict_of
from tradeguard.shipments import kr_customs
from tradeguard.shipments.audit_results import (
    AuditResult,
    DeclarationVerdict,
    regimes_of,
    tally,
    verdict_row,
    write_audit,
)
from tradeguard.shipments.decision import Decision
from tradeguard.shipments.declarations import (
    COLUMNS,
    NOT_DECLARED,
    count_declarations,
    declaration_document,
    declared_party,
    read_declarations,
)
from tradeguard.shipments.evaluate import Evaluator
from tradeguard.shipments.model import parse_shipment

__all__ = [
    "COLUMNS",
    "NOT_DECLARED",
    "AuditResult",
    "DeclarationVerdict",
    "audit_declarations",
    "count_declarations",
    "declaration_document",
    "read_declarations",
    "write_audit",
]

#: One declaration's outcome: ("error", error dict) or ("ok", verdict row, regimes, decision).
Outcome = tuple[str, Any, list[str], Decision | None]
Group = tuple[str, int, list[dict[str, Any]]]
#: What reads a decision against the store's reviews before the audit adds its own findings
#: (:class:`tradeguard.service.reviews.Reviews`: a dismissed possible match no longer holds).
Review = Callable[[Decision], Decision]


def _evaluate_one(
    evaluator: Evaluator,
    group: Group,
    as_of: date | None,
    source: str,
    keep: bool,
    review: Review | None = None,
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
    if review is not None:
        decision = review(decision)
    if declared_party(rows[0], "exporter") is None:
        decision.reasons.append(_undeclared_exporter(shipment.exporter.name, shipment.exporter.own))
        decision.verdict = verdict_of(decision.reasons)
    row = verdict_row(decision)
    row.customs = kr_customs.customs_finding(rows, decision)
    if row.customs is not None and row.customs.flagged:
        row.codes.append(kr_customs.FLAG)
    return ("ok", row, regimes_of(decision), decision if keep else None)


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


def _invalid(decl_id: str, line: int, exc: InputError | ValueError) -> Outcome:
    message = exc.message if isinstance(exc, InputError) else str(exc)
    field_ = exc.field if isinstance(exc, InputError) else None
    error = {"declaration_id": decl_id, "line": line, "field": field_, "message": message}
    return ("error", error, [], None)


# The evaluator of a forked worker process (inherited from the parent, built once).
_WORKER: dict[str, Any] = {}


def _evaluate_chunk(chunk: list[Group]) -> list[Outcome]:
    w = _WORKER
    return [
        _evaluate_one(w["evaluator"], g, w["as_of"], w["source"], w["keep"], w["review"])
        for g in chunk
    ]


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
    review: Review | None = None,
) -> tuple[AuditResult, list[Decision]]:
    """Evaluate every declaration in ``path``; returns the verdicts and the summary (and the full
    decisions when ``keep_decisions``). A declaration that fails validation is reported in
    ``errors`` with its row number and does not stop the run. ``review`` reads each decision
    against the store's reviews first, as one shipment's evaluation does (the service passes
    it: ``tradeguard.service.files``).

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
        _WORKER.update(
            evaluator=evaluator, as_of=as_of, source=source, keep=keep_decisions, review=review
        )
        pool = multiprocessing.get_context("fork").Pool(workers)
        outcomes = pool.imap(_evaluate_chunk, _chunks(groups, 200))
    else:
        outcomes = (
            [_evaluate_one(evaluator, g, as_of, source, keep_decisions, review)] for g in groups
        )
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
                    tally(summary, row, regimes)
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

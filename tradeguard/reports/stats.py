"""Figures over a period, read from the audit log: screenings and hits, shipment decisions by
verdict, blocked shipments and unauthorised-export attempts by regime, item and destination.

Every decision made through the API, the web pages or monitoring is one audit record, so the
log is the one source of these figures (what the command line evaluates locally without the
server is not in it). A shipment counts as an *unauthorised-export attempt* when its decision
is PROHIBITED or LICENCE_REQUIRED: it could not lawfully leave as declared.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from tradeguard.audit import records

if TYPE_CHECKING:
    from tradeguard.store import Store

UNAUTHORISED = ("PROHIBITED", "LICENCE_REQUIRED")


@dataclass
class PeriodFigures:
    start: str | None
    end: str | None
    screenings: int = 0
    screenings_with_hits: int = 0
    hits: int = 0
    decisions: int = 0
    cases_opened: int = 0
    cases_closed: int = 0
    blocked: int = 0
    unauthorised: int = 0
    alerts_by_day: Counter[str] = field(default_factory=Counter)
    screenings_by_day: Counter[str] = field(default_factory=Counter)
    by_verdict: Counter[str] = field(default_factory=Counter)
    by_destination: Counter[str] = field(default_factory=Counter)
    by_regime: Counter[str] = field(default_factory=Counter)
    unauthorised_by_regime: Counter[str] = field(default_factory=Counter)
    unauthorised_by_item: Counter[str] = field(default_factory=Counter)
    unauthorised_by_destination: Counter[str] = field(default_factory=Counter)
    first_seq: int | None = None
    last_seq: int | None = None

    def to_dict(self) -> dict[str, Any]:
        def top(c: Counter[str]) -> dict[str, int]:
            return dict(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))

        return {
            "from": self.start,
            "to": self.end,
            "screenings": self.screenings,
            "screenings_with_hits": self.screenings_with_hits,
            "hits": self.hits,
            "shipment_decisions": self.decisions,
            "blocked_shipments": self.blocked,
            "unauthorised_export_attempts": self.unauthorised,
            "cases_opened": self.cases_opened,
            "cases_closed": self.cases_closed,
            "alerts_by_day": dict(sorted(self.alerts_by_day.items())),
            "screenings_by_day": dict(sorted(self.screenings_by_day.items())),
            "decisions_by_verdict": top(self.by_verdict),
            "decisions_by_destination": top(self.by_destination),
            "decisions_by_regime": top(self.by_regime),
            "unauthorised_by_regime": top(self.unauthorised_by_regime),
            "unauthorised_by_item": top(self.unauthorised_by_item),
            "unauthorised_by_destination": top(self.unauthorised_by_destination),
            "audit_seq_range": [self.first_seq, self.last_seq],
        }


def _in_period(day: str, start: date | None, end: date | None) -> bool:
    if start is not None and day < start.isoformat():
        return False
    return not (end is not None and day > end.isoformat())


def _shipment(fig: PeriodFigures, decision: dict[str, Any]) -> None:
    verdict = str(decision.get("verdict", "")).upper()
    fig.decisions += 1
    fig.by_verdict[verdict] += 1
    destination = str(decision.get("destination") or "?")
    fig.by_destination[destination] += 1
    regimes: set[str] = set()
    codes: set[str] = set()
    for item in decision.get("items") or []:
        for entry in item.get("entries") or []:
            regimes.update(entry.get("regimes") or [])
            if entry.get("code"):
                codes.add(str(entry["code"]))
    for reason in decision.get("reasons") or []:
        if reason.get("severity") in ("prohibited", "licence_required") and not regimes:
            basis = str(reason.get("legal_basis") or "").split(";")[0].strip()
            if basis:
                regimes.add(basis[:60])
    for regime in regimes or {"(none)"}:
        fig.by_regime[regime] += 1
    if verdict == "PROHIBITED":
        fig.blocked += 1
    if verdict in UNAUTHORISED:
        fig.unauthorised += 1
        fig.unauthorised_by_destination[destination] += 1
        for regime in regimes or {"(none)"}:
            fig.unauthorised_by_regime[regime] += 1
        for code in codes or {"(no controlled item)"}:
            fig.unauthorised_by_item[code] += 1


def period_figures(
    store: Store, start: date | None = None, end: date | None = None
) -> PeriodFigures:
    """The figures of the audit records dated ``start`` to ``end`` (inclusive, UTC days)."""
    fig = PeriodFigures(start.isoformat() if start else None, end.isoformat() if end else None)
    after = 0
    while True:
        batch = records(store, after=after, limit=5000)
        if not batch:
            break
        after = batch[-1].seq
        for rec in batch:
            day = rec.at[:10]
            if not _in_period(day, start, end):
                continue
            if fig.first_seq is None:
                fig.first_seq = rec.seq
            fig.last_seq = rec.seq
            payload = rec.payload
            if rec.action.startswith("screen.") and "hits" in payload and "query" in payload:
                fig.screenings += 1
                fig.screenings_by_day[day] += 1
                hits = len(payload.get("hits") or [])
                fig.hits += hits
                if hits:
                    fig.screenings_with_hits += 1
                    fig.alerts_by_day[day] += 1
            elif rec.action == "screen.batch":
                rows = int((payload.get("request") or {}).get("rows") or 0)
                hit_rows = len((payload.get("decision") or {}).get("hits") or [])
                fig.screenings += rows
                fig.screenings_by_day[day] += rows
                fig.screenings_with_hits += hit_rows
                fig.hits += hit_rows
                fig.alerts_by_day[day] += hit_rows
            elif isinstance(payload.get("decision"), dict) and "verdict" in payload["decision"]:
                _shipment(fig, payload["decision"])
            elif rec.action == "case.open":
                fig.cases_opened += 1
            elif rec.action == "case.review" and payload.get("decision") == "approve":
                fig.cases_closed += 1
    return fig

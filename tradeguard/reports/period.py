"""The period report: the figures an export-control authority publishes for a period."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from tradeguard.reports import charts
from tradeguard.reports.render import Report, render
from tradeguard.reports.stats import period_figures

if TYPE_CHECKING:
    from tradeguard.store import Store


def period_report(store: Store, start: date, end: date) -> Report:
    if end < start:
        from tradeguard.errors import InputError

        raise InputError(f"the period ends ({end}) before it starts ({start})", field="--to")
    fig = period_figures(store, start, end)
    from tradeguard.cases.integrity import verify

    chain = verify(store).to_dict()
    plots = [
        charts.day_chart(
            "Screenings and alerts per day",
            {"screenings": fig.screenings_by_day, "alerts": fig.alerts_by_day},
        ),
        charts.bar_chart("Shipment decisions by verdict", fig.by_verdict, colour="#8a2f2f"),
        charts.bar_chart("Unauthorised-export attempts by regime", fig.unauthorised_by_regime),
        charts.bar_chart("Unauthorised-export attempts by item", fig.unauthorised_by_item),
        charts.bar_chart(
            "Unauthorised-export attempts by destination", fig.unauthorised_by_destination
        ),
    ]
    data = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "figures": fig.to_dict(),
        "chain": chain,
        "versions": [v.to_dict() for v in store.current_versions()],
    }
    html = render("period.html", plots=plots, **data)
    return Report(f"period-{start.isoformat()}-{end.isoformat()}", html, data)

"""The period report: the figures an export-control authority publishes for a period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from tradeguard.countries import country_name
from tradeguard.language import i18n
from tradeguard.language.labels import N_, label
from tradeguard.reports import charts
from tradeguard.reports.render import Report, generated, language, render
from tradeguard.reports.stats import period_figures

if TYPE_CHECKING:
    from tradeguard.store import Store


def activity_plots(fig: Any, empty: str) -> list[str]:
    """The period's first two charts, shared by the period report and the dashboard:
    screenings and alerts per day, and shipment decisions by verdict, their titles, series,
    verdicts and days in the current language (``empty`` is drawn when a chart has no data)."""
    _ = i18n.gettext
    days = {d: i18n.local_date(d, "medium") for d in {*fig.screenings_by_day, *fig.alerts_by_day}}
    return [
        charts.day_chart(
            _(N_("Screenings and alerts per day")),
            {
                _(N_("screenings")): fig.screenings_by_day,
                _(N_("alerts (screenings with hits)")): fig.alerts_by_day,
            },
            days=days,
            empty=empty,
        ),
        charts.bar_chart(
            _(N_("Shipment decisions by verdict")),
            fig.by_verdict,
            colour="#8a2f2f",
            words={code: label(code) for code in fig.by_verdict},
            empty=empty,
        ),
    ]


def _plots(fig: Any) -> list[str]:
    """The report's charts, their titles, series, verdicts and days in the current language."""
    _ = i18n.gettext
    empty = _(N_("no data in this period"))
    return [
        *activity_plots(fig, empty),
        charts.bar_chart(
            _(N_("Unauthorised-export attempts by regime")),
            fig.unauthorised_by_regime,
            words={code: label(code) for code in fig.unauthorised_by_regime},
            empty=empty,
        ),
        charts.bar_chart(
            _(N_("Unauthorised-export attempts by item")), fig.unauthorised_by_item, empty=empty
        ),
        charts.bar_chart(
            _(N_("Unauthorised-export attempts by destination")),
            fig.unauthorised_by_destination,
            words={
                code: country_name(code, i18n.current()) for code in fig.unauthorised_by_destination
            },
            empty=empty,
        ),
    ]


def period_report(
    store: Store,
    start: date,
    end: date,
    lang: str | None = None,
    clock: Callable[[], datetime] | None = None,
) -> Report:
    """The figures of ``start`` to ``end`` (both included) in ``lang`` (en, ja or ko);
    ``clock`` (an aware datetime, default now) dates it: UTC in its data, the zone people read
    times in (``$TRADEGUARD_TIME_ZONE``) on its pages."""
    lang = language(lang)
    if end < start:
        from tradeguard.errors import InputError

        raise InputError(f"the period ends ({end}) before it starts ({start})", field="--to")
    fig = period_figures(store, start, end)
    from tradeguard.cases.integrity import verify

    chain = verify(store).to_dict()
    token = i18n.use(lang)
    try:
        plots = _plots(fig)
    finally:
        i18n.reset(token)
    data = {
        "generated_at": generated(clock),
        "figures": fig.to_dict(),
        "chain": chain,
        "versions": [v.to_dict() for v in store.current_versions()],
    }
    html = render("period.html", lang, plots=plots, **data)
    name = f"period-{start.isoformat()}-{end.isoformat()}"
    return Report(name if lang == "en" else f"{name}-{lang}", html, data)

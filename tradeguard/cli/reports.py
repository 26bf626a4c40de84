"""``tradeguard report case|period``: case and period reports (HTML and PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradeguard.cli.app import (
    report_app,
)
from tradeguard.cli.common import (
    JsonOpt,
    console,
    open_store,
    print_json,
)
from tradeguard.errors import InputError

OutOpt = Annotated[Path, typer.Option("--out", help="Directory for the HTML and PDF files.")]
LangOpt = Annotated[
    str,
    typer.Option(
        "--lang",
        help="The report's language: en, ja or ko (files NAME-ja.pdf, NAME-ko.pdf).",
    ),
]


@report_app.command("case")
def report_case(
    case_id: Annotated[int, typer.Argument(help="The case id.")],
    out: OutOpt = Path("."),
    lang: LangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """One case: list versions, scores, reasons, reviewers and the audit-chain proof."""
    from tradeguard.reports.case import case_report

    paths = case_report(open_store(), case_id, lang).write(out)
    print_json(paths) if as_json else console.print(f"wrote {paths['html']} and {paths['pdf']}")


@report_app.command("period")
def report_period(
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD.")],
    out: OutOpt = Path("."),
    lang: LangOpt = "en",
    as_json: JsonOpt = False,
) -> None:
    """Screenings, hits, blocked shipments and unauthorised-export attempts in a period."""
    from datetime import date

    from tradeguard.reports.period import period_report

    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError as exc:
        raise InputError(f"dates are YYYY-MM-DD: {exc}", field="--from/--to") from None
    paths = period_report(open_store(), first, last, lang).write(out)
    print_json(paths) if as_json else console.print(f"wrote {paths['html']} and {paths['pdf']}")

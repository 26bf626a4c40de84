"""``tradeguard audit ...``, ``cases ...``, ``counterparties import`` and ``monitor run``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradeguard.cli.app import (
    audit_app,
    cases_app,
    cps_app,
    monitor_app,
)
from tradeguard.cli.common import (
    JsonOpt,
    cli_actor,
    console,
    err_console,
    open_service,
    open_store,
    plain_datetime,
    print_json,
)


@audit_app.command("verify")
def audit_verify(
    expect_head: Annotated[
        str | None, typer.Option(help="A head hash kept outside the database.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Recompute the hash chain and replay each case's and each user's audited changes; exit
    code 8 when any record was edited, inserted or deleted, or a case's stored state (status,
    outcome, reviewer ...) or a user's (role, active, creator) is not what its records say.
    Stored list entries are checked by `lists verify`."""
    from tradeguard.cases.integrity import verify

    result = verify(open_store(autoload=False), expect_head=expect_head)
    if as_json:
        print_json(result.to_dict())
    elif result.ok:
        console.print(
            f"audit chain intact: {result.records} records, head {result.head_hash}; "
            "every case and user matches its audit records "
            "(stored list entries: `tradeguard lists verify`)"
        )
    else:
        for p in result.problems:
            err_console.print(f"[bold red]record {p.seq}:[/] {p.problem}")
    if not result.ok:
        raise typer.Exit(8)


@audit_app.command("export")
def audit_export(
    case: Annotated[int, typer.Option("--case", help="The case id.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Write the evidence for one case (JSON) to --output or standard output."""
    from tradeguard.cases.export import export_case

    evidence = export_case(open_store(autoload=False), case).to_dict()
    if output is None:
        print_json(evidence)
        return
    output.write_text(json.dumps(evidence, ensure_ascii=False, indent=2, default=str) + "\n")
    console.print(f"wrote the evidence of case {case} to {output}")


@audit_app.command("log")
def audit_log(
    subject: Annotated[str | None, typer.Option(help="e.g. case:12, user:ana")] = None,
    action: Annotated[str | None, typer.Option(help="e.g. case.review")] = None,
    after: Annotated[int, typer.Option(help="Records after this sequence number.")] = 0,
    limit: Annotated[int, typer.Option(help="At most this many records.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Audit records in chain order."""
    from tradeguard.audit import records

    rows = records(
        open_store(autoload=False), subject=subject, action=action, after=after, limit=limit
    )
    if as_json:
        print_json([r.to_dict() for r in rows])
        return
    table = Table("seq", "at", "actor", "action", "subject", "hash")
    for r in rows:
        table.add_row(str(r.seq), plain_datetime(r.at), r.actor, r.action, r.subject, r.hash[:12])
    console.print(table)


@cases_app.command("list")
def cases_list(
    status: Annotated[str | None, typer.Option(help="open, proposed, escalated, closed")] = None,
    limit: Annotated[int, typer.Option()] = 100,
    as_json: JsonOpt = False,
) -> None:
    """Cases, oldest first."""
    from tradeguard.cases.workflow import list_cases

    rows = list_cases(open_store(autoload=False), status, limit=limit)
    if as_json:
        print_json([c.to_dict() for c in rows])
        return
    table = Table("id", "kind", "status", "subject", "entity", "score", "proposal", "outcome")
    for c in rows:
        score = f"{c.score:.2f}" if c.score is not None else ""
        table.add_row(
            str(c.id),
            c.kind,
            c.status,
            c.subject,
            c.entity_id or "",
            score,
            c.proposal or "",
            c.outcome or "",
        )
    console.print(table)


@cases_app.command("show")
def cases_show(case_id: Annotated[int, typer.Argument()], as_json: JsonOpt = False) -> None:
    """One case with its detail."""
    from tradeguard.cases.workflow import get_case

    data = get_case(open_store(autoload=False), case_id).to_dict()
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        shown = plain_datetime(value) if key.endswith("_at") and value else value
        console.print(f"[dim]{key}[/] {shown}", highlight=False)


@cps_app.command("import")
def counterparties_import(
    path: Annotated[Path, typer.Argument(help="CSV or XLSX (id,name,type,countries,...) or JSON.")],
    as_json: JsonOpt = False,
) -> None:
    """Add or update the counterparties monitoring screens."""
    summary = open_service(autoload=False).import_counterparty_file(cli_actor(), path)
    if as_json:
        print_json(summary.to_dict())
        return
    console.print(
        f"{summary.total} counterparties: {summary.added} added, "
        f"{summary.changed} changed, {summary.unchanged} unchanged"
    )


@monitor_app.command("run")
def monitor_run(
    force: Annotated[bool, typer.Option(help="Screen every counterparty again.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Screen the counterparties again where a list or their data changed; open cases for
    new and changed hits only."""
    summary = open_service().monitor(cli_actor(), force)
    if as_json:
        print_json(summary.to_dict())
        return
    s = summary
    console.print(
        f"run {s.run_id}: lists {'changed' if s.lists_changed else 'unchanged'}; screened "
        f"{s.screened} of {s.counterparties} counterparties; {s.hits} hits: {s.new} new, "
        f"{s.changed} changed, {s.unchanged} unchanged, {s.suppressed} suppressed; "
        f"{s.cleared} cleared; cases opened: {len(s.cases_opened)}"
    )

"""``tradeguard schema shipment``, ``evaluate`` and ``audit-declarations``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from tradeguard.cli.app import (
    app,
    schema_app,
)
from tradeguard.cli.common import (
    SHOWN_ERRORS,
    ClusterOpt,
    JsonOpt,
    _run_on_cluster,
    cli_actor,
    console,
    err_console,
    open_service,
    print_json,
    progress_bar,
)

AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Apply the policy in force on this date (YYYY-MM-DD).")
]


@schema_app.command("shipment")
def schema_shipment() -> None:
    """The JSON Schema of a shipment (export declaration) document."""
    from tradeguard.shipments import shipment_schema

    print_json(shipment_schema())


@app.command()
def evaluate(
    file: Annotated[Path, typer.Argument(help="Shipment document (JSON or YAML).")],
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="Exit with the verdict: 0 CLEAR, 10 REVIEW, 11 LICENCE_REQUIRED, "
            "12 PROHIBITED (errors keep 1 to 8).",
        ),
    ] = False,
) -> None:
    """May this shipment go? A verdict with the reasons that set it."""
    from tradeguard.cli.render.shipments import render_decision
    from tradeguard.shipments import load_shipment
    from tradeguard.shipments.model import parse_as_of

    shipment, when = load_shipment(file), parse_as_of(as_of)
    decision = open_service().evaluate(cli_actor(), shipment, when, face="cli").decision
    if as_json:
        print_json(decision.to_dict())
    else:
        render_decision(console, decision)
    if exit_code and decision.verdict.value in VERDICT_EXIT:
        raise typer.Exit(VERDICT_EXIT[decision.verdict.value])


#: ``evaluate --exit-code``: a verdict other than CLEAR as an exit code above the error codes
#: (1 to 8), so that a script tells "may not go as it is" from "could not decide".
VERDICT_EXIT = {"REVIEW": 10, "LICENCE_REQUIRED": 11, "PROHIBITED": 12}


@app.command("audit-declarations")
def audit_declarations_cmd(
    file: Annotated[
        Path, typer.Argument(help="Declarations, one row per line item (CSV or Parquet).")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="Write verdicts: .csv, .parquet or .json (with --cluster: a directory of "
            "Parquet parts, or .csv, .xlsx or .jsonl).",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Forked processes to evaluate with.")
    ] = None,
    cluster: ClusterOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Audit many declarations: a verdict each and a summary by regime, entry and destination."""
    from tradeguard.cli.render.shipments import render_audit_summary
    from tradeguard.shipments.audit import count_declarations, write_audit
    from tradeguard.shipments.model import parse_as_of

    when = parse_as_of(as_of)
    if cluster is not None:
        from tradeguard.batch.audit import declaration_errors
        from tradeguard.batch.cluster import check
        from tradeguard.errors import InputError

        check(cluster)
        if workers is not None:
            raise InputError(
                "--workers forks processes on this machine; with --cluster the cluster's "
                "workers evaluate (give one or the other)",
                field="--workers",
            )
        if out is None:
            raise InputError(
                "--cluster needs -o/--out: a directory for the Parquet parts, or a .csv, "
                ".xlsx or .jsonl file",
                field="--out",
            )
        batch = _run_on_cluster("audit", file, out, cluster, as_of=when)
        summary: dict[str, Any] = batch.summary or {}
        errors = declaration_errors(batch.errors)
    else:
        total = count_declarations(file)
        service = open_service()
        with progress_bar() as bar:
            task = bar.add_task("declarations", total=total)
            result = service.audit_declarations(
                cli_actor(),
                file,
                as_of=when,
                workers=workers or 1,
                progress=lambda n: bar.advance(task, n),
            )
        if out is not None:
            write_audit(result, out)
        summary, errors = result.summary, result.errors
    if as_json:
        print_json(summary | {"errors": errors})
        return
    render_audit_summary(console, summary)
    for err in errors[:SHOWN_ERRORS]:
        where = f"line {err['line']}" if err.get("line") else "no line"
        field = f"field {err['field']!r}: " if err.get("field") else ""
        err_console.print(
            f"[red]{file}, {where}[/]: declaration {err['declaration_id']}: {field}{err['message']}",
            highlight=False,
        )
    if len(errors) > SHOWN_ERRORS:
        err_console.print(
            f"... and {len(errors) - SHOWN_ERRORS} more invalid declarations (--json lists them all)"
        )

"""The ``tradeguard`` Typer application and its command groups (the commands register
themselves from the modules of this package)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="tradeguard",
    help="Strategic trade control: who, what, where and through whom — with evidence.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
lists_app = typer.Typer(
    help="Load, update, inspect and compare the official lists.", no_args_is_help=True
)
app.add_typer(lists_app, name="lists")
graph_app = typer.Typer(
    help="The relation graph: import relations, review cross-list links.", no_args_is_help=True
)
app.add_typer(graph_app, name="graph")
schema_app = typer.Typer(
    help="Print the JSON Schema of tradeguard's input documents.", no_args_is_help=True
)
app.add_typer(schema_app, name="schema")
users_app = typer.Typer(
    help="Users of the server, their roles and API tokens.", no_args_is_help=True
)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
cases_app = typer.Typer(help="Alerts under four-eyes review.", no_args_is_help=True)
cps_app = typer.Typer(help="The organisation's counterparties.", no_args_is_help=True)
monitor_app = typer.Typer(help="Ongoing monitoring of the counterparties.", no_args_is_help=True)
app.add_typer(users_app, name="users")
app.add_typer(audit_app, name="audit")
app.add_typer(cases_app, name="cases")
app.add_typer(cps_app, name="counterparties")
app.add_typer(monitor_app, name="monitor")
report_app = typer.Typer(help="Case and period reports (HTML and PDF).", no_args_is_help=True)
app.add_typer(report_app, name="report")

"""The ``tradeguard`` command line: a thin face over the service layer.

Each command parses its options, calls one use case of :class:`tradeguard.service.Service`
(or one core function) and renders the result (Rich tables for people, ``--json`` for
programs). No business rule lives here. One module per command group; the Rich renderers are
in :mod:`tradeguard.cli.render`.
"""

from __future__ import annotations

# isort: off
# each module registers its commands, in the order the help lists them
from tradeguard.cli import (  # noqa: F401
    lists,
    items,
    screening,
    shipments,
    graph,
    server,
    accounts,
    cases,
    reports,
)

# isort: on
from tradeguard import settings
from tradeguard.cli.app import app
from tradeguard.cli.common import err_console
from tradeguard.errors import TradeguardError


def main() -> None:
    """Entry point: usage errors are reported by Typer (exit 2); tradeguard's own errors become
    one line on stderr and their exit code — never a traceback."""
    try:
        settings.time_zone()  # a zone that is none is refused before any command runs
        app()
    except TradeguardError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise SystemExit(exc.exit_code) from None


__all__ = ["app", "main"]

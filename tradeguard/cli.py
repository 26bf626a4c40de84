"""The ``tradeguard`` command line: a thin face over the core library.

Each command parses its options, calls one core function and renders the result (Rich tables
for people, ``--json`` for programs). No business rule lives here.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import typer
from rich.console import Console

from tradeguard import __version__
from tradeguard.errors import TradeguardError

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

console = Console()
err_console = Console(stderr=True)


def print_json(data: Any) -> None:
    """Write JSON to stdout (the same shapes as the REST API)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def version() -> None:
    """Print the tradeguard version."""
    console.print(__version__)


def main() -> None:
    """Entry point: run the app, turning tradeguard errors into one line and an exit code."""
    try:
        app(standalone_mode=False)
    except TradeguardError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise SystemExit(exc.exit_code) from None
    except typer.Abort:
        err_console.print("aborted")
        raise SystemExit(130) from None
    except (typer.BadParameter, typer.Exit) as exc:
        if isinstance(exc, typer.Exit):
            raise SystemExit(exc.exit_code) from None
        raise
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            raise SystemExit(exc.exit_code) from None
        raise


if __name__ == "__main__":
    main()

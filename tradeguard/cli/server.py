"""``tradeguard demo`` and ``serve``."""

from __future__ import annotations

from typing import Annotated

import typer

from tradeguard.cli.app import (
    app,
)
from tradeguard.cli.common import (
    console,
    err_console,
    open_store,
)


@app.command()
def demo() -> None:
    """The main job on the embedded default: load the bundled lists and show what tradeguard does."""
    from tradeguard.cli.demo import run_demo

    run_demo(console, open_store)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Run the REST API (OpenAPI at /docs) and the web pages (at /ui/)."""
    from tradeguard.server import serve as run_server

    # Migrate and load the snapshot once, before the workers start. A store URL that is wrong
    # stops here (exit 4); a database that does not answer does not: the server starts and
    # answers 503 until it does.
    store = open_store(defer_if_unreachable=True)
    if store.upgrade_pending:
        err_console.print(
            "[yellow]The store does not answer: the server starts and answers 503 until it does.[/]"
        )
    store.close()
    run_server(host, port, workers)

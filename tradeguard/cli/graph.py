"""``tradeguard exposure`` and ``graph import|datasets|resolve|links|review``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradeguard.cli.app import (
    app,
    graph_app,
)
from tradeguard.cli.common import (
    JsonOpt,
    console,
    err_console,
    open_service,
    open_store,
    print_json,
)


@app.command()
def exposure(
    name_or_id: Annotated[str, typer.Argument(help="A party's name or id (un_sc:KPe.039).")],
    depth: Annotated[int, typer.Option(help="Hops to follow (1-6).")] = 3,
    as_json: JsonOpt = False,
) -> None:
    """Paths from a party to designated entities; OFAC 50 % rule and EU ownership or control.
    A party is traced from all its lists' copies; a name that means no one party clearly lists
    the parties it may mean (exit code 2)."""
    from tradeguard.cli.render.network import render_candidates, render_exposure

    traced = open_service().exposure(name_or_id, depth)
    data = traced.body().data()
    if as_json:
        print_json(data)
    elif traced.resolved:
        render_exposure(console, data)
    else:
        render_candidates(console, data)
    if not traced.resolved:
        raise typer.Exit(2)


@graph_app.command("import")
def graph_import(
    path: Annotated[Path, typer.Argument(help="A CSV or JSON relation file (docs/network.md).")],
    dataset: Annotated[str | None, typer.Option(help="Dataset name (default: file name).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Import relations and parties on no list; re-importing a dataset replaces it."""
    from tradeguard.network.importer import import_file

    result = import_file(open_store(), path, dataset)
    if as_json:
        print_json(result.to_dict())
        return
    console.print(
        f"{result.dataset}: {result.status} ({result.nodes} parties, {result.edges} relations)"
    )
    for ref in result.unresolved:
        err_console.print(f"[yellow]warning:[/] {ref} is not in the loaded lists")


@graph_app.command("datasets")
def graph_datasets(as_json: JsonOpt = False) -> None:
    """The imported relation datasets."""
    from tradeguard.network.importer import ensure_bundled, list_datasets

    store = open_store()
    ensure_bundled(store)
    rows = list_datasets(store)
    if as_json:
        print_json(rows)
        return
    table = Table("dataset", "format", "parties", "relations", "imported", "source")
    for r in rows:
        table.add_row(
            r["dataset"],
            r["format"],
            str(r["nodes"]),
            str(r["edges"]),
            r["imported_at"],
            r["source"],
        )
    console.print(table)


@graph_app.command("resolve")
def graph_resolve(as_json: JsonOpt = False) -> None:
    """Propose cross-list links (same identifier or same name) between the loaded lists."""
    from tradeguard.network.resolve import propose_links

    result = propose_links(open_store())
    if as_json:
        print_json(result)
    else:
        console.print(f"{result['candidates']} candidate links, {result['added']} new (proposed)")


@graph_app.command("links")
def graph_links(
    entity_id: Annotated[str | None, typer.Option("--entity", help="Links of this entry.")] = None,
    status: Annotated[str | None, typer.Option(help="proposed, confirmed or rejected.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    as_json: JsonOpt = False,
) -> None:
    """Cross-list links with their confidence, evidence and review state (weakest first)."""
    from tradeguard.network.resolve import list_links

    rows = list_links(open_store(), entity_id, status, limit)
    if as_json:
        print_json([r.to_dict() for r in rows])
        return
    table = Table("id", "a", "b", "conf.", "method", "status", "counts", "evidence")
    for r in rows:
        table.add_row(
            str(r.id),
            r.a,
            r.b,
            f"{r.confidence:.2f}",
            r.method,
            r.status,
            "yes" if r.counts else "no",
            "; ".join(r.evidence),
        )
    console.print(table)


@graph_app.command("review")
def graph_review(
    link_id: Annotated[int, typer.Argument(help="The link id (see graph links).")],
    decision: Annotated[str, typer.Argument(help="confirm or reject")],
    by: Annotated[str, typer.Option("--by", help="Reviewer's name.")],
    as_json: JsonOpt = False,
) -> None:
    """Confirm or reject a cross-list link (recorded with the reviewer and time)."""
    from tradeguard.network.resolve import review_link

    word = {"confirm": "confirmed", "reject": "rejected"}.get(decision, decision)
    row = review_link(open_store(), link_id, word, by)
    if as_json:
        print_json(row.to_dict())
    else:
        console.print(f"link {row.id} ({row.a} = {row.b}): {row.status} by {by}")

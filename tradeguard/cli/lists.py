"""``tradeguard version``, ``lists load|update|status|diff|verify``, ``entity`` and ``export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradeguard import __version__
from tradeguard.cli.app import (
    app,
    lists_app,
)
from tradeguard.cli.common import (
    AllowShrinkOpt,
    JsonOpt,
    ListOpt,
    MaxShrinkOpt,
    cli_actor,
    console,
    err_console,
    open_service,
    open_store,
    plain_datetime,
    print_json,
    progress_bar,
)
from tradeguard.errors import InputError


@app.command()
def version() -> None:
    """Print the tradeguard version."""
    console.print(__version__)


@lists_app.command("load")
def lists_load(
    path: Annotated[Path, typer.Argument(help="A list file, or a folder holding a file set.")],
    list_id: ListOpt = None,
    allow_shrink: AllowShrinkOpt = False,
    max_shrink: MaxShrinkOpt = None,
    allow_older: Annotated[
        bool,
        typer.Option(
            "--allow-older",
            help="Load even if the file was published before the current version "
            "(it undoes the designations and delistings published since; the warnings say so).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Load a published list file as a new version (format sniffed unless --list is given)."""
    service = open_service(autoload=False)
    with progress_bar() as bar:
        task = bar.add_task(f"parsing {path.name}", total=None)
        parsed = service.parse_list(path, list_id)
        bar.update(task, description=f"loading {parsed.list}", total=len(parsed.entities))
        result = service.load_list(
            cli_actor(),
            parsed,
            progress=lambda done, total: bar.update(task, completed=done),
            allow_shrink=allow_shrink,
            max_shrink=max_shrink,
            allow_older=allow_older,
        )
    if as_json:
        print_json(result.to_dict())
        return
    version = result.version
    if result.status == "unchanged":
        console.print(f"{parsed.list}: unchanged (same content as version {version.id})")
    else:
        counts = ", ".join(f"{k} {v}" for k, v in version.counts.items())
        console.print(
            f"{parsed.list}: loaded version {version.id} from {path.name} "
            f"({version.entity_count} entries: {counts}; published {version.published_at or '—'})"
        )
    for warning in result.warnings[:10]:
        err_console.print(f"[yellow]warning:[/] {warning}")
    if len(result.warnings) > 10:
        err_console.print(f"[yellow]... and {len(result.warnings) - 10} more warnings[/]")


@lists_app.command("update")
def lists_update(
    list_id: ListOpt = None,
    url: Annotated[str | None, typer.Option(help="Fetch the --list from this URL instead.")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds per request.")] = 60.0,
    retries: Annotated[int, typer.Option(help="Retries per file.")] = 3,
    max_mb: Annotated[int, typer.Option(help="Size cap per file, MiB.")] = 256,
    allow_shrink: AllowShrinkOpt = False,
    max_shrink: MaxShrinkOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Download the lists from the publishers' official URLs and load what changed."""
    from tradeguard.lists.update import FetchOptions

    if url and not list_id:
        raise InputError("--url needs --list", field="--url")
    options = FetchOptions(timeout=timeout, retries=retries, max_bytes=max_mb * 1024 * 1024)
    results = open_service(autoload=False).update_lists(
        cli_actor(),
        [list_id] if list_id else None,
        urls={list_id: url} if (url and list_id) else None,
        options=options,
        progress=lambda name: err_console.print(f"fetching {name} ..."),
        allow_shrink=allow_shrink,
        max_shrink=max_shrink,
    )
    if as_json:
        print_json([r.to_dict() for r in results])
    else:
        table = Table("list", "status", "detail")
        for r in results:
            table.add_row(r.list_id, r.status, r.message)
        console.print(table)
    if any(r.status == "failed" for r in results):
        raise typer.Exit(5)


@lists_app.command("status")
def lists_status(
    stale_days: Annotated[
        int | None,
        typer.Option(
            help="Warn when a list is older than this many days (default: each list's "
            "publisher cadence, or $TRADEGUARD_STALE_DAYS)."
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Each loaded list: version, publication date, age, staleness, load time, counts."""
    from tradeguard.lists.status import list_status

    rows = list_status(open_store(), stale_after_days=stale_days)
    if as_json:
        print_json([r.to_dict() for r in rows])
        return
    table = Table(
        "list", "version", "sha256", "published", "age (days)", "stale after", "status",
        "loaded", "entries", "by schema",
    )  # fmt: skip
    for r in rows:
        v = r.version
        table.add_row(
            v.list,
            str(v.id),
            v.sha256[:12],
            (v.published_at or "—")[:10],
            f"{r.age_days:,}",
            "—" if r.stale_after_days is None else f"{r.stale_after_days:,}",
            "[bold yellow]stale[/]" if r.stale else "current",
            plain_datetime(v.loaded_at),
            f"{v.entity_count:,}",
            ", ".join(f"{k} {n}" for k, n in v.counts.items()),
        )
    console.print(table)
    for r in rows:
        if r.warning:
            err_console.print(f"[yellow]warning:[/] {r.warning}")


@lists_app.command("verify")
def lists_verify(as_json: JsonOpt = False) -> None:
    """Recompute the digest of every list version's stored entries and compare it with the one
    taken at load time (in the version and its audit record); exit code 8 when an entry was
    edited, added or deleted in the database."""
    from tradeguard.audit.entries import verify_lists

    result = verify_lists(open_store(autoload=False))
    if as_json:
        print_json(result.to_dict())
    else:
        for v in result.versions:
            if v.problem:
                err_console.print(f"[bold red]mismatch:[/] {v.problem}")
            else:
                console.print(f"{v.list} version {v.version_id} ({v.entity_count:,}): {v.status}")
    if not result.ok:
        raise typer.Exit(8)


@lists_app.command("diff")
def lists_diff(
    list_id: Annotated[str, typer.Argument(help="The list to compare.")],
    from_id: Annotated[int | None, typer.Option("--from", help="Older version id.")] = None,
    to_id: Annotated[int | None, typer.Option("--to", help="Newer version id.")] = None,
    limit: Annotated[int, typer.Option(help="Rows to show per section.")] = 20,
    as_json: JsonOpt = False,
) -> None:
    """Entries added, removed and changed between two versions (default: previous → current)."""
    from tradeguard.lists.diff import diff_versions

    diff = diff_versions(open_store(), list_id, from_id, to_id)
    if as_json:
        print_json(diff.to_dict())
        return
    console.print(
        f"[bold]{list_id}[/]: version {diff.from_version.id} → {diff.to_version.id}: "
        f"{len(diff.added)} added, {len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    for title, entities in (("added", diff.added), ("removed", diff.removed)):
        for e in entities[:limit]:
            console.print(f"  {'+' if title == 'added' else '-'} {e.id}  {e.caption}")
        if len(entities) > limit:
            console.print(f"  ... {len(entities) - limit} more {title}")
    for change in diff.changed[:limit]:
        fields = ", ".join(c.name for c in change.changes)
        console.print(f"  ~ {change.entity_id}  {change.caption}  [{fields}]")
    if len(diff.changed) > limit:
        console.print(f"  ... {len(diff.changed) - limit} more changed")


@app.command()
def entity(
    entity_id: Annotated[str, typer.Argument(help="Entity id, e.g. un_sc:KPe.053")],
    as_json: JsonOpt = False,
) -> None:
    """One entity with all its data and its list memberships."""
    from tradeguard.network.resolve import entity_report_with_cluster

    report = entity_report_with_cluster(open_store(), entity_id)
    if as_json:
        print_json(report.to_dict())
        return
    from tradeguard.cli.render.entity import render_entity

    render_entity(console, report)


@app.command("export")
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write ('-' = stdout).")],
    fmt: Annotated[str, typer.Option("--format", help="ftm: FollowTheMoney JSON lines.")] = "ftm",
    list_id: ListOpt = None,
) -> None:
    """Export the current entities (all lists, or --list) in an interchange format."""
    from tradeguard.lists.export import export_entities

    count = export_entities(open_store(), fmt, output, [list_id] if list_id else None)
    err_console.print(f"wrote {count} records to {output}")

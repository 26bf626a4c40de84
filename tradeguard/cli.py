"""The ``tradeguard`` command line: a thin face over the core library.

Each command parses its options, calls one core function and renders the result (Rich tables
for people, ``--json`` for programs). No business rule lives here.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tradeguard import __version__
from tradeguard.errors import TradeguardError
from tradeguard.store import Store

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

console = Console()
err_console = Console(stderr=True)
#: invalid declarations printed in full by audit-declarations (--json lists them all)
SHOWN_ERRORS = 20


def print_json(data: Any) -> None:
    """Write JSON to stdout (the same shapes as the REST API)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (the REST API's shape).")]
ListOpt = Annotated[
    str | None,
    typer.Option("--list", help="List id: un_sc, us_ofac_sdn, us_ofac_cons, us_csl, ..."),
]
AllowShrinkOpt = Annotated[
    bool,
    typer.Option(
        "--allow-shrink",
        help="Load even if the new version drops more entries than --max-shrink allows "
        "(the audit record says so).",
    ),
]
MaxShrinkOpt = Annotated[
    float | None,
    typer.Option(
        min=0.0,
        max=1.0,
        help="Share of the current version's entries a new version may drop "
        "(default $TRADEGUARD_MAX_SHRINK or 0.10; above 0.10 only with --allow-shrink).",
    ),
]


def open_store(autoload: bool = True) -> Store:
    """Open the configured store; on first use load the bundled snapshot (with a notice)."""
    store = Store.open()
    if autoload:
        from tradeguard.accounts.users import cli_actor

        store.ensure_loaded(
            notice=lambda text: err_console.print(f"[yellow]{text}[/]"), actor=cli_actor().name
        )
    return store


def audit_event(store: Store, action: str, subject: str, payload: dict[str, Any]) -> None:
    """Append an audit record naming the local user as the actor."""
    from tradeguard import audit
    from tradeguard.accounts.users import cli_actor

    audit.record(store, cli_actor().name, action, subject, payload)


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


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
    as_json: JsonOpt = False,
) -> None:
    """Load a published list file as a new version (format sniffed unless --list is given)."""
    from tradeguard.accounts.users import cli_actor
    from tradeguard.lists.registry import parse_path

    store = open_store(autoload=False)
    with progress_bar() as bar:
        task = bar.add_task(f"parsing {path.name}", total=None)
        parsed = parse_path(path, list_id)
        bar.update(task, description=f"loading {parsed.list}", total=len(parsed.entities))
        result = store.load(
            parsed,
            progress=lambda done, total: bar.update(task, completed=done),
            actor=cli_actor().name,
            allow_shrink=allow_shrink,
            max_shrink=max_shrink,
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
    from tradeguard.accounts.users import cli_actor
    from tradeguard.errors import InputError
    from tradeguard.lists.update import FetchOptions, update_lists

    if url and not list_id:
        raise InputError("--url needs --list", field="--url")
    store = open_store(autoload=False)
    options = FetchOptions(timeout=timeout, retries=retries, max_bytes=max_mb * 1024 * 1024)
    results = update_lists(
        store,
        [list_id] if list_id else None,
        urls={list_id: url} if (url and list_id) else None,
        options=options,
        progress=lambda name: err_console.print(f"fetching {name} ..."),
        actor=cli_actor().name,
        allow_shrink=allow_shrink,
        max_shrink=max_shrink,
    )
    for r in results:
        audit_event(store, "lists.update", f"list:{r.list_id}", r.to_dict())
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
        int | None, typer.Option(help="Warn when a list is older than this many days.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Each loaded list: version, publication date, load time, counts, staleness."""
    from tradeguard.lists.status import list_status

    rows = list_status(open_store(), stale_after_days=stale_days)
    if as_json:
        print_json([r.to_dict() for r in rows])
        return
    table = Table("list", "version", "sha256", "published", "loaded", "entries", "by schema")
    for r in rows:
        v = r.version
        table.add_row(
            v.list,
            str(v.id),
            v.sha256[:12],
            (v.published_at or "—")[:10],
            v.loaded_at.strftime("%Y-%m-%d %H:%M"),
            str(v.entity_count),
            ", ".join(f"{k} {n}" for k, n in v.counts.items()),
        )
    console.print(table)
    for r in rows:
        if r.warning:
            err_console.print(f"[yellow]warning:[/] {r.warning}")


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
        print_json(report)
        return
    from tradeguard.render import render_entity

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


ParamOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--param", "-p", help="Technical parameter k=v, e.g. fluorine_pct=12, wavelength_nm=193nm."
    ),
]


def _params(values: list[str] | None) -> dict[str, str]:
    from tradeguard.errors import InputError

    out: dict[str, str] = {}
    for item in values or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--param {item!r}: expected k=v", field="param")
        out[key.strip()] = value.strip()
    return out


@app.command()
def classify(
    description: Annotated[str | None, typer.Argument(help="Free-text item description.")] = None,
    cas: Annotated[str | None, typer.Option("--cas", help="CAS number, e.g. 7664-39-3.")] = None,
    hs: Annotated[str | None, typer.Option("--hs", help="HS code, e.g. 281111.")] = None,
    param: ParamOpt = None,
    jurisdiction: Annotated[
        str, typer.Option("--jurisdiction", "-j", help="EU, US or ISO code.")
    ] = "EU",
    as_json: JsonOpt = False,
) -> None:
    """Classify an item against the control lists (CAS, HS, parameters, free text)."""
    from tradeguard.items import classify as classify_item
    from tradeguard.items.render import render_classification

    result = classify_item(
        description, cas=cas, hs=hs, params=_params(param), jurisdiction=jurisdiction
    )
    if as_json:
        print_json(result.to_dict())
        return
    render_classification(console, result)


@app.command("classify-batch")
def classify_batch(
    file: Annotated[
        Path, typer.Argument(help="CSV or XLSX with description, cas, hs, params ... columns.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output file: .csv, .xlsx or .jsonl.")],
) -> None:
    """Classify every row of a CSV/XLSX file and write the results."""
    from tradeguard.items.batch import classify_rows, read_rows, summarize, write_results

    rows = read_rows(file)
    with progress_bar() as bar:
        task = bar.add_task("classifying", total=len(rows))
        records = classify_rows(rows, str(file), progress=lambda: bar.advance(task))
    write_results(records, out)
    s = summarize(records)
    console.print(
        f"{s.rows} rows: {s.controlled} controlled, {s.not_controlled} not controlled, "
        f"{s.undecided} undecided, {s.errors} errors -> {out}"
    )


ClusterOpt = Annotated[
    str | None,
    typer.Option(
        help="Run on Dask: 'local' (a cluster on this machine) or tcp://HOST:PORT; the output "
        "is then a directory of Parquet parts unless it ends in .csv, .xlsx or .jsonl."
    ),
]


def _run_on_cluster(kind: str, source: Path, output: Path, cluster: str, **options: Any) -> Any:
    """Run screen-batch / audit-declarations on the partitioned Dask runner (a progress bar)."""
    from tradeguard import batch

    run = batch.screen_batch if kind == "screen" else batch.audit_batch
    with progress_bar() as bar:
        task = bar.add_task(f"{kind} on {cluster}", total=None)
        return run(
            source,
            output,
            cluster=cluster,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            **options,
        )


def _batch_on_cluster(
    kind: str, source: Path, output: Path, cluster: str, as_json: bool, **options: Any
) -> None:
    """Dispatch screen-batch to the partitioned Dask runner and print what it did."""
    result = _run_on_cluster(kind, source, output, cluster, **options)
    for bad in result.errors:
        err_console.print(
            f"[yellow]{source}, line {bad.line}: {bad.describe()}[/]", highlight=False
        )
    if as_json:
        print_json(result.to_dict())
        return
    console.print(
        f"{result.rows_in} rows in {len(result.partitions)} partitions on {result.cluster}: "
        f"{result.rows_out} output rows, {len(result.errors)} bad; written to {result.output}"
    )


def open_screener() -> Any:
    """The screener over the store's current lists (index cached per set of list versions)."""
    from tradeguard.screening import Screener

    return Screener.from_store(open_store())


@app.command()
def screen(
    name: Annotated[str, typer.Argument(help="The party's name, in any script.")],
    type_: Annotated[
        str | None, typer.Option("--type", help="Person, Organization, Company, Vessel, ...")
    ] = None,
    country: Annotated[
        list[str] | None, typer.Option("--country", help="ISO alpha-2 country (repeatable).")
    ] = None,
    birth_date: Annotated[
        str | None, typer.Option("--birth-date", help="1960-04-12, 1960-04 or 1960.")
    ] = None,
    identifier: Annotated[
        list[str] | None, typer.Option("--id", help="IMO, passport, ... number (repeatable).")
    ] = None,
    threshold: Annotated[float | None, typer.Option(help="Minimum score, 0..1.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many matches.")] = 10,
    list_id: Annotated[
        list[str] | None, typer.Option("--list", help="Only these lists (repeatable).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Screen one party against every loaded list."""
    from tradeguard.screening import Query
    from tradeguard.screening.render import matches_table

    query = Query(
        name, type_, [c.upper() for c in country or []], birth_date, identifier or [], list_id
    )
    matches = open_screener().screen(query, threshold=threshold, limit=limit)
    if as_json:
        print_json({"query": query.to_dict(), "matches": [m.to_dict() for m in matches]})
        return
    console.print(matches_table(query, matches))


@app.command("screen-batch")
def screen_batch(
    source: Annotated[Path, typer.Argument(help="CSV, XLSX, Parquet or JSONL of parties.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the matches.")],
    threshold: Annotated[float | None, typer.Option(help="Minimum score, 0..1.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many matches per party.")] = 10,
    cluster: ClusterOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Screen a file of parties (columns id, name, type, country, birth_date, identifier)."""
    from tradeguard.screening.batch import count_rows, screen_file

    if cluster is not None:  # the input is read (or refused) before the index is built
        _batch_on_cluster(
            "screen",
            source,
            output,
            cluster,
            as_json,
            threshold=threshold,
            limit=limit,
            store=open_store,
        )
        return
    total = count_rows(source)  # a bad file is refused before the index is built
    screener = open_screener()
    with progress_bar() as bar:
        task = bar.add_task("screening", total=total)
        result = screen_file(
            screener, source, output, threshold, limit, lambda n: bar.advance(task, n)
        )
    for bad in result.bad:
        err_console.print(f"[yellow]{source}, line {bad.line}: {bad.message}[/]", highlight=False)
    if as_json:
        print_json(result.to_dict())
        return
    console.print(
        f"{result.screened} of {result.rows_in} parties screened, {result.matched} with matches, "
        f"{len(result.bad)} bad rows; written to {result.output}"
    )


@app.command()
def compare(
    name_a: Annotated[str, typer.Argument(help="First name.")],
    name_b: Annotated[str, typer.Argument(help="Second name.")],
    type_: Annotated[str | None, typer.Option("--type", help="Person, Organization, ...")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score two names with the screening scorer and explain the score."""
    from tradeguard.screening.render import comparison_table

    result = open_screener().compare(name_a, name_b, type_)
    if as_json:
        print_json(result)
        return
    console.print(comparison_table(result))


schema_app = typer.Typer(
    help="Print the JSON Schema of tradeguard's input documents.", no_args_is_help=True
)
app.add_typer(schema_app, name="schema")
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
) -> None:
    """May this shipment go? A verdict with the reasons that set it."""
    from tradeguard.shipments import Evaluator, load_shipment
    from tradeguard.shipments.model import parse_as_of
    from tradeguard.shipments.render import render_decision

    shipment, when = load_shipment(file), parse_as_of(as_of)
    decision = Evaluator.from_store(open_store()).evaluate(shipment, when)
    if as_json:
        print_json(decision.to_dict())
        return
    render_decision(console, decision)


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
    from tradeguard.shipments import Evaluator
    from tradeguard.shipments.audit import audit_declarations, count_declarations, write_audit
    from tradeguard.shipments.model import parse_as_of
    from tradeguard.shipments.render import render_audit_summary

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
        evaluator = Evaluator.from_store(open_store())
        batch = _run_on_cluster("audit", file, out, cluster, evaluator=evaluator, as_of=when)
        summary: dict[str, Any] = batch.summary or {}
        errors = declaration_errors(batch.errors)
    else:
        total = count_declarations(file)
        evaluator = Evaluator.from_store(open_store())
        with progress_bar() as bar:
            task = bar.add_task("declarations", total=total)
            result, _ = audit_declarations(
                file,
                evaluator,
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


@app.command()
def exposure(
    name_or_id: Annotated[str, typer.Argument(help="A party's name or id (un_sc:KPe.039).")],
    depth: Annotated[int, typer.Option(help="Hops to follow (1-6).")] = 3,
    as_json: JsonOpt = False,
) -> None:
    """Paths from a party to designated entities; OFAC 50 % rule and EU ownership or control."""
    from tradeguard.network import exposure_for
    from tradeguard.network.render import render_exposure

    data = exposure_for(open_store(), name_or_id, depth).to_dict()
    if as_json:
        print_json(data)
    else:
        render_exposure(console, data)


@graph_app.command("import")
def graph_import(
    path: Annotated[Path, typer.Argument(help="A CSV or JSON relation file (see README).")],
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
        print_json(rows)
        return
    table = Table("id", "a", "b", "conf.", "method", "status", "counts", "evidence")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["a"],
            r["b"],
            f"{r['confidence']:.2f}",
            r["method"],
            r["status"],
            "yes" if r["counts"] else "no",
            "; ".join(r["evidence"]),
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
        print_json(row)
    else:
        console.print(f"link {row['id']} ({row['a']} = {row['b']}): {row['status']} by {by}")


@app.command()
def demo() -> None:
    """The main job on the embedded default: load the bundled lists and show what tradeguard does."""
    from tradeguard.demo import run_demo

    run_demo(console, open_store)


# -- server, users, cases, audit, counterparties, monitoring -------------------------------

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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
) -> None:
    """Run the REST API (OpenAPI at /docs) and the web pages (at /ui/)."""
    from tradeguard.api.server import serve as run_server

    open_store().close()  # migrate and load the snapshot once, before the workers start
    run_server(host, port, workers)


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="analyst, reviewer or admin.")] = "analyst",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Add a user (asks for the password unless --password-stdin)."""
    from tradeguard.accounts.users import add_user, cli_actor

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    user = add_user(open_store(autoload=False), cli_actor(), username, password, role)
    print_json(user.to_dict()) if as_json else console.print(f"added {user.username} ({user.role})")


@users_app.command("list")
def users_list(as_json: JsonOpt = False) -> None:
    """Users and their roles."""
    from tradeguard.accounts.users import list_users

    rows = [u.to_dict() for u in list_users(open_store(autoload=False))]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "user", "role", "active", "created", "created by")
    for u in rows:
        table.add_row(
            str(u["id"]), u["username"], u["role"], str(u["active"]), u["created_at"],
            u["created_by"] or "?",
        )  # fmt: skip
    console.print(table)


@users_app.command("disable")
def users_disable(
    username: Annotated[str, typer.Argument()],
    enable: Annotated[bool, typer.Option("--enable", help="Enable the user again.")] = False,
) -> None:
    """Disable a user: their tokens are revoked and their web sessions end at once (--enable
    revives none of them)."""
    from tradeguard.accounts.users import cli_actor, set_active

    user = set_active(open_store(autoload=False), cli_actor(), username, enable)
    console.print(f"{user.username}: {'enabled' if user.active else 'disabled'}")


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password(s) from standard input.")
]


def _read_password(stdin: bool, prompt: str, confirm: bool = False) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm))


@users_app.command("token")
def users_token(
    username: Annotated[str, typer.Argument()],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    days: Annotated[int | None, typer.Option(help="Lifetime in days (default 90).")] = None,
    revoke: Annotated[int | None, typer.Option(help="Revoke the token with this id.")] = None,
    password_stdin: PasswordStdin = False,
    as_json: JsonOpt = False,
) -> None:
    """Log in as USERNAME and print a new API token for that user (once; only its hash is
    stored): asks for USERNAME's password, so only its holder gets one. --revoke ID revokes
    any token (the command line administers)."""
    from tradeguard.accounts.users import cli_actor, login_token, revoke_token

    store = open_store(autoload=False)
    if revoke is not None:
        revoke_token(store, cli_actor(), revoke)
        console.print(f"token {revoke} revoked")
        return
    password = _read_password(password_stdin, f"password of {username}")
    issued = login_token(
        store, username, password, address=cli_actor().name, face="cli", label=label, days=days
    )
    print_json(issued.to_dict()) if as_json else print(issued.token)


@users_app.command("tokens")
def users_tokens(
    username: Annotated[str | None, typer.Argument(help="Only this user's.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """API tokens (never the tokens themselves): id, holder, label, expiry, revoked."""
    from tradeguard.accounts.users import list_tokens

    rows = list_tokens(open_store(autoload=False), username)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "user", "label", "created", "expires", "revoked")
    for t in rows:
        table.add_row(
            str(t["id"]), t["username"], t["label"], t["created_at"], t["expires_at"] or "",
            str(t["revoked"]),
        )  # fmt: skip
    console.print(table)


@users_app.command("password")
def users_password(
    username: Annotated[str, typer.Argument()],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the current and the new password from standard input, one a line.",
        ),
    ] = False,
) -> None:
    """Change USERNAME's password (asks for the current one first). All of the user's API
    tokens are revoked and all their web sessions end."""
    from tradeguard.accounts.users import change_password, cli_actor, get_user

    store = open_store(autoload=False)
    current = _read_password(password_stdin, f"current password of {username}")
    new = _read_password(password_stdin, "new password", confirm=True)
    user = get_user(store, username)
    done = change_password(store, user, current, new, address=cli_actor().name, face="cli")
    console.print(
        f"{username}: password changed; {done['tokens_revoked']} token(s) revoked, "
        f"{done['sessions_ended']} web session(s) ended"
    )


@users_app.command("unlock")
def users_unlock(
    username: Annotated[str | None, typer.Argument(help="The account name to unlock.")] = None,
    address: Annotated[
        str | None, typer.Option(help="Also (or only) unlock this client address.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Lift a log-in lock after failed log-ins (without arguments: list the locks)."""
    from tradeguard.accounts.logins import locks, unlock
    from tradeguard.accounts.users import cli_actor

    store = open_store(autoload=False)
    if not username and not address:
        rows = locks(store)
        if as_json:
            print_json(rows)
        for row in [] if as_json else rows:
            console.print(f"{row['scope']} {row['key']!r} locked until {row['locked_until']}")
        return
    result = unlock(store, cli_actor(), username, address)
    if as_json:
        print_json(result)
        return
    for row in result["lifted"]:
        console.print(f"{row['scope']} {row['key']!r}: lock lifted")


@audit_app.command("verify")
def audit_verify(
    expect_head: Annotated[
        str | None, typer.Option(help="A head hash kept outside the database.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Recompute the hash chain; exit code 8 when any record was edited, inserted or deleted."""
    from tradeguard.audit import verify

    result = verify(open_store(autoload=False), expect_head=expect_head)
    if as_json:
        print_json(result.to_dict())
    elif result.ok:
        console.print(f"audit chain intact: {result.records} records, head {result.head_hash}")
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

    evidence = export_case(open_store(autoload=False), case)
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
        table.add_row(str(r.seq), r.at[:19], r.actor, r.action, r.subject, r.hash[:12])
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
        console.print(f"[dim]{key}[/] {value}", highlight=False)


@cps_app.command("import")
def counterparties_import(
    path: Annotated[Path, typer.Argument(help="CSV (id,name,type,countries,...) or JSON.")],
    as_json: JsonOpt = False,
) -> None:
    """Add or update the counterparties monitoring screens."""
    from tradeguard.accounts.users import cli_actor
    from tradeguard.cases.counterparties import import_file

    summary = import_file(open_store(autoload=False), cli_actor(), path)
    if as_json:
        print_json(summary)
        return
    console.print(
        f"{summary['total']} counterparties: {summary['added']} added, "
        f"{summary['changed']} changed, {summary['unchanged']} unchanged"
    )


@monitor_app.command("run")
def monitor_run(
    force: Annotated[bool, typer.Option(help="Screen every counterparty again.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Screen the counterparties again where a list or their data changed; open cases for
    new and changed hits only."""
    from tradeguard.accounts.users import cli_actor
    from tradeguard.cases.monitor import counterparty_screen, run
    from tradeguard.screening import Screener

    store = open_store()
    summary = run(store, cli_actor(), counterparty_screen(Screener.from_store(store)), force)
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


# -- reports -------------------------------------------------------------------------------

report_app = typer.Typer(help="Case and period reports (HTML and PDF).", no_args_is_help=True)
app.add_typer(report_app, name="report")
OutOpt = Annotated[Path, typer.Option("--out", help="Directory for the HTML and PDF files.")]


@report_app.command("case")
def report_case(
    case_id: Annotated[int, typer.Argument(help="The case id.")],
    out: OutOpt = Path("."),
    as_json: JsonOpt = False,
) -> None:
    """One case: list versions, scores, reasons, reviewers and the audit-chain proof."""
    from tradeguard.reports.case import case_report

    paths = case_report(open_store(), case_id).write(out)
    print_json(paths) if as_json else console.print(f"wrote {paths['html']} and {paths['pdf']}")


@report_app.command("period")
def report_period(
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD.")],
    out: OutOpt = Path("."),
    as_json: JsonOpt = False,
) -> None:
    """Screenings, hits, blocked shipments and unauthorised-export attempts in a period."""
    from datetime import date

    from tradeguard.errors import InputError
    from tradeguard.reports.period import period_report

    try:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
    except ValueError as exc:
        raise InputError(f"dates are YYYY-MM-DD: {exc}", field="--from/--to") from None
    paths = period_report(open_store(), first, last).write(out)
    print_json(paths) if as_json else console.print(f"wrote {paths['html']} and {paths['pdf']}")


def main() -> None:
    """Entry point: usage errors are reported by Typer (exit 2); tradeguard's own errors become
    one line on stderr and their exit code — never a traceback."""
    try:
        app()
    except TradeguardError as exc:
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False, soft_wrap=True)
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()

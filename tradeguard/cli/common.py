"""What the commands share: the consoles, the common options, the store and the service, the
progress bar and the Dask dispatch of the batch commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor
    from tradeguard.errors import RowError
    from tradeguard.service import Service
    from tradeguard.store import Store

console = Console()
err_console = Console(stderr=True)
#: invalid declarations printed in full by audit-declarations (--json lists them all)
SHOWN_ERRORS = 20


def print_json(data: Any) -> None:
    """Write JSON to stdout (the same shapes as the REST API)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def plain_datetime(value: Any) -> str:
    """A stored time as the tables show it: to the minute, in ``$TRADEGUARD_TIME_ZONE`` (default
    UTC) and marked with its zone (``2026-12-06 18:05 JST``); ``--json`` keeps UTC."""
    from tradeguard.language.i18n import plain_datetime as shown  # babel: not for --help

    return shown(value)


EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="The CSV file's text encoding (utf-8, cp932, cp949, shift_jis, euc_kr ...); "
        "default: detected (UTF-8, else CP932 or CP949 when only one of them reads it).",
    ),
]


def encoding_line(encoding: str | None, detected: bool) -> str | None:
    """The summary's line on how the input's text was read, or None for a workbook or
    Parquet file (no encoding): ``text read as cp932 (detected)``."""
    if encoding is None:
        return None
    return f"text read as {encoding} ({'detected' if detected else 'given'})"


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


def open_store(autoload: bool = True, *, defer_if_unreachable: bool = False) -> Store:
    """Open the configured store; on first use load the bundled snapshot (with a notice).
    With ``defer_if_unreachable``, a database that does not answer is not an error: the store
    comes back with ``upgrade_pending`` set and nothing loaded."""
    from tradeguard.store import Store  # sqlalchemy: not for --help

    store = Store.open(defer_if_unreachable=defer_if_unreachable)
    if autoload and not store.upgrade_pending:
        from tradeguard.audit import list_load_record
        from tradeguard.lists.snapshot import ensure_loaded

        ensure_loaded(
            store,
            notice=lambda text: err_console.print(f"[yellow]{text}[/]"),
            record=list_load_record(cli_actor().name),
        )
    return store


def cli_actor() -> Actor:
    """The local user as the actor of the command line (``cli:<os user>``, an administrator)."""
    from tradeguard.accounts.users import cli_actor as local_actor

    return local_actor()


def open_service(autoload: bool = True) -> Service:
    """The use cases over the configured store (see :func:`open_store`)."""
    from tradeguard.service import Service

    return Service(open_store(autoload))


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


ClusterOpt = Annotated[
    str | None,
    typer.Option(
        help="Run on Dask: 'local' (a cluster on this machine) or tcp://HOST:PORT; the output "
        "is then a directory of Parquet parts unless it ends in .csv, .xlsx or .jsonl."
    ),
]


def _run_on_cluster(kind: str, source: Path, output: Path, cluster: str, **options: Any) -> Any:
    """Run screen-batch / audit-declarations on the partitioned Dask runner (a progress bar)
    through the service, which writes the run's audit record."""
    service = open_service(autoload=False)
    run = (
        service.screen_file_on_cluster
        if kind == "screen"
        else service.audit_declarations_on_cluster
    )
    with progress_bar() as bar:
        task = bar.add_task(f"{kind} on {cluster}", total=None)
        return run(
            cli_actor(),
            source,
            output,
            cluster,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
            **options,
        )


def _batch_on_cluster(
    kind: str, source: Path, output: Path, cluster: str, as_json: bool, **options: Any
) -> None:
    """Dispatch screen-batch to the partitioned Dask runner and print what it did; exit 2
    when a row could not be screened, as in-process."""
    result = _run_on_cluster(kind, source, output, cluster, **options)
    if as_json:
        print_json(result.to_dict())
    else:
        console.print(
            f"{result.rows_in} rows in {len(result.partitions)} partitions on {result.cluster}: "
            f"{result.rows_out} output rows, {len(result.errors)} bad; written to {result.output}"
        )
        read_as = encoding_line(result.encoding, result.encoding_detected)
        if read_as and kind == "screen":
            console.print(read_as, highlight=False)
    fail_on_bad_rows(source, result.errors, result.rows_in)


def fail_on_bad_rows(source: Path, bad: list[RowError], rows_in: int) -> None:
    """Name each row that could not be screened (line, field, reason) on stderr and exit 2
    when there is one: the good rows are written, but a party left unscreened must not let a
    scheduled run pass. The same in-process and on a cluster."""
    if not bad:
        return
    for row in bad:
        err_console.print(f"[yellow]{row.where(str(source))}[/]", highlight=False)
    what = (
        "no row could be screened"
        if len(bad) >= rows_in
        else f"{len(bad)} of {rows_in} rows were not screened (see above)"
    )
    err_console.print(f"[red]error:[/] {source}: {what}", highlight=False)
    raise typer.Exit(2)

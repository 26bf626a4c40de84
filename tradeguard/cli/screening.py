"""``tradeguard screen``, ``screen-batch`` and ``compare``: parties against the lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradeguard.cli.app import (
    app,
)
from tradeguard.cli.common import (
    ClusterOpt,
    EncodingOpt,
    JsonOpt,
    _batch_on_cluster,
    cli_actor,
    console,
    encoding_line,
    err_console,
    fail_on_bad_rows,
    open_service,
    open_store,
    print_json,
    progress_bar,
)


@app.command()
def screen(
    name: Annotated[str, typer.Argument(help="The party's name, in any script.")],
    type_: Annotated[
        str | None, typer.Option("--type", help="Person, Organization, Company, Vessel, ...")
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country",
            help="Country: ISO code or name in English, Japanese or Korean (repeatable).",
        ),
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
    from tradeguard.cli.render.screening import matches_table, screened_line
    from tradeguard.countries import resolve_countries
    from tradeguard.screening import Query

    countries = resolve_countries(country or [], field="--country")
    query = Query(name, type_, countries, birth_date, identifier or [], list_id)
    done = open_service().screen(cli_actor(), query, threshold=threshold, limit=limit, face="cli")
    for warning in done.warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if as_json:
        print_json(done.body().data())
        return
    console.print(matches_table(query, done.matches))
    console.print(screened_line(done.lists), highlight=False)


@app.command("screen-batch")
def screen_batch(
    source: Annotated[Path, typer.Argument(help="CSV, XLSX, Parquet or JSONL of parties.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the matches.")],
    threshold: Annotated[float | None, typer.Option(help="Minimum score, 0..1.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many matches per party.")] = 10,
    cluster: ClusterOpt = None,
    encoding: EncodingOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Screen a file of parties (columns id, name, type, country, birth_date, identifier)."""
    from tradeguard.cli.render.screening import screened_line
    from tradeguard.screening.batch import count_rows

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
            encoding=encoding,
        )
        return
    total = count_rows(source, encoding)  # a bad file is refused before the index is built
    service = open_service()
    with progress_bar() as bar:
        task = bar.add_task("screening", total=total)
        result = service.screen_file(
            cli_actor(),
            source,
            output,
            threshold,
            limit,
            lambda n: bar.advance(task, n),
            encoding=encoding,
        )
    lists, warnings = service.coverage()
    for warning in warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if as_json:
        print_json(result.to_dict() | {"lists": lists, "warnings": warnings})
    else:
        console.print(
            f"{result.screened} of {result.rows_in} parties screened, {result.matched} with "
            f"matches, {len(result.bad)} bad rows; written to {result.output}"
        )
        read_as = encoding_line(result.encoding, result.encoding_detected)
        if read_as:
            console.print(read_as, highlight=False)
        console.print(screened_line(lists), highlight=False)
    fail_on_bad_rows(source, result.bad, result.rows_in)


@app.command()
def compare(
    name_a: Annotated[str, typer.Argument(help="First name.")],
    name_b: Annotated[str, typer.Argument(help="Second name.")],
    type_: Annotated[str | None, typer.Option("--type", help="Person, Organization, ...")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score two names with the screening scorer and explain the score."""
    from tradeguard.cli.render.screening import comparison_table

    result = open_service().screener().compare(name_a, name_b, type_)
    if as_json:
        print_json(result)
        return
    console.print(comparison_table(result))

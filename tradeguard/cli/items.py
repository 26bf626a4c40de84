"""``tradeguard classify`` and ``classify-batch``: items against the control lists."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradeguard.cli.app import (
    app,
)
from tradeguard.cli.common import (
    JsonOpt,
    cli_actor,
    console,
    open_service,
    print_json,
    progress_bar,
)
from tradeguard.errors import InputError

ParamOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--param", "-p", help="Technical parameter k=v, e.g. fluorine_pct=12, wavelength_nm=193nm."
    ),
]


def _params(values: list[str] | None) -> dict[str, str]:

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
    from tradeguard.cli.render.items import render_classification

    done = open_service(autoload=False).classify(
        cli_actor(),
        description,
        cas=cas,
        hs=hs,
        params=dict(_params(param)),
        jurisdiction=jurisdiction,
        face="cli",
    )
    if as_json:
        print_json(done.body().data())
        return
    render_classification(console, done.result)


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

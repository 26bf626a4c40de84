"""Exporting the current entities in interchange formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tradeguard.errors import InputError
from tradeguard.lists.model import LIST_IDS

if TYPE_CHECKING:
    from tradeguard.store import Store

FORMATS = ("ftm",)


def export_entities(store: Store, fmt: str, output: Path, lists: list[str] | None = None) -> int:
    """Write the current entities of ``lists`` (default: all) to ``output`` ('-' = stdout);
    returns the number of records written. The file is written to a temporary name first, so
    a failed export never leaves a half-written file under the requested name."""
    if fmt not in FORMATS:
        raise InputError(
            f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}", field="--format"
        )
    for list_id in lists or []:
        if list_id not in LIST_IDS:
            raise InputError(f"unknown list {list_id!r}", field="--list")
    from tradeguard.lists.sources.ftm_write import write_ftm

    entities = store.iter_current_entities(lists)
    if str(output) == "-":
        return write_ftm(entities, sys.stdout)
    if output.is_dir():
        raise InputError("is a directory, expected a file name", source=str(output))
    tmp = output.with_name(output.name + ".partial")
    try:
        with tmp.open("w", encoding="utf-8") as stream:
            count = write_ftm(entities, stream)
        tmp.replace(output)
    finally:
        tmp.unlink(missing_ok=True)
    return count

"""How an input is recognised among the list formats tradeguard reads, and parsed.

Each parser module of :mod:`tradeguard.lists.sources` registers one or more
:class:`~tradeguard.lists.formats.ListFormat` objects in :mod:`tradeguard.lists.formats`;
:func:`detect` tries their ``sniff`` on the path and the first bytes of the file.
"""

from __future__ import annotations

from pathlib import Path

from tradeguard.errors import InputError
from tradeguard.lists.damage import container, damage
from tradeguard.lists.formats import ListFormat, registered
from tradeguard.lists.model import LIST_IDS, ParsedList
from tradeguard.lists.name_notes import take_clauses

SNIFF_BYTES = 65536


def formats() -> list[ListFormat]:
    """Every format tradeguard reads. The parser modules are imported on first use (importing
    one registers its formats), so that importing this module does not load them all."""
    from tradeguard.lists import sources  # noqa: F401

    return registered()


def head_of(path: Path) -> bytes:
    if path.is_dir():
        return b""
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


def detect(path: Path, list_id: str | None = None) -> ListFormat:
    """The format of ``path``; ``list_id`` restricts the choice to that list's formats."""
    if not path.exists():
        raise InputError("file not found", source=str(path))
    if list_id is not None and list_id not in LIST_IDS:
        raise InputError(
            f"unknown list {list_id!r}; expected one of {', '.join(LIST_IDS)}", field="--list"
        )
    head = head_of(path)
    candidates = [f for f in formats() if list_id is None or f.list == list_id]
    for fmt in candidates:
        if fmt.sniff(path, head):
            return fmt
    broken = damage(path, head)
    if broken is not None:
        lists = sorted({f.list for f in candidates}) if list_id is None else [list_id]
        what = f"list {list_id}" if list_id else _lists_of(container(path, head), lists)
        raise InputError(f"{broken}; {what}: nothing loaded", source=str(path))
    if list_id is not None:
        raise InputError(f"not a recognised file of list {list_id}", source=str(path))
    raise InputError(
        "format not recognised; name the list with --list (" + ", ".join(LIST_IDS) + ")",
        source=str(path),
    )


def _lists_of(kind: str | None, lists: list[str]) -> str:
    """The lists a file of this kind may be (those published as workbooks, for a workbook)."""
    published = {
        "workbook (.xlsx)": ("jp_meti_eul", "jp_mof"),
        "ZIP archive": ("us_ofac_sdn", "us_ofac_cons", "opensanctions"),
    }.get(kind or "")
    names = [x for x in lists if x in published] if published else lists
    return "it may be a file of " + " or ".join(names or lists)


def parse_path(path: Path, list_id: str | None = None) -> ParsedList:
    """Recognise and parse one input; raises :class:`InputError` on anything malformed, naming
    the list it was read as."""
    fmt = detect(path, list_id)
    try:
        parsed = fmt.parse(path)
    except InputError as exc:
        if f"list {fmt.list}" not in exc.message:
            exc.message = f"{exc.message} (read as list {fmt.list}, {fmt.name})"
            exc.args = (exc.describe(),)
        raise
    if not parsed.entities:
        raise InputError("no entries found in the file", source=str(path))
    for entity in parsed.entities:  # "X and any successor ...", "X (a.k.a. Y)": every list
        take_clauses(entity)
    parsed.check_text()  # a NUL character in any value: refused, naming the record and field
    return parsed

"""The list formats tradeguard reads, and how an input is recognised.

Each parser module registers one or more :class:`ListFormat` objects. A format knows which
list it feeds, how to recognise an input (``sniff``: given the path and the first bytes of the
file, or of the main file of a directory set) and how to parse it into a :class:`ParsedList`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tradeguard.errors import InputError
from tradeguard.lists.model import LIST_IDS, ParsedList

SNIFF_BYTES = 65536


@dataclass(frozen=True)
class ListFormat:
    name: str  # format id, e.g. "un-xml"
    list: str  # one of LIST_IDS
    description: str
    sniff: Callable[[Path, bytes], bool]
    parse: Callable[[Path], ParsedList]


_FORMATS: list[ListFormat] = []


def register(fmt: ListFormat) -> ListFormat:
    if fmt.list not in LIST_IDS:
        raise ValueError(f"unknown list id {fmt.list!r}")
    _FORMATS.append(fmt)
    return fmt


def formats() -> list[ListFormat]:
    _load_parsers()
    return list(_FORMATS)


def _load_parsers() -> None:
    # Importing a parser module registers its formats.
    from tradeguard.lists import sources  # noqa: F401


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
    if list_id is not None:
        raise InputError(f"not a recognised file of list {list_id}", source=str(path))
    raise InputError(
        "format not recognised; name the list with --list (" + ", ".join(LIST_IDS) + ")",
        source=str(path),
    )


def parse_path(path: Path, list_id: str | None = None) -> ParsedList:
    """Recognise and parse one input; raises :class:`InputError` on anything malformed."""
    fmt = detect(path, list_id)
    parsed = fmt.parse(path)
    if not parsed.entities:
        raise InputError("no entries found in the file", source=str(path))
    return parsed

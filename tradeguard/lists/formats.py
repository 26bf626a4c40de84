"""The table of list formats: what a parser module declares when it is imported.

A :class:`ListFormat` knows which list it feeds, how to recognise an input (``sniff``: given
the path and the first bytes of the file, or of the main file of a directory set) and how to
parse it into a :class:`ParsedList`. Each module of :mod:`tradeguard.lists.sources` registers
its formats here; :mod:`tradeguard.lists.registry` imports the sources and chooses among them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tradeguard.lists.model import LIST_IDS, ParsedList


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


def registered() -> list[ListFormat]:
    """The formats registered so far, in the order their modules registered them."""
    return list(_FORMATS)

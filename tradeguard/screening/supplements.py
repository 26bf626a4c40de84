"""Supplementary aliases: names of listed parties in the users' scripts that the lists do not give.

The lists write Huawei, SMIC or Hikvision in Latin letters only; a shipment document names them
华为技术有限公司, ファーウェイ, 中芯国际, 海康威视, which no reading of theirs meets.
``tradeguard/data/names/supplementary_aliases.yaml`` gives such names, each with a public source
and the entries it belongs to; :func:`aliases_of` gives an entry's when the screening index is
built, and a match on one is explained as a supplementary alias with its source
(:func:`describe`), never as a name the list gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tradeguard.lists.model import Entity
from tradeguard.names.normalize import fold
from tradeguard.names.vocab import load_file

FILE = "supplementary_aliases"


@dataclass(frozen=True, slots=True)
class Supplement:
    """One supplementary alias and where it comes from."""

    alias: str
    script: str
    lang: str
    source: str
    quote: str
    verified: bool


@cache
def _table() -> dict[tuple[str, str], tuple[str, tuple[Supplement, ...]]]:
    """(list, publisher's id) -> (the entry's folded caption, its supplementary aliases)."""
    raw = load_file(FILE)
    out: dict[tuple[str, str], tuple[str, tuple[Supplement, ...]]] = {}
    for party in raw["parties"]:
        found = tuple(
            Supplement(
                alias=str(a["alias"]),
                script=str(a["script"]),
                lang=str(a["lang"]),
                source=str(a["source"]),
                quote=str(a["quote"]),
                verified=bool(a["verified"]),
            )
            for a in party["aliases"]
        )
        for entry in party["entries"]:
            key = (str(entry["list"]), str(entry["id"]))
            caption, known = out.get(key, (fold(str(entry["caption"])), ()))
            out[key] = (caption, known + found)
    return out


def entries() -> list[tuple[str, str, str]]:
    """Every entry the file names: (list, publisher's id, caption folded)."""
    return [(k[0], k[1], v[0]) for k, v in _table().items()]


def aliases_of(entity: Entity) -> tuple[Supplement, ...]:
    """The supplementary aliases of a list entry: none when the file does not name it, or
    names its id with another caption (an id given to another party)."""
    found = _table().get((entity.list, entity.source_id))
    if found is None or fold(entity.caption) != found[0]:
        return ()
    return found[1]


def describe(supplement: Supplement) -> str:
    """How an explanation names the alias: ``supplementary alias (source: ...)``."""
    checked = "" if supplement.verified else "; not verified against the source"
    return f"supplementary alias (source: {supplement.source}{checked})"

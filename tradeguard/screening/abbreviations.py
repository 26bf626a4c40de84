"""A country's abbreviation in an organisation's name read as the country's name.

"Foreign Trade Bank of the DPRK" is FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF
KOREA (UN KPe.047), which the name scored as written meets at 0.70 only: *DPRK* is one more
distinctive word, and another bank's name (BANK FOR FOREIGN TRADE) scores as well. The
abbreviations of ``tradeguard/data/names/country_words.yaml`` (DPRK, PRC, ROK, UAE, USA, UK,
RF, with their sources) stand for the country's names: a query that writes one is also
screened with the country's official name in its place, and one that writes the official name
with the abbreviation (:func:`variants`). :func:`widen` keeps, per party, the better of the
two readings; a match of the name as written that the other reading does not find is kept
only when the listed name itself writes the abbreviation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import yaml

from tradeguard.names.normalize import fold
from tradeguard.screening import features as ft
from tradeguard.screening.model import Match, Query


@dataclass(frozen=True)
class Abbreviation:
    short: str
    country: str
    name: str  # the official name
    pattern: re.Pattern[str]  # the abbreviation in a name
    full: re.Pattern[str]  # the official name in a name


def _name_pattern(name: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.findall(r"[^\W_]+", name)]
    return re.compile(r"(?<!\w)" + r"[\s'’.,-]*".join(words) + r"(?!\w)", re.IGNORECASE)


@functools.cache
def abbreviations() -> tuple[Abbreviation, ...]:
    path = resources.files("tradeguard") / "data" / "names" / "country_words.yaml"
    raw: Any = yaml.safe_load(path.read_text("utf-8"))
    out: list[Abbreviation] = []
    for short, (country, name) in raw["abbreviations"].items():
        dotted = r"\.?".join(re.escape(c) for c in short) + r"\.?"
        flags = 0 if len(short) <= 2 else re.IGNORECASE
        pattern = re.compile(rf"(?<!\w)(?:{re.escape(short)}|{dotted})(?!\w)", flags)
        out.append(Abbreviation(short, str(country), str(name), pattern, _name_pattern(name)))
    return tuple(out)


def variants(name: str) -> list[tuple[str, Abbreviation, str]]:
    """The name with each abbreviation it writes replaced by the country's official name, and
    with each official name it writes (not inside a longer one: the Republic of Korea of the
    Democratic People's Republic of Korea) replaced by the abbreviation: ``(variant,
    abbreviation, what was read)``."""
    out: list[tuple[str, Abbreviation, str]] = []
    spans: list[tuple[int, int, Abbreviation]] = []
    for abbr in abbreviations():
        found = abbr.pattern.search(name)
        if found is not None:
            out.append((abbr.pattern.sub(abbr.name, name), abbr, found.group()))
        spans += [(m.start(), m.end(), abbr) for m in abbr.full.finditer(name)]
    for start, end, abbr in spans:
        if not any(a <= start and end <= b and b - a > end - start for a, b, _ in spans):
            out.append((name[:start] + abbr.short + name[end:], abbr, name[start:end]))
    return out


def screening(
    screen: Callable[[Query, float | None, int], list[Match]], threshold: float | None, limit: int
) -> Callable[[Query], list[Match]]:
    """``screen`` (one query as one name, at ``threshold``, at most ``limit`` matches) that
    also reads the query with its country's abbreviation or name (:func:`widen`)."""

    def one(query: Query) -> list[Match]:
        return screen(query, threshold, limit)

    return lambda query: widen(one, query, one(query), limit)


def widen(
    screen: Callable[[Query], list[Match]], query: Query, matches: list[Match], limit: int
) -> list[Match]:
    """``matches`` with those of the query read with its country's name or abbreviation
    (:func:`variants`); ``screen`` screens one query."""
    if not query.name or query.schema == "Person":
        return matches
    found = variants(query.name)
    if not found:
        return matches
    other: dict[str, Match] = {}
    for name, _, written in found:
        for match in screen(replace(query, name=name)):
            key = match.party_id or match.entity_id
            if key not in other or other[key].score < match.score:
                _explain(match, query.name, name, written)
                other[key] = match
    # the abbreviations the query writes: the name as written met them as distinctive words
    shorts = {fold(a.short) for _, a, w in found if fold(w) == fold(a.short)}
    best: dict[str, Match] = {}
    for match in matches:
        key = match.party_id or match.entity_id
        if not shorts or key in other or shorts & set(fold(match.matched_name).split()):
            best[key] = match
    for key, match in other.items():
        if key not in best or best[key].score < match.score:
            best[key] = match
    return sorted(best.values(), key=lambda m: -m.score)[:limit]


def _explain(match: Match, query_name: str, name: str, written: str) -> None:
    detail = f"{written!r} read as the country's name or abbreviation: screened as {name!r}"
    effect = ft.Effect("country_name", 0.0, detail, "", {"written": written, "read": name})
    match.explanation["query_name"] = query_name
    match.explanation.setdefault("features", []).append(effect.to_dict())

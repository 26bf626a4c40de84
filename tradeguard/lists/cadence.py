"""How often each list's publisher usually publishes, and the age after which a loaded version
is stale (``tradeguard/data/lists/cadence.yaml``); an administrator's limit
(``$TRADEGUARD_STALE_DAYS``) comes before it."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from tradeguard import settings


@dataclass(frozen=True)
class Cadence:
    list_id: str
    #: the age in days after which the list is stale; None: no age is judged
    stale_after_days: int | None
    #: how often the publisher publishes, by language
    words: Mapping[str, str]
    basis: str
    source: str
    verified: bool

    def cadence(self, lang: str = "en") -> str:
        return self.words.get(lang) or self.words.get("en", "")


@dataclass(frozen=True)
class Limit:
    """The staleness limit of one list and where it comes from: ``cadence`` (the publisher's
    usual cadence), ``setting`` (the administrator's) or ``option`` (asked for one run)."""

    days: int | None
    origin: str
    cadence: Cadence | None


@functools.cache
def _table() -> tuple[int, dict[str, Cadence]]:
    text = resources.files("tradeguard").joinpath("data/lists/cadence.yaml").read_text("utf-8")
    raw: Any = yaml.safe_load(text)
    rows = {
        list_id: Cadence(
            list_id,
            None if row["stale_after_days"] is None else int(row["stale_after_days"]),
            row["cadence"],
            row["basis"],
            row["source"],
            bool(row["verified"]),
        )
        for list_id, row in raw["lists"].items()
    }
    return int(raw["default_stale_after_days"]), rows


def cadence(list_id: str) -> Cadence | None:
    """The publisher's cadence of a list (None for a list not described)."""
    return _table()[1].get(list_id)


def _setting() -> tuple[int | None, dict[str, int]]:
    """The administrator's limits, a list id the store does not know refused."""
    from tradeguard.errors import InputError
    from tradeguard.lists.model import LIST_IDS

    every, by_list = settings.stale_days()
    unknown = sorted(set(by_list) - set(LIST_IDS))
    if unknown:
        raise InputError(
            f"no list {unknown[0]!r}; the lists are {', '.join(LIST_IDS)}",
            field="TRADEGUARD_STALE_DAYS",
        )
    return every, by_list


def limit(list_id: str, days: int | None = None) -> Limit:
    """The staleness limit of ``list_id``: ``days`` when given (one run's option), else the
    administrator's setting for the list or for every list, else the publisher's cadence, else
    the default."""
    found = cadence(list_id)
    if days is not None:
        return Limit(days, "option", found)
    every, by_list = _setting()
    if list_id in by_list:
        return Limit(by_list[list_id], "setting", found)
    if every is not None:
        return Limit(every, "setting", found)
    if found is not None:
        return Limit(found.stale_after_days, "cadence", found)
    return Limit(_table()[0], "cadence", None)

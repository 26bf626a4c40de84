"""Whose designations bind an exporter (``tradeguard/data/lists/binding.yaml``): the UN's bind
every exporter (each member state gives them effect through its own law), a state's or the EU's
bind the exporters under its jurisdiction; another jurisdiction's list alone is a red flag to
review unless the declaration shows what brings the transaction within that jurisdiction (its
``nexus``: exported from there, items originating there, paid in its currency, its persons
taking part)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Nexus:
    """What a declaration may show that brings a transaction within a jurisdiction."""

    export_from: bool = False
    origin: bool = False
    currency: tuple[str, ...] = ()
    persons: bool = False


@dataclass(frozen=True)
class Binding:
    """A jurisdiction's asset-freeze lists, whom they bind and why they may still matter."""

    key: str
    lists: tuple[str, ...]
    basis: str
    quote: str | None
    source: str
    verified: bool
    countries: tuple[str, ...] = ()
    nexus: Nexus = Nexus()
    matters: str = ""


@dataclass(frozen=True)
class Table:
    version: str
    everyone: Binding
    jurisdictions: dict[str, Binding]

    def imposer(self, list_id: str) -> Binding | None:
        """The jurisdiction that imposes the list (the UN's entry for a UN list)."""
        if list_id in self.everyone.lists:
            return self.everyone
        return next((b for b in self.jurisdictions.values() if list_id in b.lists), None)

    def binds(self, list_id: str, exporter: str | None) -> bool:
        """Whether a designation on the list binds an exporter of this jurisdiction (``EU``
        for an EU member state, otherwise its country code); an exporter of no known
        jurisdiction (``None``) is taken as bound, as before this table."""
        if exporter is None or list_id in self.everyone.lists:
            return True
        found = self.imposer(list_id)
        return found is None or found.key == exporter


def _binding(key: str, row: dict[str, Any]) -> Binding:
    nexus = row.get("nexus") or {}
    return Binding(
        key=key,
        lists=tuple(row["lists"]),
        basis=row["basis"],
        quote=row.get("quote"),
        source=row["source"],
        verified=bool(row.get("verified", False)),
        countries=tuple(row.get("countries") or ()),
        nexus=Nexus(
            export_from=bool(nexus.get("export_from")),
            origin=bool(nexus.get("origin")),
            currency=tuple(nexus.get("currency") or ()),
            persons=bool(nexus.get("persons")),
        ),
        matters=row.get("matters", ""),
    )


@functools.cache
def binding_table() -> Table:
    text = resources.files("tradeguard").joinpath("data/lists/binding.yaml").read_text("utf-8")
    raw: Any = yaml.safe_load(text)
    return Table(
        version=str(raw["version"]),
        everyone=_binding("UN", raw["everyone"]),
        jurisdictions={k: _binding(k, v) for k, v in raw["jurisdictions"].items()},
    )


def exporter_key(jurisdiction: str | None, country: str | None) -> str | None:
    """The exporter's key in the table: its policy jurisdiction (``EU`` for a member state),
    otherwise its country."""
    return jurisdiction or country


def in_jurisdiction(binding: Binding, country: str | None, eu_members: Iterable[str]) -> bool:
    """Whether the country is within the jurisdiction (the EU: its member states)."""
    if country is None:
        return False
    if binding.key == "EU":
        return country in set(eu_members)
    return country in binding.countries

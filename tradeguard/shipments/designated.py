"""A designated party (an asset freeze) and whose law binds the exporter
(:mod:`tradeguard.lists.binding`): a designation by the UN or by the exporter's own
jurisdiction makes the shipment prohibited; one by another jurisdiction alone (the US SDN list
for a Japanese exporter) is a red flag to review, naming the foreign list, why it may still
matter and what to check, unless the declaration shows what brings the transaction within that
jurisdiction (US-origin items, payment in US dollars, US persons taking part), where its rule
applies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tradeguard.lists.binding import binding_table, exporter_key, in_jurisdiction
from tradeguard.lists.consequences import list_info
from tradeguard.policy import Reason
from tradeguard.screening.features import shown
from tradeguard.shipments.decision import PartyMatch
from tradeguard.shipments.model import Shipment


@dataclass(frozen=True)
class Reach:
    """The exporter's key in the binding table (``None``: not known) and, for each other
    jurisdiction, what the declaration shows that brings the transaction within it."""

    exporter: str | None = None
    nexus: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def grounds(self, key: str) -> tuple[str, ...]:
        return next((g for k, g in self.nexus if k == key), ())


def reach_of(shipment: Shipment, jurisdiction: str | None, eu_members: Iterable[str]) -> Reach:
    """Whose law binds the exporter, and the other jurisdictions the declaration reaches."""
    members = frozenset(eu_members)
    key = exporter_key(jurisdiction, shipment.export_country)
    out = []
    for b in binding_table().jurisdictions.values():
        if b.key == key:
            continue
        found: list[str] = []
        loading = shipment.port_of_loading.country if shipment.port_of_loading else None
        if b.nexus.export_from and in_jurisdiction(b, loading, members):
            found.append(f"loaded in {loading}")
        for n, item in enumerate(shipment.items, 1):
            line = item.line or n
            if b.nexus.origin and in_jurisdiction(b, item.origin, members):
                found.append(f"item {line} of {item.origin} origin")
            if item.currency and item.currency.upper() in b.nexus.currency:
                found.append(f"item {line} valued in {item.currency.upper()}")
        if b.nexus.persons:
            takers = [("exporter", shipment.exporter), ("carrier", shipment.carrier)]
            takers += [("intermediary", p) for p in shipment.intermediaries]
            for role, party in takers:
                if party is not None and in_jurisdiction(b, party.country, members):
                    found.append(f"{role} {party.name!r} in {party.country}")
        if found:
            out.append((b.key, tuple(dict.fromkeys(found))))
    return Reach(key, tuple(out))


def designated_lists(match: PartyMatch) -> list[str]:
    """The lists a match is designated on (every membership at the designated level)."""
    members = match.memberships or [{"list": match.list, "level": match.level}]
    return [str(x["list"]) for x in members if x.get("level", match.level) == "designated"]


def bound_by(match: PartyMatch, reach: Reach) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """The match's designations binding the exporter, and the other jurisdictions' designations
    the declaration brings within their law (jurisdiction -> the grounds)."""
    table = binding_table()
    own = [x for x in designated_lists(match) if table.binds(x, reach.exporter)]
    nexus: dict[str, tuple[str, ...]] = {}
    for list_id in designated_lists(match):
        imposer = table.imposer(list_id)
        if imposer is not None and reach.grounds(imposer.key):
            nexus[imposer.key] = reach.grounds(imposer.key)
    return own, nexus


def binds(match: PartyMatch, reach: Reach) -> bool:
    own, nexus = bound_by(match, reach)
    return bool(own or nexus)


def designated_reason(
    role: str,
    name: str,
    best: PartyMatch,
    reach: Reach,
    basis: str,
    evidence: dict[str, Any],
    params: dict[str, Any],
) -> Reason:
    """The party's asset freeze: prohibited when it binds the exporter (or the declaration
    brings the transaction within the designating jurisdiction), otherwise a review."""
    head = (
        f"{role} {name!r} matches {best.caption} ({best.entity_id}) on {best.list}, "
        f"score {shown(best.score):.2f}"
    )
    own, nexus = bound_by(best, reach)
    table = binding_table()
    if own or nexus:
        grounds = [g for k in sorted(nexus) for g in nexus[k]]
        tail = (
            ""
            if own
            else f"; the declaration brings the transaction within {', '.join(sorted(nexus))} "
            f"law ({'; '.join(grounds)})"
        )
        extra: dict[str, Any] = (
            {}
            if own
            else {"form": "nexus", "jurisdictions": sorted(nexus), "nexus_text": "; ".join(grounds)}
        )
        return Reason(
            code="DESIGNATED_PARTY",
            severity="prohibited",
            message=f"{head}: its assets are frozen and no goods may be made available to it{tail}",
            legal_basis=basis,
            evidence=evidence | ({"nexus": nexus} if extra else {}),
            party=role,
            params=params | extra,
        )
    imposers = [table.imposer(x) for x in designated_lists(best)]
    foreign = sorted({b.key for b in imposers if b is not None})
    names = ", ".join(dict.fromkeys(list_info(x).name() for x in designated_lists(best)))
    matters = " ".join(b.matters + "." for b in dict.fromkeys(imposers) if b and b.matters)
    quoted = [b for b in dict.fromkeys(imposers) if b is not None]
    return Reason(
        code="DESIGNATED_PARTY",
        severity="review",
        message=f"{head}: designated by {', '.join(foreign)} only ({names}), which does not "
        f"bind a {reach.exporter} exporter by itself; it may still matter: {matters} Check for "
        f"{_checks(foreign)}, and whether a UN or {reach.exporter} designation of the party "
        "applies",
        legal_basis=basis,
        evidence=evidence
        | {
            "binds_exporter": False,
            "exporter_jurisdiction": reach.exporter,
            "binding": [
                {"jurisdiction": b.key, "basis": b.basis, "quote": b.quote, "verified": b.verified}
                for b in quoted
            ],
        },
        verified=False,
        party=role,
        params=params
        | {"form": "foreign", "jurisdictions": foreign, "exporter": reach.exporter or "?"},
    )


def _checks(foreign: Sequence[str]) -> str:
    """What to check for a designation by the given jurisdictions."""
    table = binding_table()
    currencies = [c for k in foreign for c in table.jurisdictions[k].nexus.currency]
    places = ", ".join(foreign)
    parts = []
    if any(table.jurisdictions[k].nexus.origin for k in foreign):
        parts.append(f"{places}-origin content in the goods")
    if currencies:
        parts.append(f"payment in {', '.join(currencies)} or through {places} banks")
    parts.append(f"{places} persons taking part (banks, insurers, carriers, intermediaries)")
    return "; ".join(parts)

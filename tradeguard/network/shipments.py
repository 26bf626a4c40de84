"""The shipment evaluator's exposure hook: a reason for a party with exposure to designated
entities (``Evaluator(exposure=exposure_check(store))``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tradeguard.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from tradeguard.network.exposure import Exposure
    from tradeguard.network.graph import Graph
    from tradeguard.store import Store

OFAC_BASIS = (
    "OFAC 50 % rule (31 CFR 510.201 and the other programme parts; OFAC guidance of "
    "2014-08-13, FAQ 401): property of entities owned 50 % or more, in aggregate, by blocked "
    "persons is blocked"
)
EU_BASIS = (
    "EU restrictive measures, e.g. Council Regulation (EU) 2017/1509 Art. 34: no funds or "
    "economic resources made available to entities owned or controlled by listed persons"
)
PATH_BASIS = (
    "Due diligence on indirect dealings with designated entities (UN Security Council "
    "resolutions 2270 (2016) and 2321 (2016) on entities acting for or owned or controlled by "
    "designated entities)"
)


def exposure_reasons(role: str, party_name: str, result: Exposure) -> list[Any]:
    """Reasons (``tradeguard.policy.reasons.Reason``) for one party's exposure."""
    from tradeguard.policy.reasons import Reason

    if result.designated or not result.exposed:
        return []  # a designated party is the screening's reason
    data = result.to_dict()
    evidence = {
        "node": data["node"]["id"],
        "summary": data["summary"],
        "versions_key": data["versions_key"],
    }
    reasons = []
    if result.ofac_50.get("blocked"):
        reasons.append(
            Reason(
                code="OWNED_BY_BLOCKED_PERSONS",
                severity="prohibited",
                message=f"{role} {party_name!r} is blocked under the OFAC 50 % rule: "
                f"{result.ofac_50['computation']}",
                legal_basis=OFAC_BASIS,
                evidence={**evidence, "ofac_50": data["ofac_50"]},
                party=role,
            )
        )
    if result.eu_ownership_or_control.get("flag"):
        names = ", ".join(r["controller_name"] for r in result.eu_ownership_or_control["reasons"])
        reasons.append(
            Reason(
                code="OWNED_OR_CONTROLLED_BY_DESIGNATED",
                severity="review",
                message=f"{role} {party_name!r} appears owned or controlled by {names} (EU test); "
                "assess control before any dealing",
                legal_basis=EU_BASIS,
                evidence={**evidence, "eu_ownership_or_control": data["eu_ownership_or_control"]},
                party=role,
            )
        )
    if result.paths:
        path = result.paths[0]
        reasons.append(
            Reason(
                code="NETWORK_EXPOSURE",
                severity="review",
                message=f"{role} {party_name!r}: {result.summary()}",
                legal_basis=PATH_BASIS,
                evidence={**evidence, "paths": data["paths"][:5], "shortest": path["target"]["id"]},
                party=role,
                verified=all(h["provenance"] == "official_list" for h in path["hops"]),
            )
        )
    return reasons


def exposure_check(
    store: Store, depth: int = 3, *, preload: bool = False
) -> Callable[[str, Any, Sequence[Any], date], list[Any]]:
    """The hook the shipment evaluator calls per party: finds the party in the network by name
    (else by its best screening match's entity id) and returns the reasons of its exposure.

    The hook reads the network once, at its first call (or at once with ``preload``), and
    answers every later party from that snapshot: it serves one evaluator, whose answers
    must not change halfway through a batch."""
    from tradeguard.network import check_depth, exposure_in
    from tradeguard.network.build import current_graph

    check_depth(depth)
    # One evaluator sees the same parties again and again (a bulk audit): look each name or id
    # up once. Lookups are exact (id or normalised name): the evaluator has already screened
    # the name, so a fuzzy second guess here would only add noise and time.
    found: dict[str, Exposure | None] = {}
    snapshot: list[tuple[Graph, str]] = []

    def network() -> tuple[Graph, str]:
        if not snapshot:
            snapshot.append(current_graph(store))
        return snapshot[0]

    def lookup(key: str) -> Exposure | None:
        if key not in found:
            graph, revision = network()
            try:
                found[key] = exposure_in(graph, revision, key, depth, fuzzy=False)
            except (NotFoundError, InputError):
                found[key] = None
        return found[key]

    def check(role: str, party: Any, matches: Sequence[Any], on: date) -> list[Any]:
        for key in [party.name] + [m.entity_id for m in matches[:1]]:
            result = lookup(key)
            if result is not None:
                return exposure_reasons(role, party.name, result)
        return []

    if preload:
        network()
    return check

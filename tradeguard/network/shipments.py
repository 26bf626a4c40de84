"""The shipment evaluator's exposure hook: a reason for a party with exposure to designated
entities (``Evaluator(exposure=exposure_check(store))``), a :class:`NetworkExposure` that
pickles with its network snapshot (an evaluator sent to batch workers)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tradeguard.network.exposure import Exposure
    from tradeguard.network.graph import Graph
    from tradeguard.network.party_map import PartyMap
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
                params={
                    "role": role,
                    "name": party_name,
                    "shares": [
                        f"{r['share_pct']:g} %" for r in result.ofac_50["owners"] if r["counted"]
                    ],
                    "total": f"{result.ofac_50['aggregate_pct']:g} %",
                    "threshold": f"{result.ofac_50['threshold_pct']:g} %",
                },
            )
        )
    if result.eu_ownership_or_control.get("flag"):
        controllers = [r["controller_name"] for r in result.eu_ownership_or_control["reasons"]]
        names = ", ".join(controllers)
        reasons.append(
            Reason(
                code="OWNED_OR_CONTROLLED_BY_DESIGNATED",
                severity="review",
                message=f"{role} {party_name!r} appears owned or controlled by {names} (EU test); "
                "assess control before any dealing",
                legal_basis=EU_BASIS,
                evidence={**evidence, "eu_ownership_or_control": data["eu_ownership_or_control"]},
                party=role,
                params={"role": role, "name": party_name, "controllers": controllers},
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
                params={
                    "role": role,
                    "name": party_name,
                    "paths": len(result.paths),
                    "route": [result.node["name"]] + [h["to_name"] for h in path["hops"]],
                },
                verified=all(h["provenance"] == "official_list" for h in path["hops"]),
            )
        )
    return reasons


class NetworkExposure:
    """The hook the shipment evaluator calls per party (``exposure(role, party, matches, on)``):
    finds the party in the network by name (else by its best screening match's entity id),
    traces it from every copy of its party (``parties``, the screener's resolution) and
    returns the reasons of its exposure.

    It reads the network (graph and revision) once, at its first call or at :meth:`load`, and
    answers every later party from that snapshot: it serves one evaluator, whose answers must
    not change halfway through a batch. Once read, the store is let go. Pickled (an evaluator
    sent to batch workers) it carries the snapshot, read first if need be, and not the store;
    its per-name lookups are not carried, a copy makes its own."""

    def __init__(self, store: Store, depth: int = 3, screener: Any = None) -> None:
        from tradeguard.network import check_depth

        check_depth(depth)
        self.depth = depth
        self._store: Store | None = store
        self._screener = screener
        self._parties: PartyMap | None = None
        self._snapshot: tuple[Graph, str] | None = None
        self._lock = threading.Lock()
        # One evaluator sees the same parties again and again (a bulk audit): look each name
        # or id up once. Lookups are exact (id or normalised name): the evaluator has already
        # screened the name, so a fuzzy second guess here would only add noise and time.
        self._found: dict[str, Exposure | None] = {}

    @classmethod
    def of(
        cls, snapshot: tuple[Graph, str], depth: int = 3, parties: PartyMap | None = None
    ) -> NetworkExposure:
        """The hook over a network snapshot (graph, revision) read already, and the parties
        of its nodes."""
        check = cls.__new__(cls)
        check.__setstate__({"depth": depth, "snapshot": snapshot, "parties": parties})
        return check

    def load(self) -> tuple[Graph, str]:
        """The network snapshot (graph, revision), read from the store on first use."""
        snapshot = self._snapshot
        if snapshot is None:
            with self._lock:
                snapshot = self._snapshot
                if snapshot is None:
                    from tradeguard.network.build import current_graph

                    assert self._store is not None
                    snapshot = self._snapshot = current_graph(self._store)
                    if self._screener is not None:
                        from tradeguard.network.party_map import PartyMap

                        self._parties = PartyMap.of_screener(self._screener, *snapshot)
                    self._store = self._screener = None
        return snapshot

    def _lookup(self, key: str) -> Exposure | None:
        if key not in self._found:
            from tradeguard.network.build import exact_node
            from tradeguard.network.exposure import exposure
            from tradeguard.network.party_map import PartyMap

            graph, revision = self.load()
            node = exact_node(graph, key)
            if node is None:
                self._found[key] = None
            else:
                parties = self._parties or PartyMap.identity(graph)
                result = exposure(
                    graph, parties.members(node), depth=self.depth, query=key, parties=parties
                )
                result.versions_key = revision
                self._found[key] = result
        return self._found[key]

    def __call__(self, role: str, party: Any, matches: Sequence[Any], on: date) -> list[Any]:
        for key in [party.name] + [m.entity_id for m in matches[:1]]:
            result = self._lookup(key)
            if result is not None:
                return exposure_reasons(role, party.name, result)
        return []

    def __getstate__(self) -> dict[str, Any]:
        snapshot = self.load()
        return {"depth": self.depth, "snapshot": snapshot, "parties": self._parties}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.depth = state["depth"]
        self._store = None
        self._screener = None
        self._parties = state.get("parties")
        self._snapshot = state["snapshot"]
        self._lock = threading.Lock()
        self._found = {}


def exposure_check(
    store: Store, depth: int = 3, *, preload: bool = False, screener: Any = None
) -> NetworkExposure:
    """The evaluator's exposure hook over ``store`` (:class:`NetworkExposure`), tracing the
    parties ``screener`` resolved from all their copies; with ``preload`` the network is
    read at once rather than at the first party."""
    check = NetworkExposure(store, depth, screener)
    if preload:
        check.load()
    return check

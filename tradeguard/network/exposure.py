"""Exposure of a party: its paths to designated entities, and aggregated ownership.

The search is a breadth-first search over the two-way adjacency, one whole frontier per level
(numpy), up to ``depth`` hops, from every copy of the party at once (its UN entry and the other
lists' copies: :class:`~tradeguard.network.party_map.PartyMap`), so the relations any copy
states are followed; a party reached on one list goes on from its other copies at the same
level (a ``same_as`` hop says so). Every designated party reached gets its shortest path, each
hop with its relation, share, dates, source and provenance. Relations are followed in both
directions (a joint venture partner is exposed to the venture and the venture to its partners);
each hop says which way the stated relation points. The OFAC 50 % rule and the EU "ownership or
control" test are in :mod:`tradeguard.network.ownership`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from tradeguard.network.graph import Graph
from tradeguard.network.ownership import (
    EU_THRESHOLD,
    OFAC_THRESHOLD,
    OwnershipState,
    _hop,
    eu_explain,
    ofac_explain,
    ofac_state,
    same_party_hop,
)
from tradeguard.network.party_map import PartyMap

__all__ = [
    "EU_THRESHOLD",
    "OFAC_THRESHOLD",
    "Exposure",
    "OwnershipState",
    "bfs",
    "eu_explain",
    "exposure",
    "ofac_explain",
    "ofac_state",
]

MAX_PATHS = 50


@dataclass
class Exposure:
    """The answer for one party. ``to_dict()`` is the stable JSON shape (CLI, API, shipments)."""

    query: str
    node: dict[str, Any]
    depth: int
    designated: bool
    paths: list[dict[str, Any]] = field(default_factory=list)
    ofac_50: dict[str, Any] = field(default_factory=dict)
    eu_ownership_or_control: dict[str, Any] = field(default_factory=dict)
    elements: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    versions_key: str = ""
    truncated: bool = False

    @property
    def exposed(self) -> bool:
        return bool(
            self.designated
            or self.paths
            or self.ofac_50.get("blocked")
            or self.eu_ownership_or_control.get("flag")
        )

    def summary(self) -> str:
        """One line for a shipment reason or a log."""
        parts: list[str] = []
        if self.designated:
            parts.append(f"{self.node['name']} is itself on {', '.join(self.node['lists'])}")
        if self.paths:
            best = self.paths[0]
            parts.append(
                f"{len(self.paths)} path(s) to designated entities; shortest: "
                + " → ".join([self.node["name"]] + [h["to_name"] for h in best["hops"]])
            )
        if self.ofac_50.get("blocked"):
            parts.append(
                f"blocked under the OFAC 50 % rule ({self.ofac_50['aggregate_pct']:g} % "
                "owned by blocked persons)"
            )
        if self.eu_ownership_or_control.get("flag"):
            parts.append("owned or controlled by a designated party (EU)")
        return "; ".join(parts) if parts else "no exposure found"

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "node": self.node,
            "depth": self.depth,
            "exposed": self.exposed,
            "designated": self.designated,
            "summary": self.summary(),
            "paths": self.paths,
            "truncated": self.truncated,
            "ofac_50": self.ofac_50,
            "eu_ownership_or_control": self.eu_ownership_or_control,
            "graph": {"elements": self.elements},
            "versions_key": self.versions_key,
        }


# -- breadth-first search ----------------------------------------------------------------------


def bfs(
    graph: Graph,
    start: int | Sequence[int],
    depth: int,
    parties: PartyMap | None = None,
) -> tuple[
    npt.NDArray[np.int32],
    npt.NDArray[np.int64],
    list[npt.NDArray[np.int64]],
    npt.NDArray[np.bool_],
]:
    """Shortest-path tree from the ``start`` node(s) to ``depth`` hops: (parent node, parent
    edge code, the nodes reached at each level, whether a node was reached as another copy of
    its parent's party). Unreached nodes have parent -1; a start is its own parent."""
    n = graph.node_count
    parent = np.full(n, -1, dtype=np.int32)
    via = np.zeros(n, dtype=np.int64)
    copy = np.zeros(n, dtype=bool)
    starts = np.unique(np.asarray([start] if isinstance(start, int) else start, dtype=np.int64))
    parent[starts] = starts
    frontier = starts
    levels: list[npt.NDArray[np.int64]] = [frontier]
    indptr, nbr, eid = graph.indptr, graph.nbr, graph.eid
    for _level in range(depth):
        starts_ = indptr[frontier]
        counts = indptr[frontier + 1] - starts_
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(starts_ - np.cumsum(counts) + counts, counts)
        pos = offsets + np.arange(total, dtype=np.int64)
        nb = nbr[pos]
        fresh = parent[nb] == -1
        if not fresh.any():
            break
        nb = nb[fresh]
        ed = eid[pos][fresh]
        par = np.repeat(frontier, counts)[fresh]
        reached, first = np.unique(nb, return_index=True)
        parent[reached] = par[first]
        via[reached] = ed[first]
        frontier = reached.astype(np.int64)
        if parties is not None and parties.groups:
            frontier = _with_copies(parties, frontier, parent, copy)
        levels.append(frontier)
    return parent, via, levels, copy


def _with_copies(
    parties: PartyMap,
    reached: npt.NDArray[np.int64],
    parent: npt.NDArray[np.int32],
    copy: npt.NDArray[np.bool_],
) -> npt.NDArray[np.int64]:
    """The nodes reached and the other copies of their parties (at the same level)."""
    more: list[int] = []
    for node in reached[parties.grouped[reached]].tolist():
        for m in parties.members(node):
            if parent[m] == -1:
                parent[m] = node
                copy[m] = True
                more.append(m)
    if not more:
        return reached
    return np.concatenate([reached, np.asarray(more, dtype=np.int64)])


def _ended(hop: dict[str, Any], today: str) -> bool:
    end = hop.get("end_date")
    return bool(end) and str(end) < today


# -- the answer --------------------------------------------------------------------------------


def exposure(
    graph: Graph,
    start: int | Sequence[int],
    *,
    depth: int = 3,
    query: str | None = None,
    parties: PartyMap | None = None,
) -> Exposure:
    """The exposure of the party of ``start``: one node, or every copy of a party (the first
    names it); with ``parties`` a party reached goes on from all its copies."""
    parties = parties or PartyMap.identity(graph)
    starts = [start] if isinstance(start, int) else list(start)
    first = starts[0]
    today = date.today().isoformat()
    parent, via, levels, copy = bfs(graph, starts, depth, parties)
    reached = np.concatenate(levels[1:]) if len(levels) > 1 else np.zeros(0, dtype=np.int64)
    hits = reached[graph.listed[reached]] if len(reached) else reached
    # one path per designated party: to the copy a stated relation reaches
    targets: dict[int, int] = {}
    for target in sorted(hits.tolist(), key=lambda t: bool(copy[t])):
        targets.setdefault(int(parties.rep[target]), int(target))
    ordered_targets = [t for t in hits.tolist() if targets.get(int(parties.rep[t])) == t]
    truncated = len(ordered_targets) > MAX_PATHS
    paths: list[dict[str, Any]] = []
    for target in ordered_targets[:MAX_PATHS]:
        chain: list[int] = []
        node = int(target)
        while int(parent[node]) != node:
            chain.append(node)
            node = int(parent[node])
        chain.reverse()
        hops = [_step(graph, parties, int(parent[m]), m, copy, via) for m in chain]
        paths.append(
            {
                "target": _party_node(graph, parties, int(target)),
                "length": sum(1 for m in chain if not copy[m]),
                "historical": any(_ended(h, today) for h in hops),
                "through_designated": any(
                    graph.listed[m] and not parties.same(m, target) for m in chain[:-1]
                ),
                "hops": hops,
            }
        )
    result = Exposure(
        query=query or graph.ids[first],
        node=_party_node(graph, parties, first, starts),
        depth=depth,
        designated=bool(graph.listed[starts].any()),
        paths=paths,
        ofac_50=ofac_explain(graph, first, parties=parties),
        eu_ownership_or_control=eu_explain(graph, first, parties=parties),
        truncated=truncated,
    )
    result.elements = elements(graph, starts, result)
    return result


def _step(
    graph: Graph,
    parties: PartyMap,
    here: int,
    to: int,
    copy: npt.NDArray[np.bool_],
    via: npt.NDArray[np.int64],
) -> dict[str, Any]:
    if copy[to]:
        return same_party_hop(graph, here, to, parties.evidence.get(int(parties.rep[to]), []))
    return _hop(graph, int(via[to]), here)


def _party_node(
    graph: Graph, parties: PartyMap, node: int, members: Sequence[int] | None = None
) -> dict[str, Any]:
    """A node as its party: the node's own data, the lists and programmes of every copy, and
    the copies (``party``: their ids, the designating list's first)."""
    out = graph.node(node).to_dict()
    copies = list(members) if members is not None else list(parties.members(node))
    if len(copies) > 1:
        out["lists"] = list(dict.fromkeys(x for m in copies for x in graph.node(m).lists))
        out["programs"] = list(dict.fromkeys(x for m in copies for x in graph.node(m).programs))
        out["listed"] = bool(graph.listed[copies].any())
    out["party"] = [graph.ids[m] for m in copies]
    return out


def elements(
    graph: Graph, start: int | Sequence[int], result: Exposure
) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape.js elements of the paths and of the ownership computation; the party's other
    copies that take part are joined to its first by a ``same_as`` edge."""
    starts = [start] if isinstance(start, int) else list(start)
    query = set(starts)
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[int, dict[str, Any]] = {}

    def add_node(node_id: str) -> None:
        if node_id in nodes:
            return
        i = graph.id_index[node_id]
        n = graph.node(i)
        nodes[node_id] = {
            "data": {
                "id": node_id,
                "label": n.name,
                "schema": n.schema,
                "listed": n.listed,
                "lists": n.lists,
                "query": i in query,
            }
        }

    def add_hop(hop: dict[str, Any]) -> None:
        add_node(hop["from"])
        add_node(hop["to"])
        edges[hop["edge"]] = {
            "data": {
                "id": f"e{hop['edge']}",
                "source": hop["from"],
                "target": hop["to"],
                "kind": hop["kind"],
                "label": hop["role"] or hop["kind"],
                "share_pct": hop["share_pct"],
                "provenance": hop["provenance"],
                "source_ref": hop["source"],
            }
        }

    add_node(graph.ids[starts[0]])
    for path in result.paths:
        for hop in path["hops"]:
            add_hop(hop)

    def walk(comp: dict[str, Any]) -> None:
        for row in comp.get("owners", []):
            add_hop(row["relation"])
            if "owner_computation" in row:
                walk(row["owner_computation"])
        for hop in comp.get("unknown_share_owners", []):
            add_hop(hop)

    walk(result.ofac_50)
    for reason in result.eu_ownership_or_control.get("reasons", []):
        add_hop(reason["relation"])
    for other in starts[1:]:
        if graph.ids[other] in nodes:
            add_hop(same_party_hop(graph, starts[0], other, []))
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}

"""Exposure of a party: its paths to designated entities, and aggregated ownership.

The search is a breadth-first search over the two-way adjacency, one whole frontier per level
(numpy), up to ``depth`` hops; every designated node reached gets its shortest path, each hop
with its relation, share, dates, source and provenance. Relations are followed in both
directions (a joint venture partner is exposed to the venture and the venture to its partners);
each hop says which way the stated relation points.

OFAC 50 % rule: a party is blocked when blocked persons own, in aggregate, 50 % or more of it,
directly or indirectly. Indirect ownership counts only through entities that are themselves
blocked (designated, or blocked under the rule): 40 % of a company that owns 80 % of another
blocks neither. The rule is computed once per graph by propagating from the designated nodes
over the ownership edges with a stated share. EU "ownership or control" is a separate flag:
more than 50 % owned by a designated party (directly or through entities owned or controlled
in turn) or controlled by one (management, directorship, or ownership without a stated share).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from tradeguard.network.graph import KIND_CODE, Graph
from tradeguard.network.model import CONTROL_KINDS, RelationKind

OFAC_THRESHOLD = 50.0
EU_THRESHOLD = 50.0  # EU: "more than 50 %"
MAX_PATHS = 50
OWNERSHIP = KIND_CODE[RelationKind.OWNERSHIP]


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
    graph: Graph, start: int, depth: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.int64], list[npt.NDArray[np.int64]]]:
    """Shortest-path tree from ``start`` to ``depth`` hops: (parent node, parent edge code,
    the nodes reached at each level). Unreached nodes have parent -1."""
    n = graph.node_count
    parent = np.full(n, -1, dtype=np.int32)
    via = np.zeros(n, dtype=np.int64)
    parent[start] = start
    frontier = np.array([start], dtype=np.int64)
    levels: list[npt.NDArray[np.int64]] = [frontier]
    indptr, nbr, eid = graph.indptr, graph.nbr, graph.eid
    for _level in range(depth):
        starts = indptr[frontier]
        counts = indptr[frontier + 1] - starts
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
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
        levels.append(frontier)
    return parent, via, levels


def _hop(graph: Graph, code: int, here: int) -> dict[str, Any]:
    e = code if code >= 0 else ~code
    edge = graph.edge(int(e))
    to = int(graph.dst[e]) if code >= 0 else int(graph.src[e])
    hop = edge.to_dict()
    hop["direction"] = "forward" if code >= 0 else "reverse"
    hop["from_node"] = graph.ids[here]
    hop["to_node"] = graph.ids[to]
    hop["from_name"] = graph.node(here).name
    hop["to_name"] = graph.node(to).name
    hop["edge"] = int(e)
    return hop


def _ended(hop: dict[str, Any], today: str) -> bool:
    end = hop.get("end_date")
    return bool(end) and str(end) < today


# -- OFAC 50 % rule ----------------------------------------------------------------------------


@dataclass
class OwnershipState:
    """The OFAC 50 % rule applied to the whole graph."""

    blocked: npt.NDArray[np.bool_]  # designated (blocking lists) or blocked under the rule
    aggregate: npt.NDArray[np.float64]  # % owned by blocked persons (stated shares)
    by_rule: npt.NDArray[np.bool_]


def ofac_state(graph: Graph) -> OwnershipState:
    cached = getattr(graph, "_ofac_state", None)
    if isinstance(cached, OwnershipState):
        return cached
    n = graph.node_count
    mask = (graph.kind == OWNERSHIP) & ~np.isnan(graph.share)
    src = graph.src[mask].astype(np.int64)
    dst = graph.dst[mask].astype(np.int64)
    share = graph.share[mask].astype(np.float64)
    # one share per (owner, owned) pair: the largest stated, so a relation imported from two
    # sources is not counted twice
    if len(src):
        order = np.lexsort((-share, dst, src))
        src, dst, share = src[order], dst[order], share[order]
        keep = np.ones(len(src), dtype=bool)
        keep[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
        src, dst, share = src[keep], dst[keep], share[keep]
    order = np.argsort(src, kind="stable")
    src, dst, share = src[order], dst[order], share[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    blocked = graph.blocking.copy()
    by_rule = np.zeros(n, dtype=bool)
    aggregate = np.zeros(n, dtype=np.float64)
    frontier = np.flatnonzero(blocked)
    while len(frontier):
        starts = indptr[frontier]
        counts = indptr[frontier + 1] - starts
        total = int(counts.sum())
        if total == 0:
            break
        pos = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
        np.add.at(aggregate, dst[pos], share[pos])
        targets = np.unique(dst[pos])
        newly = targets[(aggregate[targets] >= OFAC_THRESHOLD - 1e-9) & ~blocked[targets]]
        blocked[newly] = True
        by_rule[newly] = True
        frontier = newly
    state = OwnershipState(blocked=blocked, aggregate=aggregate, by_rule=by_rule)
    graph._ofac_state = state  # type: ignore[attr-defined]
    return state


def _status(graph: Graph, state: OwnershipState, i: int) -> str:
    if graph.blocking[i]:
        return "designated"
    if state.by_rule[i]:
        return "blocked_by_50_rule"
    return "not_blocked"


def ofac_explain(graph: Graph, i: int, depth: int = 4) -> dict[str, Any]:
    """The computation for one node: each owner's share, whether it counts, and why."""
    state = ofac_state(graph)
    rows: list[dict[str, Any]] = []
    unknown: list[dict[str, Any]] = []
    best: dict[int, tuple[float, int]] = {}
    for p in range(int(graph.indptr[i]), int(graph.indptr[i + 1])):
        code = int(graph.eid[p])
        if code >= 0 or graph.kind[~code] != OWNERSHIP:
            continue
        e = ~code
        owner = int(graph.src[e])
        share = float(graph.share[e])
        if math.isnan(share):
            if state.blocked[owner]:
                unknown.append(_hop(graph, int(e), owner))
            continue
        if owner not in best or share > best[owner][0]:
            best[owner] = (share, e)
    total = 0.0
    for owner, (share, e) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        status = _status(graph, state, owner)
        counted = status != "not_blocked"
        if counted:
            total += share
        row: dict[str, Any] = {
            "owner": graph.ids[owner],
            "owner_name": graph.node(owner).name,
            "share_pct": round(share, 4),
            "owner_status": status,
            "counted": counted,
            "relation": _hop(graph, e, owner),
        }
        if depth > 1 and status != "designated" and state.aggregate[owner] > 0:
            row["owner_computation"] = ofac_explain(graph, owner, depth - 1)
        rows.append(row)
    out: dict[str, Any] = {
        "blocked": bool(state.by_rule[i]),
        "aggregate_pct": round(total, 4),
        "threshold_pct": OFAC_THRESHOLD,
        "owners": rows,
        "computation": " + ".join(f"{r['share_pct']:g}" for r in rows if r["counted"])
        + f" = {total:g} % held by blocked persons "
        + ("≥" if total >= OFAC_THRESHOLD else "<")
        + f" {OFAC_THRESHOLD:g} %",
    }
    if not any(r["counted"] for r in rows):
        out["computation"] = f"0 % held by blocked persons < {OFAC_THRESHOLD:g} %"
    # a designated party is blocked in its own right: the rule concerns only what it owns
    out["designated"] = bool(graph.blocking[i])
    if unknown:
        out["unknown_share_owners"] = unknown
        out["note"] = (
            "owned by a blocked person with no stated share: the rule cannot be computed; "
            "review the ownership"
        )
    return out


# -- EU ownership or control -------------------------------------------------------------------


def eu_explain(graph: Graph, i: int, depth: int = 4) -> dict[str, Any]:
    """EU 'ownership or control': > 50 % owned, or controlled, by a designated party, directly
    or through entities themselves owned or controlled by one."""
    state = ofac_state(graph)
    reasons: list[dict[str, Any]] = []
    memo: dict[int, bool] = {}

    def flagged(node: int, left: int, trail: list[dict[str, Any]]) -> bool:
        if graph.blocking[node]:
            return True
        if left == 0:
            return False
        if node in memo:
            return memo[node]
        memo[node] = False
        hit = False
        for p in range(int(graph.indptr[node]), int(graph.indptr[node + 1])):
            code = int(graph.eid[p])
            if code >= 0:
                continue
            e = ~code
            kind = graph.kind[e]
            if kind not in _CONTROL_CODES:
                continue
            owner = int(graph.src[e])
            share = float(graph.share[e])
            if kind == OWNERSHIP and not math.isnan(share) and share <= EU_THRESHOLD:
                continue
            hop = _hop(graph, e, owner)
            if flagged(owner, left - 1, [*trail, hop]):
                hit = True
                if node == i:
                    reasons.append(
                        {
                            "controller": graph.ids[owner],
                            "controller_name": graph.node(owner).name,
                            "controller_status": _status(graph, state, owner),
                            "basis": (
                                f"owns {share:g} % (> {EU_THRESHOLD:g} %)"
                                if kind == OWNERSHIP and not math.isnan(share)
                                else f"{hop['kind']}: {hop['role'] or 'control'}"
                            ),
                            "relation": hop,
                        }
                    )
        memo[node] = hit
        return hit

    flag = (not bool(graph.blocking[i])) and flagged(i, depth, [])
    return {
        "flag": flag,
        "threshold_pct": EU_THRESHOLD,
        "reasons": reasons if flag else [],
        "basis": "EU: owned (> 50 %) or controlled by a listed person or entity",
    }


_CONTROL_CODES = frozenset(KIND_CODE[k] for k in CONTROL_KINDS)


# -- the answer --------------------------------------------------------------------------------


def exposure(graph: Graph, start: int, *, depth: int = 3, query: str | None = None) -> Exposure:
    today = date.today().isoformat()
    parent, via, levels = bfs(graph, start, depth)
    reached = np.concatenate(levels[1:]) if len(levels) > 1 else np.zeros(0, dtype=np.int64)
    hits = reached[graph.listed[reached]] if len(reached) else reached
    truncated = len(hits) > MAX_PATHS
    paths: list[dict[str, Any]] = []
    for target in hits[:MAX_PATHS]:
        chain: list[tuple[int, int]] = []
        node = int(target)
        while node != start:
            chain.append((int(parent[node]), int(via[node])))
            node = int(parent[node])
        chain.reverse()
        hops = [_hop(graph, code, here) for here, code in chain]
        paths.append(
            {
                "target": graph.node(int(target)).to_dict(),
                "length": len(hops),
                "historical": any(_ended(h, today) for h in hops),
                "through_designated": any(graph.listed[int(p)] for p, _ in chain[1:]),
                "hops": hops,
            }
        )
    result = Exposure(
        query=query or graph.ids[start],
        node=graph.node(start).to_dict(),
        depth=depth,
        designated=bool(graph.listed[start]),
        paths=paths,
        ofac_50=ofac_explain(graph, start),
        eu_ownership_or_control=eu_explain(graph, start),
        truncated=truncated,
    )
    result.elements = elements(graph, start, result)
    return result


def elements(graph: Graph, start: int, result: Exposure) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape.js elements of the paths and of the ownership computation."""
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
                "query": i == start,
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

    add_node(graph.ids[start])
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
    return {"nodes": list(nodes.values()), "edges": list(edges.values())}

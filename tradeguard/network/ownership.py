"""The ownership rules over a party's copies: the OFAC 50 % rule and the EU "ownership or
control" test, each with its computation, and the hops a path or a computation is made of.

OFAC 50 % rule: a party is blocked when blocked persons own, in aggregate, 50 % or more of it,
directly or indirectly. Indirect ownership counts only through entities that are themselves
blocked (designated, or blocked under the rule): 40 % of a company that owns 80 % of another
blocks neither. The rule is computed once per graph (and party resolution) by propagating from
the designated parties over the ownership edges with a stated share. EU "ownership or control"
is a separate flag: more than 50 % owned by a designated party (directly or through entities
owned or controlled in turn) or controlled by one (management, directorship, or ownership
without a stated share).

A party is all its copies (:class:`~tradeguard.network.party_map.PartyMap`): it is designated
when one copy is on a blocking list, its owners are the owners any copy states, and an owner
(itself a party) holds the largest share any of its copies is stated to hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tradeguard.network.graph import KIND_CODE, Graph
from tradeguard.network.model import CONTROL_KINDS, RelationKind
from tradeguard.network.party_map import PartyMap

OFAC_THRESHOLD = 50.0
EU_THRESHOLD = 50.0  # EU: "more than 50 %"
OWNERSHIP = KIND_CODE[RelationKind.OWNERSHIP]
_CONTROL_CODES = frozenset(KIND_CODE[k] for k in CONTROL_KINDS)
#: The role of a hop between two copies of one party (no stated relation: the resolution).
SAME_PARTY = "the same party on another list"


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


def same_party_hop(graph: Graph, here: int, to: int, evidence: list[str]) -> dict[str, Any]:
    """A hop from one copy of a party to another (the cross-list resolution, with why);
    ``edge`` is negative: no stated relation of the network."""
    return {
        "from": graph.ids[here],
        "to": graph.ids[to],
        "kind": str(RelationKind.SAME_AS),
        "role": SAME_PARTY,
        "share_pct": None,
        "start_date": None,
        "end_date": None,
        "source": "; ".join(evidence[:3]) or None,
        "url": None,
        "provenance": "official_list",
        "dataset": "parties",
        "direction": "forward",
        "from_node": graph.ids[here],
        "to_node": graph.ids[to],
        "from_name": graph.node(here).name,
        "to_name": graph.node(to).name,
        "edge": -1 - to,
    }


@dataclass
class OwnershipState:
    """The OFAC 50 % rule applied to the whole graph (per node, its party's value)."""

    blocked: npt.NDArray[np.bool_]  # designated (blocking lists) or blocked under the rule
    aggregate: npt.NDArray[np.float64]  # % owned by blocked persons (stated shares)
    by_rule: npt.NDArray[np.bool_]
    designated: npt.NDArray[np.bool_]  # a copy of the party is on a blocking list


def ofac_state(graph: Graph, parties: PartyMap | None = None) -> OwnershipState:
    parties = parties or PartyMap.identity(graph)
    cache: dict[str, OwnershipState] = graph.__dict__.setdefault("_ofac_states", {})
    cached = cache.get(parties.key)
    if cached is not None and len(cached.blocked) == graph.node_count:
        return cached
    n = graph.node_count
    rep = parties.rep
    mask = (graph.kind == OWNERSHIP) & ~np.isnan(graph.share)
    src = rep[graph.src[mask]]
    dst = rep[graph.dst[mask]]
    share = graph.share[mask].astype(np.float64)
    keep = src != dst
    src, dst, share = src[keep], dst[keep], share[keep]
    # one share per (owner, owned) pair: the largest stated, so a relation imported from two
    # sources, or stated by two copies of a party, is not counted twice
    if len(src):
        order = np.lexsort((-share, dst, src))
        src, dst, share = src[order], dst[order], share[order]
        first = np.ones(len(src), dtype=bool)
        first[1:] = (src[1:] != src[:-1]) | (dst[1:] != dst[:-1])
        src, dst, share = src[first], dst[first], share[first]
    order = np.argsort(src, kind="stable")
    src, dst, share = src[order], dst[order], share[order]
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(src, minlength=n), out=indptr[1:])
    designated = np.zeros(n, dtype=bool)
    np.logical_or.at(designated, rep, graph.blocking)
    blocked = designated.copy()
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
    state = OwnershipState(
        blocked=blocked[rep],
        aggregate=aggregate[rep],
        by_rule=by_rule[rep],
        designated=designated[rep],
    )
    cache[parties.key] = state
    return state


def _status(state: OwnershipState, i: int) -> str:
    if state.designated[i]:
        return "designated"
    if state.by_rule[i]:
        return "blocked_by_50_rule"
    return "not_blocked"


def _incoming(graph: Graph, parties: PartyMap, i: int) -> list[int]:
    """The edges that point at any copy of ``i``'s party."""
    out: list[int] = []
    for m in parties.members(i):
        for p in range(int(graph.indptr[m]), int(graph.indptr[m + 1])):
            code = int(graph.eid[p])
            if code < 0:
                out.append(~code)
    return out


def ofac_explain(
    graph: Graph, i: int, depth: int = 4, parties: PartyMap | None = None
) -> dict[str, Any]:
    """The computation for one party: each owner's share, whether it counts, and why."""
    parties = parties or PartyMap.identity(graph)
    state = ofac_state(graph, parties)
    rows: list[dict[str, Any]] = []
    unknown: list[dict[str, Any]] = []
    best: dict[int, tuple[float, int]] = {}  # owner party -> (share, edge)
    for e in _incoming(graph, parties, i):
        if graph.kind[e] != OWNERSHIP:
            continue
        owner = int(graph.src[e])
        if parties.same(owner, i):
            continue
        share = float(graph.share[e])
        if math.isnan(share):
            if state.blocked[owner]:
                unknown.append(_hop(graph, e, owner))
            continue
        key = int(parties.rep[owner])
        if key not in best or share > best[key][0]:
            best[key] = (share, e)
    total = 0.0
    for _, (share, e) in sorted(best.items(), key=lambda kv: -kv[1][0]):
        owner = int(graph.src[e])
        status = _status(state, owner)
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
            row["owner_computation"] = ofac_explain(graph, owner, depth - 1, parties)
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
    out["designated"] = bool(state.designated[i])
    if unknown:
        out["unknown_share_owners"] = unknown
        out["note"] = (
            "owned by a blocked person with no stated share: the rule cannot be computed; "
            "review the ownership"
        )
    return out


def eu_explain(
    graph: Graph, i: int, depth: int = 4, parties: PartyMap | None = None
) -> dict[str, Any]:
    """EU 'ownership or control': > 50 % owned, or controlled, by a designated party, directly
    or through entities themselves owned or controlled by one."""
    parties = parties or PartyMap.identity(graph)
    state = ofac_state(graph, parties)
    reasons: list[dict[str, Any]] = []
    memo: dict[int, bool] = {}
    root = int(parties.rep[i])

    def flagged(node: int, left: int) -> bool:
        if state.designated[node]:
            return True
        if left == 0:
            return False
        key = int(parties.rep[node])
        if key in memo:
            return memo[key]
        memo[key] = False
        hit = False
        for e in _incoming(graph, parties, node):
            kind = graph.kind[e]
            if kind not in _CONTROL_CODES:
                continue
            owner = int(graph.src[e])
            if parties.same(owner, node):
                continue
            share = float(graph.share[e])
            if kind == OWNERSHIP and not math.isnan(share) and share <= EU_THRESHOLD:
                continue
            if flagged(owner, left - 1):
                hit = True
                if key == root:
                    hop = _hop(graph, e, owner)
                    reasons.append(
                        {
                            "controller": graph.ids[owner],
                            "controller_name": graph.node(owner).name,
                            "controller_status": _status(state, owner),
                            "basis": (
                                f"owns {share:g} % (> {EU_THRESHOLD:g} %)"
                                if kind == OWNERSHIP and not math.isnan(share)
                                else f"{hop['kind']}: {hop['role'] or 'control'}"
                            ),
                            "relation": hop,
                        }
                    )
        memo[key] = hit
        return hit

    flag = (not bool(state.designated[i])) and flagged(i, depth)
    return {
        "flag": flag,
        "threshold_pct": EU_THRESHOLD,
        "reasons": reasons if flag else [],
        "basis": "EU: owned (> 50 %) or controlled by a listed person or entity",
    }

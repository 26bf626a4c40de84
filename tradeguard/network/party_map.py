"""Which nodes of the network are one party: the copies of a designated party on several
lists (the UN entry, its OFAC, CSL, METI, MOF and EU copies), as screening resolves them
(:mod:`tradeguard.network.parties`). Exposure starts from every copy of the party it traces,
goes on from every copy of a party it reaches, and counts an owner once however many of its
copies state the share (the OFAC 50 % rule, the EU test)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from tradeguard.lists.consequences import list_info

if TYPE_CHECKING:
    from tradeguard.network.graph import Graph


@dataclass(frozen=True)
class PartyMap:
    """Per node, its party's first node (``rep``); the members of every party of more than
    one node, the designating list's copy first; why they are one party; and a key that
    changes with the resolution (caches of the ownership rules are kept per key)."""

    rep: npt.NDArray[np.int64]
    groups: dict[int, tuple[int, ...]] = field(default_factory=dict)
    evidence: dict[int, list[str]] = field(default_factory=dict)
    key: str = "nodes"

    @classmethod
    def identity(cls, graph: Graph) -> PartyMap:
        """Every node its own party (no resolution known)."""
        return cls(np.arange(graph.node_count, dtype=np.int64))

    @classmethod
    def of(
        cls,
        graph: Graph,
        parties: Iterable[tuple[Sequence[str], Sequence[str]]],
        key: str,
    ) -> PartyMap:
        """From parties given as (member ids, evidence): members not in the network are
        left out; a party with one member left is no group."""
        rep = np.arange(graph.node_count, dtype=np.int64)
        groups: dict[int, tuple[int, ...]] = {}
        evidence: dict[int, list[str]] = {}
        for ids, why in parties:
            nodes = sorted(
                {graph.id_index[i] for i in ids if i in graph.id_index},
                key=lambda n: (_rank(graph, n), graph.ids[n]),
            )
            if len(nodes) < 2 or any(rep[n] != n for n in nodes):
                continue
            first = min(nodes)
            rep[nodes] = first
            groups[first] = tuple(nodes)
            evidence[first] = list(why)
        return cls(rep, groups, evidence, key)

    @classmethod
    def of_screener(cls, screener: Any, graph: Graph, revision: str) -> PartyMap:
        """The parties a screener resolved (``screener.party``: per entry, its party's first
        entry; ``party_evidence``: why) over the network's nodes."""
        groups: dict[int, list[int]] = {}
        for e_idx, party in enumerate(screener.party):
            groups.setdefault(party, []).append(e_idx)
        entities = screener.entities
        parties = (
            ([entities[m].id for m in members], screener.party_evidence.get(party, []))
            for party, members in groups.items()
            if len(members) > 1
        )
        key = f"{revision}|{screener.versions_key}|{id(screener)}"
        return cls.of(graph, parties, key)

    @functools.cached_property
    def grouped(self) -> npt.NDArray[np.bool_]:
        """Per node, whether its party has other copies."""
        out = np.zeros(len(self.rep), dtype=bool)
        for members in self.groups.values():
            out[list(members)] = True
        return out

    def members(self, node: int) -> tuple[int, ...]:
        """The nodes of a node's party (the designating list's copy first)."""
        return self.groups.get(int(self.rep[node]), (node,))

    def same(self, a: int, b: int) -> bool:
        return bool(self.rep[a] == self.rep[b])


def _rank(graph: Graph, node: int) -> int:
    lists = graph.node(node).lists
    return min((list_info(x).rank for x in lists), default=10_000)

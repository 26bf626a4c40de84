"""The in-memory graph the exposure search runs on: columnar edge arrays plus a CSR adjacency.

Nodes are numbered 0..n-1; ``ids[i]`` is the node id. Each edge ``e`` has ``src[e]`` (the
"from" side: owner, investor, director, member), ``dst[e]``, a kind code, a share (NaN when
not stated) and indices into an interned string table for its role, source, url, dates,
provenance and dataset. ``indptr``/``nbr``/``eid`` give, for each node, its neighbours in both
directions (``eid`` ≥ 0: the node is the edge's ``src``; ``eid`` < 0: ``~eid`` is an edge that
points at the node). This layout keeps a graph of millions of edges in a few hundred MB and lets
a breadth-first search take whole frontiers at once with numpy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from tradeguard.network.model import Edge, Node, Provenance, RelationKind

KINDS: tuple[RelationKind, ...] = tuple(RelationKind)
KIND_CODE: dict[RelationKind, int] = {k: i for i, k in enumerate(KINDS)}
PROVENANCES: tuple[Provenance, ...] = tuple(Provenance)
PROV_CODE: dict[Provenance, int] = {p: i for i, p in enumerate(PROVENANCES)}

IntArray = npt.NDArray[np.int64]


class Interner:
    """Strings stored once; index 0 is "no value"."""

    def __init__(self) -> None:
        self.values: list[str | None] = [None]
        self.index: dict[str, int] = {}

    def __call__(self, value: str | None) -> int:
        if not value:
            return 0
        found = self.index.get(value)
        if found is None:
            found = len(self.values)
            self.values.append(value)
            self.index[value] = found
        return found


@dataclass
class GraphBuilder:
    """Collects nodes and edges, then freezes them into a :class:`Graph`."""

    nodes: dict[str, Node] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    src: list[int] = field(default_factory=list)
    dst: list[int] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)
    share: list[float] = field(default_factory=list)
    prov: list[int] = field(default_factory=list)
    meta: list[tuple[int, int, int, int, int, int]] = field(default_factory=list)
    strings: Interner = field(default_factory=Interner)

    def add_node(self, node: Node) -> int:
        found = self.index.get(node.id)
        if found is not None:
            old = self.nodes[node.id]
            if node.listed and not old.listed:
                self.nodes[node.id] = node
            return found
        self.index[node.id] = len(self.index)
        self.nodes[node.id] = node
        return self.index[node.id]

    def node_index(self, node_id: str) -> int:
        found = self.index.get(node_id)
        if found is None:
            # a node referenced by a relation but described nowhere (e.g. an entry of a list
            # that is not loaded): kept, so the relation still shows, with its id as its name
            found = self.add_node(Node(id=node_id, name=node_id, schema="LegalEntity"))
        return found

    def add_edge(self, edge: Edge) -> None:
        s = self.node_index(edge.source_id)
        t = self.node_index(edge.target_id)
        if s == t:
            return
        self.src.append(s)
        self.dst.append(t)
        self.kind.append(KIND_CODE[edge.kind])
        self.share.append(float("nan") if edge.share_pct is None else float(edge.share_pct))
        self.prov.append(PROV_CODE[edge.provenance])
        st = self.strings
        self.meta.append(
            (
                st(edge.role),
                st(edge.source),
                st(edge.url),
                st(edge.start_date),
                st(edge.end_date),
                st(edge.dataset),
            )
        )

    def build(self) -> Graph:
        ids = list(self.index)
        nodes = [self.nodes[i] for i in ids]
        meta = np.array(self.meta, dtype=np.int32).reshape(-1, 6)
        return Graph.from_arrays(
            ids=ids,
            nodes=nodes,
            listed=np.array([n.listed for n in nodes], dtype=bool),
            blocking=np.array([n.listed and is_blocking(n.lists) for n in nodes], dtype=bool),
            src=np.array(self.src, dtype=np.int32),
            dst=np.array(self.dst, dtype=np.int32),
            kind=np.array(self.kind, dtype=np.uint8),
            share=np.array(self.share, dtype=np.float32),
            prov=np.array(self.prov, dtype=np.uint8),
            meta=meta,
            strings=self.strings.values,
        )


class Graph:
    """A frozen graph: node table, edge columns and the two-way CSR adjacency."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.nodes: Sequence[Node] | None = None
        self.id_index: dict[str, int] = {}
        self.listed: npt.NDArray[np.bool_] = np.zeros(0, dtype=bool)
        # designated on a list whose designation blocks (asset freeze): the 50 % rule's roots
        self.blocking: npt.NDArray[np.bool_] = np.zeros(0, dtype=bool)
        self.src: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.dst: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.kind: npt.NDArray[np.uint8] = np.zeros(0, dtype=np.uint8)
        self.share: npt.NDArray[np.float32] = np.zeros(0, dtype=np.float32)
        self.prov: npt.NDArray[np.uint8] = np.zeros(0, dtype=np.uint8)
        self.meta: npt.NDArray[np.int32] = np.zeros((0, 6), dtype=np.int32)
        self.strings: list[str | None] = [None]
        self.indptr: IntArray = np.zeros(1, dtype=np.int64)
        self.nbr: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.eid: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self.names: dict[str, list[int]] = {}

    @classmethod
    def from_arrays(
        cls,
        *,
        ids: list[str],
        nodes: Sequence[Node] | None,
        listed: npt.NDArray[np.bool_],
        src: npt.NDArray[np.int32],
        dst: npt.NDArray[np.int32],
        kind: npt.NDArray[np.uint8],
        share: npt.NDArray[np.float32],
        prov: npt.NDArray[np.uint8],
        meta: npt.NDArray[np.int32],
        strings: list[str | None],
        blocking: npt.NDArray[np.bool_] | None = None,
    ) -> Graph:
        g = cls()
        g.ids = ids
        g.nodes = nodes
        g.id_index = {node_id: i for i, node_id in enumerate(ids)}
        g.listed = listed
        g.blocking = listed.copy() if blocking is None else blocking
        g.src, g.dst, g.kind, g.share, g.prov, g.meta = src, dst, kind, share, prov, meta
        g.strings = strings
        n = len(ids)
        m = len(src)
        # both directions: (src -> dst, +e) and (dst -> src, ~e)
        heads = np.concatenate([src, dst]).astype(np.int64)
        tails = np.concatenate([dst, src]).astype(np.int32)
        edge_ids = np.concatenate([np.arange(m, dtype=np.int64), ~np.arange(m, dtype=np.int64)])
        order = np.argsort(heads, kind="stable")
        g.nbr = tails[order]
        g.eid = edge_ids[order]
        counts = np.bincount(heads, minlength=n)
        g.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=g.indptr[1:])
        if nodes is not None:
            for i, node in enumerate(nodes):
                for name in (node.name, *node.aliases):
                    g.names.setdefault(normalise_name(name), []).append(i)
        return g

    @property
    def node_count(self) -> int:
        return len(self.ids)

    @property
    def edge_count(self) -> int:
        return len(self.src)

    def node(self, i: int) -> Node:
        if self.nodes is not None:
            return self.nodes[i]
        return Node(id=self.ids[i], name=self.ids[i], listed=bool(self.listed[i]))

    def edge(self, e: int) -> Edge:
        role, source, url, start, end, dataset = (self.strings[int(x)] for x in self.meta[e])
        share = float(self.share[e])
        return Edge(
            source_id=self.ids[int(self.src[e])],
            target_id=self.ids[int(self.dst[e])],
            kind=KINDS[int(self.kind[e])],
            role=role or "",
            share_pct=None if np.isnan(share) else round(share, 4),
            start_date=start,
            end_date=end,
            source=source,
            url=url,
            provenance=PROVENANCES[int(self.prov[e])],
            dataset=dataset or "",
        )

    def find(self, name: str) -> list[int]:
        """Nodes whose name or alias equals ``name`` once normalised."""
        return list(self.names.get(normalise_name(name), []))

    def memory_bytes(self) -> int:
        arrays: Iterable[npt.NDArray[Any]] = (
            self.listed,
            self.blocking,
            self.src,
            self.dst,
            self.kind,
            self.share,
            self.prov,
            self.meta,
            self.indptr,
            self.nbr,
            self.eid,
        )
        return sum(int(a.nbytes) for a in arrays)


# Lists whose designations freeze assets (the roots of the 50 % rule). Export-control lists
# (METI End User List, the US CSL's Entity List ...) are designations to trace to, but do not
# block by ownership.
BLOCKING_LISTS = frozenset(
    {"un_sc", "us_ofac_sdn", "eu_fsf", "uk_sanctions", "jp_mof", "opensanctions"}
)


def is_blocking(lists: Iterable[str]) -> bool:
    return any(name in BLOCKING_LISTS for name in lists)


# Runs of characters that are not letters or digits (``\W`` is exactly ``not str.isalnum()``,
# except that it counts the underscore as a word character).
_SEPARATORS = re.compile(r"[\W_]+")


def normalise_name(value: str) -> str:
    """Case-folded, punctuation-free, single-spaced: the key of exact-name resolution."""
    return _SEPARATORS.sub(" ", value.casefold()).strip()

"""Property tests of the name key and the frontier search."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.network.exposure import bfs
from tradeguard.network.graph import GraphBuilder, normalise_name
from tradeguard.network.model import Edge, Node, RelationKind


@given(st.text(max_size=40))
def test_normalise_name_is_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once
    assert "  " not in once


@given(st.text(max_size=40))
def test_normalise_name_keeps_letters_and_digits_only(text: str) -> None:
    # the definition the name key is built on: every character that is not a letter or a
    # digit (``str.isalnum``) separates words
    spelled_out = "".join(ch if ch.isalnum() else " " for ch in text.casefold())
    assert normalise_name(text) == " ".join(spelled_out.split())
    assert normalise_name("Ryonbong_General-Corp.") == "ryonbong general corp"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 14), st.integers(0, 14)), max_size=40), st.integers(1, 4))
def test_bfs_matches_a_plain_search(pairs: list[tuple[int, int]], depth: int) -> None:
    b = GraphBuilder()
    for i in range(15):
        b.add_node(Node(id=f"custom:{i}", name=str(i)))
    for s, t in pairs:
        b.add_edge(Edge(f"custom:{s}", f"custom:{t}", RelationKind.UNKNOWN))
    g = b.build()
    adjacency: dict[int, set[int]] = {i: set() for i in range(15)}
    for s, t in pairs:
        if s != t:
            adjacency[s].add(t)
            adjacency[t].add(s)
    dist = {0: 0}
    frontier = [0]
    for level in range(1, depth + 1):
        frontier = [n for u in frontier for n in adjacency[u] if n not in dist]
        for n in frontier:
            dist.setdefault(n, level)
        frontier = sorted(set(frontier))
    _parent, _via, levels, _copies = bfs(g, 0, depth)
    reached = {int(n) for level in levels for n in level}
    assert reached == set(dist)
    for level, nodes in enumerate(levels):
        assert all(dist[int(n)] == level for n in nodes)

"""Exposure search speed on a generated graph (default 1 M nodes, 3 M edges).

Prints: build time of the in-memory graph (columnar arrays + two-way CSR), its memory, the
time of the whole-graph OFAC 50 % propagation, and the latency of ``exposure`` to depth 4
(p50 / p95 / max over random start nodes, with the nodes reached). For comparison it runs the
same depth-4 reachability as a recursive SQL query on SQLite over the same edges (indexed),
which is the alternative storage/algorithm choice (``--no-sql`` skips it).

The generated graph: node degrees are skewed (a few thousand-edge hubs, as registries and
lists have: an association, a conglomerate), 0.5 % of nodes designated, 30 % of edges
ownership with a random share.

    python benchmarks/exposure_speed.py [--nodes 1000000] [--edges 3000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

import numpy as np

from tradeguard.network.exposure import exposure, ofac_state
from tradeguard.network.graph import KIND_CODE, Graph
from tradeguard.network.model import RelationKind


def generate(nodes: int, edges: int, seed: int = 7) -> Graph:
    rng = np.random.default_rng(seed)
    src = rng.integers(0, nodes, edges, dtype=np.int64)
    # skewed targets: low ids are hubs
    dst = (nodes * rng.random(edges) ** 2.5).astype(np.int64)
    keep = src != dst
    src, dst = src[keep].astype(np.int32), dst[keep].astype(np.int32)
    m = len(src)
    kinds = np.array([KIND_CODE[k] for k in RelationKind], dtype=np.uint8)
    kind = rng.choice(kinds, m)
    own = rng.random(m) < 0.3
    kind[own] = KIND_CODE[RelationKind.OWNERSHIP]
    share = np.full(m, np.nan, dtype=np.float32)
    share[own] = rng.choice(np.array([10, 25, 40, 50, 51, 80, 100], dtype=np.float32), own.sum())
    listed = rng.random(nodes) < 0.005
    meta = np.zeros((m, 6), dtype=np.int32)
    meta[:, 1] = 1
    return Graph.from_arrays(
        ids=[f"custom:n{i}" for i in range(nodes)],
        nodes=None,
        listed=listed,
        src=src,
        dst=dst,
        kind=kind,
        share=share,
        prov=np.zeros(m, dtype=np.uint8),
        meta=meta,
        strings=[None, "generated"],
    )


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sql_depth4(graph: Graph, starts: list[int], depth: int) -> list[float]:
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "edges.db")
        db.execute("CREATE TABLE e (s INTEGER, t INTEGER)")
        t0 = time.perf_counter()
        rows = zip(graph.src.tolist(), graph.dst.tolist(), strict=True)
        db.executemany("INSERT INTO e VALUES (?, ?)", rows)
        db.execute("CREATE INDEX e_s ON e (s)")
        db.execute("CREATE INDEX e_t ON e (t)")
        db.commit()
        print(
            f"sqlite: {graph.edge_count:,} edges inserted and indexed in {time.perf_counter() - t0:.1f} s"
        )
        query = """
            WITH RECURSIVE walk(n, d) AS (
                SELECT ?, 0
                UNION
                SELECT CASE WHEN e.s = walk.n THEN e.t ELSE e.s END, walk.d + 1
                FROM walk JOIN e ON (e.s = walk.n OR e.t = walk.n)
                WHERE walk.d < ?
            )
            SELECT count(DISTINCT n) FROM walk
        """
        times = []
        for start in starts:
            t0 = time.perf_counter()
            db.execute(query, (start, depth)).fetchone()
            times.append(time.perf_counter() - t0)
        db.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=3_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--sql-queries", type=int, default=10)
    parser.add_argument("--no-sql", action="store_true")
    args = parser.parse_args()

    base = rss_mb()
    t0 = time.perf_counter()
    graph = generate(args.nodes, args.edges)
    build = time.perf_counter() - t0
    print(
        f"graph: {graph.node_count:,} nodes, {graph.edge_count:,} edges "
        f"({int(graph.listed.sum()):,} designated); generated + CSR built in {build:.1f} s"
    )
    print(
        f"memory: arrays {graph.memory_bytes() / 2**20:.0f} MiB; "
        f"process peak RSS {rss_mb():.0f} MiB (+{rss_mb() - base:.0f} MiB incl. node ids)"
    )
    t0 = time.perf_counter()
    state = ofac_state(graph)
    print(
        f"OFAC 50 % rule over the whole graph: {time.perf_counter() - t0:.2f} s "
        f"({int(state.by_rule.sum()):,} entities blocked by the rule)"
    )
    rng = np.random.default_rng(11)
    starts = [int(x) for x in rng.integers(0, graph.node_count, args.queries)]
    exposure(graph, starts[0], depth=args.depth)  # warm-up
    times, reached, paths = [], [], []
    for start in starts:
        t0 = time.perf_counter()
        result = exposure(graph, start, depth=args.depth)
        times.append(time.perf_counter() - t0)
        paths.append(len(result.paths))
        reached.append(result.truncated)
    arr = np.array(times)
    print(
        f"exposure depth {args.depth} over {args.queries} random parties: "
        f"p50 {np.percentile(arr, 50) * 1000:.0f} ms, p95 {np.percentile(arr, 95) * 1000:.0f} ms, "
        f"max {arr.max() * 1000:.0f} ms; paths per party median {int(np.median(paths))}, "
        f"{sum(reached)} capped at 50 paths"
    )
    print(f"process peak RSS after queries: {rss_mb():.0f} MiB")
    if not args.no_sql:
        sql_times = np.array(sql_depth4(graph, starts[: args.sql_queries], args.depth))
        print(
            f"recursive SQL (SQLite) depth {args.depth} reachability over {len(sql_times)} "
            f"parties: p50 {np.percentile(sql_times, 50):.2f} s, max {sql_times.max():.2f} s"
        )


if __name__ == "__main__":
    main()

"""Screening speed: single-query latency, batch throughput, index build time, memory, CLI start.

Run: ``python benchmarks/screening_speed.py [--queries N] [--batch N] [--workers N]``
(lists from ``$TRADEGUARD_DATA_DIR/lists`` when set, else the bundled snapshot).

Queries are the labelled set of ``benchmarks/screening_queries.py`` (list names through
realistic transformations and non-listed names, half and half), screened with the default
threshold and limit 10.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from screening_data import load_entities
from screening_queries import generate

from tradeguard.screening import Query, Screener, cache

_SCREENER: Screener | None = None


def _rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _screen_chunk(chunk: list[tuple[str, str | None]]) -> int:
    assert _SCREENER is not None
    found = 0
    for name, schema in chunk:
        found += len(_SCREENER.screen(Query(name, schema)))
    return found


def main() -> None:
    global _SCREENER
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    entities, source = load_entities()
    print(f"lists: {source}; {len(entities)} entries")
    rss0 = _rss_mb()
    started = time.perf_counter()
    screener = Screener.from_entities(entities)
    build = time.perf_counter() - started
    rss1 = _rss_mb()
    print(
        f"index build: {build:.2f} s for {len(screener.names)} names "
        f"({len(screener.packed)} forms, {len(screener.index)} keys); "
        f"resident memory +{rss1 - rss0:.0f} MB (process {rss1:.0f} MB)"
    )

    with tempfile.TemporaryDirectory() as home:
        os.environ["TRADEGUARD_HOME"] = home
        path = cache.save(screener, "speed-benchmark")
        started = time.perf_counter()
        loaded = cache.load("speed-benchmark")
        assert loaded is not None
        print(
            f"index cache: {path.stat().st_size / 1e6:.1f} MB on disk, loads in "
            f"{time.perf_counter() - started:.2f} s"
        )

    queries = generate(entities, args.seed, per_transform=args.queries // 20,
                       n_negative=args.queries // 2)  # fmt: skip
    names = [(q.name, q.schema) for q in queries]
    for name, schema in names[:200]:  # warm the caches
        screener.screen(Query(name, schema))
    latencies = []
    for name, schema in names:
        started = time.perf_counter()
        screener.screen(Query(name, schema))
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    p99 = latencies[int(0.99 * len(latencies)) - 1]
    print(
        f"single query ({len(latencies)} queries): p50 {statistics.median(latencies):.2f} ms, "
        f"p95 {p95:.2f} ms, p99 {p99:.2f} ms, max {latencies[-1]:.1f} ms"
    )

    batch = [names[i % len(names)] for i in range(args.batch)]
    # Vary the batch so the per-pair cache does not see only repeats.
    batch = [(f"{n}" if i < len(names) else f"{n} {i % 97}", s) for i, (n, s) in enumerate(batch)]
    started = time.perf_counter()
    _SCREENER = screener
    _screen_chunk(batch[: args.batch // 4])
    one = (args.batch // 4) / (time.perf_counter() - started)
    print(f"batch, 1 process: {one:,.0f} names/s")
    # Forked workers share the index copy-on-write; keep the collector from touching (and so
    # copying) every object of it in each worker.
    gc.freeze()
    ctx = multiprocessing.get_context("fork")
    size = max(1, len(batch) // (args.workers * 8))
    chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
    started = time.perf_counter()
    with ctx.Pool(args.workers) as pool:
        pool.map(_screen_chunk, chunks)
    rate = len(batch) / (time.perf_counter() - started)
    print(f"batch, {args.workers} processes: {rate:,.0f} names/s ({len(batch)} names)")

    # A one-shot command line call with the index cached (bundled snapshot store).
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, TRADEGUARD_HOME=home)
        env.pop("TRADEGUARD_DATABASE_URL", None)
        cmd = [sys.executable, "-m", "tradeguard.cli", "screen", "Kim Jong Sik", "--json"]
        started = time.perf_counter()
        subprocess.run(cmd, env=env, capture_output=True, check=True)
        first = time.perf_counter() - started
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            subprocess.run(cmd, env=env, capture_output=True, check=True)
            runs.append(time.perf_counter() - started)
        print(
            f"CLI 'tradeguard screen' one-shot: first call {first:.1f} s (loads the snapshot, "
            f"builds the index), then {statistics.median(runs):.2f} s with the cached index"
        )


if __name__ == "__main__":
    main()

"""Screening speed: single-query latency, batch throughput, index build time, memory, CLI start.

Run: ``python benchmarks/screening_speed.py [--queries N] [--batch N] [--workers N] [--no-cli]``
(lists from ``$TRADEGUARD_DATA_DIR/lists`` when set, else the bundled snapshot).

Queries are the labelled set of ``benchmarks/screening_queries.py`` (list names through
realistic transformations and non-listed names, half and half), screened with the default
threshold and limit 10.

The figures are for names the process has not seen: the screener keeps the forms of the names
it analysed and the similarities of the words it compared, so a name screened again costs less.
Three disjoint sets of distinct names are drawn (seeds ``--seed``, +1, +2): a few hundred warm
the process up (vocabularies, readers); ``--queries`` names are timed one by one, each for the
first time (**cold**), then again (**repeated**); ``--batch`` other names are screened by the
worker processes first, then in this process, each for the first time (**cold**), then once
more (**repeated**). Throughput is also given per CPU-second of the process, which other work
on a shared machine disturbs less than the wall clock.
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

from tradeguard.lists.model import Entity
from tradeguard.screening import Query, Screener, cache

_SCREENER: Screener | None = None


def _rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _distinct(
    entities: list[Entity], seed: int, count: int, seen: set[tuple[str, str | None]]
) -> list[tuple[str, str | None]]:
    """Up to ``count`` generated names (half listed names transformed, half not listed), each
    once and none of ``seen``; the names taken are added to ``seen``."""
    queries = generate(entities, seed, per_transform=max(1, count // 20),
                       n_negative=count // 2)  # fmt: skip
    out: list[tuple[str, str | None]] = []
    for q in queries:
        key = (q.name, q.schema)
        if key not in seen and len(out) < count:
            seen.add(key)
            out.append(key)
    return out


def _latencies(names: list[tuple[str, str | None]]) -> str:
    assert _SCREENER is not None
    latencies = []
    for name, schema in names:
        started = time.perf_counter()
        _SCREENER.screen(Query(name, schema))
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    p99 = latencies[int(0.99 * len(latencies)) - 1]
    return (
        f"p50 {statistics.median(latencies):.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms, "
        f"max {latencies[-1]:.1f} ms"
    )


def _throughput(names: list[tuple[str, str | None]]) -> str:
    wall, cpu = time.perf_counter(), time.process_time()
    _screen_chunk(names)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return f"{len(names) / wall:,.0f} names/s ({len(names) / cpu:,.0f} per CPU-second)"


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
    parser.add_argument("--no-cli", action="store_true", help="skip the one-shot CLI timing")
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

    seen: set[tuple[str, str | None]] = set()
    names = _distinct(entities, args.seed, args.queries, seen)
    batch = _distinct(entities, args.seed + 1, args.batch, seen)
    _SCREENER = screener
    _screen_chunk(_distinct(entities, args.seed + 2, 200, seen))  # load vocabularies, readers
    print(f"single query ({len(names)} names), cold: {_latencies(names)}")
    print(f"single query ({len(names)} names), repeated: {_latencies(names)}")

    # Forked workers share the index copy-on-write; keep the collector from touching (and so
    # copying) every object of it in each worker (the screener froze its index when built;
    # this freezes what the warm-up added). They start before this process screens the
    # batch, so they have not seen its names either. Nothing is unfrozen after: this process
    # screens as the screener and the service leave it, without the collector walking the
    # index.
    gc.freeze()
    ctx = multiprocessing.get_context("fork")
    size = max(1, len(batch) // (args.workers * 8))
    chunks = [batch[i : i + size] for i in range(0, len(batch), size)]
    started = time.perf_counter()
    with ctx.Pool(args.workers) as pool:
        pool.map(_screen_chunk, chunks)
    rate = len(batch) / (time.perf_counter() - started)
    print(f"batch, {args.workers} processes, cold: {rate:,.0f} names/s ({len(batch)} names)")
    print(f"batch, 1 process, cold: {_throughput(batch)} ({len(batch)} names)")
    print(f"batch, 1 process, repeated: {_throughput(batch)}")
    if args.no_cli:
        return

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

"""Load every real list file in $TRADEGUARD_DATA_DIR/lists into a fresh SQLite store.

Prints, per file: the list, entries, parse and store seconds and records/s; then the total wall
time and the peak memory (RSS) of the process. Target: all files in <= 60 s on 2 cores, and
the parse of each file in ``PARSE_TARGETS`` within its seconds; the script exits with 1 when a
target is missed.

    TRADEGUARD_DATA_DIR=../shared/data python benchmarks/ingest.py
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

from tradeguard import settings
from tradeguard.errors import InputError
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

#: Seconds a parse may take, per file (relative to the lists folder).
PARSE_TARGETS = {
    "us-csl/consolidated-2022-05.csv.gz": 10.0,
    "jp-mof/shisantouketsu20260305.xlsx": 15.0,
}
TOTAL_TARGET = 60.0

SET_MEMBERS = {"sdn.csv", "add.csv", "alt.csv", "cons_prim.csv", "cons_add.csv", "cons_alt.csv"}


def _is_file_set(folder: Path) -> bool:
    return any(p.name.lower() in SET_MEMBERS for p in folder.iterdir())


def inputs(lists_dir: Path) -> list[Path]:
    """Every loadable input: single files, and folders holding a CSV file set (OFAC)."""
    out: list[Path] = []
    for path in sorted(lists_dir.rglob("*")):
        if path.name.endswith(".md"):
            continue
        if path.is_dir():
            if _is_file_set(path):
                out.append(path)
        elif not _is_file_set(path.parent) or path.parent == lists_dir:
            out.append(path)
    return out


def main() -> int:
    data = settings.data_dir()
    if data is None or not (data / "lists").is_dir():
        print("TRADEGUARD_DATA_DIR is not set (or has no lists/): nothing to measure")
        return 1
    lists_dir = data / "lists"
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'bench.db'}")
        total_entries = 0
        missed: list[str] = []
        started = time.perf_counter()
        print(
            f"{'file':<52} {'list':<13} {'entries':>8} {'parse s':>8} {'store s':>8} {'rec/s':>8}"
        )
        for path in inputs(lists_dir):
            rel = str(path.relative_to(lists_dir))
            t0 = time.perf_counter()
            try:
                parsed = parse_path(path)
            except InputError as exc:
                print(f"{rel:<52} not loaded: {exc}")
                continue
            t1 = time.perf_counter()
            target = PARSE_TARGETS.get(rel)
            if target is not None and t1 - t0 > target:
                missed.append(f"{rel}: parsed in {t1 - t0:.1f} s (target {target:.0f} s)")
            result = store.load(parsed)
            t2 = time.perf_counter()
            n = len(parsed.entities)
            total_entries += n
            print(
                f"{rel:<52} {parsed.list:<13} {n:>8} {t1 - t0:>8.2f} {t2 - t1:>8.2f} "
                f"{n / (t2 - t0):>8.0f}  {result.status}"
            )
        wall = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"total: {total_entries} entries in {wall:.1f} s; peak RSS {peak_mb:.0f} MiB")
        store.close()
    if wall > TOTAL_TARGET:
        missed.append(f"all files in {wall:.1f} s (target {TOTAL_TARGET:.0f} s)")
    for line in missed:
        print(f"target missed: {line}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

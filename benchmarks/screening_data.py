"""Entities for the screening benchmarks: the full published lists or the bundled snapshot.

With ``$TRADEGUARD_DATA_DIR`` set, the latest file of each list under ``$TRADEGUARD_DATA_DIR/lists``
that tradeguard can parse is read; without it (or when none parses), the snapshot bundled with
the package is loaded into a throw-away store.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from tradeguard import settings
from tradeguard.errors import TradeguardError
from tradeguard.lists.model import Entity

# One file per list: the newest published version in the data directory.
FILES = (
    "un/consolidated-2026-02-27.xml",
    "ofac/sdn-2024-05-03.csv",
    "ofac/consolidated-2025-03-28.xml",
    "us-csl/consolidated-2022-05.csv.gz",
    "us-csl/dpl-2023-11.txt",
    "jp-meti/20250929_4.xlsx",
    "jp-mof/shisantouketsu20260305.xlsx",
)


def load_entities() -> tuple[list[Entity], str]:
    """The entities to benchmark on and a line saying where they came from."""
    from tradeguard.lists.registry import parse_path

    data_dir = settings.data_dir()
    entities: list[Entity] = []
    used: list[str] = []
    if data_dir is not None:
        for rel in FILES:
            path = data_dir / "lists" / rel
            if not path.exists():
                continue
            try:
                parsed = parse_path(path)
            except TradeguardError as exc:
                print(f"  (skipped {rel}: {exc})", file=sys.stderr)
                continue
            entities.extend(parsed.entities)
            used.append(f"{rel} ({len(parsed.entities)})")
        if entities:
            return entities, "$TRADEGUARD_DATA_DIR/lists: " + ", ".join(used)
    from tradeguard.lists.snapshot import ensure_loaded
    from tradeguard.store import Store

    home = tempfile.mkdtemp(prefix="tradeguard-bench-")
    os.environ["TRADEGUARD_HOME"] = home
    store = Store.open(f"sqlite:///{Path(home) / 'bench.db'}")
    ensure_loaded(store)
    entities = list(store.iter_current_entities())
    lists = sorted({e.list for e in entities})
    return entities, "bundled snapshot: " + ", ".join(lists)

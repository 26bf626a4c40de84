"""Server workers meet the bundled network datasets at the same moment: each must go on (the
one import stands), none may fail with the other's unique-key or lock error."""

from __future__ import annotations

from tests.threads import run_at_once
from tradeguard.network.importer import bundled_files, ensure_bundled, list_datasets
from tradeguard.store import Store


def test_workers_importing_the_bundled_datasets_at_once(store: Store, store_url: str) -> None:
    workers = 6
    stores = [Store.open(store_url) for _ in range(workers)]  # a connection pool each
    statuses: list[str] = []

    def worker(own: Store) -> None:
        statuses.extend(r.status for r in ensure_bundled(own))

    try:
        errors = run_at_once(worker, stores)
    finally:
        for s in stores:
            s.close()
    assert errors == []
    assert len(list_datasets(store)) == len(bundled_files())
    assert statuses.count("imported") == len(bundled_files())  # the others saw it "unchanged"

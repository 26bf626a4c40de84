"""Server workers meet the bundled network datasets at the same moment: each must go on (the
one import stands), none may fail with the other's unique-key or lock error."""

from __future__ import annotations

import threading

from tradeguard.network.importer import bundled_files, ensure_bundled, list_datasets
from tradeguard.store import Store


def test_workers_importing_the_bundled_datasets_at_once(store: Store, store_url: str) -> None:
    workers = 6
    stores = [Store.open(store_url) for _ in range(workers)]  # a connection pool each
    barrier = threading.Barrier(workers)
    errors: list[BaseException] = []
    statuses: list[str] = []

    def worker(own: Store) -> None:
        try:
            barrier.wait(timeout=30)
            statuses.extend(r.status for r in ensure_bundled(own))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(s,)) for s in stores]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    finally:
        for s in stores:
            s.close()
    assert errors == []
    assert len(list_datasets(store)) == len(bundled_files())
    assert statuses.count("imported") == len(bundled_files())  # the others saw it "unchanged"

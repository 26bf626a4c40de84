"""The evaluator the shipment tests share: the bundled lists snapshot in a store (the real
screener); the one with the item classifier and no lists is in tests/conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tradeguard.shipments import Evaluator
from tradeguard.store import Store


@pytest.fixture(scope="module")
def snapshot_evaluator(
    snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory, _shared_index_cache: Path
) -> Iterator[Evaluator]:
    """The bundled lists snapshot in a store, the real screener, classifier and policy. The
    screening index comes from the session's cache (keyed by the lists' hashes, as every
    store-based test's), so each module using this does not build the snapshot's index again."""
    home = tmp_path_factory.mktemp("home")
    (home / "screening").symlink_to(_shared_index_cache, target_is_directory=True)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRADEGUARD_HOME", str(home))
        store = Store.open(f"sqlite:///{snapshot_template}")
        try:
            yield Evaluator.from_store(store)
        finally:
            store.close()

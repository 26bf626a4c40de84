"""The evaluators the shipment tests share: one over the bundled lists snapshot in a store
(the real screener), one with the item classifier and no lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tradeguard.items import classify, get_entry, knowledge_base_version
from tradeguard.shipments import Evaluator
from tradeguard.store import Store


@pytest.fixture(scope="module")
def snapshot_evaluator(
    snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Evaluator]:
    """The bundled lists snapshot in a store, the real screener, classifier and policy."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRADEGUARD_HOME", str(tmp_path_factory.mktemp("home")))
        store = Store.open(f"sqlite:///{snapshot_template}")
        try:
            yield Evaluator.from_store(store)
        finally:
            store.close()


@pytest.fixture(scope="module")
def classifying_evaluator() -> Evaluator:
    """The item classifier and the policy, no lists."""
    return Evaluator(
        classifier=classify, knowledge_base_version=knowledge_base_version(), entry_lookup=get_entry
    )

"""The bundled snapshot: real files, loaded automatically into an empty store."""

from __future__ import annotations

from pathlib import Path

import pytest

import tradeguard
from tradeguard.lists.snapshot import ensure_loaded, manifest, snapshot_dir, snapshot_notice
from tradeguard.store import Store


def test_manifest_names_real_files_with_dates() -> None:
    items = manifest()
    assert {"un_sc", "us_csl", "eu_fsf"} <= {i.list for i in items}
    for item in items:
        for rel in item.files:
            path = snapshot_dir() / rel
            assert path.is_file() and path.stat().st_size > 1000, rel
        assert len(item.published) == 10 and item.url.startswith("https://")


def test_package_stays_small() -> None:
    root = Path(tradeguard.__file__).parent
    size = sum(
        p.stat().st_size for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    assert size < 15 * 1024 * 1024, f"package data is {size} bytes"


@pytest.mark.slow
def test_empty_store_loads_snapshot_once(sqlite_store: Store) -> None:
    notices: list[str] = []
    results = ensure_loaded(sqlite_store, notice=notices.append)
    assert {r.list for r in results} == {i.list for i in manifest()}
    assert all(r.status == "loaded" for r in results)
    assert notices == [snapshot_notice()]
    assert "lists update" in notices[0]
    un = sqlite_store.current_version("un_sc")
    assert un is not None and un.entity_count == 1003
    assert un.source.startswith("bundled snapshot")
    kicjv = sqlite_store.get_entity("un_sc:KPe.039")
    assert kicjv is not None and "UN 1718 (DPRK)" in kicjv.programs
    eu = sqlite_store.current_version("eu_fsf")
    assert eu is not None and eu.entity_count == 4808  # 4,811 elements, 3 repeated logicalIds
    assert eu.published_at == "2024-05-13T17:44:28.283+02:00"
    ryonbong = sqlite_store.get_entity("eu_fsf:5493")
    assert ryonbong is not None and ryonbong.caption == "Korea Ryonbong General Corporation"
    assert ensure_loaded(sqlite_store) == []  # already loaded: nothing happens

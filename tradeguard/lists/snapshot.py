"""The snapshot of real published lists bundled in the package (the embedded default).

``tradeguard/data/snapshot/manifest.json`` names each bundled file (gzip-compressed), the list
it feeds, where it was published and its date. On first use an empty store loads it
(:func:`ensure_loaded`).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradeguard.lists.registry import parse_path

if TYPE_CHECKING:
    from tradeguard.store import LoadHook, LoadResult, Store


@dataclass(frozen=True)
class SnapshotItem:
    list: str
    files: tuple[str, ...]  # paths inside the snapshot folder, gzip-compressed
    name: str  # the file (or folder, for a file set) name the publisher uses
    published: str
    publisher: str
    url: str


def snapshot_dir() -> Path:
    return Path(str(resources.files("tradeguard") / "data" / "snapshot"))


def manifest() -> list[SnapshotItem]:
    raw: dict[str, Any] = json.loads((snapshot_dir() / "manifest.json").read_text("utf-8"))
    return [
        SnapshotItem(
            list=item["list"],
            files=tuple(item["files"]),
            name=item["name"],
            published=item["published"],
            publisher=item["publisher"],
            url=item["url"],
        )
        for item in raw["items"]
    ]


def snapshot_date() -> str:
    return max(item.published for item in manifest())


def snapshot_notice() -> str:
    items = manifest()
    lists = ", ".join(sorted({i.list for i in items}))
    return (
        f"Loaded the bundled list snapshot ({lists}; newest file published {snapshot_date()}). "
        "It is not current: run `tradeguard lists update` to fetch the publishers' latest lists."
    )


def materialise(item: SnapshotItem, workdir: Path) -> Path:
    """Decompress one snapshot item into ``workdir``; returns the path to parse."""
    base = snapshot_dir()
    if len(item.files) == 1:
        target = workdir / item.name
        with gzip.open(base / item.files[0], "rb") as src, target.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        return target
    folder = workdir / item.name
    folder.mkdir(parents=True, exist_ok=True)
    for rel in item.files:
        name = Path(rel).name.removesuffix(".gz")
        with gzip.open(base / rel, "rb") as src, (folder / name).open("wb") as dst:
            shutil.copyfileobj(src, dst)
    return folder


def load_snapshot(store: Store, record: LoadHook | None = None) -> list[LoadResult]:
    """Load every list of the bundled snapshot; ``record`` writes each load's audit record in
    its transaction (see :meth:`tradeguard.store.Store.load`)."""
    results = []
    with tempfile.TemporaryDirectory(prefix="tradeguard-snapshot-") as tmp:
        for item in manifest():
            path = materialise(item, Path(tmp))
            parsed = parse_path(path, item.list)
            parsed.source = f"bundled snapshot: {item.name} ({item.publisher}, {item.published})"
            # the warnings name the file, not the temporary directory it was unpacked into
            parsed.warnings = [w.replace(f"{tmp}{os.sep}", "") for w in parsed.warnings]
            if parsed.published_at is None:  # the file states no date: use its retrieval date
                parsed.published_at = item.published
            results.append(store.load(parsed, record=record))
    return results


def ensure_loaded(
    store: Store, notice: Callable[[str], None] | None = None, record: LoadHook | None = None
) -> list[LoadResult]:
    """Load the bundled snapshot into ``store`` when no list is loaded yet (first use), and
    pass :func:`snapshot_notice` to ``notice``; ``record`` writes each list's ``lists.load``
    audit record in its load's transaction. A store that holds a list is left as it is."""
    if not store.is_empty():
        return []
    results = load_snapshot(store, record)
    if notice is not None:
        notice(snapshot_notice())
    return results

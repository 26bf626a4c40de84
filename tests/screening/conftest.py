from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tradeguard.lists.model import Entity
from tradeguard.lists.registry import parse_path
from tradeguard.lists.snapshot import manifest, materialise
from tradeguard.screening import Screener

FIXTURES = Path(__file__).parent.parent / "fixtures" / "lists"
FILES = ("un/consolidated-2026-02-27-extract.xml", "us_csl/consolidated-extract.csv.gz")


@pytest.fixture(scope="session")
def entities() -> list[Entity]:
    out: list[Entity] = []
    for rel in FILES:
        out.extend(parse_path(FIXTURES / rel).entities)
    return out


@pytest.fixture(scope="session")
def screener(entities: list[Entity]) -> Screener:
    return Screener.from_entities(entities)


@pytest.fixture(scope="session")
def snapshot_entities() -> list[Entity]:
    """Every entry of the bundled snapshot of the real lists."""
    out: list[Entity] = []
    with tempfile.TemporaryDirectory() as workdir:
        for item in manifest():
            out.extend(parse_path(materialise(item, Path(workdir))).entities)
    return out


@pytest.fixture(scope="session")
def full(snapshot_entities: list[Entity]) -> Screener:
    """A screener over the bundled snapshot."""
    return Screener.from_entities(snapshot_entities)

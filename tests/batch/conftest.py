"""Batch fixtures: a screener over real list extracts, counterparties drawn from the same
extracts plus names that are on no list, and one LocalCluster of two worker processes shared
by the batch tests (closed at the end of the session)."""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

from tests.conftest import FIXTURES
from tradeguard.lists.model import Entity
from tradeguard.lists.registry import parse_path

EXTRACTS = (
    FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml",
    FIXTURES / "lists/us_csl/consolidated-extract.csv.gz",
)

# Counterparties that are on no list: persons, companies and vessels in several scripts.
UNLISTED = [
    ("Maria Fernanda Oliveira", "Person"),
    ("Sato Haruki", "Person"),
    ("佐藤 健", "Person"),
    ("Иван Петрович Смирнов", "Person"),
    ("김민준", "Person"),
    ("Nordic Timber Supplies AB", "Company"),
    ("Osaka Precision Bearings Co., Ltd.", "Company"),
    ("深圳市华盛电子有限公司", "Company"),
    ("Blue Horizon Shipping Ltd", "Organization"),
    ("MV Atlantic Grace", "Vessel"),
]


@pytest.fixture(scope="session")
def entities() -> list[Entity]:
    found: list[Entity] = []
    for path in EXTRACTS:
        found.extend(parse_path(path).entities)
    return found


@pytest.fixture(scope="session")
def screener(entities: list[Entity]) -> Any:
    from tradeguard.screening import Screener

    return Screener.from_entities(entities)


def write_counterparties(path: Path, entities: list[Entity], count: int = 120) -> Path:
    """Listed names (as written and reordered), unlisted names, and one bad row."""
    rows: list[dict[str, str]] = []
    for i, entity in enumerate(entities[: count // 2]):
        name = entity.names[0].value
        if i % 3 == 1:
            name = " ".join(reversed(name.split()))
        elif i % 3 == 2:
            name = name.lower()
        rows.append({"id": f"L{i}", "name": name, "type": "", "country": ""})
    for i in range(count - len(rows)):
        name, schema = UNLISTED[i % len(UNLISTED)]
        rows.append({"id": f"U{i}", "name": name, "type": schema, "country": "JP"})
    rows.insert(7, {"id": "BAD", "name": "", "type": "", "country": ""})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=["id", "name", "type", "country"])
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture
def counterparties(tmp_path: Path, entities: list[Entity]) -> Path:
    return write_counterparties(tmp_path / "counterparties.csv", entities)


@pytest.fixture(scope="session")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            scheduler_kwargs={"dashboard": False},
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as made,
    ):
        yield made

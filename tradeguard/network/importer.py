"""Importing relation datasets into the store: a user's file (read by
:mod:`tradeguard.network.relation_files`) or the bundled datasets, each a named dataset whose
new version replaces the old one in one transaction; unchanged content is not imported again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError

from tradeguard.errors import InputError
from tradeguard.network.relation_files import Dataset, parse_file, parse_json
from tradeguard.network.tables import NetworkDatasetRow, NetworkEdgeRow, NetworkNodeRow
from tradeguard.store import Store


@dataclass
class ImportResult:
    dataset: str
    status: str  # "imported" | "unchanged"
    nodes: int
    edges: int
    unresolved: list[str] = field(default_factory=list)  # list ids not in the loaded lists

    def to_dict(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "status": self.status,
            "nodes": self.nodes,
            "edges": self.edges,
            "unresolved": self.unresolved,
        }


def import_dataset(store: Store, dataset: Dataset) -> ImportResult:
    """Store ``dataset``, replacing an earlier import of the same name, in one transaction."""
    with store.session() as session, session.begin():
        old = session.get(NetworkDatasetRow, dataset.name)
        if old is not None and old.sha256 == dataset.sha256:
            return ImportResult(dataset.name, "unchanged", old.node_count, old.edge_count)
        elsewhere = dict(
            session.execute(
                select(NetworkNodeRow.node_id, NetworkNodeRow.dataset).where(
                    NetworkNodeRow.node_id.in_([n.id for n in dataset.nodes]),
                    NetworkNodeRow.dataset != dataset.name,
                )
            ).all()
        )
        nodes = [n for n in dataset.nodes if not (n.id in dataset.referenced and n.id in elsewhere)]
        clash = next(((i, d) for i, d in elsewhere.items() if i not in dataset.referenced), None)
        if clash is not None:
            raise InputError(
                f"node {clash[0]} is already defined by dataset {clash[1]!r}; refer to it by id "
                "in relations without redefining it",
                source=dataset.source,
            )
        session.execute(delete(NetworkEdgeRow).where(NetworkEdgeRow.dataset == dataset.name))
        session.execute(delete(NetworkNodeRow).where(NetworkNodeRow.dataset == dataset.name))
        if old is not None:
            session.delete(old)
            session.flush()
        session.add(
            NetworkDatasetRow(
                name=dataset.name,
                sha256=dataset.sha256,
                source=dataset.source,
                format=dataset.format,
                imported_at=datetime.now(UTC),
                node_count=len(nodes),
                edge_count=len(dataset.edges),
                meta=dataset.meta,
            )
        )
        session.flush()
        if nodes:
            session.execute(
                insert(NetworkNodeRow),
                [
                    {
                        "node_id": n.id,
                        "dataset": dataset.name,
                        "name": n.name,
                        "schema": n.schema,
                        "country": n.country,
                        "aliases": n.aliases,
                        "notes": n.notes,
                    }
                    for n in nodes
                ],
            )
        session.execute(
            insert(NetworkEdgeRow),
            [
                {
                    "dataset": dataset.name,
                    "source_id": e.source_id,
                    "target_id": e.target_id,
                    "kind": e.kind.value,
                    "role": e.role,
                    "share_pct": e.share_pct,
                    "start_date": e.start_date,
                    "end_date": e.end_date,
                    "source": e.source,
                    "url": e.url,
                    "provenance": e.provenance.value,
                }
                for e in dataset.edges
            ],
        )
    unresolved = sorted(
        {
            ref
            for e in dataset.edges
            for ref in (e.source_id, e.target_id)
            if not ref.startswith("custom:") and store.get_entity(ref) is None
        }
    )
    return ImportResult(dataset.name, "imported", len(nodes), len(dataset.edges), unresolved)


def import_file(store: Store, path: Path, dataset: str | None = None) -> ImportResult:
    return import_dataset(store, parse_file(path, dataset))


def bundled_files() -> list[Path]:
    folder = Path(str(resources.files("tradeguard") / "data" / "network"))
    return sorted(folder.glob("*.json"))


def ensure_bundled(store: Store) -> list[ImportResult]:
    """Import the bundled datasets (``tradeguard/data/network``) not yet in the store, or
    changed since they were imported."""
    results = []
    with store.session() as session:
        have = dict(session.execute(select(NetworkDatasetRow.name, NetworkDatasetRow.sha256)).all())
    for path in bundled_files():
        raw = path.read_bytes()
        sha = hashlib.sha256(raw).hexdigest()
        data = json.loads(raw)
        name = data.get("dataset") or path.stem
        if have.get(name) == sha:
            continue
        try:
            results.append(import_dataset(store, parse_json(raw.decode("utf-8"), path.name, sha)))
        except (IntegrityError, OperationalError):
            # Another process (a second server worker) imported it at the same moment: fine
            # when its import is this very file; anything else is a real failure.
            with store.session() as session:
                row = session.get(NetworkDatasetRow, name)
            if row is None or row.sha256 != sha:
                raise
            results.append(ImportResult(name, "unchanged", row.node_count, row.edge_count))
    return results


def list_datasets(store: Store) -> list[dict[str, Any]]:
    with store.session() as session:
        rows = session.execute(select(NetworkDatasetRow).order_by(NetworkDatasetRow.name)).scalars()
        return [
            {
                "dataset": r.name,
                "source": r.source,
                "format": r.format,
                "sha256": r.sha256,
                "imported_at": r.imported_at.isoformat(timespec="seconds"),
                "nodes": r.node_count,
                "edges": r.edge_count,
                "meta": r.meta,
            }
            for r in rows
        ]

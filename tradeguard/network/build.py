"""Building the graph from the store: the loaded lists, their stated relations, the imported
datasets and the cross-list links; and finding a party in it by id or name."""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from tradeguard import settings
from tradeguard.lists.model import Entity, NameKind
from tradeguard.network.graph import Graph, GraphBuilder, normalise_name
from tradeguard.network.model import Edge, Node, Provenance, RelationKind, kind_for_relation
from tradeguard.network.tables import (
    EntityLinkRow,
    NetworkDatasetRow,
    NetworkEdgeRow,
    NetworkNodeRow,
)

if TYPE_CHECKING:
    from tradeguard.store import Store

AUTO_LINK_CONFIDENCE = 0.95  # proposed links at or above this count until reviewed

_CACHE: dict[str, tuple[str, Graph]] = {}


def entity_node(entity: Entity) -> Node:
    found = entity.countries or entity.nationalities
    country: str | None = found[0] if found else None
    if country is None:
        for address in entity.addresses:
            if address.country:
                country = address.country
                break
    caption = entity.caption
    return Node(
        id=entity.id,
        name=caption,
        schema=entity.schema,
        country=country,
        aliases=[n.value for n in entity.names if n.value != caption],
        listed=True,
        lists=[entity.list],
        programs=list(entity.programs),
    )


def list_relations(entities: list[Entity]) -> list[Edge]:
    """The relations the lists state, resolved within the same list: by the target's id, else
    by its exact normalised name (when exactly one entry of that list bears it). An unresolved
    name becomes a party on no list, so the stated relation is still traced."""
    by_name: dict[tuple[str, str], set[str]] = {}
    ids = {e.id for e in entities}
    for entity in entities:
        for name in entity.names:
            if name.kind != NameKind.WEAK_ALIAS:
                by_name.setdefault((entity.list, normalise_name(name.value)), set()).add(entity.id)
    edges = []
    for entity in entities:
        for rel in entity.relations:
            target: str | None = None
            if rel.target_id and rel.target_id in ids:
                target = rel.target_id
            elif rel.target_name:
                found = by_name.get((entity.list, normalise_name(rel.target_name)), set())
                found = found - {entity.id}
                if len(found) == 1:
                    target = next(iter(found))
                else:
                    target = f"custom:{entity.list}-named:" + "-".join(
                        normalise_name(rel.target_name).split()
                    )
            elif rel.target_id:
                target = rel.target_id  # an entry not in the current version: kept by id
            if target is None or target == entity.id:
                continue
            kind = kind_for_relation(rel.schema, rel.role)
            # the parsers state relations from the listed entry: "owned by X", "vessel owner X"
            forward = rel.schema != "Ownership"
            cite = f"{entity.list} {entity.source_id}"
            if rel.source:
                cite += f" ({rel.source})"
            edges.append(
                Edge(
                    source_id=entity.id if forward else target,
                    target_id=target if forward else entity.id,
                    kind=kind,
                    role=rel.role,
                    share_pct=rel.share_pct,
                    start_date=rel.start_date,
                    end_date=rel.end_date,
                    source=cite,
                    url=entity.source_url,
                    provenance=Provenance.OFFICIAL_LIST,
                    dataset=f"list:{entity.list}",
                )
            )
    return edges


def network_revision(store: Store) -> str:
    """A key that changes whenever the lists, the imported datasets or the links change."""
    with store.session() as session:
        datasets = session.execute(
            select(func.count(), func.max(NetworkDatasetRow.imported_at))
        ).one()
        links = session.execute(
            select(func.count(), func.max(EntityLinkRow.id), func.max(EntityLinkRow.reviewed_at))
        ).one()
    return f"{store.versions_key()}|{datasets}|{links}"


def build_graph(store: Store) -> Graph:
    builder = GraphBuilder()
    entities = list(store.iter_current_entities())
    for entity in entities:
        builder.add_node(entity_node(entity))
    for edge in list_relations(entities):
        if edge.source_id.startswith("custom:") or edge.target_id.startswith("custom:"):
            named = edge.source_id if edge.source_id.startswith("custom:") else edge.target_id
            if named not in builder.index:
                label = named.split(":named:", 1)[-1].replace("-", " ").upper()
                builder.add_node(Node(id=named, name=label))
        builder.add_edge(edge)
    with store.session() as session:
        for row in session.execute(select(NetworkNodeRow)).scalars():
            builder.add_node(
                Node(
                    id=row.node_id,
                    name=row.name,
                    schema=row.schema,
                    country=row.country,
                    aliases=list(row.aliases),
                    notes=row.notes,
                )
            )
        for er in session.execute(select(NetworkEdgeRow).order_by(NetworkEdgeRow.id)).scalars():
            builder.add_edge(
                Edge(
                    source_id=er.source_id,
                    target_id=er.target_id,
                    kind=RelationKind(er.kind),
                    role=er.role,
                    share_pct=er.share_pct,
                    start_date=er.start_date,
                    end_date=er.end_date,
                    source=er.source,
                    url=er.url,
                    provenance=Provenance(er.provenance),
                    dataset=er.dataset,
                )
            )
        for link in session.execute(select(EntityLinkRow)).scalars():
            if link.status == "rejected":
                continue
            if link.status == "proposed" and link.confidence < AUTO_LINK_CONFIDENCE:
                continue
            builder.add_edge(
                Edge(
                    source_id=link.a_id,
                    target_id=link.b_id,
                    kind=RelationKind.SAME_AS,
                    role=f"same entity ({link.method}, {link.status}, "
                    f"confidence {link.confidence:.2f})",
                    source="; ".join(link.evidence),
                    provenance=Provenance.OFFICIAL_LIST
                    if link.status == "proposed"
                    else Provenance.USER_INVESTIGATION,
                    dataset=f"link:{link.id}",
                )
            )
    return builder.build()


def load_graph(store: Store) -> Graph:
    """The graph of the store's current state (built once per revision, then cached)."""
    return current_graph(store)[0]


def current_graph(store: Store) -> tuple[Graph, str]:
    """The graph of the store's current state and its revision key (``network_revision``),
    read together: for a caller that holds one snapshot for many lookups."""
    from tradeguard.network.importer import ensure_bundled

    ensure_bundled(store)
    key = network_revision(store)
    url = store.engine.url.render_as_string(hide_password=True)
    cached = _CACHE.get(url)
    if cached is not None and cached[0] == key:
        return cached[1], key
    graph = _read_cache(url, key)
    if graph is None:
        graph = build_graph(store)
        _write_cache(url, key, graph)
    _CACHE[url] = (key, graph)
    return graph, key


def _cache_path(url: str) -> Path:
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    return settings.home() / "cache" / f"network-{digest}.pickle"


def _read_cache(url: str, key: str) -> Graph | None:
    """The graph built earlier for the same store revision (a file the process itself wrote
    in the data directory; any unreadable or stale file is ignored and rebuilt)."""
    path = _cache_path(url)
    try:
        with path.open("rb") as fh:
            stored_key, graph = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        return None
    if stored_key != key or not isinstance(graph, Graph):
        return None
    return graph


def _write_cache(url: str, key: str, graph: Graph) -> None:
    path = _cache_path(url)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump((key, graph), fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        return


def exact_node(graph: Graph, name_or_id: str) -> int | None:
    """The node an id or an exact name means: the id, else the one node whose name or alias
    equals the text (normalised; of several, the one whose primary name it is, when only
    one), else None. For callers that have already screened the name (the shipment
    evaluator); a person's query goes through ``Service.exposure``."""
    text = " ".join(name_or_id.split())
    if text in graph.id_index:
        return graph.id_index[text]
    exact = graph.find(text) if text else []
    if len(exact) > 1:
        norm = normalise_name(text)
        exact = [i for i in exact if normalise_name(graph.node(i).name) == norm]
    return exact[0] if len(exact) == 1 else None

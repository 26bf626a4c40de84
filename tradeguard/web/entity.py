"""What the entity page shows besides the entry itself: the same party on other lists, and
the relation graph of its exposure paths (Cytoscape.js elements)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradeguard.errors import NotFoundError

if TYPE_CHECKING:
    from tradeguard.lists.model import Entity
    from tradeguard.service import Service
    from tradeguard.store import Store

SAME_PARTY = 0.9
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "shipments" / "jp-kr-euv-resist.json"
FALLBACK_EXAMPLE = """{
  "id": "WEB-0001",
  "export_country": "JP",
  "exporter": {"name": "Morita Chemical Trading Co., Ltd.", "country": "JP"},
  "consignee": {"name": "조선련봉총회사", "country": "CN"},
  "destination": "CN",
  "items": [{"description": "Centrifugal pumps, stainless steel", "hs": "8413.70",
             "quantity": 4, "value": 16000, "currency": "USD"}]
}"""


def example_shipment() -> str:
    """The shipment the form starts with (a real-looking one the bundled data decides)."""
    return FALLBACK_EXAMPLE


def other_memberships(svc: Service, entity: Entity) -> list[dict[str, Any]]:
    """Entries of *other* lists that are the same party: screened by each of the entity's
    names with its type, kept when the score is at least ``SAME_PARTY``."""
    from tradeguard.screening import Query

    screener = svc.screener()
    found: dict[str, dict[str, Any]] = {}
    names = [n.value for n in entity.names][:6]
    for name in names:
        query = Query(name=name, schema=entity.schema)
        for m in screener.screen(query, threshold=SAME_PARTY, limit=10):
            if m.list == entity.list or m.entity_id in found:
                continue
            found[m.entity_id] = m.to_dict() | {"via_name": name}
    return sorted(found.values(), key=lambda m: (-m["score"], m["entity_id"]))


def _relation_elements(store: Store, entity: Entity) -> dict[str, list[dict[str, Any]]]:
    """The entry's own stated relations, when the network layer has nothing for it."""
    nodes = [
        {"data": {"id": entity.id, "label": entity.caption, "schema": entity.schema,
                  "listed": True, "lists": [entity.list], "query": True}}
    ]  # fmt: skip
    edges = []
    for i, rel in enumerate(entity.relations):
        other = rel.target_id or f"name:{rel.target_name}"
        target = store.get_entity(rel.target_id) if rel.target_id else None
        nodes.append(
            {"data": {"id": other, "label": target.caption if target else (rel.target_name or other),
                      "schema": target.schema if target else "LegalEntity",
                      "listed": target is not None, "lists": [target.list] if target else [],
                      "query": False}}
        )  # fmt: skip
        edges.append(
            {"data": {"id": f"r{i}", "source": entity.id, "target": other, "kind": rel.schema,
                      "label": rel.role or rel.schema, "share_pct": rel.share_pct,
                      "provenance": "list", "source_ref": rel.source}}
        )  # fmt: skip
    return {"nodes": nodes, "edges": edges}


def graph_elements(svc: Service, entity_id: str) -> dict[str, Any]:
    """``{"elements": {nodes, edges}, "summary", "source"}`` for the entity's graph: the
    exposure of its party (every list's copy of it, ``Service.exposure``), else the entry's
    own stated relations."""
    store = svc.store
    entity = store.get_entity(entity_id)
    if entity is None:
        raise NotFoundError(f"no entity {entity_id}")
    try:
        traced = svc.exposure(entity_id, 3)
    except NotFoundError:
        traced = None
    if traced is not None and traced.exposure is not None:
        result = traced.exposure.to_dict()
        elements = result["graph"]["elements"]
        if elements.get("edges"):
            return {"elements": elements, "summary": result["summary"], "source": "network"}
    elements = _relation_elements(store, entity)
    summary = f"{len(elements['edges'])} relation(s) stated by the list entry"
    return {"elements": elements, "summary": summary, "source": "list"}

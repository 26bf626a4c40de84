"""A shipment decision read against the reviews in the store: a held possible match (an
asset-freeze or denial list) that a screening case closed as an approved false positive is
written as dismissed by that review, and no longer holds the shipment."""

from __future__ import annotations

from tradeguard.cases.dismissals import dismissal
from tradeguard.shipments.decision import Decision
from tradeguard.shipments.held import Dismissal, dismiss
from tradeguard.store import Store


def reviewed(store: Store, decision: Decision) -> Decision:
    """``decision`` with the held matches the reviews dismissed (one read per held party; no
    read when nothing holds it)."""
    if not any(r.params.get("hold") for r in decision.reasons):
        return decision
    with store.session() as session:

        def lookup(name: str, entity_ids: list[str]) -> Dismissal | None:
            found = dismissal(session, name, entity_ids)
            return Dismissal(*found) if found is not None else None

        return dismiss(decision, lookup)

"""Network tracing: ownership, joint-venture, investment and control paths from a party to
designated entities, with the OFAC 50 % rule and the EU "ownership or control" flag.

Entry point for other domains (shipments, API, web)::

    from tradeguard.network import exposure_for
    result = exposure_for(store, "International Trading", depth=3)
    result.exposed, result.summary(), result.to_dict()
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradeguard.network.exposure import Exposure

if TYPE_CHECKING:
    from tradeguard.store import Store

__all__ = ["Exposure", "exposure_for"]

MAX_DEPTH = 6


def exposure_for(store: Store, name_or_id: str, depth: int = 3, *, fuzzy: bool = True) -> Exposure:
    """The exposure of the party named ``name_or_id`` (an entity id, a ``custom:`` id or a
    name) to designated entities, to ``depth`` hops. Raises ``NotFoundError`` when no party
    of that name is in the network, ``InputError`` for an ambiguous name or a bad depth.
    ``fuzzy=False`` accepts only an id or an exact (normalised) name: for callers that have
    already screened the name, such as the shipment evaluator."""
    from tradeguard.errors import InputError
    from tradeguard.network.build import find_node, load_graph, network_revision
    from tradeguard.network.exposure import exposure

    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"depth must be between 1 and {MAX_DEPTH}", field="depth")
    graph = load_graph(store)
    start = find_node(graph, name_or_id, fuzzy=fuzzy)
    result = exposure(graph, start, depth=depth, query=name_or_id)
    result.versions_key = network_revision(store)
    return result

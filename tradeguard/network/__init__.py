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
    from tradeguard.network.graph import Graph
    from tradeguard.store import Store

__all__ = ["Exposure", "exposure_for", "exposure_in"]

MAX_DEPTH = 6


def exposure_for(store: Store, name_or_id: str, depth: int = 3, *, fuzzy: bool = True) -> Exposure:
    """The exposure of the party named ``name_or_id`` (an entity id, a ``custom:`` id or a
    name) to designated entities, to ``depth`` hops. Raises ``NotFoundError`` when no party
    of that name is in the network, ``InputError`` for an ambiguous name or a bad depth.
    ``fuzzy=False`` accepts only an id or an exact (normalised) name: for callers that have
    already screened the name, such as the shipment evaluator."""
    from tradeguard.network.build import current_graph

    check_depth(depth)
    graph, revision = current_graph(store)
    return exposure_in(graph, revision, name_or_id, depth, fuzzy=fuzzy)


def exposure_in(
    graph: Graph, revision: str, name_or_id: str, depth: int = 3, *, fuzzy: bool = True
) -> Exposure:
    """:func:`exposure_for` on a graph already loaded (``build.current_graph``), for callers
    that look up many parties in one snapshot of the network."""
    from tradeguard.network.build import find_node
    from tradeguard.network.exposure import exposure

    check_depth(depth)
    start = find_node(graph, name_or_id, fuzzy=fuzzy)
    result = exposure(graph, start, depth=depth, query=name_or_id)
    result.versions_key = revision
    return result


def check_depth(depth: int) -> None:
    from tradeguard.errors import InputError

    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"depth must be between 1 and {MAX_DEPTH}", field="depth")

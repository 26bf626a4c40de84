"""Network tracing: ownership, joint-venture, investment and control paths from a party to
designated entities, with the OFAC 50 % rule and the EU "ownership or control" flag.

A party is traced from every copy of it (its entries on several lists,
:class:`~tradeguard.network.party_map.PartyMap`); which party a name means is the service's
question (``Service.exposure``: an id, an exact name, or the screener's parties, with
candidates to choose from)::

    traced = Service(store).exposure("International Trading", depth=3)
    traced.exposure.exposed, traced.exposure.summary(), traced.body().data()
"""

from __future__ import annotations

from tradeguard.network.exposure import Exposure

__all__ = ["MAX_DEPTH", "Exposure", "check_depth"]

MAX_DEPTH = 6


def check_depth(depth: int) -> None:
    from tradeguard.errors import InputError

    if not 1 <= depth <= MAX_DEPTH:
        raise InputError(f"depth must be between 1 and {MAX_DEPTH}", field="depth")

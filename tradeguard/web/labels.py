"""Words for the network's relations, read from the ``from`` side to the ``to`` side."""

from __future__ import annotations

#: How an edge reads from its ``from`` side to its ``to`` side.
VERBS = {
    "ownership": "owns",
    "joint_venture": "partner in",
    "investment": "invests in",
    "directorship": "directs",
    "management": "manages",
    "membership": "member of",
    "family": "family of",
    "associate": "associate of",
    "shared_address": "shares an address with",
    "shared_phone": "shares a phone with",
    "vessel_owner": "owns vessel",
    "vessel_operator": "operates vessel",
    "vessel_manager": "manages vessel",
    "unknown": "linked to",
    "same_as": "same party as",
}


def edge_label(kind: str, share: float | None) -> str:
    verb = VERBS.get(kind, kind.replace("_", " "))
    return f"{verb} {share:g} %" if share is not None else verb

"""A possible match on an asset-freeze or denial list that holds a shipment, in words
(docs/policy.md, "Verdict precedence")."""

from __future__ import annotations

from tradeguard.lists.consequences import list_info


def held_sentence(name: str, entity_id: str, lists: list[str]) -> str:
    """What a held reason adds to its English sentence: which designations the party may be
    under, that the shipment is held until a four-eyes review confirms or dismisses the match,
    and how."""
    names = ", ".join(list_info(x).name("en") for x in lists)
    return (
        f"; if so, it is the designated party on {names}: the shipment is held, whatever "
        "licence it has, until the match is confirmed or dismissed by four-eyes review "
        f"(screen {name!r} with a case opened for each hit, propose true_match or "
        f"false_positive in the screening case of {entity_id}, and have a second person "
        "approve it)"
    )

"""What the screening tests ask of a screener's answer."""

from __future__ import annotations

from tradeguard.screening import Query, Screener


def scores_by_entry(screener: Screener, name: str, countries: list[str]) -> dict[str, float]:
    """The best score each list entry gets, through its own match or its party's: an
    organisation named ``name`` in ``countries``."""
    found: dict[str, float] = {}
    for match in screener.screen(Query(name, schema="Organization", countries=countries)):
        for entry in {match.entity_id, *(str(m["entity_id"]) for m in match.memberships)}:
            found[entry] = max(found.get(entry, 0.0), match.score)
    return found

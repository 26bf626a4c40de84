"""Adapters from the screener to the API and to monitoring."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tradeguard.cases.counterparties import Counterparty
from tradeguard.cases.monitor import Hit, ScreenFn

if TYPE_CHECKING:
    from tradeguard.screening import Screener


def counterparty_screen(screener: Screener, threshold: float | None = None) -> ScreenFn:
    """Screen a registered counterparty with everything its record holds."""
    from tradeguard.screening import Query

    def screen(cp: Counterparty) -> Sequence[Hit]:
        query = Query(
            name=cp.name,
            schema=cp.schema,
            countries=list(cp.countries),
            birth_date=cp.birth_date,
            identifiers=list(cp.identifiers),
        )
        return screener.screen(query, threshold=threshold, limit=10)

    return screen

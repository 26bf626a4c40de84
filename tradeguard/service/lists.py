"""List use cases: load a published file as a new version, fetch the lists from their
publishers. Each load's ``lists.load`` audit record is committed with its version; an update
adds one ``lists.update`` record per list."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tradeguard import audit
from tradeguard.service.runtime import Runtime

if TYPE_CHECKING:
    from pathlib import Path

    from tradeguard.accounts.users import Actor
    from tradeguard.lists.model import ParsedList
    from tradeguard.lists.update import FetchOptions, UpdateResult
    from tradeguard.store import LoadResult


class ListCases(Runtime):
    """The list use cases of :class:`tradeguard.service.Service`."""

    def parse_list(self, path: Path, list_id: str | None = None) -> ParsedList:
        """Recognise and parse a list file (format sniffed unless ``list_id`` is given)."""
        from tradeguard.lists.registry import parse_path

        return parse_path(path, list_id)

    def load_list(
        self,
        actor: Actor,
        parsed: ParsedList,
        *,
        allow_shrink: bool = False,
        max_shrink: float | None = None,
        allow_older: bool = False,
        progress: Callable[[int, int], None] | None = None,
    ) -> LoadResult:
        """Store a parsed list as a new version (refused when it shrinks beyond
        ``max_shrink`` without ``allow_shrink``, or was published before the current version
        without ``allow_older``); screening sees it at the next request."""
        actor.require("lists")
        result = self.store.load(
            parsed,
            progress,
            record=audit.list_load_record(actor.name),
            allow_shrink=allow_shrink,
            max_shrink=max_shrink,
            allow_older=allow_older,
        )
        self.lists_changed()
        return result

    def update_lists(
        self,
        actor: Actor,
        lists: list[str] | None = None,
        *,
        urls: dict[str, str] | None = None,
        options: FetchOptions | None = None,
        progress: Callable[[str], None] | None = None,
        allow_shrink: bool = False,
        max_shrink: float | None = None,
    ) -> list[UpdateResult]:
        """Fetch the lists from the publishers and load what changed."""
        actor.require("lists")
        from tradeguard.lists.update import update_lists  # httpx: only when fetching

        results = update_lists(
            self.store,
            lists,
            urls=urls,
            options=options,
            progress=progress,
            record=audit.list_load_record(actor.name),
            allow_shrink=allow_shrink,
            max_shrink=max_shrink,
        )
        self.lists_changed()
        for r in results:
            audit.record(self.store, actor.name, "lists.update", f"list:{r.list_id}", r.to_dict())
        return results

"""The ``lists.load`` audit record, written inside the load's own transaction.

The store stores a list's version and knows nothing of the audit log; whoever loads a list
on someone's behalf passes :func:`list_load_record` as the load's ``record`` hook
(:meth:`tradeguard.store.Store.load`), so the version and its record commit together, and a
record that cannot be written leaves no new version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tradeguard.audit import chain

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tradeguard.store import LoadHook, LoadResult


def list_load_record(actor: str) -> LoadHook:
    """The hook that appends ``actor``'s ``lists.load`` record (the load's result) in the
    load's transaction."""

    def record(session: Session, result: LoadResult) -> None:
        chain.append(session, actor, "lists.load", f"list:{result.list}", result.to_dict())

    return record

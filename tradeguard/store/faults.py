"""How a database error is reported: the database's own first line, and whether it is a fault
of the service (503: unreachable, locked, without its tables), of the input (422) or a bug."""

from __future__ import annotations

from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    DisconnectionError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout

from tradeguard.errors import StoreError

#: What a client is told of a store that does not answer. The database's own words name its
#: host, port, database or file: they go to the server's log (:func:`describe`), never to a client.
NO_ANSWER = "the database does not answer"

#: SQLSTATEs of PostgreSQL meaning the schema is missing: undefined table, undefined schema.
_NO_SCHEMA = {"42P01", "3F000"}


def describe(exc: BaseException) -> str:
    """The first line of the database's own message, without the SQL and parameters."""
    orig = getattr(exc, "orig", None) or exc
    text_ = str(orig).strip().splitlines()
    return text_[0] if text_ else type(orig).__name__


def fault(exc: BaseException) -> tuple[int, str] | None:
    """How a database error is answered: ``(503, what)`` when the store is unreachable, locked
    for too long or without its tables (a fault of the service; retry later), ``(422, what)``
    for a value the store cannot hold (a NUL character, a string longer than its column, a
    number out of range: input that slipped past the checks at the boundary), or None (a bug:
    500)."""
    if isinstance(exc, StoreError):
        return 503, f"the store is unavailable: {NO_ANSWER}"
    if isinstance(exc, DataError):
        return 422, f"a value the store cannot hold: {describe(exc)}"
    if isinstance(exc, OperationalError | InterfaceError | DisconnectionError | PoolTimeout):
        return 503, f"the store is unavailable: {NO_ANSWER}"
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return 503, f"the store is unavailable: {NO_ANSWER}"
    if isinstance(exc, ProgrammingError) and getattr(exc.orig, "sqlstate", None) in _NO_SCHEMA:
        return 503, "the store has no tables (a new or recreated database?)"
    return None

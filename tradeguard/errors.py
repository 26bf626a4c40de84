"""Errors tradeguard reports to its users.

Every error a user can cause is an :class:`InputError` that names what was wrong and where
(file, line, field). The CLI prints it as one line and exits with code 2; the API turns it into
a 4xx problem body. Nothing is written to the store when one is raised during a load.
"""

from __future__ import annotations


class TradeguardError(Exception):
    """Base class of the errors tradeguard raises on purpose."""

    exit_code = 1
    #: the HTTP status the API and the web pages answer with
    http_status = 400


class InputError(TradeguardError):
    """Bad input from the user: a malformed file, an unknown country, an empty name ..."""

    exit_code = 2
    #: the HTTP status the API and the web pages answer with
    http_status = 422

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.source = source
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.source:
            where.append(str(self.source))
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class NotFoundError(TradeguardError):
    """A requested entity, list version, case ... does not exist."""

    exit_code = 3
    #: the HTTP status the API and the web pages answer with
    http_status = 404


class StoreError(TradeguardError):
    """The store cannot be reached or is not in a usable state."""

    exit_code = 4
    #: the HTTP status the API and the web pages answer with
    http_status = 503

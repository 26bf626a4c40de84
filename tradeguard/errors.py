"""Errors tradeguard reports to its users.

Every error a user can cause is an :class:`InputError` that names what was wrong and where
(file, line, field). The CLI prints it as one line and exits with code 2; the API turns it into
a 4xx problem body. Nothing is written to the store when one is raised during a load.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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


@dataclass(frozen=True, slots=True)
class RowError:
    """A row of an input file that could not be processed, where the user can find it: its
    line in the file, the field at fault (None: the row as a whole) and why. Batch screening
    reports these and screens the other rows, on every face."""

    line: int | None
    message: str
    field: str | None = None
    #: the invalid declaration's id (declarations only)
    declaration_id: str | None = None

    @classmethod
    def of(cls, exc: InputError, line: int | None = None) -> RowError:
        """The row error an :class:`InputError` raised for one row describes."""
        return cls(exc.line if exc.line is not None else line, exc.message, exc.field)

    def describe(self) -> str:
        """The message as a user reads it, with the declaration it concerns."""
        if self.declaration_id is None:
            return self.message
        return f"declaration {self.declaration_id}: {self.message}"

    def where(self, source: str | None = None) -> str:
        """The row error as one line: ``source, line 3, field 'name': missing name``."""
        return InputError(
            self.describe(), source=source, line=self.line, field=self.field
        ).describe()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"line": self.line, "field": self.field, "message": self.message}
        if self.declaration_id is not None:
            data["declaration_id"] = self.declaration_id
        return data

"""Errors of the multi-user core. The API maps them to 401, 403 and 409."""

from __future__ import annotations

from tradeguard.errors import TradeguardError


class AuthError(TradeguardError):
    """No valid credentials (unknown, revoked or disabled token; wrong password)."""

    exit_code = 6
    #: the HTTP status the API and the web pages answer with
    http_status = 401


class ForbiddenError(TradeguardError):
    """The user's role does not allow the action, or four-eyes forbids it."""

    exit_code = 6
    #: the HTTP status the API and the web pages answer with
    http_status = 403


class ConflictError(TradeguardError):
    """The thing changed under the caller (another review won), or already exists."""

    exit_code = 7
    #: the HTTP status the API and the web pages answer with
    http_status = 409


class ThrottledError(TradeguardError):
    """Too many failed log-ins on this account name or from this address: try again after
    ``retry_after`` seconds, or ask an administrator to lift the lock. The API answers 429
    with ``Retry-After``."""

    exit_code = 6
    #: the HTTP status the API and the web pages answer with
    http_status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        self.retry_after = max(1, retry_after)
        super().__init__(message)

"""Errors of the multi-user core. The API maps them to 401, 403 and 409."""

from __future__ import annotations

from tradeguard.errors import TradeguardError


class AuthError(TradeguardError):
    """No valid credentials (unknown, revoked or disabled token; wrong password)."""

    exit_code = 6


class ForbiddenError(TradeguardError):
    """The user's role does not allow the action, or four-eyes forbids it."""

    exit_code = 6


class ConflictError(TradeguardError):
    """The thing changed under the caller (another review won), or already exists."""

    exit_code = 7

"""A process-wide count of the changes that can take rights away (a token revoked, a user
disabled or enabled, a role or password changed): a token cache of this process stops
trusting everything it checked before the count moved (:class:`tradeguard.accounts.tokens.
TokenCache`)."""

from __future__ import annotations

_generation = 0


def changed() -> None:
    """Count one committed change that can take rights away."""
    global _generation
    _generation += 1


def generation() -> int:
    """The count of such changes so far in this process."""
    return _generation

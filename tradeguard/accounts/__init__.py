"""Who may do what: users and roles, API tokens, web sessions, password rules and log-in
throttling. Every change is an audit record."""

from tradeguard.accounts.errors import AuthError, ConflictError, ForbiddenError, ThrottledError
from tradeguard.accounts.tokens import authenticate
from tradeguard.accounts.users import Actor, Role, User, cli_actor

__all__ = [
    "Actor",
    "AuthError",
    "ConflictError",
    "ForbiddenError",
    "Role",
    "ThrottledError",
    "User",
    "authenticate",
    "cli_actor",
]

"""Users and roles, cases with four-eyes review, remembered false positives, the registry of
counterparties and ongoing monitoring."""

from tradeguard.cases.errors import AuthError, ConflictError, ForbiddenError
from tradeguard.cases.users import Actor, Role, User, authenticate, cli_actor
from tradeguard.cases.workflow import Case, Proposal, Status, get_case, list_cases, propose, review

__all__ = [
    "Actor",
    "AuthError",
    "Case",
    "ConflictError",
    "ForbiddenError",
    "Proposal",
    "Role",
    "Status",
    "User",
    "authenticate",
    "cli_actor",
    "get_case",
    "list_cases",
    "propose",
    "review",
]

"""Helpers shared by the cases and API tests: users and a screening case."""

from __future__ import annotations

from tradeguard.accounts import tokens, users
from tradeguard.accounts.users import Actor, Role
from tradeguard.cases.workflow import open_case
from tradeguard.store import Store

ADMIN = Actor("cli:test", Role.ADMIN)
PASSWORD = "correct horse battery"


def make_users(store: Store) -> dict[str, users.User]:
    return {
        name: users.add_user(store, ADMIN, name, PASSWORD, role)
        for name, role in (
            ("ana", "analyst"),
            ("rita", "reviewer"),
            ("rob", "reviewer"),
            ("adam", "admin"),
        )
    }


def screening_case(store: Store, cp: str = "cp-1", entity: str = "un_sc:KPe.039") -> int:
    with store.session() as session, session.begin():
        return open_case(
            session,
            ADMIN,
            kind="screening",
            subject="Korea International Chemical JV",
            detail={"query": {"name": "Korea International Chemical JV"}},
            counterparty_id=cp,
            entity_id=entity,
            entity_digest="e" * 64,
            counterparty_digest="c" * 64,
            score=0.91,
        )


def token(store: Store, name: str, label: str = "api") -> tokens.IssuedToken:
    """A token issued to ``name`` by ``name`` (as after a log-in): nobody mints one for
    someone else."""
    user = users.get_user(store, name)
    return tokens.issue_token(store, user.actor, name, label)

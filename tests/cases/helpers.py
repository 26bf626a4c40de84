"""Helpers shared by the cases and API tests: users and a screening case."""

from __future__ import annotations

import time

from sqlalchemy import create_engine, text

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


#: how long a test waits for sessions to reach the database's locks (a deadline, not a pause:
#: the loop asks the server and goes on as soon as they wait)
DEADLINE_SECONDS = 60


def waiting_backends(url: str, count: int) -> bool:
    """Whether ``count`` sessions of this PostgreSQL database come to wait on a lock (asked
    outside any transaction: a transaction sees one snapshot of the server's activity)."""
    deadline = time.monotonic() + DEADLINE_SECONDS
    query = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND wait_event_type = 'Lock'"
    )
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            while time.monotonic() < deadline:
                if (conn.execute(query).scalar() or 0) >= count:
                    return True
        return False
    finally:
        engine.dispose()

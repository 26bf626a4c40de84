"""`audit verify` replays every user record (user.add, user.role, user.disable, user.enable,
user.password, user.rename) against the users table: a role, an active flag or a creator changed in the
database, or an account with no user.add record, is a problem naming the user and the field
(exit 8 on the command line); password hashes never appear. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from tradeguard import audit
from tradeguard.accounts import users
from tradeguard.accounts.tables import UserRow
from tradeguard.cases import integrity
from tradeguard.service import Service
from tradeguard.store import Store

from ..cases.helpers import ADMIN, PASSWORD, make_users
from ..cli import tg


def _history(store: Store) -> None:
    """Every kind of user record: added, role changed, disabled, enabled, password changed."""
    make_users(store)
    users.set_role(store, ADMIN, "rob", "admin")
    users.set_active(store, ADMIN, "adam", False)
    users.set_active(store, ADMIN, "rita", False)
    users.set_active(store, ADMIN, "rita", True)
    ana = users.get_user(store, "ana")
    users.change_password(
        store, ana, PASSWORD, "a much newer secret phrase", address="t", face="cli"
    )


def test_an_untouched_store_passes(store: Store) -> None:
    _history(store)
    checked = integrity.verify(store)
    assert checked.ok, checked.problems


@pytest.mark.parametrize(
    ("update", "expected"),
    [
        (
            "UPDATE users SET role = 'admin' WHERE username = 'ana'",
            "user 'ana' does not match its last audited change (record {seq}, user.password): "
            "role admin (audited: analyst)",
        ),
        (
            "UPDATE users SET active = true WHERE username = 'adam'",
            "user 'adam' does not match its last audited change (record {seq}, user.disable): "
            "active True (audited: False)",
        ),
        (
            "UPDATE users SET active = false, created_by = 'ana' WHERE username = 'rita'",
            "user 'rita' does not match its last audited change (record {seq}, user.enable): "
            "active False (audited: True), created_by ana (audited: cli:test)",
        ),
    ],
)
def test_each_edit_of_a_user_is_reported(store: Store, update: str, expected: str) -> None:
    _history(store)
    with store.engine.begin() as conn:
        conn.execute(text(update))
    assert audit.verify(store).ok  # the chain itself is intact
    checked = integrity.verify(store)
    name = expected.split("'")[1]
    last = audit.records(store, subject=f"user:{name}")[-1]
    assert [(p.seq, p.problem) for p in checked.problems] == [
        (last.seq, expected.format(seq=last.seq))
    ]


def test_an_account_without_user_add_and_a_password_edit(store: Store) -> None:
    _history(store)
    with store.session() as session, session.begin():
        session.add(
            UserRow(
                username="mallory",
                password_hash="$argon2id$forged",
                role="admin",
                active=True,
                created_at=datetime.now(UTC),
                created_by="adam",
            )
        )
    with store.engine.begin() as conn:  # a password hash swapped is not a field replayed
        conn.execute(text("UPDATE users SET password_hash = 'x' WHERE username = 'rob'"))
    checked = integrity.verify(store)
    assert [p.problem for p in checked.problems] == [
        "user 'mallory' has no user.add record (made outside tradeguard)"
    ]
    assert "argon2" not in str(checked.to_dict())


def test_the_cli_names_the_user_and_the_field_and_exits_8(_isolated_home: Path) -> None:
    home = _isolated_home
    store = Store.open(f"sqlite:///{home / 'tradeguard.db'}")
    make_users(store)
    store.close()
    assert tg("audit", "verify", home=home).returncode == 0
    with Store.open(f"sqlite:///{home / 'tradeguard.db'}").engine.begin() as conn:
        conn.execute(text("UPDATE users SET role = 'admin' WHERE username = 'ana'"))
    result = tg("audit", "verify", home=home)
    assert result.returncode == 8
    assert "user 'ana' does not match its last audited change" in result.stderr
    assert "role admin (audited: analyst)" in result.stderr


def test_a_rename_the_log_explains_passes_and_one_made_in_the_database_exits_8(
    _isolated_home: Path,
) -> None:
    home = _isolated_home
    store = Store.open(f"sqlite:///{home / 'tradeguard.db'}")
    make_users(store)
    Service(store).rename_user(ADMIN, "ana", "ana.b")
    store.close()
    assert tg("audit", "verify", home=home).returncode == 0
    with Store.open(f"sqlite:///{home / 'tradeguard.db'}").engine.begin() as conn:
        conn.execute(text("UPDATE users SET username = 'ana.c' WHERE username = 'ana.b'"))
    result = tg("audit", "verify", home=home)
    assert result.returncode == 8
    assert "user 'ana.c' has no user.add record (made outside tradeguard)" in result.stderr
    assert "user 'ana.b' has audit records but is not stored" in result.stderr

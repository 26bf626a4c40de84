"""A user name is one name whatever its case, held by the database (a unique index on
lower(username), migration 0007): two administrators adding 'Alice' and 'alice' at the same time
make one user and get one clear error; a store already holding such a pair is not upgraded, and
the refusal names the pair and changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import IntegrityError

from tradeguard.accounts import users
from tradeguard.accounts.errors import ConflictError
from tradeguard.errors import StoreError
from tradeguard.store import Store
from tradeguard.store.upgrade import MIGRATIONS, migration_head, upgrade

from .helpers import ADMIN, PASSWORD, waiting_backends


def test_two_concurrent_addings_make_one_user(postgres_server_url: str) -> None:
    """Both addings pass the look-up before either commits: the audit chain's head, held here,
    keeps the first from committing until the second has inserted its row. The index makes the
    second wait for the first and then fail; without it both users would be made."""
    store = Store.open(postgres_server_url)
    try:
        users.add_user(store, ADMIN, "admin2", PASSWORD, "admin")  # the audit chain exists
        holder = create_engine(postgres_server_url).connect()
        outcomes: dict[str, object] = {}

        def add(name: str) -> None:
            try:
                outcomes[name] = users.add_user(store, ADMIN, name, PASSWORD, "analyst").username
            except ConflictError as exc:
                outcomes[name] = exc

        try:
            holder.execute(text("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE"))
            threads = [threading.Thread(target=add, args=(n,)) for n in ("Alice", "alice")]
            for t in threads:
                t.start()
            assert waiting_backends(postgres_server_url, 2)  # both addings are inside the database
            holder.commit()
        finally:
            holder.close()
        for t in threads:
            t.join()
    finally:
        store.close()
    made = [v for v in outcomes.values() if isinstance(v, str)]
    errors = [v for v in outcomes.values() if isinstance(v, ConflictError)]
    assert len(made) == 1 and len(errors) == 1, outcomes
    assert f"user {made[0]!r} exists already" in str(errors[0])
    assert "differ by more than case" in str(errors[0])
    store = Store.open(postgres_server_url)
    try:
        names = [u.username for u in users.list_users(store)]
    finally:
        store.close()
    # the database may hold other tests' users: only the two names raced for are counted
    assert [n for n in names if n.lower() == "alice"] == [made[0]]


def test_the_database_refuses_a_case_twin(store: Store) -> None:
    """Past the code's look-up (a row written by hand), the index itself refuses."""
    users.add_user(store, ADMIN, "bob", PASSWORD, "analyst")
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO users (username, password_hash, role, active, created_at) "
                "VALUES ('BOB', 'x', 'analyst', true, CURRENT_TIMESTAMP)"
            )
        )
    assert [u.username for u in users.list_users(store)] == ["bob"]


def _store_at(url: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    engine.dispose()


def _indexes(engine: Engine) -> set[str]:
    """The SQLite store's index names (reflection skips an index on an expression)."""
    with engine.connect() as conn:
        found = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
        return {str(name) for (name,) in found}


def test_a_store_with_case_twins_is_not_upgraded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _store_at(url, "0006_job_bad_rows")
    engine = create_engine(url)
    with engine.begin() as conn:
        for name in ("Alice", "alice", "carol", "CAROL", "Carol", "dave"):
            conn.execute(
                text(
                    "INSERT INTO users (username, password_hash, role, active, created_at) "
                    "VALUES (:n, 'x', 'analyst', 1, CURRENT_TIMESTAMP)"
                ),
                {"n": name},
            )
    with pytest.raises(StoreError) as refused:
        upgrade(engine)
    message = str(refused.value)
    assert "'Alice' and 'alice'" in message and "'CAROL' and 'Carol' and 'carol'" in message
    assert "dave" not in message and "nothing was changed" in message
    with engine.connect() as conn:  # nothing changed: the revision, the users, no index
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            "0006_job_bad_rows"
        )
        assert conn.execute(text("SELECT count(*) FROM users")).scalar() == 6
    assert "ux_users_username_lower" not in _indexes(engine)
    with engine.begin() as conn:  # the administrator renames the twins, and it upgrades
        conn.execute(text("UPDATE users SET username = 'alice2' WHERE username = 'alice'"))
        conn.execute(text("DELETE FROM users WHERE username IN ('CAROL', 'Carol')"))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            migration_head()
        )
    assert "ux_users_username_lower" in _indexes(engine)
    engine.dispose()

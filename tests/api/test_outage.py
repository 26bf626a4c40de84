"""The store going away under a running server: an SQLite file renamed away and back, deleted
and recreated; a PostgreSQL database dropped and recreated. Every request meanwhile is a 503
problem with Retry-After, /health and /ready say what is wrong, and the server serves again
by itself when the database returns (a database that returns empty gets its schema)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url

from tradeguard.errors import StoreError
from tradeguard.server import create_app
from tradeguard.store import Store

from ..cases.helpers import make_users, token


def _client(store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setenv("TRADEGUARD_TOKEN_CACHE_SECONDS", "0")  # every request asks the store
    store.recovery_seconds = 0.0  # no wait between recoveries (no clock in the test)
    app = create_app(store, schedule=False, warm=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _unavailable(r: Any) -> dict[str, Any]:
    assert r.status_code == 503, r.text[:300]
    assert r.headers["content-type"].startswith("application/problem+json")
    assert int(r.headers["retry-after"]) > 0
    body: dict[str, Any] = r.json()
    assert body["status"] == 503 and "\n" not in body["detail"]
    return body


def _down(client: TestClient, auth: dict[str, str], hidden: tuple[str, ...] = ()) -> None:
    """Every face answers 503 with a generic detail: nothing in ``hidden`` (the database's
    host, port, name or file) reaches a client, though the unauthenticated routes answer."""
    answers = [
        _unavailable(client.get(path, headers=auth)) for path in ("/cases", "/audit", "/lists")
    ]
    answers.append(_unavailable(client.post("/screen", json={"name": "Kim Jong Un"}, headers=auth)))
    assert {a["detail"] for a in answers} <= {
        "the store is unavailable: the database does not answer",
        "the store has no tables (a new or recreated database?)",
    }, answers
    # a browser's page: the same 503 and Retry-After, as an HTML page in its language
    page = client.post(
        "/ui/login",
        data={"username": "adam", "password": "x"},
        headers={"Accept-Language": "ja", "Accept": "text/html"},
    )
    assert page.status_code == 503 and page.headers["content-type"].startswith("text/html")
    assert int(page.headers["retry-after"]) > 0
    assert '<html lang="ja">' in page.text and "一時的にサービスを利用できません" in page.text
    health = client.get("/health")
    assert health.status_code == 200 and health.json()["status"] == "unavailable"
    assert "unavailable" in health.json()["store"]
    ready = _unavailable(client.get("/ready"))
    assert ready["checks"]["store"] == "the database does not answer"
    shown = json.dumps([answers, health.json(), ready]) + page.text
    for secret in hidden:
        assert secret not in shown, secret


def _serving_again(client: TestClient, store: Store) -> None:
    """The database came back empty: the schema is made again, the (new) users get in."""
    r = client.get("/cases", headers={"Authorization": "Bearer tg_from-before"})
    assert r.status_code in (401, 503), r.text  # 503 for the request that found no tables
    ready = _unavailable(client.get("/ready"))
    assert ready["checks"] == {"store": None, "schema": None, "lists": "no list is loaded"}
    make_users(store)
    auth = {"Authorization": f"Bearer {token(store, 'adam').token}"}
    assert client.get("/cases", headers=auth).json() == []
    assert client.get("/health").json()["status"] == "empty"


@pytest.fixture
def sqlite_file(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


def test_sqlite_renamed_away_and_back(sqlite_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(f"sqlite:///{sqlite_file}")
    make_users(store)
    auth = {"Authorization": f"Bearer {token(store, 'adam').token}"}
    for client in _client(store, monkeypatch):
        assert client.get("/cases", headers=auth).status_code == 200
        away = sqlite_file.with_name("moved.db")
        sqlite_file.rename(away)
        _down(client, auth, hidden=(sqlite_file.name, str(sqlite_file.parent)))
        assert not sqlite_file.exists()  # no empty database made in its place
        away.rename(sqlite_file)
        assert client.get("/cases", headers=auth).status_code == 200
        assert client.get("/health").json()["status"] == "empty"
    store.close()


def test_sqlite_deleted_and_recreated(sqlite_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.open(f"sqlite:///{sqlite_file}")
    make_users(store)
    auth = {"Authorization": f"Bearer {token(store, 'adam').token}"}
    for client in _client(store, monkeypatch):
        assert client.get("/cases", headers=auth).status_code == 200
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        _down(client, auth, hidden=(sqlite_file.name, str(sqlite_file.parent)))
        sqlite_file.touch()  # an administrator puts an empty database file there
        _serving_again(client, store)
    store.close()


@pytest.mark.postgres
def test_postgres_dropped_and_recreated(
    postgres_database: tuple[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    url, run = postgres_database
    store = Store.open(url)
    make_users(store)
    auth = {"Authorization": f"Bearer {token(store, 'adam').token}"}
    parsed = make_url(url)
    hidden = (str(parsed.database), f'"{parsed.host}"', f"port {parsed.port or 5432}")
    for client in _client(store, monkeypatch):
        assert client.get("/cases", headers=auth).status_code == 200
        run('DROP DATABASE "{name}" WITH (FORCE)')
        with caplog.at_level("WARNING"):
            _down(client, auth, hidden=hidden)
        assert str(parsed.database) in caplog.text  # the real error is in the server's log
        run('CREATE DATABASE "{name}"')
        _serving_again(client, store)
    store.close()


@pytest.mark.postgres
def test_postgres_away_when_the_app_starts(
    postgres_database: tuple[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker's app starts without the database (a command would stop: exit 4): it
    answers 503 and, once an empty database is made, upgrades it and serves."""
    url, run = postgres_database
    run('DROP DATABASE "{name}"')
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open(url)
    store = Store.open(url, defer_if_unreachable=True)
    assert store.upgrade_pending
    monkeypatch.setenv("TRADEGUARD_TOKEN_CACHE_SECONDS", "0")
    store.recovery_seconds = 0.0
    app = create_app(store, schedule=False, warm=True)  # warming fails: the worker starts cold
    with TestClient(app, raise_server_exceptions=False) as client:
        parsed = make_url(url)
        _down(client, {"Authorization": "Bearer tg_none"}, hidden=(str(parsed.database),))
        run('CREATE DATABASE "{name}"')
        # the schema is made before the first request reads it: the token is unknown, not 503
        assert client.get("/me", headers={"Authorization": "Bearer tg_none"}).status_code == 401
        assert not store.upgrade_pending
        _serving_again(client, store)
    store.close()


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_data_directory_and_sqlite_file_are_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask: int
) -> None:
    home = tmp_path / "new" / "home"
    monkeypatch.setenv("TRADEGUARD_HOME", str(home))
    previous = os.umask(umask)
    try:
        store = Store.open()  # the default: an SQLite file in the data directory
        make_users(store)  # writes: the WAL files exist
        store.close()
    finally:
        os.umask(previous)
    assert home.stat().st_mode & 0o777 == 0o700
    files = sorted(home.glob("tradeguard.db*"))
    assert files and files[0].name == "tradeguard.db"
    for path in files:
        assert path.stat().st_mode & 0o777 == 0o600, path.name

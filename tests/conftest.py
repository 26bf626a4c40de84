"""Shared fixtures: stores on SQLite and (when TRADEGUARD_TEST_POSTGRES_URL is set) on a
fresh database of the real PostgreSQL server, and an isolated TRADEGUARD_HOME per test."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tradeguard.items import classify, get_entry, knowledge_base_version
from tradeguard.lists.snapshot import ensure_loaded
from tradeguard.shipments import Evaluator
from tradeguard.store import Store

FIXTURES = Path(__file__).parent / "fixtures"

#: Property tests check what a function answers, never how fast: no per-example deadline and
#: no "too slow" health check (the first example of a test may load a vocabulary or a
#: dictionary, and a shared machine may be busy); speed is measured in benchmarks/ only.
settings.register_profile("tradeguard", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("tradeguard")

POSTGRES_URL = os.environ.get("TRADEGUARD_TEST_POSTGRES_URL")

#: Test modules whose tests each take over ~5 s, marked ``slow`` here (``make test-fast``
#: leaves them out), with the reason. Tests marked ``fulldata`` (the full published files) are
#: slow too; a test elsewhere may carry ``@pytest.mark.slow`` itself.
SLOW_MODULES = {
    "api/test_server.py": "starts a server with worker processes per test",
    "api/test_schemathesis.py": "fuzzes every API operation",
    "batch/test_cluster.py": "starts a local Dask cluster of worker processes",
    "batch/test_existing_cluster.py": "starts a Dask scheduler and workers as processes",
    "cases/test_cli_server.py": "runs the command line as processes, one per step",
    "web/test_browser_flows.py": "drives chromium through a running server, in 3 languages",
    "web/test_browser_i18n.py": "drives chromium through a running server",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Apply the markers: ``postgres`` to every test that needs the PostgreSQL server (it asks
    for ``postgres_server_url``, directly or through the ``store_url`` parameter
    ``postgres``), ``slow`` to the modules in ``SLOW_MODULES`` and the ``fulldata`` tests."""
    tests = Path(__file__).parent
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if (
            "postgres_server_url" in getattr(item, "fixturenames", ())
            or params.get("store_url") == "postgres"
        ):
            item.add_marker(pytest.mark.postgres)
        module = item.path.relative_to(tests).as_posix() if item.path.is_relative_to(tests) else ""
        if module in SLOW_MODULES or item.get_closest_marker("fulldata"):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def _shared_index_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One directory of built screening indexes for the whole session. The cache is keyed by
    the lists' hashes and the matcher and vocabulary versions, so tests on the same lists share
    one build instead of each building the index of the bundled snapshot again."""
    return tmp_path_factory.mktemp("screening-cache")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _shared_index_cache: Path
) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    (home / "screening").symlink_to(_shared_index_cache, target_is_directory=True)
    monkeypatch.setenv("TRADEGUARD_HOME", str(home))
    monkeypatch.delenv("TRADEGUARD_DATABASE_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for this test session, dropped afterwards."""
    if not POSTGRES_URL:
        pytest.skip("TRADEGUARD_TEST_POSTGRES_URL is not set")
    url = make_url(POSTGRES_URL)
    name = f"tradeguard_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _reset_postgres(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty store: an SQLite file, then a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = request.getfixturevalue("postgres_server_url")
    _reset_postgres(url)
    yield url


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = Store.open(store_url)
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture(scope="session")
def snapshot_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite store with the bundled snapshot loaded, built once per test session."""
    path = tmp_path_factory.mktemp("snapshot") / "snapshot.db"
    s = Store.open(f"sqlite:///{path}")
    ensure_loaded(s)
    s.close()
    return path


@pytest.fixture
def loaded_store(snapshot_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A private copy of the snapshot store (cheap: a file copy)."""
    target = tmp_path / "loaded.db"
    shutil.copyfile(snapshot_template, target)
    s = Store.open(f"sqlite:///{target}")
    try:
        yield s
    finally:
        s.close()


@pytest.fixture
def loaded_home(snapshot_template: Path, _isolated_home: Path) -> Path:
    """A TRADEGUARD_HOME whose default SQLite store already holds the snapshot (for CLI runs)."""
    shutil.copyfile(snapshot_template, _isolated_home / "tradeguard.db")
    return _isolated_home


@pytest.fixture(scope="module")
def classifying_evaluator() -> Evaluator:
    """The item classifier and the policy, no lists."""
    return Evaluator(
        classifier=classify, knowledge_base_version=knowledge_base_version(), entry_lookup=get_entry
    )

"""An app on a real store (SQLite, then PostgreSQL) with one user and token per role."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tradeguard.server import create_app
from tradeguard.store import Store

from ..cases.helpers import make_users, token
from ..conftest import POSTGRES_URL


@dataclass
class Api:
    client: TestClient
    store: Store
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def make_api(store: Store) -> Iterator[Api]:
    make_users(store)
    tokens = {name: token(store, name).token for name in ("ana", "rita", "rob", "adam")}
    app = create_app(store, schedule=False, warm=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, store, tokens)


@pytest.fixture
def api(store: Store) -> Iterator[Api]:
    yield from make_api(store)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Served:
    base: str
    port: int
    process: subprocess.Popen[bytes]
    notices: socket.socket  # where the server says it is ready (``$NOTIFY_SOCKET``)

    def ready(self, timeout: float = 120) -> str:
        """Wait for the server's next ``READY=1`` (every worker serves) and return the
        notice; fail after ``timeout`` seconds without one."""
        return self.notice("READY=1", timeout)

    def notice(self, line: str, timeout: float = 120) -> str:
        """Wait for the server's next notice with a line starting with ``line`` and return
        the notice; fail after ``timeout`` seconds without one."""
        deadline = time.monotonic() + timeout
        self.notices.settimeout(1)
        while True:
            try:
                notice = self.notices.recv(4096).decode()
            except TimeoutError:
                if self.process.poll() is not None:
                    pytest.fail(f"the server exited with code {self.process.returncode}")
                if time.monotonic() > deadline:
                    pytest.fail(f"the server did not say {line!r} within {timeout} s")
                continue
            if any(said.startswith(line) for said in notice.splitlines()):
                return notice


@contextmanager
def run_server(store_url: str, workers: int = 2, **env: str) -> Iterator[Served]:
    """A real server (``tradeguard serve``'s code) with ``workers`` worker processes on a free
    127.0.0.1 port, without the warm screener and the scheduler (quick to start), once it
    says every worker serves (``READY=1`` on ``$NOTIFY_SOCKET``, as to systemd)."""
    port = free_port()
    with (
        tempfile.TemporaryDirectory() as folder,
        socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as notices,
    ):
        address = str(Path(folder) / "notify")
        notices.bind(address)
        environ = {
            **os.environ,
            "TRADEGUARD_DATABASE_URL": store_url,
            "TRADEGUARD_SCHEDULE": "0",
            "TRADEGUARD_WARM": "0",
            "NOTIFY_SOCKET": address,
            **env,
        }
        code = (
            "from tradeguard.server import serve; "
            f"serve('127.0.0.1', {port}, workers={workers}, log_level='warning')"
        )
        proc = subprocess.Popen([sys.executable, "-c", code], env=environ)
        served = Served(f"http://127.0.0.1:{port}", port, proc, notices)
        try:
            served.ready()
            yield served
        finally:
            proc.terminate()
            proc.wait(timeout=60)


@pytest.fixture
def postgres_database() -> Iterator[tuple[str, Any]]:
    """A database of its own on the test server, its URL and a function running SQL on the
    server (``{name}`` is the database's name), for tests that drop, rename or recreate it."""
    if not POSTGRES_URL:
        pytest.skip("TRADEGUARD_TEST_POSTGRES_URL is not set")
    url = make_url(POSTGRES_URL)
    name = f"tradeguard_outage_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")

    def run(sql: str) -> None:
        with admin.connect() as conn:
            conn.execute(text(sql.format(name=name)))

    run('CREATE DATABASE "{name}"')
    try:
        yield url.set(database=name).render_as_string(hide_password=False), run
    finally:
        run('DROP DATABASE IF EXISTS "{name}_away" WITH (FORCE)')
        run('DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def server(store: Store, store_url: str) -> Iterator[str]:
    """The base URL of a server with two worker processes over ``store``."""
    with run_server(store_url) as served:
        yield served.base

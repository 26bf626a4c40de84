"""An app on a real store (SQLite, then PostgreSQL) with one user and token per role."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tradeguard.server import create_app
from tradeguard.store import Store

from ..cases.helpers import make_users, token


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
        self.notices.settimeout(timeout)
        while True:
            try:
                notice = self.notices.recv(4096).decode()
            except TimeoutError:
                pytest.fail(f"the server did not say it was ready within {timeout} s")
            if "READY=1" in notice.splitlines():
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
def server(store: Store, store_url: str) -> Iterator[str]:
    """The base URL of a server with two worker processes over ``store``."""
    with run_server(store_url) as served:
        yield served.base

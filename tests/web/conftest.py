"""A real ``tradeguard serve`` (uvicorn) on 127.0.0.1 over a copy of the bundled snapshot,
with an analyst and a reviewer, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tradeguard.accounts import users
from tradeguard.accounts.users import Actor, Role
from tradeguard.store import Store

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
PASSWORD = "correct horse battery"
ADMIN = Actor("cli:test", Role.ADMIN)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(
    snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory, _shared_index_cache: Path
) -> Iterator[str]:
    """The base URL of a running server whose store holds the snapshot and two users. Its
    screening index comes from the session's cache (built by the first server or test that
    needs it), so each browser module does not build it again at start."""
    home = tmp_path_factory.mktemp("web-home")
    (home / "screening").symlink_to(_shared_index_cache, target_is_directory=True)
    shutil.copyfile(snapshot_template, home / "tradeguard.db")
    store = Store.open(f"sqlite:///{home / 'tradeguard.db'}")
    users.add_user(store, ADMIN, "ana", PASSWORD, "analyst")
    users.add_user(store, ADMIN, "rita", PASSWORD, "reviewer")
    store.close()
    port = _free_port()
    env = dict(os.environ, TRADEGUARD_HOME=str(home), TRADEGUARD_SCHEDULE="0")
    env.pop("TRADEGUARD_DATABASE_URL", None)
    log = (home / "server.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "tradeguard.cli", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 900
        while True:
            if proc.poll() is not None:
                raise RuntimeError((home / "server.log").read_text()[-2000:])
            try:
                if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not start in 900 s")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make test installs Debian's chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield b
        finally:
            b.close()

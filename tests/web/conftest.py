"""A real ``tradeguard serve`` (uvicorn) on 127.0.0.1 over a copy of the bundled snapshot,
with an analyst and a reviewer, and Debian's chromium driven by Playwright. The server is
started on a socket already listening and says through a pipe when it is ready
(``tests/web/serving.py``): nothing polls."""

from __future__ import annotations

import os
import select
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tradeguard.accounts import users
from tradeguard.accounts.users import Actor, Role
from tradeguard.store import Store

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
PASSWORD = "correct horse battery"
ADMIN = Actor("cli:test", Role.ADMIN)
ROOT = Path(__file__).resolve().parents[2]
#: how long the server may take to start (it loads the screening index of the bundled lists)
START_TIMEOUT = 900.0


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
    listener = socket.create_server(("127.0.0.1", 0))  # bound and listening before it starts
    port = listener.getsockname()[1]
    env = dict(os.environ, TRADEGUARD_HOME=str(home), TRADEGUARD_SCHEDULE="0")
    env.pop("TRADEGUARD_DATABASE_URL", None)
    log = (home / "server.log").open("wb")
    ready, ready_w = os.pipe()
    fds = (listener.fileno(), ready_w)
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.web.serving", *map(str, fds)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        pass_fds=fds,
    )
    os.close(ready_w)  # the server holds the only writer: its exit ends the pipe
    listener.close()
    try:
        signalled, _, _ = select.select([ready], [], [], START_TIMEOUT)
        started = bool(signalled) and os.read(ready, 1) == b"1"
        os.close(ready)
        if not started:
            proc.kill()
            proc.wait()
            log.flush()
            why = "stopped" if signalled else f"did not start in {START_TIMEOUT:.0f} s"
            raise RuntimeError(f"the server {why}: {(home / 'server.log').read_text()[-2000:]}")
        yield f"http://127.0.0.1:{port}"
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

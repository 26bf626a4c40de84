"""The pages' test client and log-in, shared by the page tests (tests/web, tests/api)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from fastapi.testclient import TestClient

from tradeguard.server import create_app
from tradeguard.store import Store

from ..cases.helpers import PASSWORD, make_users


def page_client(store: Store) -> Iterator[TestClient]:
    """A client of the server on ``store`` (the test users made; no scheduler, no warm-up)."""
    make_users(store)
    app = create_app(store, schedule=False, warm=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def log_in(client: TestClient, who: str = "ana") -> str:
    """Log ``who`` in on the pages (any earlier session dropped); returns the CSRF token."""
    client.cookies.clear()
    r = client.post("/ui/login", data={"username": who, "password": PASSWORD})
    assert r.status_code == 200 and r.url.path == "/ui/", r.text[:300]
    match = re.search(r'name="csrf" value="([^"]+)"', r.text)
    assert match
    return match.group(1)

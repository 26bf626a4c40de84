"""An app on a real store (SQLite, then PostgreSQL) with one user and token per role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient

from tradeguard.api import create_app
from tradeguard.cases import users
from tradeguard.store import Store

from ..cases.helpers import ADMIN, make_users


@dataclass
class Api:
    client: TestClient
    store: Store
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


def make_api(store: Store) -> Iterator[Api]:
    make_users(store)
    tokens = {
        name: users.issue_token(store, ADMIN, name).token for name in ("ana", "rita", "rob", "adam")
    }
    app = create_app(store, schedule=False, warm=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield Api(client, store, tokens)


@pytest.fixture
def api(store: Store) -> Iterator[Api]:
    yield from make_api(store)

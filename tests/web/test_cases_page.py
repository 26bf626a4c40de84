"""The case pages: outcomes offered by the case's kind, the licence reference, assignment to a
person and the assignee filter."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.cases import workflow as rv
from tradeguard.server import create_app
from tradeguard.store import Store

from ..cases.helpers import ADMIN, PASSWORD, make_users, screening_case


@pytest.fixture
def client(sqlite_store: Store) -> Iterator[TestClient]:
    make_users(sqlite_store)
    app = create_app(sqlite_store, schedule=False, warm=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _login(client: TestClient, who: str) -> str:
    client.cookies.clear()
    r = client.post("/ui/login", data={"username": who, "password": PASSWORD})
    match = re.search(r'name="csrf" value="([^"]+)"', r.text)
    assert r.status_code == 200 and match
    return match.group(1)


def test_outcomes_by_kind_assignment_and_filter(client: TestClient, sqlite_store: Store) -> None:
    screening = screening_case(sqlite_store)
    with sqlite_store.session() as session, session.begin():
        shipment = rv.open_case(
            session, ADMIN, kind="shipment", subject="shipment:WEB-1",
            detail={"decision": {"verdict": "LICENCE_REQUIRED", "reasons": []}},
        )  # fmt: skip
    csrf = _login(client, "ana")
    page = client.get(f"/ui/cases/{screening}").text
    assert 'value="true_match"' in page and 'value="block"' not in page
    page = client.get(f"/ui/cases/{shipment}").text
    assert 'value="block"' in page and 'value="licence_obtained"' in page
    assert 'value="true_match"' not in page and 'name="licence_ref"' in page
    form = {"csrf": csrf, "proposal": "licence_obtained", "comment": "granted"}
    r = client.post(f"/ui/cases/{shipment}/propose", data=form)
    assert r.status_code == 422 and "reference of the licence" in r.text
    r = client.post(f"/ui/cases/{shipment}/propose", data=form | {"licence_ref": "METI-77"})
    assert r.status_code == 200 and "licence METI-77" in r.text
    r = client.post(f"/ui/cases/{screening}/assign", data={"csrf": csrf, "assignee": "rita"})
    assert r.status_code == 200
    assert re.search(r'id="case-assignee">rita<', r.text)
    r = client.post(f"/ui/cases/{screening}/assign", data={"csrf": csrf, "assignee": "zed"})
    assert r.status_code == 422 and "no active user &#39;zed&#39;" in r.text
    listing = client.get("/ui/cases", params={"assigned": "rita"}).text
    assert f"/ui/cases/{screening}" in listing and f'/ui/cases/{shipment}"' not in listing
    listing = client.get("/ui/cases", params={"assigned": ""}).text
    assert f"/ui/cases/{shipment}" in listing and f'/ui/cases/{screening}"' not in listing
    assert client.post(f"/ui/cases/{screening}/assign", data={"assignee": "ana"}).status_code == 403

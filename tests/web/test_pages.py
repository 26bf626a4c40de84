"""The pages without a browser: sessions, CSRF and the same role rules as the API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.cases.workflow import get_case
from tradeguard.store import Store

from ..cases.helpers import screening_case
from .helpers import log_in, page_client


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def test_login_required_and_wrong_password(client: TestClient) -> None:
    r = client.get("/ui/cases?status=open", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ui/login?next=")
    r = client.post("/ui/login", data={"username": "ana", "password": "nope"})
    assert r.status_code == 401 and "wrong user name or password" in r.text
    client.cookies.set("tg_session", "forged.cookie", path="/ui")
    assert client.get("/ui/", follow_redirects=False).status_code == 303


def test_csrf_roles_and_four_eyes(client: TestClient, loaded_store: Store) -> None:
    case_id = screening_case(loaded_store)
    csrf = log_in(client, "ana")
    form = {"proposal": "false_positive", "comment": "different party"}
    assert client.post(f"/ui/cases/{case_id}/propose", data=form).status_code == 403
    r = client.post(f"/ui/cases/{case_id}/propose", data=form | {"csrf": csrf})
    assert r.status_code == 200 and get_case(loaded_store, case_id).status == "proposed"
    # an analyst may not review; the page does not offer it either
    r = client.post(f"/ui/cases/{case_id}/review", data={"csrf": csrf, "decision": "approve"})
    assert r.status_code == 403 and "may not review" in r.text
    assert "Approve" not in client.get(f"/ui/cases/{case_id}").text
    csrf = log_in(client, "rita")
    r = client.post(f"/ui/cases/{case_id}/review", data={"csrf": csrf, "decision": "reject"})
    assert r.status_code == 422 and "comment is required" in r.text
    r = client.post(f"/ui/cases/{case_id}/review", data={"csrf": csrf, "decision": "approve"})
    assert r.status_code == 200 and get_case(loaded_store, case_id).status == "closed"


def test_lists_dashboard_and_static(client: TestClient) -> None:
    log_in(client, "ana")
    r = client.get("/ui/lists")
    assert r.status_code == 200 and "un_sc" in r.text
    r = client.get("/ui/")
    assert r.status_code == 200 and "<svg" in r.text and 'role="img"' in r.text
    assert client.get("/ui/static/vendor/htmx.min.js").status_code == 200
    r = client.get("/ui/entity/un_sc:KPe.002/graph.json")
    assert r.status_code == 200 and r.json()["elements"]["nodes"]
    assert client.get("/ui/entity/nope:1").status_code == 422

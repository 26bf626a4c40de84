"""Security headers on every response, the Origin check on the pages' state changes, and no
state change on any GET of the API or the pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, inspect, select, table

from tradeguard import jobs
from tradeguard.api.security import CSP, cross_origin
from tradeguard.cases.workflow import get_case
from tradeguard.store import Store

from ..cases.helpers import PASSWORD, screening_case, token
from ..web.helpers import log_in, page_client

KPE002 = "un_sc:KPe.002"  # Korea Ryonbong General Corporation


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def _has_headers(r: object) -> None:
    headers = r.headers  # type: ignore[attr-defined]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_headers_on_every_kind_of_response(client: TestClient) -> None:
    secret = token(client.app.state.services.store, "adam").token  # type: ignore[attr-defined]
    bearer = {"Authorization": f"Bearer {secret}"}
    responses = [
        client.get("/health"),  # JSON
        client.get("/openapi.json"),
        client.get("/lists"),  # 401 problem
        client.get("/lists", headers=bearer),
        client.get("/no/such/route"),  # 404 problem
        client.post(
            "/screen", content=b"{" * 40, headers=bearer | {"content-type": "application/json"}
        ),
        client.get("/ui/login"),  # a page
        client.get("/ui/static/style.css"),  # a static file
        client.get("/ui/", follow_redirects=False),  # a redirect
    ]
    for r in responses:
        _has_headers(r)
        if not r.url.path.startswith(("/docs", "/redoc")):
            assert r.headers["content-security-policy"] == CSP
    assert responses[5].status_code == 422


def test_docs_pages_load_their_assets_from_the_server_and_name_no_other_host(
    client: TestClient,
) -> None:
    for path in ("/docs", "/redoc"):
        r = client.get(path)
        assert r.status_code == 200
        _has_headers(r)
        policy = r.headers["content-security-policy"]
        assert "http" not in policy and "'unsafe-eval'" not in policy  # no host but 'self'
        if path == "/docs":  # Swagger UI starts from one inline script, allowed by its hash
            assert re.search(r"script-src [^;]*'sha256-[A-Za-z0-9+/]+=*'", policy)
        assert not re.search(r"(?:src|href)=[\"']?(?:https?:)?//", r.text), path
        assets = re.findall(r"(?:src|href)=[\"']?(/docs-assets/[\w.-]+)", r.text)
        assert len(assets) >= 2, (path, assets)
        for asset in assets:
            got = client.get(asset)
            assert got.status_code == 200 and len(got.content) > 1000, asset
            _has_headers(got)
    assert "SwaggerUIBundle" in client.get("/docs-assets/swagger-ui-bundle.js").text
    assert "Redoc" in client.get("/docs-assets/redoc.standalone.js").text


def test_pages_use_no_inline_script_or_style(client: TestClient) -> None:
    log_in(client, "ana")
    for path in (
        "/ui/",
        "/ui/screen",
        "/ui/shipment",
        "/ui/cases",
        "/ui/lists",
        f"/ui/entity/{KPE002}",
    ):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert "<style" not in html and not re.search(r"\sstyle=", html), path
    assert "<svg" in client.get("/ui/").text  # the dashboard's charts are still inline SVG


def test_cross_origin(client: TestClient) -> None:
    assert cross_origin("https://evil.example", "tradeguard.example.org")
    assert cross_origin("null", "tradeguard.example.org")
    assert cross_origin("https://tradeguard.example.org.evil.example", "tradeguard.example.org")
    assert not cross_origin("https://tradeguard.example.org", "tradeguard.example.org")
    assert not cross_origin("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert cross_origin("http://127.0.0.1:8001", "127.0.0.1:8000")


def test_origin_check_on_page_posts(client: TestClient, loaded_store: Store) -> None:
    login = {"username": "ana", "password": PASSWORD}
    r = client.post("/ui/login", data=login, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and r.json()["field"] == "Origin"
    assert "tg_session" not in r.cookies
    _has_headers(r)
    case_id = screening_case(loaded_store)
    csrf = log_in(client, "ana")
    form = {"csrf": csrf, "proposal": "false_positive", "comment": "different party"}
    r = client.post(
        f"/ui/cases/{case_id}/propose", data=form, headers={"Origin": "https://evil.example"}
    )
    assert r.status_code == 403 and get_case(loaded_store, case_id).status == "open"
    r = client.post(f"/ui/cases/{case_id}/propose", data=form, headers={"Origin": "null"})
    assert r.status_code == 403 and get_case(loaded_store, case_id).status == "open"
    # same origin, and no Origin at all (with the form's CSRF token): accepted
    r = client.post(
        f"/ui/cases/{case_id}/propose", data=form, headers={"Origin": "http://testserver"}
    )
    assert r.status_code == 200 and get_case(loaded_store, case_id).status == "proposed"
    # a bearer-token API call is not a page: its Origin is not checked
    secret = token(loaded_store, "adam").token
    r = client.get(
        "/me", headers={"Authorization": f"Bearer {secret}", "Origin": "https://x.example"}
    )
    assert r.status_code == 200
    r = client.post(
        "/screen",
        json={"name": "Acme Office Furniture GmbH"},
        headers={"Authorization": f"Bearer {secret}", "Origin": "https://x.example"},
    )
    assert r.status_code == 200


def _row_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        names = inspect(conn).get_table_names()
        return {
            n: conn.execute(select(func.count()).select_from(table(n))).scalar_one() for n in names
        }


def test_screening_page_opens_cases_only_on_post(client: TestClient, loaded_store: Store) -> None:
    csrf = log_in(client, "ana")
    before = _row_counts(loaded_store)
    r = client.get(
        "/ui/screen", params={"name": "KOREA RYONBONG GENERAL CORPORATION", "open_cases": "1"}
    )
    assert r.status_code == 200 and "KOREA RYONBONG" in r.text  # the form, filled in
    assert _row_counts(loaded_store) == before
    form = {"name": "KOREA RYONBONG GENERAL CORPORATION", "open_cases": "1"}
    assert client.post("/ui/screen", data=form).status_code == 403  # no CSRF token
    assert _row_counts(loaded_store) == before
    r = client.post("/ui/screen", data=form | {"csrf": csrf})
    assert r.status_code == 200 and re.search(r'href="/ui/cases/\d+"', r.text)
    after = _row_counts(loaded_store)
    assert after["cases"] > before["cases"] and after["audit_records"] > before["audit_records"]


def _routes(routes: list[Any]) -> Iterator[Any]:
    for route in routes:
        included = getattr(route, "original_router", None)  # an included router
        yield from _routes(included.routes) if included is not None else [route]


def _fill(path: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)(?::path)?\}", lambda m: values[m.group(1)], path)


def test_no_get_changes_the_store(client: TestClient, loaded_store: Store) -> None:
    """Every GET route of the API and the pages, called with real ids and a screening's
    query, leaves every table as it was (once the server has loaded its bundled data, as it
    does when it starts)."""
    client.app.state.services.warm()  # type: ignore[attr-defined]
    case_id = screening_case(loaded_store)
    job_id = jobs.create_job(loaded_store, "screen.batch", 0, "ana")
    secret = token(loaded_store, "adam").token
    values = {
        "case_id": str(case_id),
        "entity_id": KPE002,
        "list_id": "un_sc",
        "job_id": job_id,
        "username": "ana",
    }
    query = {"name": "KOREA RYONBONG GENERAL CORPORATION", "open_cases": "1", "q": "Ryonbong"}
    log_in(client, "adam")
    before = _row_counts(loaded_store)
    called = []
    for route in _routes(client.app.routes):  # type: ignore[attr-defined]
        if not isinstance(route, APIRoute) or "GET" not in route.methods:
            continue
        path = _fill(route.path, values)
        r = client.get(path, params=query, headers={"Authorization": f"Bearer {secret}"})
        assert r.status_code < 500, (path, r.status_code, r.text[:300])
        called.append(path)
    assert _row_counts(loaded_store) == before
    assert len(called) >= 30 and "/ui/screen" in called and f"/ui/cases/{case_id}" in called

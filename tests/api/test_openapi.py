"""The OpenAPI description: valid, every route's response described by a model, and the
answers of a screening, a decision, a case's life and the lists as described (quick: one
request each, not a fuzz run; tests/api/test_schemathesis.py fuzzes every operation)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.routing import APIRoute

import tradeguard.api
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..conftest import FIXTURES
from .conftest import Api

ROUTES = Path(tradeguard.api.__file__).parent
#: Routes whose body is a map of any keys by design, with why.
FREE_FORM = {
    "/config": "the runtime settings: setting name -> value",
    "/config/{key}": "the runtime settings after the change",
}
#: Routes whose body is a file, not JSON, by media type.
FILES = {"/cases/{case_id}/report.pdf": "application/pdf"}


def _spec(api: Api) -> dict[str, Any]:
    spec: dict[str, Any] = api.client.get("/openapi.json").json()
    return spec


def test_every_route_has_a_response_model(api: Api) -> None:
    routes = [
        route
        for path in sorted(ROUTES.glob("routes_*.py"))
        for route in importlib.import_module(f"tradeguard.api.{path.stem}").router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
    ]
    assert len(routes) >= 40
    missing = [
        f"{sorted(r.methods)} {r.path}"
        for r in routes
        if r.response_model is None and r.path not in FILES
    ]
    assert not missing, missing
    undescribed = []
    for path, item in _spec(api)["paths"].items():
        for method, operation in item.items():
            ok = [code for code in operation["responses"] if code.startswith("2")]
            assert ok, f"{method} {path} documents no success"
            if path in FILES:
                assert FILES[path] in operation["responses"][ok[0]]["content"], path
                continue
            schema = operation["responses"][ok[0]]["content"]["application/json"]["schema"]
            free = schema.get("type") == "object" and "properties" not in schema
            if not schema or (free and path not in FREE_FORM):
                undescribed.append(f"{method.upper()} {path}: {schema}")
    assert not undescribed, "\n".join(undescribed)


def test_the_description_is_valid_openapi(api: Api) -> None:
    schema = schemathesis.openapi.from_dict(_spec(api))
    schema.validate()  # against the OpenAPI meta-schema
    operations = [result.ok() for result in schema.get_all_operations()]  # raises if broken
    assert len(operations) >= 40


@pytest.fixture
def loaded_api(api: Api, store: Store) -> Api:
    store.load(parse_path(FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"))
    return api


def test_answers_match_their_description(loaded_api: Api) -> None:
    api = loaded_api
    schema = schemathesis.openapi.from_dict(_spec(api))
    admin, ana, rob = api.auth("adam"), api.auth("ana"), api.auth("rob")
    shipment = {
        "id": "S-1",
        "export_country": "CN",
        "destination": "KP",
        "exporter": {"name": "Dandong Trading", "country": "CN"},
        "consignee": {"name": "Korea International Chemical Joint Venture Co", "country": "KP"},
        "items": [{"line": 1, "description": "CNC lathe", "hs": "845811"}],
    }
    calls: list[tuple[str, str, str, dict[str, str], dict[str, Any]]] = [
        ("GET", "/health", "/health", {}, {}),
        ("GET", "/lists", "/lists", ana, {}),
        ("GET", "/lists/{list_id}/versions", "/lists/un_sc/versions", ana, {}),
        ("GET", "/entities/{entity_id}", "/entities/un_sc:KPe.039", ana, {}),
        (
            "POST",
            "/screen",
            "/screen",
            ana,
            {"json": {"name": "Korea International Chemical", "open_cases": True}},
        ),
        ("POST", "/classify", "/classify", ana, {"json": {"cas": "7664-39-3"}}),
        ("POST", "/evaluate", "/evaluate", ana, {"json": shipment}),
        ("GET", "/cases", "/cases", ana, {}),
        (
            "POST",
            "/cases/{case_id}/proposal",
            "/cases/1/proposal",
            ana,
            {"json": {"proposal": "false_positive", "comment": "a namesake"}},
        ),
        (
            "POST",
            "/cases/{case_id}/review",
            "/cases/1/review",
            rob,
            {"json": {"decision": "approve"}},
        ),
        ("GET", "/cases/{case_id}/evidence", "/cases/1/evidence", admin, {}),
        ("GET", "/suppressions", "/suppressions", ana, {}),
        ("GET", "/me", "/me", ana, {}),
        ("GET", "/users", "/users", admin, {}),
        ("GET", "/tokens", "/tokens", admin, {}),
        ("GET", "/audit", "/audit", admin, {}),
        ("GET", "/audit/verify", "/audit/verify", admin, {}),
        ("GET", "/monitor/last", "/monitor/last", ana, {}),
    ]
    for method, template, url, headers, kwargs in calls:
        response = api.client.request(method, url, headers=headers, **kwargs)
        assert response.status_code < 300, (url, response.text)
        assert response.json() or url in ("/monitor/last",), url
        schema[template][method].validate_response(response)

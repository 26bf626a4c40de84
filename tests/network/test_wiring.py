"""Network exposure as the shipment evaluator and the API use it (real UN list extract and the
bundled press-sourced dataset of the Korea International Chemical Joint Venture case)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tradeguard.lists.registry import parse_path
from tradeguard.shipments import Evaluator, Shipment
from tradeguard.store import Store

from ..api.conftest import Api, make_api
from ..conftest import FIXTURES

UN_NEW = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"

SHIPMENT = {
    "id": "JP-JP-EXPOSURE",
    "date": "2024-03-15",
    "export_country": "JP",
    "destination": "JP",
    "exporter": {"name": "Tokyo Precision Chemicals KK", "country": "JP", "address": "Tokyo"},
    "consignee": {"name": "International Trading", "country": "JP", "address": "Tokyo"},
    "items": [{"description": "Office chairs", "hs": "940179", "quantity": 10, "value": 1000}],
}


@pytest.fixture
def un_store(sqlite_store: Store) -> Store:
    sqlite_store.load(parse_path(UN_NEW))
    return sqlite_store


def test_evaluator_from_store_raises_exposure_reason(un_store: Store) -> None:
    decision = Evaluator.from_store(un_store).evaluate(Shipment.model_validate(SHIPMENT))
    exposure = [r for r in decision.to_dict()["reasons"] if r["code"] == "NETWORK_EXPOSURE"]
    assert exposure, decision.to_dict()["reasons"]
    assert "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE" in exposure[0]["message"]
    assert decision.verdict in ("REVIEW", "PROHIBITED")


@pytest.fixture
def api(un_store: Store) -> Iterator[Api]:
    yield from make_api(un_store)


def test_api_exposure_endpoint(api: Api) -> None:
    response = api.client.get(
        "/exposure", params={"q": "International Trading", "depth": 3}, headers=api.auth("ana")
    )
    assert response.status_code == 200, response.text
    assert response.json()["exposed"] is True or "un_sc:KPe.039" in response.text
    assert "un_sc:KPe.039" in response.text
    assert api.client.get("/exposure", params={"q": "x"}).status_code == 401
    bad = api.client.get("/exposure", params={"q": "x", "depth": 99}, headers=api.auth("ana"))
    assert bad.status_code in (400, 422)

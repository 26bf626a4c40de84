"""US licensing through the API: a declared entry is read with its knowledge-base record, so an
EU-numbered 1C351.d.4 (ricin) is the US 1C351.d.15, not the US 1C351.d.4 (brevetoxins)."""

from __future__ import annotations

from .conftest import Api


def test_declared_ricin_from_the_us_needs_a_licence_everywhere(api: Api) -> None:
    shipment = {
        "id": "US-JP-RICIN-1",
        "date": "2026-08-01",
        "exporter": {"name": "Acme Biologics Inc", "country": "US", "address": "Austin, TX"},
        "consignee": {"name": "Tokyo Research KK", "country": "JP", "address": "Tokyo"},
        "destination": "JP",
        "items": [{"description": "toxin", "control_entry": "1C351.d.4"}],
    }
    r = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    assert r.status_code == 200, r.text
    decision = r.json()
    assert decision["verdict"] == "LICENCE_REQUIRED"
    reason = next(x for x in decision["reasons"] if x["code"] == "LICENCE_REQUIRED")
    assert reason["evidence"]["us_eccn"]["1C351.d.4"].startswith("1C351.d.15")
    assert "CW" in reason["evidence"]["reasons_for_control"]

"""The Japanese exports to China the item tests evaluate: one item, parties with addresses."""

from __future__ import annotations

from typing import Any

from tradeguard.shipments import parse_shipment

MACHINE_LOT = {"quantity": 1, "value": 150000, "currency": "USD"}
SMALL_LOT = {"quantity": 2, "value": 12000, "currency": "USD"}


def jp_to_cn(
    item: dict[str, Any],
    *,
    date: str = "2026-11-20",
    exporter: tuple[str, str] = ("Nagoya Machine Trading K.K.", "Nagoya"),
    consignee: tuple[str, str] = ("Ningbo Precision Parts", "Ningbo"),
    end_use: str = "machining of automotive parts",
    lot: dict[str, Any] = MACHINE_LOT,
) -> Any:
    """A shipment of ``item`` (with the lot's quantity and value) from a Japanese exporter to a
    Chinese consignee, each a (name, city)."""
    return parse_shipment(
        {
            "date": date,
            "export_country": "JP",
            "exporter": {"name": exporter[0], "country": "JP", "address": exporter[1]},
            "consignee": {"name": consignee[0], "country": "CN", "address": consignee[1]},
            "destination": "CN",
            "end_use": end_use,
            "items": [item | lot],
        }
    )

"""Shipment declarations that several tests evaluate."""

from __future__ import annotations

from typing import Any


def hf_japan_to_korea(shipment_id: str) -> dict[str, Any]:
    """Anhydrous hydrogen fluoride from Japan to Korea on 2019-07-10 under a comprehensive
    (bulk) licence: the 2019 measure on three semiconductor materials
    (tradeguard/data/policy/jp.yaml, in force from 2019-07-04) asks an individual licence."""
    return {
        "id": shipment_id, "date": "2019-07-10", "export_country": "JP", "destination": "KR",
        "exporter": {"name": "Morita Trading Co., Ltd.", "country": "JP", "address": "Tokyo"},
        "consignee": {"name": "Hanbit Materials", "country": "KR", "address": "Suwon"},
        "items": [{"description": "Hydrogen fluoride, anhydrous", "hs": "281111",
                   "cas": "7664-39-3", "control_entry": "1C350.24"}],
        "licences": [{"number": "METI-BULK-0042", "jurisdiction": "JP", "type": "comprehensive"}],
    }  # fmt: skip

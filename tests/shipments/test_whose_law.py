"""Whose law binds the exporter (tradeguard/data/lists/binding.yaml): the bundled lists
snapshot, the real screener and policy. AVTOVAZ is on the OFAC SDN list only (us_ofac_sdn:44877,
programme RUSSIA-EO14024): a US designation does not bind a Japanese or German exporter by
itself, so a shipment to it is a review naming the foreign list, what may still make it matter
and what to check, unless the declaration shows a US nexus (a US-origin item, a value in US
dollars, a US person taking part) or the exporter is American, where the US blocking applies. A
UN designation binds every exporter (Charter Art. 25)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.lists.binding import binding_table
from tradeguard.lists.consequences import list_info
from tradeguard.policy import load_policy
from tradeguard.shipments import Evaluator, parse_shipment

ON = date(2026, 11, 1)


def _lathe(exporter: str = "JP", **item: Any) -> dict[str, Any]:
    return {
        "export_country": exporter,
        "exporter": {"name": "Morita Kogyo Co., Ltd.", "country": exporter, "address": "Osaka"},
        "consignee": {"name": "Avtovaz", "country": "RU", "address": "1 Industrial Road"},
        "destination": "RU",
        "end_use": "automotive parts",
        "items": [{"description": "CNC lathe", "hs": "845811", "value": 5000000} | item],
    }


def _designated(decision: Any) -> Any:
    [reason] = [
        r for r in decision.reasons if r.code == "DESIGNATED_PARTY" and r.party == "consignee"
    ]
    assert reason.evidence["entity_id"] == "us_ofac_sdn:44877", reason.evidence
    return reason


@pytest.mark.parametrize("exporter", ["JP", "DE", "KR"])
def test_an_ofac_designation_alone_is_a_review_for_a_non_us_exporter(
    snapshot_evaluator: Evaluator, exporter: str
) -> None:
    decision = snapshot_evaluator.evaluate(
        parse_shipment(_lathe(exporter, currency="JPY"), "t"), ON
    )
    reason = _designated(decision)
    assert reason.severity == "review"
    assert decision.verdict != "PROHIBITED", decision.reasons
    assert "designated by US only" in reason.message
    assert "secondary sanctions" in reason.message and "US-origin content" in reason.message
    assert "31 C.F.R." in reason.legal_basis
    assert reason.params["form"] == "foreign" and reason.params["jurisdictions"] == ["US"]
    assert reason.evidence["binds_exporter"] is False


@pytest.mark.parametrize(
    ("item", "ground"),
    [({"origin": "US"}, "item 1 of US origin"), ({"currency": "usd"}, "item 1 valued in USD")],
)
def test_a_declared_us_nexus_applies_the_us_blocking(
    snapshot_evaluator: Evaluator, item: dict[str, Any], ground: str
) -> None:
    decision = snapshot_evaluator.evaluate(parse_shipment(_lathe("JP", **item), "t"), ON)
    reason = _designated(decision)
    assert decision.verdict == "PROHIBITED" and reason.severity == "prohibited"
    assert ground in reason.message and reason.params["form"] == "nexus"


def test_a_us_person_taking_part_is_a_us_nexus(snapshot_evaluator: Evaluator) -> None:
    body = _lathe("JP") | {
        "intermediaries": [{"name": "Pacific Trade Inc.", "country": "US", "address": "Seattle"}]
    }
    decision = snapshot_evaluator.evaluate(parse_shipment(body, "t"), ON)
    reason = _designated(decision)
    assert reason.severity == "prohibited"
    assert "intermediary 'Pacific Trade Inc.' in US" in reason.message


def test_a_us_exporter_is_bound_by_the_sdn_list(snapshot_evaluator: Evaluator) -> None:
    decision = snapshot_evaluator.evaluate(parse_shipment(_lathe("US"), "t"), ON)
    reason = _designated(decision)
    assert decision.verdict == "PROHIBITED" and reason.severity == "prohibited"
    assert "form" not in reason.params


def test_a_un_designation_binds_a_korean_exporter(snapshot_evaluator: Evaluator) -> None:
    body = _lathe("KR") | {
        # UN KPi.007 with his listed birth date: a person's name alone from China would be a
        # possible match to confirm (tests/shipments/test_person_abroad.py)
        "consignee": {
            "name": "Jang Myong Jin",
            "schema": "Person",
            "country": "CN",
            "birth_date": "1968-02-19",
        },
        "destination": "CN",
    }
    decision = snapshot_evaluator.evaluate(parse_shipment(body, "t"), ON)
    [reason] = [r for r in decision.reasons if r.code == "DESIGNATED_PARTY"]
    assert reason.severity == "prohibited" and "1718" in reason.legal_basis


def test_every_asset_freeze_list_has_its_jurisdiction() -> None:
    """Each list the shipments treat as an asset freeze is imposed by one jurisdiction of
    the table, the one the lists' own descriptions name, and binds that jurisdiction's
    exporters and no other's, but the UN's, which binds every exporter."""
    table = binding_table()
    designated = load_policy().red_flags.screening.designated_lists
    for list_id in designated:
        imposer = table.imposer(list_id)
        assert imposer is not None, list_id
        assert imposer.key == list_info(list_id).jurisdiction, list_id
        assert imposer.basis and imposer.source
    assert table.binds("un_sc", "JP") and table.binds("un_sc", "KR")
    assert table.binds("jp_mof", "JP") and not table.binds("jp_mof", "KR")
    assert table.binds("eu_fsf", "EU") and not table.binds("eu_fsf", "JP")
    assert not table.binds("us_ofac_sdn", "JP") and table.binds("us_ofac_sdn", "US")

"""Shipment evaluation with the policy alone (declared control entries, no screener or
classifier): the motivating cases' policy side, the verdict rule, and the red flags."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradeguard.policy import Reason, verdict_of
from tradeguard.shipments import Evaluator, Party, PartyMatch, load_shipment, parse_shipment

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shipments"


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator()


def codes(decision_reasons: list[Reason], severity: str | None = None) -> set[str]:
    return {r.code for r in decision_reasons if severity is None or r.severity == severity}


def test_hydrogen_fluoride_before_and_after_2019(evaluator: Evaluator) -> None:
    shipment = load_shipment(EXAMPLES / "jp-kr-hydrogen-fluoride.yaml")
    before = evaluator.evaluate(shipment, date(2019, 6, 1))
    assert before.verdict == "CLEAR"
    assert "LICENCE_COVERED" in codes(before.reasons)
    after = evaluator.evaluate(shipment, date(2019, 9, 1))
    assert after.verdict == "LICENCE_REQUIRED"
    reason = next(r for r in after.reasons if r.code == "LICENCE_REQUIRED")
    assert reason.evidence["destination_group"] == "B"
    assert reason.evidence["licence_type_required"] == "individual"
    assert "METI-BULK-2019-0042" in reason.message
    restored = evaluator.evaluate(shipment, date(2023, 8, 1))
    assert restored.verdict == "CLEAR"


def test_polyimide_without_licence(evaluator: Evaluator) -> None:
    decision = evaluator.evaluate(load_shipment(EXAMPLES / "jp-kr-fluorinated-polyimide.yaml"))
    assert decision.verdict == "LICENCE_REQUIRED"
    reason = next(r for r in decision.reasons if r.code == "LICENCE_REQUIRED")
    assert reason.evidence["licence_given"] is False
    assert reason.item == 1


def test_euv_resist_before_and_after(evaluator: Evaluator) -> None:
    shipment = load_shipment(EXAMPLES / "jp-kr-euv-resist.json")
    assert evaluator.evaluate(shipment).verdict == "CLEAR"  # 2023-08-01: group A again
    assert evaluator.evaluate(shipment, date(2020, 1, 1)).verdict == "LICENCE_REQUIRED"


def test_machinery_to_dprk(evaluator: Evaluator) -> None:
    shipment = load_shipment(EXAMPLES / "cn-kp-machinery.yaml")
    decision = evaluator.evaluate(shipment)
    assert decision.verdict == "PROHIBITED"
    bans = [r for r in decision.reasons if r.code == "UN_DPRK_EXPORT_BAN"]
    assert {r.item for r in bans} == {1, 2}
    assert all("2397" in r.legal_basis for r in bans)
    assert evaluator.evaluate(shipment, date(2017, 1, 1)).verdict == "REVIEW"


@pytest.mark.parametrize("name", ["kp-cn-rare-earth-ores.yaml", "kp-seafood.yaml"])
def test_imports_from_dprk(evaluator: Evaluator, name: str) -> None:
    decision = evaluator.evaluate(load_shipment(EXAMPLES / name))
    assert decision.verdict == "PROHIBITED"
    assert codes(decision.reasons, "prohibited") == {"UN_DPRK_IMPORT_BAN"}
    assert all(
        r.evidence["resolutions"] for r in decision.reasons if r.code == "UN_DPRK_IMPORT_BAN"
    )


def test_seafood_the_day_before_2371(evaluator: Evaluator) -> None:
    decision = evaluator.evaluate(load_shipment(EXAMPLES / "kp-seafood.yaml"), date(2017, 8, 4))
    assert "UN_DPRK_IMPORT_BAN" not in codes(decision.reasons)


def test_uncontrolled_goods_between_group_a_countries(evaluator: Evaluator) -> None:
    decision = evaluator.evaluate(load_shipment(EXAMPLES / "jp-us-office-furniture.yaml"))
    assert decision.verdict == "CLEAR"
    assert codes(decision.reasons, "review") == set()


def test_transshipment_hub_with_end_user_elsewhere(evaluator: Evaluator) -> None:
    decision = evaluator.evaluate(load_shipment(EXAMPLES / "jp-my-transshipment.yaml"))
    assert decision.verdict == "REVIEW"
    hubs = {r.evidence["hub"] for r in decision.reasons if r.code == "TRANSSHIPMENT_HUB"}
    assert hubs == {"SG", "MY"}
    assert "END_USER_COUNTRY_MISMATCH" in codes(decision.reasons)


BASE = {
    "date": "2024-01-10",
    "exporter": {"name": "A Co", "country": "JP", "address": "Tokyo"},
    "consignee": {"name": "B Co", "country": "CN", "address": "Shanghai"},
    "destination": "CN",
    "items": [{"description": "centrifugal pump", "hs": "841370"}],
}


def test_catch_all_from_end_use_statement(evaluator: Evaluator) -> None:
    s = parse_shipment(BASE | {"end_use": "cooling for the ballistic missile test stand"})
    decision = evaluator.evaluate(s)
    assert decision.verdict == "LICENCE_REQUIRED"
    assert "CATCH_ALL_WMD" in codes(decision.reasons)


def test_party_without_address_and_forwarder(evaluator: Evaluator) -> None:
    s = parse_shipment(BASE | {"consignee": {"name": "Ocean Star Logistics Ltd", "country": "CN"}})
    decision = evaluator.evaluate(s)
    assert decision.verdict == "REVIEW"
    assert {"PARTY_NO_ADDRESS", "FORWARDER_AS_END_USER"} <= codes(decision.reasons)


def test_cas_with_a_non_chemical_hs_code(evaluator: Evaluator) -> None:
    s = parse_shipment(
        BASE | {"items": [{"description": "pump", "hs": "841370", "cas": "7664-39-3"}]}
    )
    decision = evaluator.evaluate(s)
    assert "DESCRIPTION_MISMATCH" in codes(decision.reasons)


def test_arms_to_embargoed_destination_via_end_user(evaluator: Evaluator) -> None:
    s = parse_shipment(
        BASE
        | {
            "destination": "EG",
            "end_user": {"name": "C Co", "country": "LY", "address": "Tripoli"},
            "items": [{"description": "rifle parts", "hs": "930591"}],
        }
    )
    decision = evaluator.evaluate(s)
    assert decision.verdict == "PROHIBITED"
    assert "UN_ARMS_EMBARGO" in codes(decision.reasons)


def test_us_exporter_uses_country_chart(evaluator: Evaluator) -> None:
    doc = BASE | {
        "exporter": {"name": "A Inc", "country": "US", "address": "Austin, TX"},
        "items": [{"description": "resist", "hs": "370790", "control_entry": "3C002.a.2"}],
    }
    decision = evaluator.evaluate(parse_shipment(doc))
    # without a classifier the reasons for control of a declared entry are unknown: review
    assert decision.exporting_jurisdiction == "US"
    assert decision.verdict in ("REVIEW", "LICENCE_REQUIRED")


def test_eu_member_exporter_maps_to_eu(evaluator: Evaluator) -> None:
    doc = BASE | {
        "exporter": {"name": "A GmbH", "country": "DE", "address": "Berlin"},
        "destination": "JP",
        "consignee": {"name": "B KK", "country": "JP", "address": "Tokyo"},
        "items": [{"description": "resist", "hs": "370790", "control_entry": "3C002.a.2"}],
        "licences": [{"number": "EU001", "jurisdiction": "DE", "type": "general"}],
    }
    decision = evaluator.evaluate(parse_shipment(doc))
    assert decision.exporting_jurisdiction == "EU"
    assert decision.verdict == "CLEAR"
    assert "LICENCE_COVERED" in codes(decision.reasons)


def test_verdict_is_explained_by_reasons(evaluator: Evaluator) -> None:
    for path in sorted(EXAMPLES.iterdir()):
        decision = evaluator.evaluate(load_shipment(path))
        assert decision.verdict == verdict_of(decision.reasons)
        assert all(r.legal_basis for r in decision.reasons)
        data = decision.to_dict()
        assert set(data) >= {
            "verdict",
            "reasons",
            "parties",
            "items",
            "policy_version",
            "list_versions",
        }
        for r in data["reasons"]:
            assert set(r) >= {"code", "severity", "message", "legal_basis", "evidence"}


def test_exposure_hook_adds_reasons() -> None:
    def exposure(role: str, party: Party, matches: list[PartyMatch], on: date) -> list[Reason]:
        if "Joint" in party.name:
            return [
                Reason(
                    code="OWNERSHIP_EXPOSURE",
                    severity="prohibited",
                    message=f"{role} is a joint venture of a designated entity",
                    legal_basis="UNSC res. 2375 (2017) para. 18",
                    party=role,
                )
            ]
        return []

    s = parse_shipment(
        BASE | {"consignee": {"name": "Joint Venture X", "country": "CN", "address": "Dalian"}}
    )
    decision = Evaluator(exposure=exposure).evaluate(s)
    assert decision.verdict == "PROHIBITED"
    assert "OWNERSHIP_EXPOSURE" in codes(decision.reasons)

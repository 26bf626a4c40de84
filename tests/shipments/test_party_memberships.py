"""A party reached through any of its list copies takes the consequence of every membership
(the bundled lists snapshot, the real screener and policy). Beijing University of Aeronautics
and Astronautics is on the US CSL (Entity List) and the METI End User List (jp_meti_eul:501):
its English name reaches the CSL copy at 1.00, its Han name the METI copy, and either way a
Japanese exporter's catch-all applies (CATCH_ALL_END_USER, LICENCE_REQUIRED for goods not on a
control list). Korea Ryonbong General Corporation (UN KPe.002, OFAC SDN, CSL, METI, MOF) is
PROHIBITED by the UN asset freeze and on the METI list, whichever spelling is given (the
lists' English, METI's kanji, MOF's katakana)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.shipments import Evaluator, parse_shipment
from tradeguard.shipments.held import Dismissal, dismiss
from tradeguard.shipments.memberships import member_lists

ON = date(2026, 12, 1)


def _film(consignee: dict[str, Any]) -> dict[str, Any]:
    """Fluorinated polyimide film (HS 3920.99, on no control list) from Japan to China."""
    return {
        "id": "JP-CN-FILM",
        "export_country": "JP",
        "exporter": {"name": "Kansai Advanced Polymers K.K.", "country": "JP", "address": "Osaka"},
        "consignee": consignee | {"address": "37 Xueyuan Road, Haidian District, Beijing"},
        "destination": "CN",
        "end_use": "insulating film for flexible circuits",
        "items": [{"description": "Fluorinated polyimide film", "hs": "3920.99", "value": 15000}],
    }


@pytest.mark.parametrize(
    ("name", "country", "verdict", "memberships"),
    [
        (
            "Beijing University of Aeronautics and Astronautics",
            "CN",
            "LICENCE_REQUIRED",
            {"jp_meti_eul:501"},
        ),
        ("北京航空航天大学", "CN", "LICENCE_REQUIRED", {"jp_meti_eul:501"}),
        (
            "KOREA RYONBONG GENERAL CORPORATION",
            None,
            "PROHIBITED",
            {"un_sc:KPe.002", "us_ofac_sdn:9347", "jp_meti_eul:367"},
        ),
        (
            "朝鮮連峰総会社",
            None,
            "PROHIBITED",
            {"un_sc:KPe.002", "us_ofac_sdn:9347", "jp_meti_eul:367"},
        ),
        # MOF's katakana, on the MOF copies only
        (
            "コリア・リョンボン・ジェネラル・コーポレーション",
            None,
            "PROHIBITED",
            {"un_sc:KPe.002", "us_ofac_sdn:9347", "jp_meti_eul:367", "jp_mof:13-9"},
        ),
    ],
)
def test_every_membership_decides_whatever_copy_matched(
    snapshot_evaluator: Evaluator,
    name: str,
    country: str | None,
    verdict: str,
    memberships: set[str],
) -> None:
    party = {"name": name} | ({"country": country} if country else {})
    decision = snapshot_evaluator.evaluate(parse_shipment(_film(party), "t"), ON)
    [consignee] = [p for p in decision.parties if p.role == "consignee"]
    best = consignee.matches[0]
    assert memberships <= {x["entity_id"] for x in best.memberships}, best
    assert "jp_meti_eul" in member_lists(consignee.matches)
    codes = {r.code for r in decision.reasons}
    assert "CATCH_ALL_END_USER" in codes, decision.reasons
    assert decision.verdict == verdict, decision.reasons


def _hf(end_user: dict[str, Any]) -> dict[str, Any]:
    """Anhydrous hydrogen fluoride (1C350.24) from Japan to Hong Kong, no licence."""
    address = {"address": "1 Nathan Road, Kowloon"}
    return {
        "id": "JP-HK-HF",
        "export_country": "JP",
        "exporter": {
            "name": "Morita Chemical Trading Co., Ltd.",
            "country": "JP",
            "address": "Tokyo",
        },
        "consignee": {"name": "Hong Kong Bright Star Trading Ltd", "country": "HK"} | address,
        "end_user": end_user | address,
        "destination": "HK",
        "end_use": "etching gas",
        "items": [
            {
                "description": "Hydrogen fluoride, anhydrous, 99.999 %",
                "hs": "2811.11",
                "cas": "7664-39-3",
                "params": {"concentration_wt_pct": 99.999},
                "control_entry": "1C350.24",
                "value": 48000,
                "currency": "USD",
            }
        ],
    }


@pytest.mark.parametrize(
    "name",
    ["Korea Mining Development Trading LLC", "Korea Mining Development Trading Co., Ltd."],
)
def test_a_legal_form_alone_does_not_take_a_un_designee_below_the_asset_freeze(
    snapshot_evaluator: Evaluator, name: str
) -> None:
    """KOMID (UN KPe.001) in Hong Kong: the country none of the party's lowers the score below
    the designated level (0.88), but the name is the listed one but for its legal form."""
    decision = snapshot_evaluator.evaluate(
        parse_shipment(_hf({"name": name, "country": "HK"}), "t"), ON
    )
    [end_user] = [p for p in decision.parties if p.role == "end_user"]
    best = end_user.matches[0]
    assert best.form_only and best.level == "designated", best
    assert best.entity_id == "un_sc:KPe.001", best
    assert decision.verdict == "PROHIBITED", decision.reasons
    [reason] = [r for r in decision.reasons if r.party == "end_user"]
    assert reason.code == "DESIGNATED_PARTY" and reason.severity == "prohibited"
    assert reason.evidence["form_only"] is True


def test_a_possible_match_on_an_asset_freeze_list_holds_the_shipment(
    snapshot_evaluator: Evaluator,
) -> None:
    """檀君贸易公司 in Hong Kong may be Korea Tangun Trading Corporation (UN KPe.008): the item
    needs a licence, but the headline is REVIEW with the hit first (a licence does not allow
    dealing with a designated party); the same shipment to a namesake-free end user is
    LICENCE_REQUIRED."""
    decision = snapshot_evaluator.evaluate(
        parse_shipment(_hf({"name": "檀君贸易公司", "country": "HK"}), "t"), ON
    )
    first = decision.reasons[0]
    assert decision.verdict == "REVIEW", decision.reasons
    assert first.code == "POSSIBLE_MATCH" and first.party == "end_user", decision.reasons
    assert first.params["hold"] is True and "un_sc" in first.params["hold_lists"]
    assert "LICENCE_REQUIRED" in {r.code for r in decision.reasons}
    clean = snapshot_evaluator.evaluate(
        parse_shipment(_hf({"name": "Hanbit Semiconductor Materials Ltd", "country": "HK"}), "t"),
        ON,
    )
    assert clean.verdict == "LICENCE_REQUIRED", clean.reasons


def test_the_held_hit_says_why_and_a_review_dismisses_it(snapshot_evaluator: Evaluator) -> None:
    """The held reason names the lists the party may be designated on and how the hold ends;
    the same decision with an approved false positive on one of the party's entries (what the
    service reads from the cases) is LICENCE_REQUIRED, the hit dismissed by that review."""
    decision = snapshot_evaluator.evaluate(
        parse_shipment(_hf({"name": "檀君贸易公司", "country": "HK"}), "t"), ON
    )
    first = decision.reasons[0]
    assert "if so, it is the designated party on UN Security Council Consolidated List" in (
        first.message
    )
    assert "the shipment is held, whatever licence it has, until the match is confirmed or " in (
        first.message
    )
    assert "propose true_match or false_positive in the screening case of un_sc:KPe.008" in (
        first.message
    )
    asked: list[tuple[str, list[str]]] = []

    def lookup(name: str, entity_ids: list[str]) -> Dismissal | None:
        asked.append((name, entity_ids))
        return Dismissal(7, "rita", "2026-12-06") if "un_sc:KPe.008" in entity_ids else None

    after = dismiss(decision, lookup)
    assert asked and asked[0][0] == "檀君贸易公司", asked
    assert after.verdict == "LICENCE_REQUIRED", after.reasons
    [hit] = [r for r in after.reasons if r.code == "POSSIBLE_MATCH"]
    assert hit.message.endswith(
        "possible match dismissed by review (case 7, reviewer rita, 2026-12-06)"
    )
    assert dismiss(decision, lambda _n, _ids: None) is decision

"""Worked decisions (issue 18): the Japan-Korea timeline 2019-2023, the UN DPRK bans in both
directions and Iran before and after the snapback of 2025-09-27/28, each case with its expected
verdict, licence type and citation, evaluated as whole shipments on the bundled policy alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from tradeguard.shipments import Evaluator, parse_shipment

ADDRESSES = {
    "JP": "1-2-3 Nihonbashi, Chuo-ku, Tokyo",
    "KR": "55 Samsung-ro, Yeongtong-gu, Suwon",
    "CN": "88 Binjiang Road, Zhenxing District, Dandong",
    "KP": "Pyongyang",
    "TH": "99 Rama IV Road, Bangkok",
    "IR": "12 Vali-e Asr Avenue, Tehran",
}
HF = {
    "description": "Hydrogen fluoride, anhydrous, 99.999 % (etching gas)",
    "hs": "281111",
    "cas": "7664-39-3",
    "control_entry": "1C350.24",
    "quantity": 2000,
    "value": 48000,
    "currency": "USD",
}
BULK = {"number": "METI-BULK-0042", "jurisdiction": "JP", "type": "comprehensive"}
INDIVIDUAL = {"number": "METI-IND-7731", "jurisdiction": "JP", "type": "individual"}


def goods(description: str, hs: str, **more: Any) -> dict[str, Any]:
    return {
        "description": description,
        "hs": hs,
        "quantity": 1,
        "value": 9000,
        "currency": "USD",
    } | more


@dataclass
class Case:
    name: str
    export_country: str
    destination: str
    on: str
    item: dict[str, Any]
    verdict: str
    code: str  # the reason that decides
    citation: str  # in that reason's legal basis
    licence_type: str | None = None  # the licence the law asks for, where one can serve
    licences: list[dict[str, str]] = field(default_factory=list)


CASES = [
    # -- Japan to Korea, hydrogen fluoride (1C350.24) under a bulk licence -----------------------
    Case("jp-kr 2019-06 group A, bulk licence serves", "JP", "KR", "2019-06-01", HF,
         "CLEAR", "LICENCE_COVERED", "Export Trade Control Order Art. 1(1)", "general", [BULK]),
    Case("jp-kr 2019-07 three-item measure: individual licence", "JP", "KR", "2019-07-10", HF,
         "LICENCE_REQUIRED", "LICENCE_REQUIRED", "applied 2019-07-04", "individual", [BULK]),
    Case("jp-kr 2019-09 group B and the measure", "JP", "KR", "2019-09-01", HF,
         "LICENCE_REQUIRED", "LICENCE_REQUIRED", "METI review of export licensing policy",
         "individual", [BULK]),
    Case("jp-kr 2019-09 individual licence serves", "JP", "KR", "2019-09-01", HF,
         "CLEAR", "LICENCE_COVERED", "Export Trade Control Order Art. 1(1)", "individual",
         [INDIVIDUAL]),
    Case("jp-kr 2023-05 group B, measure lifted: special bulk licence may serve", "JP", "KR",
         "2023-05-01", HF, "REVIEW", "LICENCE_TYPE_UNDECIDED",
         "Export Trade Control Order Art. 1(1)", "individual_or_conditional_bulk", [BULK]),
    Case("jp-kr 2023-08 group A again", "JP", "KR", "2023-08-01", HF,
         "CLEAR", "LICENCE_COVERED", "Export Trade Control Order Art. 1(1)", "general", [BULK]),
    # -- UN DPRK, to the DPRK (exporter without a national policy file) ----------------------
    Case("un to-kp lathe after 2397", "CN", "KP", "2018-06-01", goods("CNC lathe", "845811"),
         "PROHIBITED", "UN_DPRK_EXPORT_BAN", "UNSC res. 2397 (2017) para. 7"),
    Case("un to-kp lathe before 2397: catch-all", "CN", "KP", "2017-06-01",
         goods("CNC lathe", "845811"), "REVIEW", "UN_DPRK_CATCH_ALL", "2094 (2013) para. 20"),
    Case("un to-kp gold watch (luxury)", "CN", "KP", "2017-01-01",
         goods("Gold wristwatch", "910111"), "PROHIBITED", "UN_DPRK_LUXURY_GOODS",
         "2270 (2016) Annex V"),
    Case("un to-kp steel watch: not luxury", "CN", "KP", "2017-01-01",
         goods("Steel wristwatch", "910211"), "REVIEW", "UN_DPRK_CATCH_ALL", "2094 (2013)"),
    Case("un to-kp propane (NGL)", "CN", "KP", "2018-01-01", goods("Propane, liquefied", "271112"),
         "PROHIBITED", "UN_DPRK_EXPORT_BAN", "UNSC res. 2375 (2017) para. 13"),
    # -- UN DPRK, from the DPRK --------------------------------------------------------------
    Case("un from-kp seafood", "KP", "CN", "2018-02-01",
         goods("Frozen snow crab", "030614", origin="KP"), "PROHIBITED", "UN_DPRK_IMPORT_BAN",
         "2371"),
    Case("un from-kp rare-earth metals", "KP", "CN", "2018-02-01",
         goods("Cerium metal", "280530", origin="KP"), "PROHIBITED", "UN_DPRK_IMPORT_BAN",
         "UNSC res. 2270 (2016) para. 30"),
    Case("un from-kp sodium metal: not rare earth", "KP", "CN", "2016-06-01",
         goods("Sodium metal", "280511", origin="KP"), "CLEAR", "", ""),
    # -- Iran, before and after the snapback (exporter without a national policy file) -------
    Case("un to-ir NSG item before snapback: procurement channel", "TH", "IR", "2025-09-26",
         goods("Flow-forming machine", "846390", control_entry="2B209"), "REVIEW",
         "UN_IRAN_ITEMS_BAN", "UNSC res. 2231 (2015) Annex B"),
    Case("un to-ir NSG item after snapback", "TH", "IR", "2025-09-28",
         goods("Flow-forming machine", "846390", control_entry="2B209"), "PROHIBITED",
         "UN_IRAN_ITEMS_BAN", "UNSC res. 1737 (2006) paras. 3-4"),
    Case("un to-ir arms before snapback", "TH", "IR", "2025-09-26",
         goods("Spare parts for tank guns", "930690"), "CLEAR", "", ""),
    Case("un to-ir arms after snapback", "TH", "IR", "2025-09-28",
         goods("Spare parts for tank guns", "930690"), "PROHIBITED", "UN_ARMS_EMBARGO",
         "UNSC res. 1929 (2010) para. 8"),
    Case("un from-ir arms after snapback", "IR", "TH", "2025-09-28",
         goods("Rifle ammunition", "930630", origin="IR"), "PROHIBITED",
         "UN_IRAN_PROCUREMENT_BAN", "UNSC res. 1747 (2007) para. 5"),
]  # fmt: skip


def _shipment(case: Case) -> dict[str, Any]:
    def party(name: str, country: str) -> dict[str, str]:
        return {"name": name, "country": country, "address": ADDRESSES[country]}

    return {
        "id": case.name,
        "date": case.on,
        "export_country": case.export_country,
        "exporter": party("Morita Trading Co., Ltd.", case.export_country),
        "consignee": party("Hanbit Materials Co., Ltd.", case.destination),
        "end_user": party("Hanbit Materials Co., Ltd.", case.destination),
        "destination": case.destination,
        "end_use": "production",
        "items": [case.item],
        "licences": case.licences,
    }


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_worked_decision(evaluator: Evaluator, case: Case) -> None:
    decision = evaluator.evaluate(parse_shipment(_shipment(case)), date.fromisoformat(case.on))
    summary = [(r.code, r.severity, r.legal_basis) for r in decision.reasons]
    assert decision.verdict == case.verdict, summary
    if not case.code:
        return
    deciding = [r for r in decision.reasons if r.code == case.code]
    assert deciding, summary
    reason = deciding[0]
    assert case.citation in reason.legal_basis, reason.legal_basis
    if case.licence_type is not None:
        assert reason.evidence["licence_type_required"] == case.licence_type

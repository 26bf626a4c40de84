"""Every reason the core gives is written on the pages from its code and parameters: the
exemptions, catch-alls, Korean transit, brokering and North Korea approvals, US licensing, the
UN Iran measures and the network's reasons, in Japanese and Korean, with the legal references
as the core writes them and no English sentence of the core quoted in their place."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tradeguard.language import i18n, reason_sentences, reason_words
from tradeguard.network.exposure import Exposure
from tradeguard.network.shipments import exposure_check, exposure_reasons
from tradeguard.policy import EntryFacts, ItemFacts, PolicyEngine, load_policy
from tradeguard.policy.clauses import ENGLISH, words
from tradeguard.policy.kr_annex import load_annex2_2
from tradeguard.policy.kr_model import KrFacts
from tradeguard.policy.reasons import Reason
from tradeguard.shipments import Evaluator, load_shipment
from tradeguard.store import Store

from ..policy.test_kr_worked_decisions import ANNEX, CASES, _decide

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "shipments"
ON = date(2026, 1, 1)
NSG = ItemFacts(line=1, description="flow-forming machine", entries=(EntryFacts("2B209"),))
WA = ItemFacts(
    line=1, description="fluorinated polyimide", entries=(EntryFacts("1C009.b", ("WA",), ()),)
)
ARMS = ItemFacts(line=1, description="tank gun spare parts", hs="930690")
IC = ItemFacts(line=1, description="microcontroller", hs="854231")
HORSE = ItemFacts(line=1, description="racehorse", hs="010121")


def _in(lang: str, reason: Reason | dict[str, Any]) -> str:
    data = reason.model_dump() if isinstance(reason, Reason) else reason
    token = i18n.use(lang)
    try:
        return str(reason_words.sentence(data))
    finally:
        i18n.reset(token)


def test_every_reason_of_the_core_is_built_with_parameters() -> None:
    """A ``Reason(...)`` of the core without ``params`` is one the pages cannot write (unless
    its sentence needs no value)."""
    keyless = {c for c, m in reason_words.SENTENCES.items() if "%(" not in m and ":" not in c}
    missing = []
    for folder in ("policy", "shipments", "network"):
        for path in sorted((ROOT / "tradeguard" / folder).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Reason"):
                    continue
                kw = {k.arg: k.value for k in node.keywords}
                code = kw.get("code")
                if "params" in kw or None in kw:
                    continue
                if isinstance(code, ast.Constant) and code.value in keyless:
                    continue
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not missing, missing


def test_every_clause_has_words_in_the_catalogue() -> None:
    assert set(reason_sentences.CLAUSES) == set(ENGLISH)


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    engine = PolicyEngine(load_policy())
    engine.set_kr_annex2_2(load_annex2_2(ANNEX))
    return engine


def _reasons(engine: PolicyEngine) -> list[Reason]:
    """Reasons of the rules the pages wrote in English before: Korea's 17 worked decisions
    (licences, exemptions, transit, brokering, North Korea, the 별표2의2 items), the Korean
    knowledge-only region, Japan's catch-all rows, the UN Iran measures, US licensing and a
    transfer inside the EU."""
    out: list[Reason] = []
    for case in CASES:
        out += _decide(engine, case)
    flags = KrFacts(red_flags=[1, 2])
    out += engine.catch_all("KR", "JP", IC, None, [], ON, kr=flags)
    out += engine.catch_all("KR", "RU", IC, None, [], date(2023, 6, 1), kr=KrFacts())
    out += engine.catch_all("JP", "CN", IC, "for the army", [], ON)
    out += engine.catch_all("JP", "CN", IC, "uranium enrichment plant", ["jp_meti_eul"], ON)
    out += engine.catch_all("JP", "CN", HORSE, "ballistic missile", ["jp_meti_eul"], ON)
    out += engine.catch_all("JP", "CN", IC, None, [], ON, informed=frozenset({"wmd"}))
    for item in (NSG, ARMS, WA):
        out += engine.un_iran(item, True, False, ON)
        out += engine.un_iran(item, False, True, ON)
    out += engine.licensing("US", "CN", WA, [], ON)
    out += engine.licensing("US", "JP", WA, [], ON)
    out += engine.licensing("EU", "FR", WA, [], ON)
    return out


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_the_reasons_are_written_from_their_parameters(engine: PolicyEngine, lang: str) -> None:
    reasons = _reasons(engine)
    codes = {r.code for r in reasons}
    for code in (
        "KR_TRANSIT_LICENCE",
        "KR_BROKERING_LICENCE",
        "KR_MOU_APPROVAL",
        "LICENCE_EXEMPT",
        "LICENCE_EXEMPTION_UNDECIDED",
        "KR_ANNEX2_2_ITEM",
        "CATCH_ALL_NOT_APPLICABLE",
        "CATCH_ALL_MILITARY",
        "CATCH_ALL_WMD",
        "CATCH_ALL_INFORMED",
        "UN_IRAN_ITEMS_BAN",
        "UN_IRAN_PROCUREMENT_BAN",
        "UN_IRAN_ASSET_FREEZE",
        "NO_LICENCE_NEEDED",
    ):
        assert code in codes, code  # the scenarios reach every rule
    for reason in reasons:
        text = _in(lang, reason)
        assert '<q lang="en">' + reason.message[:30] not in text, (reason.code, text)
        assert "%(" not in text and "{" not in text, text
        for clause in reason.params.get("why", []) + reason.params.get("grounds", []):
            assert f">{clause['code']}<" not in text and clause["code"] not in text, text


def test_a_korean_transit_licence_in_korean_and_japanese(engine: PolicyEngine) -> None:
    kr = KrFacts(mode="transit", informed=True)
    (reason,) = engine.catch_all("KR", "CN", IC, None, [], ON, kr=kr)
    assert reason.code == "KR_TRANSIT_LICENCE"
    ko = _in("ko", reason)
    assert ko.startswith("한국: 한국을 거쳐")
    assert "경유 또는 환적허가" in ko and "(Notice Art. 54(4))" in ko  # the reference kept
    ja = _in("ja", reason)
    assert "主務官庁から許可が必要である旨の通知がありました（Notice Art. 54(4)）" in ja
    assert reason.message.endswith("(Notice Art. 54(4))")  # the core's English is unchanged


def test_an_undecided_exemption_says_the_licence_otherwise_needed(engine: PolicyEngine) -> None:
    reasons = [
        r
        for case in CASES
        for r in _decide(engine, case)
        if r.code == "LICENCE_EXEMPTION_UNDECIDED"
    ]
    assert reasons
    ja = _in("ja", reasons[0])
    assert "そうでない場合：韓国から" in ja  # the required licence, written in Japanese too
    assert '<q lang="en">KR export' not in ja


def test_the_ownership_reasons_in_japanese() -> None:
    exposure = Exposure(
        query="Example Trading",
        node={"id": "n:1", "name": "Example Trading", "lists": []},
        depth=3,
        designated=False,
        ofac_50={
            "blocked": True,
            "aggregate_pct": 60.0,
            "threshold_pct": 50.0,
            "owners": [{"share_pct": 35.0, "counted": True}, {"share_pct": 25.0, "counted": True}],
            "computation": "35 + 25 = 60 % held by blocked persons ≥ 50 %",
        },
        eu_ownership_or_control={"flag": True, "reasons": [{"controller_name": "KOMID"}]},
    )
    blocked, controlled = exposure_reasons("consignee", "Example Trading", exposure)
    ja = _in("ja", blocked)
    assert "OFACの50%ルール" in ja and "35% + 25%" in ja and "60%" in ja  # as ja writes them
    assert "KOMID" in _in("ko", controlled) and "EU 기준" in _in("ko", controlled)


def test_a_network_path_in_korean(loaded_store: Store) -> None:
    shipment = load_shipment(EXAMPLES / "jp-kr-hydrogen-fluoride.yaml")
    consignee = shipment.consignee.model_copy(update={"name": "International Trading"})
    exposed = shipment.model_copy(update={"consignee": consignee})
    decision = Evaluator(exposure=exposure_check(loaded_store)).evaluate(exposed)
    (reason,) = [r for r in decision.reasons if r.code == "NETWORK_EXPOSURE"]
    ko = _in("ko", reason)
    assert "제재대상자로 이어지는 경로" in ko and " → " in ko
    assert '<q lang="en">' not in ko


def _flags_of(reason: Reason) -> list[int]:
    clauses = reason.params.get("why", [])
    return list(reason.params.get("flags", [])) + [n for c in clauses for n in c.get("flags", [])]


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_korean_conditions_and_red_flags_are_in_the_pages_language(
    engine: PolicyEngine, lang: str
) -> None:
    """An exemption's conditions still to show and the red flags of Foreign Trade Act Art.
    19-3 are written in the page's language, not quoted in English."""
    reasons = _reasons(engine)
    reasons += engine.catch_all("KR", "CN", IC, None, [], ON, kr=KrFacts(red_flags=[7, 11]))
    seen: set[object] = set()
    for reason in reasons:
        text = _in(lang, reason)
        for condition in reason.params.get("conditions", []):
            seen.add(condition["code"])
            assert words(condition) not in text, text
        for number in _flags_of(reason):
            seen.add(number)
            english = reason_sentences.KR_RED_FLAGS[number]
            assert english not in text and {"ja": "警告兆候", "ko": "위험 신호"}[lang] in text, text
    assert {"kr_gap_not_sensitive", 1, 2, 7, 11} <= seen, seen


def test_the_red_flags_words_are_the_data_files() -> None:
    """The pages' English of each red flag is ``kr_rules.yaml``'s (the catalogue's msgids)."""
    engine = PolicyEngine(load_policy())
    assert dict(engine.kr.situational.red_flags) == reason_sentences.KR_RED_FLAGS


def _all_clauses(clauses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for one in clauses:
        out.append(one)
        out += _all_clauses(one.get("why", []))
    return out


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_us_findings_under_the_ear_are_in_the_pages_language(
    engine: PolicyEngine, lang: str
) -> None:
    """What the Commerce Control List and Country Chart give for each reason for control (a
    licence, no licence, or what is undecided) is written in the page's language; only a
    sentence of the data (a condition in words, a section to see) is quoted in English."""
    military = ItemFacts(line=1, description="gun mount", entries=(EntryFacts("ML1"),))
    reasons = [
        r
        for item in (WA, NSG, military)
        for destination in ("CN", "JP", "IR")
        for r in engine.licensing("US", destination, item, [], ON)
    ]
    codes = set()
    for reason in reasons:
        findings = reason.params.get("findings")
        if not findings:
            continue
        codes.add(reason.code)
        text = _in(lang, reason)
        clauses = _all_clauses(findings)
        for one in clauses:
            assert words(one) not in text, text
        if not any(key.endswith("_text") for one in clauses for key in one):
            assert 'lang="en"' not in text, text
    assert {"LICENCE_REQUIRED", "NO_LICENCE_NEEDED", "US_LICENCE_UNDECIDED"} <= codes, codes

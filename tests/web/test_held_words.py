"""A possible match that holds a shipment, in English, Japanese and Korean (the pages and the
case report write it through the catalogue): the lists the party may be designated on, by
their names in the language, that the shipment is held until a four-eyes review confirms or
dismisses the match, and how; and the same match once a review dismissed it, with its case,
reviewer and date."""

from __future__ import annotations

from typing import Any

from tradeguard.language import i18n, reason_words
from tradeguard.shipments.held import held_sentence

PARAMS = {
    "role": "end_user",
    "name": "檀君贸易公司",
    "caption": "KOREAN TANGUN TRADING CORPORATION",
    "entity_id": "un_sc:KPe.008",
    "list": "un_sc",
    "score": 0.89,
}
HEAD = "end_user '檀君贸易公司' may be KOREAN TANGUN TRADING CORPORATION (un_sc:KPe.008) on un_sc, score 0.89"
HELD = {
    "code": "POSSIBLE_MATCH",
    "message": HEAD + held_sentence("檀君贸易公司", "un_sc:KPe.008", ["un_sc", "jp_mof"]),
    "params": PARAMS | {"hold": True, "hold_lists": ["un_sc", "jp_mof"]},
}
DISMISSED = {
    "code": "POSSIBLE_MATCH",
    "message": HEAD + ": possible match dismissed by review (case 12, reviewer rita, 2026-12-06)",
    "params": PARAMS
    | {"form": "dismissed", "case": 12, "reviewer": "rita", "reviewed_on": "2026-12-06"},
}


def _in(lang: str, reason: dict[str, Any]) -> str:
    token = i18n.use(lang)
    try:
        return str(reason_words.sentence(reason))
    finally:
        i18n.reset(token)


def test_a_held_hit_in_english() -> None:
    en = _in("en", HELD)
    assert "if so, it is the designated party on UN Security Council Consolidated List, MOF " in en
    assert "the shipment is held, whatever licence it has, until the match is confirmed or " in en
    assert "dismissed by four-eyes review (screen &#39;檀君贸易公司&#39; with a case opened" in en


def test_a_held_hit_in_japanese_and_korean() -> None:
    ja = _in("ja", HELD)
    assert "である可能性があります" in ja
    assert (
        "。該当する場合、国連安保理統合制裁リスト、財務省 経済制裁措置及び対象者リストの指定対象者です"
        in ja
    )
    assert "二者による審査で該当が確認または否定されるまで出荷は保留されます" in ja
    assert (
        '<span translate="no">un_sc:KPe.008</span>のスクリーニング案件で真の該当または誤検知を提案'
        in ja
    )
    assert "held" not in ja and "designated" not in ja
    ko = _in("ko", HELD)
    assert (
        "해당하는 경우 유엔 안보리 통합제재목록, 일본 재무성 자산동결 대상자 목록의 지정 대상자입니다"
        in ko
    )
    assert "2인 검토로 일치가 확인되거나 기각될 때까지 출하가 보류됩니다" in ko
    assert "스크리닝 사건에서 실제 일치 또는 오탐을 제안한 뒤 다른 사람의 승인을 받으십시오" in ko
    assert "held" not in ko and "designated" not in ko


def test_a_dismissed_hit_in_three_languages() -> None:
    assert _in("en", DISMISSED).endswith(
        "possible match dismissed by review (case 12, reviewer rita, 2026-12-06)"
    )
    ja = _in("ja", DISMISSED)
    assert "審査により該当の可能性は否定されました（案件 12、承認者 " in ja
    assert '<span translate="no">rita</span>、2026年12月6日）' in ja
    ko = _in("ko", DISMISSED)
    assert "검토에서 일치 가능성이 기각되었습니다(사건 12, 검토자 " in ko
    assert "2026년 12월 6일)" in ko
    assert "dismissed" not in ja + ko

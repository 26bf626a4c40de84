"""A decision's reasons on the pages: written from the reason's code and parameters in Japanese
and Korean, names and codes kept, the data files' English sentences quoted and labelled, and a
reason the pages cannot write shown by its code's headline with the English quoted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tradeguard.language import i18n, reason_words
from tradeguard.policy.reasons import Reason
from tradeguard.shipments import Shipment, evaluate

ROOT = Path(__file__).resolve().parents[2]


def _in(lang: str, reason: dict[str, object]) -> str:
    token = i18n.use(lang)
    try:
        return str(reason_words.sentence(reason))
    finally:
        i18n.reset(token)


DESIGNATED = Reason(
    code="DESIGNATED_PARTY",
    severity="prohibited",
    message="end_user '조선련봉총회사' matches KOREA RYONBONG GENERAL CORPORATION (un_sc:KPe.002) "
    "on un_sc, score 1.00: its assets are frozen and no goods may be made available to it",
    legal_basis="UNSC res. 1718 (2006) para. 8(d)",
    params={
        "role": "end_user",
        "name": "조선련봉총회사",
        "caption": "KOREA RYONBONG GENERAL CORPORATION",
        "entity_id": "un_sc:KPe.002",
        "list": "un_sc",
        "score": 1.0,
    },
).model_dump()


def test_a_reason_in_japanese_and_korean_from_its_parameters() -> None:
    ja = _in("ja", DESIGNATED)
    assert ja.startswith('需要者「<span translate="no">조선련봉총회사</span>」は')
    assert "資産凍結の対象" in ja and "スコア 1.00" in ja and "its assets" not in ja
    ko = _in("ko", DESIGNATED)
    assert ko.startswith('최종사용자 “<span translate="no">조선련봉총회사</span>”')
    assert "자산동결 대상" in ko
    assert _in("en", DESIGNATED) == DESIGNATED["message"].replace("'", "&#39;")


def test_the_data_files_sentences_are_quoted_in_english_and_labelled() -> None:
    reason = {
        "code": "UN_DPRK_EXPORT_BAN",
        "message": "HS 845811 to the DPRK: All industrial machinery (HS 84 and 85) ...",
        "params": {
            "form": "dprk_to",
            "hs": "845811",
            "title_text": "All industrial machinery (HS 84 and 85)",
            "exceptions_text": "1718 Committee case-by-case exemptions",
        },
    }
    ja = _in("ja", reason)
    assert ja.startswith('北朝鮮向け HS <span translate="no">845811</span>：')
    assert (
        '<q lang="en">All industrial machinery (HS 84 and 85)</q> <small>（英語原文）</small>' in ja
    )
    assert "。例外：" in ja  # the exceptions, labelled too


def test_a_reason_the_pages_cannot_write_keeps_its_english_quoted() -> None:
    known = {
        "code": "KR_TRANSIT_LICENCE",
        "message": "KR: transit licence needed ...",
        "params": {},
    }
    assert _in("ko", known) == (
        '한국: 경유·환적허가가 필요합니다: <q lang="en">KR: transit licence needed ...</q> '
        "<small>(영어 원문)</small>"
    )
    unknown = {"code": "SOMETHING_NEW", "message": "a <new> rule"}
    assert _in("ja", unknown) == ('<q lang="en">a &lt;new&gt; rule</q> <small>（英語原文）</small>')


def test_every_code_of_the_core_has_a_headline() -> None:
    codes = set()
    for folder in ("policy", "shipments", "network"):
        for path in (ROOT / "tradeguard" / folder).glob("*.py"):
            codes |= set(re.findall(r'"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"', path.read_text()))
    reason_codes = {c for c in codes if c in reason_words.HEADLINES or _is_reason_code(c)}
    missing = sorted(c for c in reason_codes if c not in reason_words.HEADLINES)
    assert not missing, missing


def _is_reason_code(code: str) -> bool:
    """A code given to a Reason (``code="..."`` or a code table) in the core's source."""
    for folder in ("policy", "shipments", "network"):
        for path in (ROOT / "tradeguard" / folder).glob("*.py"):
            text = path.read_text()
            if re.search(rf'code=\(?\s*"{code}"|"{code}"\s+if |else "{code}"|: "{code}"', text):
                return True
    return False


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_the_example_decisions_reasons_are_all_written_from_parameters(lang: str) -> None:
    """The reasons of the examples' decisions (without screening) all have a sentence."""
    import yaml

    for name in ("cn-kp-machinery.yaml", "jp-kr-fluorinated-polyimide.yaml"):
        raw = yaml.safe_load((ROOT / "examples" / "shipments" / name).read_text())
        decision = evaluate(Shipment.model_validate(raw))
        for reason in decision.to_dict()["reasons"]:
            text = _in(lang, reason)
            assert '<q lang="en">' + reason["message"][:20] not in text, (name, reason["code"])


def test_a_korean_licence_reason_in_korean() -> None:
    from ..shipments.test_kr_shipment import _hf_to_japan

    doc = _hf_to_japan()
    reasons = evaluate(Shipment.model_validate(doc)).to_dict()["reasons"]
    (licence,) = [r for r in reasons if r["code"] == "LICENCE_REQUIRED"]
    ko = _in("ko", licence)
    assert ko.startswith(
        '한국에서 <span translate="no">JP</span>(지역 <span translate="no">가</span>)'
    )
    assert "개별수출허가" in ko and "허가번호가 기재되지 않았습니다" in ko
    assert "個別輸出許可" in _in("ja", licence)


def test_an_open_headline_asks_for_its_text_never_not_stated() -> None:
    """A machining centre's review (2B201 and 2B001 open, no modelled parameter) names what
    decides it: the entry text, in each language."""
    reason = Reason(
        code="CLASSIFICATION_INCOMPLETE",
        severity="review",
        message="item 1: may fall under 2B201, 2B001; missing parameters: the entry text",
        legal_basis="classification against the control list (parameters decide the entry)",
        params={"line": 1, "entries": ["2B201", "2B001"], "missing": []},
    ).model_dump()
    for lang, words in (
        ("en", "the entry text"),
        ("ja", "該当項目の規定内容"),
        ("ko", "해당 항목의 규정 내용"),
    ):
        text = _in(lang, reason)
        assert words in text and "not stated" not in text
        assert "記載なし" not in text and "기재 없음" not in text

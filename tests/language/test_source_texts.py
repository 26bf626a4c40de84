"""A sentence of the data quoted in a reason is shown in the page's language only where the
data holds its source text in that language — the Export Trade Control Order's own words for
the goods that need METI's export approval to Russia, on a page in Japanese — and otherwise in
English, labelled as such: never translated by the program."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.language import i18n, reason_words
from tradeguard.shipments import Evaluator
from tradeguard.shipments.model import parse_shipment

#: Japan to Russia, hydrogen fluoride (1C350.24, Appended Table 1 row 3) on 2025-06-02: the
#: export approval of FEFTA Art. 48(3) under Order Art. 2(1)(i)-4 and Appended Table 2-3
RU = {
    "id": "T-RU", "date": "2025-06-02", "export_country": "JP", "destination": "RU",
    "exporter": {"name": "Morita Trading Co., Ltd.", "country": "JP", "address": "Tokyo"},
    "consignee": {"name": "Volga Chemicals", "country": "RU", "address": "Kazan"},
    "items": [{"description": "Hydrogen fluoride, anhydrous", "hs": "281111",
               "cas": "7664-39-3", "control_entry": "1C350.24"}],
}  # fmt: skip
#: the Order's words (tradeguard/data/policy/jp.yaml, quoted from e-Gov's XML of the Order)
ORDER = "別表第二の三に掲げる貨物（別表第二の一、"
TITLE = "Export approval (承認) from METI for goods of Appended Table 2-3 to Russia"


@pytest.fixture(scope="module")
def approval() -> dict[str, object]:
    decision = Evaluator().evaluate(parse_shipment(RU), date(2025, 6, 2)).to_dict()
    (reason,) = [r for r in decision["reasons"] if r["code"] == "APPROVAL_REQUIRED"]
    return dict(reason)


def _in(lang: str, reason: dict[str, object]) -> str:
    token = i18n.use(lang)
    try:
        return str(reason_words.sentence(reason))
    finally:
        i18n.reset(token)


def test_a_page_in_japanese_quotes_the_orders_own_words(approval: dict[str, object]) -> None:
    said = _in("ja", approval)
    assert f'<q lang="ja">{ORDER}' in said and "（原文）" in said
    assert TITLE not in said and "英語原文" not in said


def test_a_page_in_korean_keeps_the_english_title_labelled(approval: dict[str, object]) -> None:
    said = _in("ko", approval)
    assert f'<q lang="en">{TITLE}' in said and "(영어 원문)" in said
    assert ORDER not in said  # no Japanese on a Korean page, and no translation of it


def test_the_english_sentence_is_the_cores(approval: dict[str, object]) -> None:
    said = _in("en", approval)
    assert TITLE in said and ORDER not in said

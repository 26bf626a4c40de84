"""A Chinese firm listed only in Latin script, screened by its name in Chinese characters:
place + the firm's own name + industry words + legal form (丹东 鸿祥 实业发展 有限公司 for
DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD, OFAC SDN 20564). The industry words are read
in English (the glossary), the pinyin words of the lists' own Latin names count as generic words,
and the Latin names are retrieved apart from the other Han names of the same place."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from tradeguard.lists.model import Entity
from tradeguard.lists.registry import parse_path
from tradeguard.screening import Query, Screener

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
SDN = FIX / "ofac" / "sdn-2024-05-03-chinese-firms.csv"

#: the Chinese names of OFAC SDN entries as METI's End User List writes them (entry number),
#: and the trial's query for SDN 20564, which no list gives in Chinese
CHINESE = {
    "20564": "丹东鸿祥实业发展有限公司",  # DANDONG HONGXIANG INDUSTRIAL DEVELOPMENT CO LTD
    "42938": "青岛中融通贸易发展有限公司",  # METI 564
    "27025": "河南嘉源铝业有限公司",  # METI 544: HENAN JIAYUAN ALUMINIUM INDUSTRY
    "27029": "苏州中盛磁业有限公司",  # METI 591: SUZHOU ZHONGSHENG MAGNETIC INDUSTRY
    "42896": "浙江轻机实业有限公司",  # METI 600: ZHEJIANG QINGJI IND.
    "23523": "北京成興貿易有限公司",  # METI 492
    "22245": "上海港泉商貿有限公司",  # METI 571
    "44018": "深圳嘉思博科技有限公司",  # METI 580
}


@pytest.fixture(scope="module")
def sdn() -> Screener:
    return Screener.from_entities(parse_path(SDN).entities)


@pytest.mark.parametrize("uid", sorted(CHINESE))
def test_the_chinese_name_finds_the_latin_listing(sdn: Screener, uid: str) -> None:
    matches = sdn.screen(Query(CHINESE[uid]))
    assert matches and matches[0].entity_id == f"us_ofac_sdn:{uid}", matches
    assert matches[0].score >= sdn.threshold
    # the other firms of the same place (Dandong Rich Earth, Dandong Zhongsheng) do not alert
    assert [m.entity_id for m in matches if m.score >= sdn.threshold] == [f"us_ofac_sdn:{uid}"]


def test_dandong_hongxiang_reads_its_industry_words_in_english(sdn: Screener) -> None:
    match = sdn.screen(Query(CHINESE["20564"]))[0]
    name = match.explanation["name"]
    assert "development" in name["query_form"].split()
    assert not name.get("unmatched_query")
    assert match.score >= 0.95  # 0.67 before: 发展 read "fa zhan", two distinctive words


def test_a_pinyin_listing_meets_the_chinese_name(sdn: Screener) -> None:
    # the CSL writes METI 473 (銳元科技有限公司, Sharp Edge Engineering) in pinyin word for word
    result = sdn.compare("銳元科技有限公司", "RUIYUAN KEJI YOUXIAN GONGSI")
    assert result["score"] >= 0.9, result


@pytest.mark.slow
def test_the_latin_name_is_not_crowded_out_by_han_names_of_the_same_place(
    snapshot_entities: list[Entity],
) -> None:
    # METI 498, Beijing Tianhai Industry Co., Ltd., with its Chinese name held out of the
    # bundled snapshot: the Chinese names of the other Beijing entries (北京航天自動控制研究所,
    # 北京航空航天大学 ...), read syllable by syllable, share the place's syllables and
    # outranked its Latin name in retrieval, so it was not scored at all
    han = re.compile(r"[\u3400-\u9fff]")
    held = [
        replace(e, names=[n for n in e.names if not han.search(n.value)])
        if e.id == "jp_meti_eul:498"
        else e
        for e in snapshot_entities
    ]
    screener = Screener.from_entities(held)
    matches = screener.screen(Query("北京天海工业有限公司"))
    assert matches and matches[0].entity_id == "jp_meti_eul:498", matches
    assert matches[0].score >= screener.threshold

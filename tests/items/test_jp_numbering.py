"""Japan's own numbering (data/controls/jp_numbering.yaml): Appended Table 1 row and item and the
ministerial-ordinance article on every entry of a Japanese result, 'unmapped' where no source
establishes it, and each mapping's quoted wording found in that very row and item of the Order."""

from __future__ import annotations

import os
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from tradeguard.items import classify
from tradeguard.items.classifier import knowledge_base
from tradeguard.items.kb import _kanji
from tradeguard.items.kb_load import CONTROLS_DIR

ORDER = "jp/324CO0000000378_20260214_507CO0000000376.xml"
DOC = yaml.safe_load((CONTROLS_DIR / "jp_numbering.yaml").read_text("utf-8"))


@pytest.mark.parametrize(
    ("kwargs", "label", "article"),
    [
        ({"cas": "7664-39-3"}, "3の項（一）", "貨物等省令第2条"),
        ({"description": "EUV photoresist"}, "7の項（十九）", "貨物等省令第6条"),
        ({"description": "phosphine 6N", "cas": "7803-51-2"}, "7の項（二十一）", "貨物等省令第6条"),
        ({"description": "fluorinated polyimide resin"}, "5の項（十七）", "貨物等省令第4条"),
        ({"cas": "7789-20-0"}, "2の項（三）", "貨物等省令第1条"),
    ],
)
def test_japanese_results_carry_japan_numbering(
    kwargs: dict[str, str], label: str, article: str
) -> None:
    entry = classify(**kwargs, jurisdiction="JP").entries[0]  # type: ignore[arg-type]
    assert entry.jp is not None
    assert entry.jp["label_ja"] == label
    assert entry.jp["article"] == article
    assert entry.jp["source"]
    assert entry.to_dict()["jp"] == entry.jp


def test_unmapped_is_said_not_guessed() -> None:
    result = classify(cas="7790-91-2", jurisdiction="JP")  # ClF3, 1C238: no item names it
    assert result.entries[0].jp == {
        "status": "unmapped",
        "why": "no correspondence established from the Order's wording or a published table",
    }


def test_every_entry_of_a_japanese_result_is_numbered_or_unmapped() -> None:
    for kwargs in ({"hs": "370790"}, {"description": "hydrogen fluoride"}, {"hs": "381800"}):
        for entry in classify(**kwargs, jurisdiction="JP").entries:  # type: ignore[arg-type]
            assert entry.jp is not None and entry.jp["status"] in ("mapped", "unmapped")
    assert "jp" not in classify(cas="7664-39-3").entries[0].to_dict()


def test_kanji_item_numbers() -> None:
    assert [_kanji(n) for n in ("1", "10", "17", "21", "33")] == [
        "一",
        "十",
        "十七",
        "二十一",
        "三十三",
    ]


def _row_items(path: Path) -> dict[str, str]:
    root = ET.parse(path).getroot()
    for parent in root.iter():
        for child in list(parent):
            if child.tag == "Rt":
                parent.remove(child)
    table = next(root.iter("AppdxTable"))
    out: dict[str, str] = {}
    for row in table.iter("TableRow"):
        cols = row.findall("TableColumn")
        if len(cols) >= 2:
            out[unicodedata.normalize("NFKC", "".join(cols[0].itertext()).strip())] = "".join(
                cols[1].itertext()
            )
    return out


_ROW_KANJI = {"2": "二", "3": "三", "5": "五", "7": "七"}


@pytest.mark.skipif(
    not os.environ.get("TRADEGUARD_DATA_DIR"), reason="TRADEGUARD_DATA_DIR is not set"
)
def test_mapped_wording_is_in_that_row_and_item_of_the_order() -> None:
    path = Path(os.environ["TRADEGUARD_DATA_DIR"]) / "control" / ORDER
    if not path.is_file():
        pytest.skip(f"{ORDER} is not in TRADEGUARD_DATA_DIR")
    rows = _row_items(path)
    for m in DOC["mappings"]:
        text = rows[_ROW_KANJI[m["row"]]]
        wanted = f"（{_kanji(m['item'])}）"
        item = next(line for line in map(str.strip, text.splitlines()) if line.startswith(wanted))
        quote = m["quote"]["text"].removeprefix(f"（{_kanji(m['item'])}）").strip()
        assert quote.replace("\u3000", "") in item.replace("\u3000", ""), m["codes"]
        for code in m["codes"]:
            assert code in knowledge_base().entries

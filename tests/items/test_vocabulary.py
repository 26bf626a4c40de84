"""The multilingual vocabulary (data/controls/vocabulary_ja_ko_zh.yaml): every term leads to
its entries, Japanese, Korean and Chinese descriptions are read, and the terms quoted from
Japan's Export Trade Control Order are found in the Order (when the shared texts are there)."""

from __future__ import annotations

import os
import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.items import classify
from tradeguard.items.classifier import knowledge_base
from tradeguard.items.kb_load import CONTROLS_DIR
from tradeguard.items.naming import gloss

VOCABULARY = yaml.safe_load((CONTROLS_DIR / "vocabulary_ja_ko_zh.yaml").read_text("utf-8"))
TERMS = [
    (t["text"], t["lang"], t["source"], c["en"], tuple(c.get("entries", ())))
    for c in VOCABULARY["vocabulary"]
    for t in c["terms"]
]
ORDER = "jp/324CO0000000378_20260214_507CO0000000376.xml"


@pytest.mark.parametrize(
    ("text", "lang", "source", "en", "entries"), TERMS, ids=[t[0] for t in TERMS]
)
def test_term_leads_to_its_entries(
    text: str, lang: str, source: str, en: str, entries: tuple[str, ...]
) -> None:
    assert source.strip()
    assert lang in ("ja", "ko", "zh")
    found = [t.en for t in gloss(knowledge_base(), text)]
    assert en in found
    # every entry in play (a heading's paragraphs, 2B001.b.* and 2B201.a.*, may be many)
    codes = [e.code for e in classify(text).entries]
    for code in entries:
        assert any(
            c == code or c.startswith(code + ".") or code.startswith(c + ".") for c in codes
        ), (
            text,
            codes,
        )


def test_longest_term_wins() -> None:
    kb = knowledge_base()
    assert [t.en for t in gloss(kb, "フッ化水素酸")] == ["hydrofluoric acid"]
    assert [t.en for t in gloss(kb, "フッ化ポリイミドワニス")] == ["fluorinated polyimide"]
    assert gloss(kb, "hydrogen fluoride") == []


def test_reading_is_reported() -> None:
    data = classify("無水フッ化水素 99.9%", cas="7664-39-3").to_dict()
    assert data["controlled"] is True
    assert data["read_as"] == ["フッ化水素 (ja) = hydrogen fluoride"]


def _order_text(path: Path) -> str:
    root = ET.parse(path).getroot()
    for parent in root.iter():
        for child in list(parent):
            if child.tag == "Rt":  # ruby readings (燐りん) are not part of the text
                parent.remove(child)
    return re.sub(r"\s+", "", "".join(root.itertext()))


@pytest.mark.skipif(
    not os.environ.get("TRADEGUARD_DATA_DIR"), reason="TRADEGUARD_DATA_DIR is not set"
)
def test_order_terms_are_in_the_order() -> None:
    path = Path(os.environ["TRADEGUARD_DATA_DIR"]) / "control" / ORDER
    if not path.is_file():
        pytest.skip(f"{ORDER} is not in TRADEGUARD_DATA_DIR")
    text = unicodedata.normalize("NFKC", _order_text(path))
    quoted = [t for t in TERMS if t[2].startswith("Order 別表第一") and "written with" not in t[2]]
    assert len(quoted) >= 6
    for term, *_ in quoted:
        assert term in text, term


_PIECES = st.sampled_from([t[0] for t in TERMS] + ["25%", " ", "ワニス", "film", "、", "純度"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=5)), max_size=6))
def test_gloss_finds_only_terms_present_and_never_overlapping(parts: list[str]) -> None:
    text = "".join(parts)
    found = gloss(knowledge_base(), text)
    normalised = unicodedata.normalize("NFKC", text).lower()
    rest = normalised
    for term in found:
        assert term.text in normalised
        start = rest.find(term.text)
        assert start >= 0  # each term is found outside the text the earlier ones took
        rest = rest[:start] + "\0" * len(term.text) + rest[start + len(term.text) :]

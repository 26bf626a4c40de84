"""What a description names (tradeguard/items/naming.py, one index of the knowledge base's
names): whole English phrases of an entry's synonyms or chemical names, longest first;
vocabulary terms that name their entries, not the broader ones; and the part of a description
left unread."""

from __future__ import annotations

import pytest

from tradeguard.items import classify
from tradeguard.items.classifier import item_names, knowledge_base
from tradeguard.items.naming import gloss, unread_text


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("5-axis machining centres for export", {"2B001", "2B201"}),
        ("e-beam resist", {"3C002.b"}),  # the longest phrase, not every resist of 3C002
        ("hydrogen fluoride 55 %", {"1C350.24"}),
        ("green tea", set()),  # TEA (1C350.46) is a short code, not a phrase
        ("heat resistant paint", set()),
    ],
)
def test_english_phrases(text: str, named: set[str]) -> None:
    assert set(item_names().find(text).named) == named


def test_broader_terms_only_suggest() -> None:
    kb = knowledge_base()
    for text in ("ポリイミドフィルム", "黒鉛電極", "선반"):
        assert gloss(kb, text) and not item_names().find(text).named, text
    assert set(item_names().find("CNC선반").named) == {
        "2B001",
        "2B201.c",
    }


def test_every_term_leads_to_known_entries() -> None:
    kb = knowledge_base()
    assert all(t.entries for t in kb.terms)
    assert all(code in kb.entries for t in kb.terms for code in t.entries)


def test_unread_text() -> None:
    kb = knowledge_base()
    assert unread_text("5軸マシニングセンタ", gloss(kb, "5軸マシニングセンタ")) == ["軸"]
    assert unread_text("CNC lathe 10 µm", []) == []
    assert classify("ボールペン").unread == ["ボールペン"]
    assert classify("フッ化水素").unread == []

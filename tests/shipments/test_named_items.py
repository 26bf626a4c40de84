"""A description that names a controlled kind of item is an open classification question, in
any language the vocabulary reads: a 5-axis machining centre or a CNC lathe written in Japanese,
Korean or Chinese (no HS code) from Japan to China was CLEAR, as were hydrogen fluoride in the
three languages; each is now a review naming the entries (hydrogen fluoride named in English
is decided as 1C350.24, as by its CAS number). A description the classifier cannot
read, with no HS code or CAS number, is a review too, never a silent CLEAR."""

from __future__ import annotations

from typing import Any

import pytest

from tests.shipments.builders import jp_to_cn
from tradeguard.shipments import Evaluator


def shipment(description: str, **extra: Any) -> Any:
    return jp_to_cn({"description": description, **extra})


# the paragraphs of 2B001 and 2B201 left open (a review names up to five)
MACHINING_CENTRE = ["2B001.b", "2B201.a"]  # milling: its paragraphs of both
LATHE = ["2B001.a.1", "2B001.a.2", "2B201.c"]
MACHINE_TOOL = ["2B001", "2B201"]  # the kind not read (旋盤, 车床: "lathe"): any paragraph
HF = ["1C350.24"]
RESIST = ["3C002.a.1", "3C002.a.2"]
POLYIMIDE = ["1C009.b"]


@pytest.mark.parametrize(
    ("description", "entries"),
    [
        ("5-axis machining centre", MACHINING_CENTRE),
        ("5軸マシニングセンタ", MACHINING_CENTRE),
        ("5축 머시닝센터", MACHINING_CENTRE),
        ("五轴加工中心", MACHINING_CENTRE),
        ("CNC lathe", LATHE),
        ("CNC 선반", LATHE),
        ("数控车床", LATHE),
        ("NC旋盤", MACHINE_TOOL),
        ("フッ化水素", HF),
        ("불화수소", HF),
        ("氟化氢", HF),
        ("フォトレジスト", RESIST),
        ("포토레지스트", RESIST),
        ("光刻胶", RESIST),
        ("フッ素化ポリイミド", POLYIMIDE),
        ("불소화 폴리이미드", POLYIMIDE),
    ],
)
def test_a_named_controlled_item_is_a_review(
    classifying_evaluator: Evaluator, description: str, entries: list[str]
) -> None:
    decision = classifying_evaluator.evaluate(shipment(description))
    assert decision.verdict == "REVIEW", decision.reasons
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    if entries is MACHINE_TOOL or entries is MACHINING_CENTRE:
        assert reason.evidence["entries"]
        assert all(c.startswith(tuple(entries)) for c in reason.evidence["entries"])
        return
    assert sorted(reason.evidence["entries"]) == sorted(entries)


def test_a_chemical_named_in_english_is_decided_as_by_its_cas_number(
    classifying_evaluator: Evaluator,
) -> None:
    # an English name that names the chemical outright decides it (tests/items/
    # test_naming_decides.py); the vocabulary terms above open it
    named = classifying_evaluator.evaluate(shipment("hydrogen fluoride"))
    given = classifying_evaluator.evaluate(shipment("hydrogen fluoride", cas="7664-39-3"))
    assert named.verdict == given.verdict == "LICENCE_REQUIRED", named.reasons


def test_the_named_chemical_asks_for_its_cas_number(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(shipment("フッ化水素"))
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    assert reason.evidence["missing_parameters"] == ["cas"]
    given = classifying_evaluator.evaluate(shipment("フッ化水素", cas="7664-39-3"))
    assert given.verdict == "LICENCE_REQUIRED"


def test_an_unread_description_is_not_cleared_silently(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(shipment("ボールペン"))
    assert decision.verdict == "REVIEW"
    [reason] = [r for r in decision.reasons if r.code == "DESCRIPTION_NOT_READ"]
    assert reason.evidence["unread"] == ["ボールペン"]
    # an HS code gives the classification something to go by; English is read
    assert classifying_evaluator.evaluate(shipment("ボールペン", hs="960810")).verdict == "CLEAR"
    assert classifying_evaluator.evaluate(shipment("ballpoint pen")).verdict == "CLEAR"


@pytest.mark.parametrize("description", ["green tea", "HF radio transceiver", "kitchen shelf 선반"])
def test_short_codes_and_broader_words_do_not_name_an_entry(
    classifying_evaluator: Evaluator, description: str
) -> None:
    decision = classifying_evaluator.evaluate(shipment(description, hs="090210"))
    # nothing is named; what the words still suggest (a radio transceiver: 5A001) is a review
    # (tests/shipments/test_suggested_goods.py), never an entry named by HF or 선반
    assert not [e for e in decision.items[0].entries if e.status != "suggestion"]
    assert "1C350.24" not in {e.code for e in decision.items[0].entries}

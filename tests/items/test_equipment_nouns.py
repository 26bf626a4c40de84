"""Equipment named for a listed material is not the material (data/controls/
equipment_nouns.yaml, tradeguard/items/naming.py): a Japanese export to China of a "hydrogen
fluoride scrubber", an "HF gas detector" or "HF etching equipment", in English, Japanese,
Korean or Chinese, was read as hydrogen fluoride itself (1C350.24 decided, LICENCE_REQUIRED, or
opened asking for a CAS number); each is now a review suggesting the equipment's entries (2B350
chemical manufacturing equipment, 2B351 toxic gas monitors and detectors, 3B001/3B501
semiconductor etching equipment). Hydrogen fluoride itself is decided as before: 99.9 % needs a
licence, 25 % is below the 1C350 Note 3 threshold (more than 30 %) and clear."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
import yaml

from tests.items.test_vocabulary import ORDER, _order_text
from tests.shipments.builders import SMALL_LOT, jp_to_cn
from tradeguard.items import classify
from tradeguard.items.entry_names import words
from tradeguard.items.kb_load import CONTROLS_DIR
from tradeguard.shipments import Evaluator

EQUIPMENT = yaml.safe_load((CONTROLS_DIR / "equipment_nouns.yaml").read_text("utf-8"))

#: (description, the entry the equipment is suggested under)
NAMED_FOR_HF = [
    ("hydrogen fluoride scrubber", "2B350"),
    ("HF scrubber", "2B350"),
    ("scrubber for hydrogen fluoride", "2B350"),
    ("フッ化水素スクラバー", "2B350"),
    ("불화수소 스크러버", "2B350"),
    ("氟化氢洗涤塔", "2B350"),
    ("hydrogen fluoride gas detector", "2B351"),
    ("HF gas detector", "2B351"),
    ("フッ化水素ガス検知器", "2B351"),
    ("불화수소 가스 감지기", "2B351"),
    ("氟化氢气体检测仪", "2B351"),
    ("HF etching equipment", "3B001"),
    ("hydrogen fluoride etching equipment", "3B001"),
    ("フッ化水素エッチング装置", "3B001"),
    ("불화수소 식각 장비", "3B001"),
    ("氟化氢蚀刻设备", "3B001"),
]


def shipment(description: str) -> object:
    return jp_to_cn(
        {"description": description},
        date="2025-06-01",
        exporter=("Morita Chemical Trading", "Osaka"),
        consignee=("Shenzhen Etch Materials", "Shenzhen"),
        end_use="semiconductor manufacturing",
        lot=SMALL_LOT,
    )


@pytest.mark.parametrize(("description", "entry"), NAMED_FOR_HF)
def test_equipment_for_hydrogen_fluoride_is_not_hydrogen_fluoride(
    description: str, entry: str
) -> None:
    result = classify(description, jurisdiction="JP")
    assert result.controlled is None
    assert "1C350.24" not in {e.code for e in result.entries}
    assert not [e for e in result.entries if e.status in ("controlled", "undecided")]
    suggested = next(e for e in result.entries if e.code == entry)
    assert "equipment" in suggested.matched_by
    assert "names equipment for a listed material" in suggested.why
    assert "cas" not in result.missing_parameters


@pytest.mark.parametrize(("description", "entry"), NAMED_FOR_HF)
def test_a_shipment_of_the_equipment_is_a_review_naming_its_entries(
    classifying_evaluator: Evaluator, description: str, entry: str
) -> None:
    decision = classifying_evaluator.evaluate(shipment(description))
    assert decision.verdict == "REVIEW", decision.reasons
    assert decision.items[0].controlled is None
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    assert entry in reason.evidence["entries"]
    assert "1C350.24" not in reason.evidence["entries"]


@pytest.mark.parametrize(
    "description",
    [
        "Hydrogen fluoride anhydrous 99.9%",
        "hydrogen fluoride 99.9% in cylinders",
        "Hydrogen fluoride anhydrous 99.9%, for etching equipment",
        "hydrogen fluoride 99.9% for scrubber systems",
    ],
)
def test_hydrogen_fluoride_itself_needs_a_licence(
    classifying_evaluator: Evaluator, description: str
) -> None:
    """The chemical named with its container or with the equipment it is for is the chemical."""
    decision = classifying_evaluator.evaluate(shipment(description))
    assert decision.verdict == "LICENCE_REQUIRED", decision.reasons
    assert "1C350.24" in [e.code for e in decision.items[0].entries if e.status == "controlled"]


def test_hydrogen_fluoride_below_the_mixture_threshold_is_clear(
    classifying_evaluator: Evaluator,
) -> None:
    decision = classifying_evaluator.evaluate(shipment("Hydrogen fluoride 25%"))
    assert decision.verdict == "CLEAR", decision.reasons
    assert decision.items[0].controlled is False


@pytest.mark.parametrize(
    "description", ["スクラバー用フッ化水素", "스크러버용 불화수소", "フッ化水素とスクラバー"]
)
def test_a_chemical_for_equipment_stays_the_chemical(description: str) -> None:
    """用 / 용 ("for") after the noun, or と ("and"): the chemical is named, and open."""
    result = classify(description)
    assert next(e.status for e in result.entries if e.code == "1C350.24") == "undecided"


def test_equipment_with_an_entry_of_its_own_is_that_entry() -> None:
    """'heavy water production plant' is 0B004 (heavy water plants), not heavy water."""
    result = classify("heavy water production plant")
    codes = {e.code: e.status for e in result.entries}
    assert codes["0B004"] == "undecided"
    assert "0C003" not in codes
    assert "2B350" not in codes


def test_a_short_code_is_read_only_in_capitals_next_to_the_noun() -> None:
    assert "2B350" in {e.code for e in classify("HF scrubber").entries}
    assert "2B350" not in {e.code for e in classify("hf scrubber").entries}
    assert "2B350" not in {e.code for e in classify("HF radio scrubber").entries}


def _records() -> list[dict[str, object]]:
    return list(EQUIPMENT["equipment"])


ANNEX = "eu/annex_i_en_2025-11.json"
needs_data = pytest.mark.skipif(
    not os.environ.get("TRADEGUARD_DATA_DIR"), reason="TRADEGUARD_DATA_DIR is not set"
)


def _shared(name: str) -> Path:
    path = Path(os.environ["TRADEGUARD_DATA_DIR"]) / "control" / name
    if not path.is_file():
        pytest.skip(f"{name} is not in TRADEGUARD_DATA_DIR")
    return path


@needs_data
@pytest.mark.parametrize("record", _records(), ids=lambda r: str(r["en"][0]))  # type: ignore[index]
def test_each_noun_stands_for_words_of_its_entries(record: dict[str, object]) -> None:
    """The basis quoted is the entries' own text (the parsed Annex I), and a noun not marked
    unverified is made of words of its entries' title and text."""
    annex = json.loads(_shared(ANNEX).read_text("utf-8"))["entries"]
    codes = record["entries"]
    assert isinstance(codes, list) and codes
    # an entry's records: the parse files the text after a note under pseudo-codes of its own
    text = " ".join(
        " ".join(f"{e['label']} {e['full_content']}".split())
        for c in codes
        for e in annex
        if e["code"] == c or e["code"].startswith(c + ".")
    )
    quoted = re.findall(r"'(.*?)'(?:\s*\(|$)", str(record["basis"]))
    pieces = [p.strip() for q in quoted for p in q.split("...") if p.strip()]
    assert pieces
    for piece in pieces:
        assert piece in text, piece
    if record.get("verified", True):
        own = set(words(text))
        for noun in record["en"]:  # type: ignore[attr-defined]
            assert set(words(noun)) <= own, noun
    for term in record["terms"]:  # type: ignore[attr-defined]
        assert term["lang"] in ("ja", "ko", "zh") and term["source"].strip()


@needs_data
def test_order_words_are_in_the_order() -> None:
    text = unicodedata.normalize("NFKC", _order_text(_shared(ORDER)))
    quoted = [
        t["text"]
        for r in _records()
        for t in r["terms"]  # type: ignore[attr-defined]
        if t["source"].startswith("Order 別表第一")
    ]
    assert len(quoted) >= 8
    for term in quoted:
        assert term in text, term

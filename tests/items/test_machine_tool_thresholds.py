"""Machine tools against the thresholds of 2B001 and 2B201: the headings were open questions
("read the entry text") whatever the description said. Each paragraph is now an entry with its
thresholds (machine type, "unidirectional positioning repeatability", travel length, contouring
axes, contouring rotary axes, positioning accuracy): above a threshold the item is controlled
under the paragraph, below it the paragraph is not met, and a missing value is asked for by its
name. 2B201.a/.b and 2B001.d-.f are quoted from the parsed Annex I; 2B001.a-.c are not in it and
are marked not verified."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from tradeguard.items import classify
from tradeguard.items.classifier import knowledge_base
from tradeguard.items.kb_load import CONTROLS_DIR

ANNEX = "eu/annex_i_en_2025-11.json"
EXAMPLE = (
    "5-axis machining centre, unidirectional positioning repeatability 0.9 µm, 3 contouring axes"
)


def _statuses(description: str, **kw: object) -> tuple[bool | None, dict[str, str], list[str]]:
    result = classify(description, **kw)  # type: ignore[arg-type]
    return result.controlled, {e.code: e.status for e in result.entries}, result.missing_parameters


def test_the_example_is_not_2b001_and_asks_what_decides_2b201() -> None:
    """Three contouring axes: neither 2B001.b.1 (three linear plus one rotary) nor b.2 (five);
    a repeatability says nothing of 2B201.a's positioning accuracy, which is asked for."""
    controlled, status, missing = _statuses(EXAMPLE)
    assert controlled is None
    assert all(s == "not_controlled" for c, s in status.items() if c.startswith("2B001"))
    assert status["2B201.a.3"] == "not_controlled"
    assert status["2B201.a.1"] == status["2B201.a.2"] == "undecided"
    assert missing == ["positioning_accuracy_um", "contouring_rotary_axes"] or sorted(missing) == [
        "contouring_rotary_axes",
        "positioning_accuracy_um",
    ]


@pytest.mark.parametrize(
    ("description", "code"),
    [
        # 2B001.b.2: five contouring axes, 0.9 µm or better whatever the travel length
        (
            "machining centre, 5 simultaneous axes, unidirectional positioning repeatability 0.8 µm",
            "2B001.b.2.a",
        ),
        # 1.4 µm or better with a travel of 1 m or more
        (
            "vertical machining centre, 5 contouring axes, positioning repeatability 1.3 um, travel 1500 mm",
            "2B001.b.2.b",
        ),
        # 2B001.a: a lathe with two contouring axes
        (
            "CNC lathe, 2 contouring axes, unidirectional positioning repeatability 0.8 µm",
            "2B001.a.1",
        ),
        (
            "CNC lathe, 2 contouring axes, unidirectional positioning repeatability 1.0 µm, travel 1.2 m",
            "2B001.a.2",
        ),
        # 2B201.a.1 (NSG): positioning accuracy of 6 µm or better
        ("machining centre, 3 contouring axes, positioning accuracy 5 um", "2B201.a.1"),
        ("CNC grinder, 3 contouring axes, positioning accuracy 3 um", "2B201.b.1"),
    ],
)
def test_above_the_threshold_the_paragraph_is_met(description: str, code: str) -> None:
    controlled, status, _ = _statuses(description)
    assert controlled is True and status[code] == "controlled"


@pytest.mark.parametrize(
    "description",
    [
        # 1.2 µm with five axes needs a travel of 1 m or more: below 1 m it is not b.2
        "machining centre, 5 simultaneous axes, positioning repeatability 1.2 um, travel 800 mm, "
        "positioning accuracy 8 um, 2 contouring rotary axes",
        "3-axis machining centre, 3 contouring axes, positioning accuracy 8 um, "
        "positioning repeatability 2 um, 0 contouring rotary axes",
    ],
)
def test_2b001_below_the_threshold(description: str) -> None:
    controlled, status, _ = _statuses(description)
    assert all(s == "not_controlled" for c, s in status.items() if c.startswith("2B001"))
    if "0 contouring rotary axes" in description:
        assert controlled is False


def test_a_missing_travel_length_is_asked_only_where_it_decides() -> None:
    """1.2 µm with five contouring axes meets 2B001.b.2.b only with a travel of 1 m or more:
    the travel length is asked for there; 0.7 µm meets b.2.a whatever it is. (Five contouring
    axes are 2B201.a.3 all the same.)"""
    result = classify("machining centre, 5 simultaneous axes, positioning repeatability 1.2 um")
    entries = {e.code: e for e in result.entries}  # controlled and undecided come first
    assert entries.get("2B001.b.2.a") is None or entries["2B001.b.2.a"].status == "not_controlled"
    assert entries["2B001.b.2.b"].status == "undecided"
    assert entries["2B001.b.2.b"].missing_parameters == ["travel_length_m"]
    assert entries["2B201.a.3"].status == "controlled"
    result = classify("machining centre, 5 simultaneous axes, positioning repeatability 0.7 um")
    assert {e.code: e.status for e in result.entries}["2B001.b.2.a"] == "controlled"


def test_explicit_contouring_axes_win_over_the_axes_a_machine_has() -> None:
    param = knowledge_base().params.params["contouring_axes"]
    assert param.from_text(EXAMPLE.lower()) == (3.0, "3 contouring axes")
    assert param.from_text("5-axis machining centre") is None  # the axes it has, not contouring
    axes = knowledge_base().params.params["axes"]
    assert axes.from_text("5-axis machining centre") == (5.0, "5-axis")


def _annex() -> dict[str, str]:
    path = Path(os.environ.get("TRADEGUARD_DATA_DIR", "")) / "control" / ANNEX
    if not path.is_file():
        pytest.skip(f"{ANNEX} is not in TRADEGUARD_DATA_DIR")
    entries = json.loads(path.read_text("utf-8"))["entries"]
    return {e["code"]: " ".join(f"{e['label']} {e['full_content']}".split()) for e in entries}


def test_quotes_are_the_parsed_annex_or_marked_not_verified() -> None:
    """2B201.a/.b, 2B201.c and 2B001.d-.f quote the parsed Annex I word for word; 2B001.a-.c are
    not in it and say so: their quote is the wording the title encodes, from a secondary source
    naming the gap (verified: false)."""
    annex = " ".join(_annex().values())
    doc = yaml.safe_load((CONTROLS_DIR / "machine_tools_2b.yaml").read_text("utf-8"))
    for record in doc["entries"]:
        quote = record["quote"]["text"]
        if record["verified"]:
            assert quote in annex, record["code"]
        else:
            assert record["code"][:7] in ("2B001.a", "2B001.b", "2B001.c")
            assert "in" not in record["quote"], record["code"]
            assert "not in the stored parse" in record["quote"]["secondary"]
            assert "not verified" in record["source"]
            assert quote in record["title"], record["code"]


def test_the_2b201_a_values_are_the_annex_values() -> None:
    text = _annex()["2B201"]
    assert "equal to or less (better) than 6 μm according to ISO 230-2:1988" in text
    assert "2. Two or more contouring rotary axes; or 3. Five or more axes" in text
    kb = knowledge_base()
    a1 = {c.param: c.value for c in kb.entries["2B201.a.1"].criteria}
    assert a1["positioning_accuracy_um"] == 6.0
    b1 = {c.param: c.value for c in kb.entries["2B201.b.1"].criteria}
    assert b1["positioning_accuracy_um"] == 4.0

"""Parameters read from item descriptions, from a trial's findings: a buffered oxide etchant
"(NH4F 40%, HF 6%)" given with hydrogen fluoride's CAS number was controlled under 1C350.24 as
"the chemical itself (no concentration given)"; each percentage now belongs to the chemical
written next to it, hydrogen fluoride at 6 % is below the 1C350 Note 3 threshold (more than
30 %), and values that cannot be told apart leave the entry undecided. An e-beam resist's
sensitivity in uC/mm2 is read; a photoresist stripper or thinner is not a resist; a 5-axis
machining centre is not asked for the diameter a lathe can turn (2B201.c)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from tests.shipments.builders import jp_to_cn
from tradeguard.items import classify
from tradeguard.items.classifier import knowledge_base
from tradeguard.items.kb_load import CONTROLS_DIR
from tradeguard.items.shares import share_of
from tradeguard.shipments import Evaluator

HF = "7664-39-3"
ANNEX = "eu/annex_i_en_2025-11.json"
needs_data = pytest.mark.skipif(
    not os.environ.get("TRADEGUARD_DATA_DIR"), reason="TRADEGUARD_DATA_DIR is not set"
)


def _annex() -> dict[str, str]:
    path = Path(os.environ["TRADEGUARD_DATA_DIR"]) / "control" / ANNEX
    if not path.is_file():
        pytest.skip(f"{ANNEX} is not in TRADEGUARD_DATA_DIR")
    entries = json.loads(path.read_text("utf-8"))["entries"]
    return {e["code"]: " ".join(f"{e['label']} {e['full_content']}".split()) for e in entries}


def _hf(description: str, **kw: object) -> dict[str, object]:
    data = classify(description, cas=HF, **kw).to_dict()  # type: ignore[arg-type]
    [entry] = [e for e in data["entries"] if e["code"] == "1C350.24"]
    return {"controlled": data["controlled"], **entry}


@pytest.mark.parametrize(
    ("description", "read"),
    [
        ("Buffered oxide etchant (NH4F 40%, HF 6%)", "hf 6%"),
        ("Hydrofluoric acid 6%, ammonium fluoride 40%", "hydrofluoric acid 6%"),
        ("BOE 6:1, ammonium fluoride 34%, hydrofluoric acid 7%", "hydrofluoric acid 7%"),
        ("40% NH4F, 6% HF", "hf 6%"),
        ("フッ化アンモニウム40%、フッ化水素酸6%", "フッ化水素酸 6%"),
    ],
)
def test_the_share_written_next_to_the_chemical_decides(description: str, read: str) -> None:
    got = _hf(description)
    assert got["controlled"] is False and got["status"] == "not_controlled"
    assert f"'{read}'" in str(got["why"])
    assert "no concentration given" not in str(got["why"])


@pytest.mark.parametrize(
    "description",
    ["NH4F 40%", "HF 6%, HF 49%", "Etchant 49%", "ammonium fluoride 40%, 6%", "water 45%"],
)
def test_a_share_that_cannot_be_told_leaves_the_entry_undecided(description: str) -> None:
    got = _hf(description)
    assert got["controlled"] is None and got["status"] == "undecided"
    assert got["missing_parameters"] == ["concentration_pct"]
    assert "no concentration given" not in str(got["why"])


@pytest.mark.parametrize(
    ("description", "controlled"),
    [
        ("Hydrofluoric acid 49%", True),
        ("Hydrogen fluoride, anhydrous, 99.99 %", True),
        ("hydrofluoric acid 55%, water 45%", True),
        ("불산 49%", True),
        ("Hydrofluoric acid 25% solution", False),
        ("aqueous solution 25%", False),
        # a share next to water is read, and water's is not the chemical's
        ("HF 25% in water", False),
        ("Hydrofluoric acid 48 wt. % in H2O, >=99.99% trace metals basis", True),
    ],
)
def test_one_share_is_still_read(description: str, controlled: bool) -> None:
    got = _hf(description)
    assert got["controlled"] is controlled
    assert "no concentration given" not in str(got["why"])


@pytest.mark.parametrize(
    ("description", "controlled"),
    [
        ("Hydrofluoric acid 49,5 %", True),
        ("HF 49,5 wt%", True),
        ("Hydrofluoric acid 0,5 %", False),
        ("NH4F 40,0 %, HF 6,0 %", False),
    ],
)
def test_a_decimal_comma_is_read(description: str, controlled: bool) -> None:
    """ "49,5 %" was read as 5 %: hydrogen fluoride at 49.5 % was not controlled."""
    got = _hf(description)
    assert got["controlled"] is controlled
    assert "concentration 5 %" not in str(got["why"])


def test_a_decimal_comma_in_a_fluorine_content_and_a_purity() -> None:
    polyimide = classify("fluorinated polyimide resin, fluorine content 12,5%").to_dict()
    assert polyimide["controlled"] is True
    assert classify("arsine, purity 99,9999 %", cas="7784-42-1").controlled is True


def test_a_given_concentration_wins_over_the_text() -> None:
    got = _hf("Buffered oxide etchant (NH4F 40%, HF 6%)", params={"concentration_pct": "45"})
    assert got["controlled"] is True


def test_hydrogen_fluoride_without_a_share_is_the_chemical() -> None:
    got = _hf("Hydrogen fluoride, 25 kg cylinder, purity 99.9%")
    assert got["controlled"] is True
    kb = knowledge_base()
    share = share_of(kb, kb.entries["1C350.24"], "hydrogen fluoride, purity 99.9%")
    assert share.value is None and not share.unclear


@needs_data
def test_the_threshold_is_the_annex_note() -> None:
    """1C350.24 is not among the positions of Notes 1 and 2 (the parse keeps their lists), so
    Note 3's "more than 30 % by the weight of the mixture" applies: 6 % is far below it."""
    text = _annex()["1C350"]
    listed = re.search(r"Note 1:.*?entries (1C350\.1,.*?) in which", text)
    assert listed is not None
    positions = re.findall(r"\.(\d+)", listed.group(1))
    assert "1" in positions and "65" in positions and "24" not in positions
    assert "no individually specified chemical constitutes more than 30 % by the weight" in text
    rule = knowledge_base().mixture_rules[("1C350-note3", "EU")]
    assert [(c.op, c.value) for c in rule.cases] == [("gt", 30.0)]


@needs_data
@pytest.mark.parametrize(
    ("description", "status"),
    [
        ("Electron beam resist, sensitivity 0.005 uC/mm2", "controlled"),
        ("Electron beam resist, sensitivity 0.005 µC/mm²", "controlled"),
        ("Electron beam resist, sensitivity 0.005 μC/mm²", "controlled"),
        ("Electron beam resist, 0.01 microcoulomb/mm2", "controlled"),
        ("Electron beam resist, dose 0.5 µC/cm²", "controlled"),
        ("Electron beam resist, sensitivity 0.02 uC/mm2", "not_controlled"),
        ("electron beam resist, 0,01 μcoulomb/mm2 or better", "controlled"),
        ("electron beam resist, 0,05 μC/mm2", "not_controlled"),
        ("electron beam resist, sensitivity 1,000 uC/mm2", "undecided"),
    ],
)
def test_the_sensitivity_is_read(description: str, status: str) -> None:
    """The unit 3C002.b writes ("0,01 μcoulomb/mm2", a decimal comma) and the ways a data sheet
    writes it; a comma before exactly three digits may be a thousands separator: not read, the
    entry stays open asking for the sensitivity."""
    assert "0,01 μcoulomb/mm2 or better" in _annex()["3C002"]
    data = classify(description).to_dict()
    [entry] = [e for e in data["entries"] if e["code"] == "3C002.b"]
    assert entry["status"] == status
    missing = "sensitivity_uc_per_mm2" in entry["missing_parameters"]
    assert missing is (status == "undecided")


@pytest.mark.parametrize(
    "description",
    [
        "Photoresist stripper",
        "Photoresist thinner (PGMEA)",
        "thinner for photoresist",
        "KrF photoresist developer",
        "resist remover",
        "レジスト剥離液",
        "포토레지스트 스트리퍼",
        "光刻胶剥离液",
    ],
)
def test_an_ancillary_product_is_not_a_resist(description: str) -> None:
    data = classify(description).to_dict()
    assert not [e for e in data["entries"] if e["code"].startswith("3C002")]
    assert data["missing_parameters"] == []


def test_the_resist_itself_is_still_read() -> None:
    data = classify("EUV photoresist").to_dict()
    assert data["controlled"] is True
    # an ancillary noun stops only its materials: an HF stripper is read as hydrogen fluoride
    assert _hf("HF stripper 49%")["controlled"] is True


@pytest.mark.parametrize(
    "description",
    ["5-axis machining centre", "5축 머시닝센터, 위치결정정밀도 3μm", "5軸マシニングセンタ"],
)
def test_a_machining_centre_is_not_asked_for_a_turning_diameter(description: str) -> None:
    data = classify(description, jurisdiction="JP").to_dict()
    open_codes = {e["code"] for e in data["entries"] if e["status"] == "undecided"}
    assert {"2B001.b.2.a", "2B201.a.1"} <= open_codes and "2B201.c" not in open_codes
    assert "machining_diameter_mm" not in data["missing_parameters"]
    # a lathe still is
    lathe = classify("CNC lathe, positioning accuracy 3 um", jurisdiction="JP").to_dict()
    assert "machining_diameter_mm" in lathe["missing_parameters"]


def test_a_review_names_what_decides_never_not_stated(classifying_evaluator: Evaluator) -> None:
    decision = classifying_evaluator.evaluate(
        jp_to_cn({"description": "5축 머시닝센터, 위치결정정밀도 3μm", "hs": "845710"})
    )
    [reason] = [r for r in decision.reasons if r.code == "CLASSIFICATION_INCOMPLETE"]
    assert "not stated" not in reason.message
    # the paragraphs of 2B001 and 2B201 name what decides them (3 um decides nothing of
    # 2B201.a.1 without the contouring axes of its heading)
    assert "missing parameters: contouring_axes" in reason.message
    assert reason.evidence["entries"][0] == "2B001.b.1.a"


@needs_data
def test_the_ancillary_nouns_quote_their_entry() -> None:
    """Each record quotes 3C002's own heading and applies to entries that exist."""
    doc = yaml.safe_load((CONTROLS_DIR / "ancillary_nouns.yaml").read_text("utf-8"))
    annex = _annex()
    kb = knowledge_base()
    for record in doc["ancillary"]:
        assert record["of"] and all(code in kb.entries for code in record["of"])
        quoted = re.match(r"""(\w+): '(.*)' \(""", record["basis"])
        assert quoted is not None
        for piece in quoted.group(2).split("..."):
            assert piece.strip() in annex[quoted.group(1)], piece
        assert record["verified"] is False
        for term in record["terms"]:
            assert term["lang"] in ("ja", "ko", "zh") and term["source"].strip()

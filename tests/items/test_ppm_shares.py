"""Gas mixtures given in parts per million: "HF 500 ppmv in N2" with hydrogen fluoride's CAS
number was controlled under 1C350.24 as "the chemical itself (no concentration given)", and
"1,000 ppm PH3 in N2" was not read at all. A share in ppm or ppb is now read as a concentration
with its basis: 1C350 Note 3 states its threshold "by the weight of the mixture", so a share by
volume is converted with the molar masses of the chemical and of the balance gas (or left
undecided, asking for the share by weight, when a molar mass is not known); 3C004's note states
"20% molar", which a share by volume of an ideal gas is."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tradeguard.items import classify
from tradeguard.items.classifier import knowledge_base

HF = "7664-39-3"
PH3 = "7803-51-2"
ANNEX = "eu/annex_i_en_2025-11.json"


def _entry(description: str, code: str, **kw: object) -> dict[str, object]:
    data = classify(description, **kw).to_dict()  # type: ignore[arg-type]
    [entry] = [e for e in data["entries"] if e["code"] == code]
    return {"controlled": data["controlled"], **entry}


@pytest.mark.skipif(not os.environ.get("TRADEGUARD_DATA_DIR"), reason="needs the Annex I text")
def test_the_1c350_threshold_is_by_weight() -> None:
    """The Annex I wording the conversion rests on: a share of the weight of the mixture."""
    path = Path(os.environ["TRADEGUARD_DATA_DIR"]) / "control" / ANNEX
    if not path.is_file():
        pytest.skip(f"{ANNEX} is not in TRADEGUARD_DATA_DIR")
    entries = json.loads(path.read_text("utf-8"))["entries"]
    text = " ".join(next(e["full_content"] for e in entries if e["code"] == "1C350").split())
    assert "no individually specified chemical constitutes more than 30 % by the weight" in text
    rule = knowledge_base().mixture_rules[("1C350-note3", "EU")]
    assert rule.basis == "weight" and "by weight" in rule.text


def test_hf_in_ppm_by_volume_is_converted_to_weight() -> None:
    got = _entry("HF 500 ppmv in N2", "1C350.24", cas=HF)
    assert got["controlled"] is False and got["status"] == "not_controlled"
    why = str(got["why"])
    assert "'hf 500 ppmv'" in why and "0.05 % by volume is 0.03571 % by weight" in why
    assert "28.014 g/mol for the balance gas n2" in why and "no concentration given" not in why


@pytest.mark.parametrize(
    ("description", "controlled"),
    [
        # 50 % by volume of HF in N2 is 41.7 % by weight: above Note 3's 30 %
        ("Hydrogen fluoride 500,000 ppmv in nitrogen", True),
        # 40 % by volume in N2 is 32.3 % by weight
        ("HF 400000 ppm balance nitrogen", True),
        ("HF 300000 ppmv in N2", False),  # 23.4 % by weight
        ("HF 20 ppmw in water", False),
        ("HF 10 ppb in N2", False),
    ],
)
def test_the_share_by_weight_decides(description: str, controlled: bool) -> None:
    got = _entry(description, "1C350.24", cas=HF)
    assert got["controlled"] is controlled
    assert got["status"] == ("controlled" if controlled else "not_controlled")


def test_ppm_with_no_basis_takes_the_larger_reading() -> None:
    """No gas named and no basis written: read by weight, or by volume in hydrogen (the
    lightest balance gas, the largest share by weight); the larger is tested."""
    got = _entry("HF 500 ppm", "1C350.24", cas=HF)
    assert got["status"] == "not_controlled"
    assert "0.494 % by weight" in str(got["why"]) and "the larger taken" in str(got["why"])


def test_a_share_by_volume_of_a_chemical_without_a_molar_mass_is_undecided() -> None:
    got = _entry("ammonium hydrogen fluoride 500 ppmv in nitrogen", "1C350.42")
    assert got["controlled"] is None and got["status"] == "undecided"
    assert got["missing_parameters"] == ["concentration_pct"]
    assert "give concentration_pct by weight" in str(got["why"])


@pytest.mark.parametrize(
    ("description", "diluent"),
    [
        ("1,000 ppm PH3 in N2", "99.9"),
        ("phosphine 10 ppm balance nitrogen", "99.999"),
        ("PH3 500 ppmv in N2", "99.95"),
    ],
)
def test_a_hydride_in_ppm_is_excluded_by_the_3c004_note(description: str, diluent: str) -> None:
    """3C004: "This entry does not control hydrides containing 20% molar or more of inert gases
    or hydrogen" - a share in ppm of a gas is by volume, which is % molar for an ideal gas."""
    got = _entry(description, "3C004", cas=PH3)
    assert got["controlled"] is False and got["status"] == "not_controlled"
    assert f"diluent_mol_pct = {diluent} read from the description" in str(got["why"])


def test_a_thousands_separator_in_ppm_is_not_a_decimal_comma() -> None:
    """ "1,000 ppm" read as 1.000 ppm would give the same verdict here; the larger reading is
    taken all the same (it is the one nearer control)."""
    got = _entry("HF 100,000 ppmv in N2", "1C350.24", cas=HF)
    assert "10 % by volume is 7.352 % by weight" in str(got["why"])

"""The generated knowledge-base files are reproducible from the full published tables."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
import yaml

from tradeguard.items import get_entry
from tradeguard.items.kbbuild import DATA, _us_ccl, build_ag, build_annex_text, build_cwc

ROOT = os.environ.get("TRADEGUARD_DATA_DIR")
pytestmark = [
    pytest.mark.fulldata,
    pytest.mark.skipif(not ROOT, reason="TRADEGUARD_DATA_DIR is not set"),
]


def _committed(name: str) -> dict[str, object]:
    text = (DATA / "controls" / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)


def test_generated_files_match_the_sources() -> None:
    root = Path(str(ROOT))
    ccl = _us_ccl(root)
    ag = build_ag(root, ccl)
    assert json.loads(json.dumps(ag)) == _committed("ag_precursors_1c350.yaml")
    ag_cas = {c for e in ag["entries"] for c in e["cas"]}
    assert json.loads(json.dumps(build_cwc(root, ag_cas))) == _committed("cwc_1c450.yaml")
    assert build_annex_text(root, ccl) == _committed("annex_i_text.json")


def test_every_researched_precursor_row_is_encoded() -> None:
    rows = list(
        csv.DictReader((Path(str(ROOT)) / "control/ag_precursors.csv").open(encoding="utf-8"))
    )
    assert len(rows) == 90
    for pos, row in enumerate(rows, start=1):
        assert get_entry(f"1C350.{pos}").cas == (row["cas"],)

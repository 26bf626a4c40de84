"""The generated knowledge-base files are reproducible from the full published tables with the
build tool (tools/build_knowledge_base.py) and its tables (tools/data/)."""

from __future__ import annotations

import csv
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tradeguard.items import get_entry

ROOT = os.environ.get("TRADEGUARD_DATA_DIR")
pytestmark = [
    pytest.mark.fulldata,
    pytest.mark.skipif(not ROOT, reason="TRADEGUARD_DATA_DIR is not set"),
]


def _tool() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "tools" / "build_knowledge_base.py"
    spec = importlib.util.spec_from_file_location("build_knowledge_base", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_knowledge_base"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_files_match_the_sources() -> None:
    tool = _tool()
    files = tool.Builder(Path(str(ROOT))).files()
    assert len(files) == 4
    for path, content in files.items():
        assert path.read_bytes() == content, f"{path.name} differs from what the build writes"


def test_the_tables_refuse_a_bad_cas_number(tmp_path: Path) -> None:
    tool = _tool()
    text = tool.TABLES_FILE.read_text(encoding="utf-8")
    bad = tmp_path / "tables.yaml"
    bad.write_text(text.replace("7664-39-3:", "7664-39-4:", 1), encoding="utf-8")
    with pytest.raises(SystemExit, match=r"tables\.yaml: hs_by_cas: bad CAS checksum 7664-39-4"):
        tool.load_tables(bad)


def test_every_researched_precursor_row_is_encoded() -> None:
    rows = list(
        csv.DictReader((Path(str(ROOT)) / "control/ag_precursors.csv").open(encoding="utf-8"))
    )
    assert len(rows) == 90
    for pos, row in enumerate(rows, start=1):
        assert get_entry(f"1C350.{pos}").cas == (row["cas"],)


def test_an_entry_keeps_its_notes() -> None:
    """The parse cuts 2B001 at "Note 1:" and files the note under 2B001.a; the entry's text has it
    back (the decontrol of contact-lens lathes), and a note's CAS numbers stay out of its look-up."""
    text = get_entry("2B001").text
    assert (
        "Note 1: does not control turning machines specially designed for producing contact" in text
    )
    assert "Note 2: does not control grinding machine" in text
    tool = _tool()
    raws = [
        {"code": "9X001", "label": "Widgets", "full_content": "a. Blue; Note 1:"},
        {"code": "9X001.a", "label": "does not control red widgets", "full_content": "Note 2:"},
        {"code": "9X001.b", "label": "applies to (CAS 7664-39-3)", "full_content": ""},
        {"code": "9X002", "label": "Gadgets", "full_content": "Note:"},
        {"code": "9X003", "label": "Gizmos", "full_content": "a. Green"},
    ]
    assert tool.with_notes(raws, 0) == (
        "a. Blue; Note 1: does not control red widgets Note 2: applies to (CAS 7664-39-3)"
    )
    assert tool.with_notes(raws, 3) == "Note:"  # the next record is an entry, not a note
    assert tool.with_notes(raws, 4) == "a. Green"

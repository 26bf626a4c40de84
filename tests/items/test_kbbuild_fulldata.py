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

"""The packaged knowledge base: validity, coverage, and agreement with the published texts."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tradeguard.errors import InputError, NotFoundError
from tradeguard.items import get_entry, knowledge_base, knowledge_base_version
from tradeguard.items.cas import cas_is_valid
from tradeguard.items.kb_load import load_knowledge_base

FIXTURES = Path(__file__).parent.parent / "fixtures" / "items"


def _annex(code: str) -> str:
    doc = json.loads((FIXTURES / "annex_i-extract.json").read_text(encoding="utf-8"))
    return next(e["label"] + " " + e["full_content"] for e in doc["entries"] if e["code"] == code)


def _ccl(eccn: str) -> list[dict[str, str]]:
    doc = json.loads((FIXTURES / "ccl-extract.json").read_text(encoding="utf-8"))
    return next(e["items"] for e in doc["entries"] if e["eccn"] == eccn)


def test_every_record_has_source_dates_and_valid_identifiers() -> None:
    kb = knowledge_base()
    assert len(kb.entries) > 600
    for entry in kb.entries.values():
        assert entry.source and entry.effective_from, entry.code
        assert all(cas_is_valid(c) for c in entry.cas), entry.code
        assert entry.regimes and entry.title
    assert set(kb.files) >= {"ag_precursors_1c350.yaml", "semiconductor.yaml", "annex_i_text.json"}
    assert knowledge_base_version() == kb.version


def test_1c350_has_all_90_positions_matching_the_annex_text() -> None:
    text = _annex("1C350")
    for pos in range(1, 91):
        entry = get_entry(f"1C350.{pos}")
        (cas,) = entry.cas
        m = re.search(rf"(?:^|[;.:] ){pos}\. (.*?)\(CAS {re.escape(cas)}\)", text)
        assert m, f"1C350.{pos} {cas} not at that position in the Annex I text"


def test_1c350_us_paragraphs_match_the_ccl() -> None:
    listed = {}
    for item in _ccl("1C350"):
        m = re.search(r"C\.A\.S\. #([0-9-]+)", item["text"])
        if m and item["paragraph"]:
            listed[m.group(1)] = f"1C350.{item['paragraph']}"
    assert len(listed) == 84
    kb = knowledge_base()
    mapped = {e.cas[0]: e.national["US"].code for e in kb.leaves("1C350")}
    for cas, code in listed.items():
        assert mapped[cas] == code
    assert get_entry("1C350.24").national["US"].code == "1C350.d.15"


def test_notes_1_and_2_positions_are_those_of_the_annex() -> None:
    note = re.search(r"Note 1:.*?entries (.*?) in which", _annex("1C350"))
    assert note
    positions = {int(p) for p in re.findall(r"\.(\d+)", note.group(1))}
    kb = knowledge_base()
    with_note12 = {
        int(e.code.split(".")[1]) for e in kb.leaves("1C350") if e.mixture_rule == "1C350-note1-2"
    }
    assert with_note12 == positions


def test_semiconductor_thresholds_are_those_of_the_text() -> None:
    assert "10 % by weight or more of combined fluorine" in _annex("1C009")
    b = get_entry("1C009.b")
    assert [(c.param, c.op, c.value) for c in b.thresholds][:2] == [
        ("polymer_type", "eq", "polyimide"),
        ("fluorine_pct", "ge", 10),
    ]
    text = _annex("3C002")
    assert "less than 193 nm but equal to or greater than 15 nm" in text
    assert "less than 15 nm but greater than 1 nm" in text
    assert {
        c.op: c.value for c in get_entry("3C002.a.2").thresholds if c.param == "wavelength_nm"
    } == {"lt": 15, "gt": 1}
    assert "99,999 %" in _annex("3C004")


def test_get_entry_unknown_code() -> None:
    with pytest.raises(NotFoundError):
        get_entry("9Z999")


def test_every_annex_i_record_is_indexed() -> None:
    kb = knowledge_base()
    assert sum(1 for e in kb.entries.values() if e.file == "annex_i_text.json") >= 520
    assert get_entry("0B001").regimes == ("NSG Part 1",)
    assert get_entry("9A104").regimes == ("MTCR",)
    assert get_entry("1C350").family


def _copy_kb(tmp_path: Path) -> Path:
    src = Path(load_knowledge_base.__code__.co_filename).parent.parent / "data" / "controls"
    dst = tmp_path / "controls"
    dst.mkdir()
    for f in src.iterdir():
        (dst / f.name).write_bytes(f.read_bytes())
    return dst


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('"7803-51-2"', '"7803-51-3"', "fails its check digit"),
        ('hs: ["285000"]', 'hs: ["999998"]', "not in HS 2022"),
        ("param: purity_pct", "param: purity_ppb", "unknown parameter"),
        ('effective_from: "2025-11-15"', 'effective_from: "15/11/2025"', "not an ISO date"),
    ],
)
def test_a_bad_record_is_refused_with_its_code(
    tmp_path: Path, old: str, new: str, fragment: str
) -> None:
    dst = _copy_kb(tmp_path)
    path = dst / "semiconductor.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError, match=fragment) as exc:
        load_knowledge_base(dst)
    assert exc.value.source == "semiconductor.yaml"


def test_new_annex_entries_need_no_code_change(tmp_path: Path) -> None:
    dst = _copy_kb(tmp_path)
    (dst / "zz_extra.yaml").write_text(
        """meta: {version: "2026-01-01.1", covers: a test entry}
entries:
  - code: "6A005.x"
    title: Example laser entry
    regimes: [Wassenaar dual-use]
    source: test
    effective_from: "2026-01-01"
    hs: ["901320"]
    criteria:
      - {param: wavelength_nm, op: lt, value: 150}
overlays:
  - {code: "0C001", hs: ["261220"]}
""",
        encoding="utf-8",
    )
    kb = load_knowledge_base(dst)
    assert kb.by_hs["901320"] == ["6A005.x"]
    assert "0C001" in kb.by_hs["261220"]

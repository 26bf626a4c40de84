"""US licensing under the EAR: each ECCN's reasons for control with their Country Chart column
and paragraph scope (data/policy/us_ccl.json, built by tools/build_us_ccl.py from the CCL), and
"missing data is never no licence"."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.items import classify
from tradeguard.items.classifier import get_entry, knowledge_base
from tradeguard.policy import EntryFacts, ItemFacts, LicenceFacts, PolicyEngine, load_policy
from tradeguard.policy.reasons import Reason, verdict_of
from tradeguard.policy.us import UsScope, covers
from tradeguard.shipments import Evaluator, parse_shipment

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "us" / "ccl_extract.json"
ON = date(2026, 8, 1)


def _builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_us_ccl", ROOT / "tools" / "build_us_ccl.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_us_ccl"] = module
    spec.loader.exec_module(module)
    return module


BUILD = _builder()


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def us(engine: PolicyEngine, dest: str, *entries: EntryFacts) -> list[Reason]:
    return engine.licensing("US", dest, ItemFacts(line=1, entries=entries), [], ON)


HF = EntryFacts("1C350.24", ("Australia Group",), national_code="1C350.d.15")
PI = EntryFacts("1C009.b", ("Wassenaar dual-use",), national_code="1C009.b")
EUV = EntryFacts("3C002.a.2", ("Wassenaar dual-use",), national_code="3C002.a.2")

# FACTS.md §3.3, worked decision for the three materials (US rules): item, destination,
# expected code, the Country Chart column named, licence type.
WORKED = [
    (HF, "KR", "NO_LICENCE_NEEDED", None),
    (HF, "JP", "NO_LICENCE_NEEDED", None),
    (HF, "DE", "NO_LICENCE_NEEDED", None),
    (HF, "CN", "LICENCE_REQUIRED", "CB2"),
    (HF, "AE", "LICENCE_REQUIRED", "CB2"),
    (HF, "VN", "LICENCE_REQUIRED", "CB2"),
    (HF, "MY", "LICENCE_REQUIRED", "CB2"),
    (PI, "KR", "NO_LICENCE_NEEDED", None),
    (PI, "JP", "NO_LICENCE_NEEDED", None),
    (PI, "DE", "NO_LICENCE_NEEDED", None),
    (PI, "CN", "LICENCE_REQUIRED", "NS2"),
    (PI, "AE", "LICENCE_REQUIRED", "NS2"),
    (PI, "VN", "LICENCE_REQUIRED", "NS2"),
    (PI, "MY", "LICENCE_REQUIRED", "NS2"),
    (EUV, "KR", "NO_LICENCE_NEEDED", None),
    (EUV, "JP", "NO_LICENCE_NEEDED", None),
    (EUV, "DE", "NO_LICENCE_NEEDED", None),
    (EUV, "CN", "LICENCE_REQUIRED", "NS2"),
    (EUV, "AE", "LICENCE_REQUIRED", "NS2"),
    (EUV, "VN", "LICENCE_REQUIRED", "NS2"),
    (EUV, "MY", "LICENCE_REQUIRED", "NS2"),
]


@pytest.mark.parametrize(("entry", "dest", "code", "column"), WORKED)
def test_worked_decisions_of_facts_3_3(
    engine: PolicyEngine, entry: EntryFacts, dest: str, code: str, column: str | None
) -> None:
    reasons = us(engine, dest, entry)
    assert [r.code for r in reasons] == [code]
    reason = reasons[0]
    assert reason.legal_basis.startswith("15 C.F.R. 738.4(a)(2)")
    findings = reason.evidence["findings"]
    assert all(f["quote_in"] == "us/ccl.json" for f in findings)
    if column is None:
        assert verdict_of(reasons) == "CLEAR"
        # the columns read, none with an X: CB2 for HF, NS2/AT1 for the Wassenaar items
        assert {f["outcome"] for f in findings} == {"not_required"}
        return
    assert reason.evidence["reasons_for_control"] == [column]
    assert reason.evidence["licence_type_required"] == "individual"
    assert column in reason.message
    # CB1/NS1 are never named: a bare reason is not every column of the reason
    assert not {"CB1", "NS1"} & set(reason.evidence["reasons_for_control"])


@pytest.mark.parametrize("entry", [HF, PI, EUV])
def test_worked_decisions_to_north_korea(engine: PolicyEngine, entry: EntryFacts) -> None:
    # KP has no Country Chart row: the E:1 embargo (Part 746, 742.19) gives the licence
    assert us(engine, "KP", entry) == []
    embargo = engine.national_embargoes("US", "KP", None, ON)
    assert [(r.code, r.severity) for r in embargo] == [("US_EMBARGO", "licence_required")]
    assert "E:1" in embargo[0].message


def test_hong_kong_reads_the_china_row(engine: PolicyEngine) -> None:
    reasons = us(engine, "HK", EUV)
    assert reasons[0].code == "LICENCE_REQUIRED"
    assert "Country Chart X for CN" in reasons[0].message


def test_an_individual_licence_covers_the_requirement(engine: PolicyEngine) -> None:
    item = ItemFacts(line=1, entries=(HF,))
    lic = [LicenceFacts("D123456", "US", "individual", ("1C350",))]
    reasons = engine.licensing("US", "CN", item, lic, ON)
    assert [r.code for r in reasons] == ["LICENCE_COVERED"]


@pytest.mark.parametrize(
    ("paragraph", "dest", "code", "label"),
    [
        ("3B001.a.1", "JP", "NO_LICENCE_NEEDED", None),  # NS Column 2
        ("3B001.a.1", "CN", "LICENCE_REQUIRED", "NS2"),
        ("3B001.a.4", "JP", "NO_LICENCE_NEEDED", None),  # NS/RS only to Macau or D:5
        ("3B001.a.4", "VN", "NO_LICENCE_NEEDED", None),  # VN is in D:1 but not D:5
        ("3B001.a.4", "MO", "LICENCE_REQUIRED", "NS"),
        ("3B001.a.4", "RU", "LICENCE_REQUIRED", "NS"),
        ("3B001.c.1.a", "JP", "LICENCE_REQUIRED", "NS"),  # worldwide control
        ("3B001.q", "GB", "LICENCE_REQUIRED", "RS"),
    ],
)
def test_paragraph_scope(
    engine: PolicyEngine, paragraph: str, dest: str, code: str, label: str | None
) -> None:
    entry = EntryFacts(paragraph, ("Wassenaar dual-use",), national_code=paragraph)
    reasons = us(engine, dest, entry)
    assert [r.code for r in reasons] == [code]
    if label:
        assert label in reasons[0].evidence["reasons_for_control"]


def test_paragraph_unknown_where_the_scope_depends_on_it(engine: PolicyEngine) -> None:
    entry = EntryFacts("3B001", ("Wassenaar dual-use",), national_code="3B001")
    reasons = us(engine, "JP", entry)
    assert [r.code for r in reasons] == ["US_LICENCE_UNDECIDED"]
    assert any("paragraph of the item is not known" in m for m in reasons[0].evidence["missing"])


@pytest.mark.parametrize(
    ("entry", "why"),
    [
        (EntryFacts("ML7", ("Wassenaar munitions",)), "Military List entry with no US ECCN"),
        (EntryFacts("X.Y", ()), "not a Commerce Control List number"),
        (
            EntryFacts("1C350.4", ("Australia Group",), national_code="USML XIV"),
            "outside the EAR",
        ),
        (EntryFacts("1C238", ("NSG Part 2",)), "no US record"),
        (EntryFacts("0C003", ("NSG Part 1",), declared=True), "not in the Commerce Control List"),
        # EU 1C351.d.4 is ricin; US 1C351.d.4 is brevetoxins: no number is assumed
        (EntryFacts("1C351.d.4", ("Australia Group",)), "no US record"),
        (EntryFacts("1C350.d.99", ("Australia Group",), declared=True), "not a paragraph"),
        (EntryFacts("0A002", ("NSG Part 1",), declared=True), "states no License Requirements"),
    ],
)
@pytest.mark.parametrize("dest", ["CN", "JP", "GB"])
def test_missing_us_data_is_undecided_never_no_licence(
    engine: PolicyEngine, entry: EntryFacts, why: str, dest: str
) -> None:
    reasons = us(engine, dest, entry)
    assert [r.code for r in reasons] == ["US_LICENCE_UNDECIDED"]
    assert reasons[0].severity == "review"
    assert why in reasons[0].message
    assert verdict_of(reasons) == "REVIEW"


def test_known_and_missing_entries_together(engine: PolicyEngine) -> None:
    reasons = us(engine, "JP", PI, EntryFacts("ML7", ("Wassenaar munitions",)))
    assert [r.code for r in reasons] == ["US_LICENCE_UNDECIDED"]
    reasons = us(engine, "CN", PI, EntryFacts("ML7", ("Wassenaar munitions",)))
    assert [r.code for r in reasons] == ["LICENCE_REQUIRED", "US_LICENCE_UNDECIDED"]


def test_wassenaar_number_assumed_only_for_wassenaar_entries(engine: PolicyEngine) -> None:
    # 3C005 has no US record in the knowledge base: the CCL's 3C005 (NS Column 2) is read
    entry = EntryFacts("3C005.a", ("Wassenaar dual-use",))
    assert [r.code for r in us(engine, "JP", entry)] == ["NO_LICENCE_NEEDED"]
    required = us(engine, "CN", entry)
    assert required[0].evidence["reasons_for_control"] == ["NS2"]
    assert "Wassenaar-based number" in required[0].evidence["us_eccn"]["3C005.a"]


def test_un_pointer_is_undecided_only_where_the_chart_footnotes_it(engine: PolicyEngine) -> None:
    rifle = EntryFacts("0A501.a", ("Wassenaar munitions",), declared=True)
    jp = us(engine, "JP", rifle)
    assert [r.code for r in jp] == ["LICENCE_REQUIRED"]  # NS1, RS1, FC1 marked for Japan
    lb = us(engine, "LB", rifle)  # Lebanon's row carries footnote 1 (746.1(b))
    assert "US_LICENCE_UNDECIDED" in [r.code for r in lb]
    assert "§ 746.1" in lb[-1].message


def test_russia_and_belarus_any_eccn(engine: PolicyEngine) -> None:
    ap = EntryFacts("1C350.d.1", ("Australia Group",), declared=True)
    for dest in ("RU", "BY"):
        reasons = us(engine, dest, ap)
        assert reasons[0].code == "LICENCE_REQUIRED"
        assert "§ 746.8" in reasons[0].evidence["reasons_for_control"]


def test_cwc_reason_reaches_only_its_paragraphs(engine: PolicyEngine) -> None:
    thiodiglycol = EntryFacts("1C350.b.22", ("Australia Group",), declared=True)
    to_egypt = us(engine, "EG", thiodiglycol)  # a State not Party to the CWC
    assert "CW" in to_egypt[0].evidence["reasons_for_control"]
    to_japan = us(engine, "JP", thiodiglycol)
    assert [r.code for r in to_japan] == ["NO_LICENCE_NEEDED"]
    hf_to_egypt = us(engine, "EG", HF)  # CW covers 1C350.b and .c only
    assert "CW" not in hf_to_egypt[0].evidence["reasons_for_control"]


# -- ricin and saxitoxin: 1C351.d (EU) and 1C351.d.15/.16 (US) --------------------------------


@pytest.mark.parametrize(
    ("cas", "eu", "us_code"),
    [("9009-86-3", "1C351.d.4", "1C351.d.15"), ("35523-89-8", "1C351.d.5", "1C351.d.16")],
)
def test_ricin_and_saxitoxin_are_1c351_toxins(cas: str, eu: str, us_code: str) -> None:
    result = classify("toxin", cas=cas, jurisdiction="US")
    controlled = [e for e in result.entries if e.status == "controlled"]
    assert [e.code for e in controlled] == [eu]
    assert controlled[0].national_code == us_code
    assert cas not in knowledge_base().entries["ML7"].cas
    assert not knowledge_base().entries[eu].military


@pytest.mark.parametrize("dest", ["AU", "CA", "GB", "JP", "CN"])
def test_ricin_needs_a_us_licence_for_all_destinations(dest: str) -> None:
    evaluator = Evaluator(classifier=classify, entry_lookup=get_entry)
    doc = {
        "date": "2026-08-01",
        "exporter": {"name": "A Inc", "country": "US", "address": "Austin, TX"},
        "consignee": {"name": "Buyer Co", "country": dest, "address": "x"},
        "destination": dest,
        "items": [{"description": "ricin", "cas": "9009-86-3"}],
    }
    decision = evaluator.evaluate(parse_shipment(doc))
    assert decision.verdict == "LICENCE_REQUIRED"
    reason = next(r for r in decision.reasons if r.code == "LICENCE_REQUIRED")
    assert "CW" in reason.evidence["reasons_for_control"]
    assert "all destinations" in reason.message


# -- end to end: the wrong verdicts quoted in issue 18 ----------------------------------------


@pytest.mark.parametrize(
    ("item", "column"),
    [
        ({"description": "hydrogen fluoride", "cas": "7664-39-3", "hs": "281111"}, "CB2"),
        (
            {
                "description": "fluorinated polyimide",
                "hs": "390890",
                "params": {"fluorine_pct": 15, "unprocessed": "true"},
            },
            "NS2",
        ),
        (
            {
                "description": "EUV photoresist",
                "hs": "370790",
                "params": {"design_wavelength_nm": 13.5, "resist_tone": "positive"},
            },
            "NS2",
        ),
    ],
)
def test_issue_cases_end_to_end(item: dict[str, object], column: str) -> None:
    evaluator = Evaluator(classifier=classify, entry_lookup=get_entry)
    for dest, verdict in (
        ("KR", "CLEAR"),
        ("JP", "CLEAR"),
        ("DE", "CLEAR"),
        ("CN", "LICENCE_REQUIRED"),
    ):
        doc = {
            "date": "2026-08-01",
            "exporter": {"name": "A Inc", "country": "US", "address": "Austin, TX"},
            "consignee": {"name": "Buyer Co", "country": dest, "address": "x"},
            "destination": dest,
            "items": [item],
        }
        decision = evaluator.evaluate(parse_shipment(doc))
        assert decision.verdict == verdict, (dest, decision.reasons)
        if verdict == "LICENCE_REQUIRED":
            reason = next(r for r in decision.reasons if r.code == "LICENCE_REQUIRED")
            assert reason.evidence["reasons_for_control"] == [column]


def test_declared_entry_uses_the_us_record() -> None:
    evaluator = Evaluator(entry_lookup=get_entry)
    doc = {
        "date": "2026-08-01",
        "exporter": {"name": "A Inc", "country": "US", "address": "Austin, TX"},
        "consignee": {"name": "Buyer Co", "country": "KR", "address": "Seoul"},
        "destination": "KR",
        "items": [{"description": "hydrogen fluoride", "control_entry": "1C350.24"}],
    }
    decision = evaluator.evaluate(parse_shipment(doc))
    found = [r for r in decision.reasons if r.code == "NO_LICENCE_NEEDED"]
    assert found and found[0].evidence["us_eccn"]["1C350.24"].startswith("1C350.d.15")


# -- the scope reader --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scope", "paragraph", "expected"),
    [
        (UsScope(kind="entry"), None, "yes"),
        (UsScope(kind="paragraphs", paragraphs=["b", "c"]), "d.15", "no"),
        (UsScope(kind="paragraphs", paragraphs=["b", "c"]), "b.22", "yes"),
        (UsScope(kind="paragraphs", paragraphs=["c.1.a"]), "c", "unknown"),
        (UsScope(kind="paragraphs", paragraphs=["c.1.a"]), None, "unknown"),
        (UsScope(kind="entry_except", paragraphs=["y"]), "y.3", "no"),
        (UsScope(kind="entry_except", paragraphs=["y"]), "a", "yes"),
        (UsScope(kind="entry_except", paragraphs=["a.1"]), "a", "unknown"),
        (UsScope(kind="condition", text="items that meet 1C210"), "a", "unknown"),
    ],
)
def test_covers(scope: UsScope, paragraph: str | None, expected: str) -> None:
    assert covers(scope, paragraph)[0] == expected


_PARAS = st.builds(
    lambda letter, numbers: ".".join([letter, *map(str, numbers)]),
    st.sampled_from("abcdefghjkmnpqrsxyz"),
    st.lists(st.integers(min_value=1, max_value=40), max_size=1),
)


@given(st.lists(_PARAS, min_size=1, max_size=8, unique=True), st.sampled_from([", ", " and "]))
def test_paragraph_lists_read_back(paras: list[str], sep: str) -> None:
    text = "3B001." + sep.join(paras)
    assert BUILD.paragraphs(text, "3B001") == paras


@given(st.text(max_size=80))
def test_paragraph_reader_never_fails(text: str) -> None:
    out = BUILD.paragraphs(text, "1C010")
    assert out is None or all(BUILD._PARA.match(p) for p in out)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "3B001.a.1 to a.3, b, e, f.2 to f.4, g to j",
            ["a.1", "a.2", "a.3", "b", "e", "f.2", "f.3", "f.4", "g", "h", "i", "j"],
        ),
        ("items controlled by 1C351.d.15 and .16", ["d.15", "d.16"]),
        ("1C350.b and .c", ["b", "c"]),
        ("1C010.a (aramid “fibrous or filamentary materials”, b", None),
        ("“software” for equipment controlled by 3B001.q", None),
    ],
)
def test_paragraph_lists_of_the_ccl(text: str, expected: list[str] | None) -> None:
    eccn = text.split(".")[0].split()[-1]
    assert BUILD.paragraphs(text, eccn) == expected


def test_builder_on_the_real_extract() -> None:
    ccl = json.loads(FIXTURE.read_text(encoding="utf-8"))
    built = BUILD.build(ccl)["entries"]
    hf = built["1C350"]["reasons"]
    assert [(r["reason"], r["scope"]["kind"], r["requires"]["kind"]) for r in hf] == [
        ("CB", "entry", "column"),
        ("CW", "paragraphs", "cwc_non_parties"),
        ("AT", "entry", "destinations"),
    ]
    assert hf[0]["requires"]["column"] == "CB2"
    assert hf[2]["requires"]["groups"] == ["E:1"]
    assert [(r["reason"], r["requires"].get("column")) for r in built["1C009"]["reasons"]] == [
        ("NS", "NS2"),
        ("AT", "AT1"),
    ]
    macau = [r for r in built["3B001"]["reasons"] if r["requires"]["kind"] == "destinations"]
    assert {r["reason"] for r in macau} == {"NS", "RS"}
    assert all(
        r["requires"]["groups"] == ["D:5"] and r["requires"]["countries"] == ["MO"] for r in macau
    )
    ricin = [r for r in built["1C351"]["reasons"] if r["reason"] == "CW"]
    assert ricin[0]["scope"]["paragraphs"] == ["d.15", "d.16"]
    assert ricin[0]["requires"]["kind"] == "all"
    assert built["1C010"]["reasons"][1]["scope"]["kind"] == "condition"
    # every quote is a sentence of the extract
    text = FIXTURE.read_text(encoding="utf-8")
    strings = " ".join(" ".join(str(v).split()) for e in ccl["entries"] for v in _strings(e))
    for record in built.values():
        for r in record["reasons"]:
            assert " ".join(r["quote"]["text"].split()) in strings, r["quote"]["text"]
    assert text


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def test_packaged_data_is_what_the_builder_gives() -> None:
    base = os.environ.get("TRADEGUARD_DATA_DIR")
    src = Path(base) / "control" / "us" / "ccl.json" if base else None
    if src is None or not src.is_file():
        pytest.skip("TRADEGUARD_DATA_DIR/control/us/ccl.json is not there")
    built = BUILD.build(json.loads(src.read_text(encoding="utf-8")))
    packaged = json.loads(BUILD.OUT.read_text(encoding="utf-8"))
    assert packaged == built


#: Names in the shared US files that the list readers' country table does not know.
_NAMES = {
    "China (PRC)": "CN",
    "Cote d'lvoire": "CI",
    "Micronesia (Federated State of)": "FM",
    "Seycheles": "SC",
    "Sint Maarten (the Dutch two-fifths of the island of Saint Martin)": "SX",
    "South Sudan, Republic of": "SS",
}


def test_country_chart_and_groups_match_the_published_tables() -> None:
    base = os.environ.get("TRADEGUARD_DATA_DIR")
    us_dir = Path(base) / "control" / "us" if base else None
    if us_dir is None or not (us_dir / "country-chart.json").is_file():
        pytest.skip("TRADEGUARD_DATA_DIR/control/us is not there")
    from tradeguard.lists.common import country_code

    def iso(name: str) -> str | None:
        return _NAMES.get(name) or country_code(name)

    chart = json.loads((us_dir / "country-chart.json").read_text(encoding="utf-8"))
    groups = json.loads((us_dir / "country-groups.json").read_text(encoding="utf-8"))
    ear = load_policy().us_ear
    published = {
        iso(name): ([m.replace(" ", "") for m in row["marks"]], row["footnotes"])
        for name, row in chart["countries"].items()
    }
    assert None not in published
    assert published == {k: (row.marks, row.footnotes) for k, row in ear.chart.items()}
    assert {iso(n) for n in chart["embargoed"]} == set(ear.embargoed)
    for group, names in groups["groups"].items():
        assert {iso(n) for n in names} == set(ear.groups[group]), group
    assert "MO" not in ear.groups["D:5"]  # the EAR writes "Macau or D:5"


# -- 744.21: Supplement No. 2 items, not any non-listed item ----------------------------------


def test_military_end_use_rule_is_limited_to_supplement_2(engine: PolicyEngine) -> None:
    pump = ItemFacts(line=1, hs="841370", description="centrifugal pump")
    mil = engine.catch_all("US", "CN", pump, "for the army", [], ON)
    assert [(r.code, r.severity) for r in mil] == [("CATCH_ALL_MILITARY", "review")]
    assert "Supplement No. 2 to Part 744" in mil[0].message
    assert verdict_of(mil) == "REVIEW"
    assert engine.catch_all("US", "JP", pump, "for the army", [], ON) == []
    # the WMD end-use rules (744.2-744.4) reach any item subject to the EAR
    wmd = engine.catch_all("US", "CN", pump, "for the uranium enrichment plant", [], ON)
    assert [(r.code, r.severity) for r in wmd] == [("CATCH_ALL_WMD", "licence_required")]
    # a listed item is not a catch-all case at all
    assert engine.catch_all("US", "CN", ItemFacts(line=1, entries=(PI,)), "army", [], ON) == []


@pytest.mark.parametrize("code", ["ML7", "1C350.4", "1C350.29", "0C003", "0C004", "1C238"])
@pytest.mark.parametrize("dest", ["CN", "JP"])
def test_declared_entries_without_us_data_end_to_end(code: str, dest: str) -> None:
    evaluator = Evaluator(entry_lookup=get_entry)
    doc = {
        "date": "2026-08-01",
        "exporter": {"name": "A Inc", "country": "US", "address": "Austin, TX"},
        "consignee": {"name": "Buyer Co", "country": dest, "address": "x"},
        "destination": dest,
        "items": [{"description": "goods", "control_entry": code}],
    }
    decision = evaluator.evaluate(parse_shipment(doc))
    codes = {r.code for r in decision.reasons}
    assert "US_LICENCE_UNDECIDED" in codes
    assert "NO_LICENCE_NEEDED" not in codes
    assert decision.verdict == "REVIEW"


def test_bad_us_ccl_data_is_rejected_naming_the_field(tmp_path: Path) -> None:
    from tradeguard.errors import InputError
    from tradeguard.policy.load import DATA_DIR

    for f in DATA_DIR.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    data = json.loads((DATA_DIR / "us_ccl.json").read_text(encoding="utf-8"))
    data["entries"]["1C350"]["reasons"][0]["requires"]["kind"] = "colum"
    (tmp_path / "us_ccl.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"us_ccl.json.*entries\.1C350\.reasons\.0\.requires\.kind"
    ):
        load_policy(tmp_path)

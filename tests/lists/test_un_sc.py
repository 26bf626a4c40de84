"""The UN Security Council Consolidated List parser, on trimmed extracts of real files."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists import registry
from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.sources import un_sc

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un"
EXTRACT = FIXTURES / "consolidated-2026-02-27-extract.xml"
SINGLE_QUOTED = FIXTURES / "consolidated-2025-04-19-extract.xml"


@pytest.fixture(scope="module")
def parsed() -> dict[str, Entity]:
    result = un_sc.parse(EXTRACT)
    return {e.source_id: e for e in result.entities}


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


def test_list_metadata() -> None:
    result = un_sc.parse(EXTRACT)
    assert result.list == "un_sc"
    assert result.format == "un-xml"
    assert result.published_at == "2026-02-27T00:00:09.554Z"
    assert result.sha256 == hashlib.sha256(EXTRACT.read_bytes()).hexdigest()
    assert result.counts() == {"Organization": 96, "Person": 113}
    kp = [e for e in result.entities if e.source_id.startswith("KP")]
    assert len(kp) == 155  # every DPRK entry of the file is kept in the extract
    assert all(e.programs == ["UN 1718 (DPRK)"] for e in kp)
    assert result.warnings == []


def test_korea_ryonbong(parsed: dict[str, Entity]) -> None:
    e = parsed["KPe.002"]
    assert e.id == "un_sc:KPe.002"
    assert e.schema == "Organization"
    assert e.caption == "KOREA RYONBONG GENERAL CORPORATION"
    assert names(e, NameKind.ALIAS) == ["KOREA YONBONG GENERAL CORPORATION"]
    assert names(e, NameKind.FORMER) == ["LYONGAKSAN GENERAL TRADING CORPORATION"]
    assert e.listed_on == "2009-04-24"
    assert e.countries == ["KP"]
    assert [a.street for a in e.addresses] == [
        "Pot’onggang District",
        "Rakwon-dong, Pothonggang District",
    ]
    assert e.properties["dataid"] == ["690751"]


def test_korea_international_chemical_jv(parsed: dict[str, Entity]) -> None:
    e = parsed["KPe.039"]
    assert e.caption == "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"
    assert names(e, NameKind.ALIAS) == [
        "Choson International Chemicals Joint Operation Company",
        "Chosun International Chemicals Joint Operation Company",
        "International Chemical Joint Venture Company",
    ]
    assert [(r.schema, r.role, r.target_name) for r in e.relations] == [
        ("Ownership", "subsidiary of", "Korea Ryonbong General Corporation")
    ]
    assert {a.city for a in e.addresses} == {"Hamhung", "Pyongyang"}


def test_ownership_stated_in_remarks(parsed: dict[str, Entity]) -> None:
    pugang = parsed["KPe.038"]
    assert [(r.role, r.target_name) for r in pugang.relations] == [
        ("owned by", "Korea Ryonbong General Corporation")
    ]
    bank = parsed["IRe.021"]
    assert bank.programs == ["UN 1737 (Iran)"]
    assert [(r.schema, r.role, r.target_name) for r in bank.relations] == [
        ("Ownership", "owned or controlled by", "Bank Mellat")
    ]


def test_dprk_individual_with_passports(parsed: dict[str, Entity]) -> None:
    e = parsed["KPi.068"]
    assert e.schema == "Person"
    assert e.caption == "KIM TONG CHOL"
    assert names(e, NameKind.ALIAS) == ["Kim Tong-ch'o'l"]
    assert e.birth_dates == ["1966-01-27"]
    assert e.nationalities == ["KP"]
    passports = [(i.type, i.value, i.country) for i in e.identifiers]
    assert passports == [("passport", "927234267", None), ("passport", "108120258", "KP")]
    kim = parsed["KPi.021"]
    assert [i.value for i in kim.identifiers] == ["199421147", "381110042", "563210184"]
    assert kim.identifiers[1].note == "Expired 25 Jan. 2016"


def test_same_passport_in_three_languages_is_one_identifier(parsed: dict[str, Entity]) -> None:
    e = parsed["KPi.006"]
    assert [(i.type, i.value) for i in e.identifiers] == [("passport", "381420754")]
    assert e.birth_places == ["Kaesong, Democratic People's Republic of Korea"]


def test_year_range_birth_dates_and_gender_in_remarks(parsed: dict[str, Entity]) -> None:
    e = parsed["KPi.066"]
    assert e.birth_dates == ["1967", "1968", "1969"]
    assert e.properties["birth_date_range"] == ["1967..1969"]
    assert e.gender == "male"


def test_imo_numbers_from_remarks(parsed: dict[str, Entity]) -> None:
    omm = parsed["KPe.020"]
    assert [(i.type, i.value) for i in omm.identifiers] == [("imo", "1790183")]
    koti = parsed["KPe.067"]
    assert koti.schema == "Organization"  # a ship manager, not a vessel
    assert ("imo", "5982254") in [(i.type, i.value) for i in koti.identifiers]


def test_original_script_and_weak_aliases(parsed: dict[str, Entity]) -> None:
    e = parsed["QDi.006"]
    assert e.caption == "AIMAN MUHAMMED RABI AL-ZAWAHIRI"
    original = [n for n in e.names if n.kind == NameKind.ORIGINAL_SCRIPT]
    assert [(n.value, n.script) for n in original] == [("أيمن محمد ربيع الظواهري", "Arab")]
    assert names(e, NameKind.WEAK_ALIAS) == ["Abu Fatma", "Abu Mohammed"]
    assert ("passport", "1084010", "EG") in [(i.type, i.value, i.country) for i in e.identifiers]
    assert e.programs == ["UN 1267 (ISIL/Al-Qaida)"]
    assert e.properties["title"] == ["Doctor", "Dr."]


def test_references_to_other_un_entries(parsed: dict[str, Entity]) -> None:
    e = parsed["QDi.244"]
    assert [(r.role, r.target_id, r.target_name) for r in e.relations] == [
        ("mentioned in", "un_sc:QDe.128", "Rajah Solaiman Movement"),
        ("linked to", "un_sc:QDe.001", "Abu Sayyaf Group"),
    ]


def test_single_quoted_reserialised_file() -> None:
    result = un_sc.parse(SINGLE_QUOTED)
    assert result.published_at == "2025-04-19T23:00:04.625Z"
    assert result.counts() == {"Organization": 2, "Person": 4}
    first = result.entities[0]
    assert first.source_id == "TAi.005"
    assert ("محمد طاهر أنوري", NameKind.ORIGINAL_SCRIPT, "Arab") in [
        (n.value, n.kind, n.script) for n in first.names
    ]
    assert first.programs == ["UN 1988 (Taliban)"]


def test_sniffed_by_registry() -> None:
    assert registry.detect(EXTRACT).name == "un-xml"
    assert registry.detect(SINGLE_QUOTED, "un_sc").name == "un-xml"


def test_programme_label_table() -> None:
    assert un_sc.programme_label("KPe.053", "DPRK") == "UN 1718 (DPRK)"
    assert un_sc.programme_label("SOi.001", "Somalia") == "UN 2713 (Al-Shabaab)"
    assert un_sc.programme_label("ZZi.001", "Atlantis") == "UN Atlantis"


# --- malformed input ------------------------------------------------------------------------


def test_truncated_xml(tmp_path: Path) -> None:
    bad = tmp_path / "un.xml"
    bad.write_bytes(EXTRACT.read_bytes()[:5000])
    with pytest.raises(InputError) as info:
        un_sc.parse(bad)
    assert info.value.source == str(bad)
    assert info.value.line is not None
    assert "malformed XML" in info.value.message


def test_xxe_refused(tmp_path: Path) -> None:
    bad = tmp_path / "xxe.xml"
    bad.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><FIRST_NAME>&x;</FIRST_NAME>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    with pytest.raises(InputError, match="XXE"):
        un_sc.parse(bad)


def test_billion_laughs_refused(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 10}">' for i in range(1, 10))
    bad = tmp_path / "lol.xml"
    bad.write_text(
        f'<?xml version="1.0"?><!DOCTYPE CONSOLIDATED_LIST [<!ENTITY l0 "lol">{lol}]>'
        "<CONSOLIDATED_LIST>&l9;</CONSOLIDATED_LIST>"
    )
    with pytest.raises(InputError, match="entity"):
        un_sc.parse(bad)


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        un_sc.parse(empty)


def test_missing_reference_number_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "noref.xml"
    bad.write_text(
        '<?xml version="1.0"?>\n<CONSOLIDATED_LIST dateGenerated="2026-01-01T00:00:00Z">\n'
        "<INDIVIDUALS>\n<INDIVIDUAL>\n<FIRST_NAME>X</FIRST_NAME>\n</INDIVIDUAL>\n"
        "</INDIVIDUALS></CONSOLIDATED_LIST>\n"
    )
    with pytest.raises(InputError) as info:
        un_sc.parse(bad)
    assert info.value.line == 4
    assert info.value.field == "REFERENCE_NUMBER"


def test_wrong_root(tmp_path: Path) -> None:
    bad = tmp_path / "other.xml"
    bad.write_text("<sdnList/>")
    with pytest.raises(InputError, match="CONSOLIDATED_LIST"):
        un_sc.parse(bad)


# --- the full published files (only with $TRADEGUARD_DATA_DIR) -----------------------------

FULL_COUNTS = {
    "consolidated-2026-02-27.xml": {"Person": 730, "Organization": 273},
    "consolidated-2025-11-20.xml": {"Person": 727, "Organization": 273},
    "consolidated-2025-04-19.xml": {"Person": 684, "Organization": 193},
}


@pytest.mark.fulldata
@pytest.mark.parametrize("name", sorted(FULL_COUNTS))
def test_full_file_counts(name: str) -> None:
    data = os.environ.get("TRADEGUARD_DATA_DIR")
    if not data:
        pytest.skip("TRADEGUARD_DATA_DIR is not set: full UN files not available")
    path = Path(data) / "lists" / "un" / name
    if not path.exists():
        pytest.skip(f"{name} not in TRADEGUARD_DATA_DIR")
    result = registry.parse_path(path)
    assert result.list == "un_sc"
    assert result.counts() == dict(sorted(FULL_COUNTS[name].items()))
    refs = [e.source_id for e in result.entities]
    assert len(refs) == len(set(refs))
    if name == "consolidated-2026-02-27.xml":
        assert sum(r.startswith("KPe.") for r in refs) == 75
        assert sum(r.startswith("KPi.") for r in refs) == 80

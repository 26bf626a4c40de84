"""EU FSF XML 1.1 on the published file of 2024-05-13: a trimmed real extract (14 entries from
17 ``sanctionEntity`` elements, with the three repeated logicalIds) and, when
``$TRADEGUARD_DATA_DIR`` is set, the whole file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tradeguard.lists.model import Entity, NameKind, ParsedList
from tradeguard.lists.registry import detect, parse_path

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "lists" / "eu_fsf"
EXTRACT = FIX / "20240513-FULL-1_1-extract.xml"


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return parse_path(EXTRACT)


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    found = [e for e in parsed.entities if e.source_id == source_id]
    assert len(found) == 1, source_id
    return found[0]


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


def test_extract_reads(parsed: ParsedList) -> None:
    assert detect(EXTRACT).name == "eu-fsf-xml"
    assert parsed.list == "eu_fsf"
    assert parsed.published_at == "2024-05-13T17:44:28.283+02:00"
    assert parsed.counts() == {"Organization": 5, "Person": 9}
    assert [e.source_id for e in parsed.entities] == [
        "13", "547", "593", "3780", "5469", "5493", "5597", "5603", "5815", "6510", "107840",
        "120128", "125637", "129919",
    ]  # fmt: skip
    assert all(len(names(e, NameKind.PRIMARY)) == 1 for e in parsed.entities)


def test_repeated_logical_ids_are_merged(parsed: ParsedList) -> None:
    # Each of 547, 593 and 120128 is published twice: once under TAQA and once under another
    # programme. The second record carries names, places, positions and regulations the
    # first lacks; all of it is kept in one entry.
    assert [w.split(": ", 1)[1] for w in parsed.warnings] == [
        "line 51: logicalId 547 repeats the entry of line 25: merged into it",
        "line 98: logicalId 593 repeats the entry of line 72: merged into it",
        "line 662: logicalId 120128 repeats the entry of line 334: merged into it",
    ]
    asem = by_id(parsed, "547")
    assert asem.programs == ["AFG", "TAQA"]
    assert asem.caption == "Sayed Esmatullah Asem Abdul Quddus"
    assert "Asem, Sayed Esmatullah" in names(asem, NameKind.ALIAS)  # only in the TAQA record
    assert asem.birth_places == [
        "Qalayi Shaikh, Chaparhar District, Nangarhar province, AFGHANISTAN",
        "Ningarhar province, AFGHANISTAN",
    ]
    assert (
        "Secretary General of the Afghan Red Crescent Society (ARCS) under the Taliban regime"
        in (asem.positions)
    )
    assert asem.properties["regulation"] == ["2017/404 (OJ L63)", "969/2007 (OJ L215)"]
    assert asem.properties["eu_reference_number"] == ["EU.334.4"]
    assert asem.listed_on == "2001-02-23"  # the AFG record's designationDate, the earlier one
    assert asem.remarks is not None and asem.remarks.startswith("Believed to be in Afghanistan")

    akhund = by_id(parsed, "593")
    assert akhund.programs == ["AFG", "TAQA"]
    assert akhund.caption == "Hamidullah Akhund Sher Mohammad"
    assert akhund.birth_dates == ["1972", "1973"]  # yearRangeFrom 1972, yearRangeTo 1973
    assert akhund.properties["birth_date_range"] == ["1972..1973"]
    assert akhund.properties["regulation"] == ["2017/404 (OJ L63)", "859/2007 (OJ L190)"]
    assert akhund.listed_on == "2001-01-25"

    isil_k = by_id(parsed, "120128")
    assert isil_k.programs == ["TAQA", "UNLI"]
    assert isil_k.properties["un_reference"] == ["QDe.161"]
    assert isil_k.properties["regulation"] == ["2023/908 (OJ L116)", "UNLI - 14.05.2019"]
    aliases = names(isil_k, NameKind.ALIAS)
    # names only the UN record states are added; its capitalised copies of known names are not
    assert "ISIL- K" in aliases
    assert "ISLAMIC STATE IN IRAQ AND THE LEVANT - KHORASAN (ISIL- K)" in aliases
    assert "SOUTH ASIAN CHAPTER OF ISIL" not in aliases
    folded = [n.value.casefold() for n in isil_k.names]
    assert len(folded) == len(set(folded))


def test_primary_name_is_the_first_entered_english_name(parsed: ParsedList) -> None:
    # The Syrian directorate opens with its Maltese name, the Iranian scientist with a
    # spelling variant: neither becomes the caption.
    directorate = by_id(parsed, "6510")
    assert directorate.names[0].value == "Direttorat tal-politika ta' sigurtà [Sirja]"
    assert directorate.caption == "Political Security Directorate [Syria]"
    assert ("Διεύθυνση πολιτικής ασφάλειας [Συρία]", "Grek", "el") in [
        (n.value, n.script, n.lang) for n in directorate.names if n.kind == "original_script"
    ]
    assert by_id(parsed, "3780").caption == "Fereidoun ABBASI-DAVANI"


def test_real_entries(parsed: ParsedList) -> None:
    ryonbong = by_id(parsed, "5493")
    assert ryonbong.schema == "Organization"
    assert [(n.value, n.kind) for n in ryonbong.names] == [
        ("Korea Ryonbong General Corporation", NameKind.PRIMARY),
        ("LYON-GAKSAN GENERAL TRADING CORPORATION", NameKind.ALIAS),
        ("KOREA YONBONG GENERAL CORPORATION", NameKind.ALIAS),
    ]
    assert ryonbong.programs == ["PRK"]
    assert ryonbong.countries == ["KP"]
    assert [a.city for a in ryonbong.addresses] == ["Pyongyang", "Pyongyang"]
    assert ryonbong.listed_on == "2009-04-24"
    assert ryonbong.properties["eu_reference_number"] == ["EU.4188.82"]

    ryom = by_id(parsed, "5597")
    assert [(n.value, n.script) for n in ryom.names if n.kind == "original_script"] == [
        ("렴영", "Hang")
    ]
    kim = by_id(parsed, "5603")
    assert kim.birth_dates == ["1936-11-01"]
    assert [(i.type, i.value, i.country) for i in kim.identifiers] == [("other", "554410660", "KP")]
    ri = by_id(parsed, "5469")
    assert ri.birth_places == []  # country "00" / UNKNOWN is no place
    assert ri.nationalities == ["KP"]
    assert [(i.type, i.value) for i in by_id(parsed, "5815").identifiers] == [("swift", "KDBKKPPY")]
    assert [(i.type, i.value) for i in by_id(parsed, "107840").identifiers] == [("imo", "5342883")]
    belarus = by_id(parsed, "129919")
    assert belarus.nationalities == ["BY"]
    assert [i.value for i in belarus.identifiers if i.type == "passport"] == [
        "MP2387911",
        "MP3413113",
    ]
    saddam = by_id(parsed, "13")
    assert saddam.caption == "Saddam Hussein Al-Tikriti"
    assert saddam.birth_dates == ["1937-04-28"]
    assert saddam.listed_on == "2003-07-08"


def full_file() -> Path:
    data = os.environ.get("TRADEGUARD_DATA_DIR")
    if not data:
        pytest.skip("TRADEGUARD_DATA_DIR is not set: the full EU file is not available")
    path = Path(data, "lists", "eu", "20240513-FULL-1_1.xml")
    if not path.exists():
        pytest.skip(f"{path.name} not in TRADEGUARD_DATA_DIR")
    return path


@pytest.mark.fulldata
def test_full_file() -> None:
    parsed = parse_path(full_file())
    # 4,811 sanctionEntity elements (3,755 persons, 1,056 enterprises), three logicalIds twice
    assert len(parsed.entities) == 4808
    assert parsed.counts() == {"Organization": 1055, "Person": 3753}
    assert len(parsed.warnings) == 3 and all("merged" in w for w in parsed.warnings)
    ids = [e.source_id for e in parsed.entities]
    assert len(set(ids)) == len(ids)
    assert all(len(names(e, NameKind.PRIMARY)) == 1 for e in parsed.entities)
    programmes: dict[str, int] = {}
    for entity in parsed.entities:
        for programme in entity.programs:
            programmes[programme] = programmes.get(programme, 0) + 1
    assert {p: programmes[p] for p in ("UKR", "IRN", "SYR", "TAQA", "BLR", "PRK")} == {
        "UKR": 2130,
        "IRN": 473,
        "SYR": 414,
        "TAQA": 351,
        "BLR": 270,
        "PRK": 245,
    }
    ryonbong = [e for e in parsed.entities if e.caption == "Korea Ryonbong General Corporation"]
    assert [e.id for e in ryonbong] == ["eu_fsf:5493"]

"""EU FSF XML 1.1 and UK Sanctions List XML parsers on hand-made layout fixtures.

The fixtures follow the publishers' layouts (EU entity 13 and UK AFG0055 as published; the
other entries illustrative) and hold edge cases the real files lack; the EU reader is tested
on the real file in test_eu_fsf.py. Hostile and malformed XML is refused through the
hardened parser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, NameKind, ParsedList
from tradeguard.lists.registry import detect, parse_path
from tradeguard.lists.sources import eu_fsf, uk_sanctions

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "lists"
EU = FIX / "eu_fsf" / "eu-fsf-1_1-sample.xml"
UK = FIX / "uk_sanctions" / "uk-sanctions-list-sample.xml"


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    for entity in parsed.entities:
        if entity.source_id == source_id:
            return entity
    raise AssertionError(f"{source_id} not found")


def kinds(entity: Entity) -> list[tuple[str, NameKind]]:
    return [(n.value, n.kind) for n in entity.names]


def test_eu_parse() -> None:
    assert detect(EU).name == "eu-fsf-xml"
    parsed = parse_path(EU)
    assert parsed.list == "eu_fsf"
    assert parsed.published_at == "2024-12-11T21:24:35.826+01:00"
    assert parsed.counts() == {"Organization": 1, "Person": 2}
    saddam = by_id(parsed, "13")
    assert saddam.id == "eu_fsf:13"
    assert saddam.caption == "Saddam Hussein Al-Tikriti"
    assert ("Abou Ali", NameKind.ALIAS) in kinds(saddam)
    assert saddam.birth_dates == ["1937-04-28"]
    assert saddam.birth_places == ["al-Awja, near Tikrit, IRAQ"]
    assert saddam.nationalities == ["IQ"]
    assert saddam.programs == ["IRQ"]
    assert saddam.listed_on == "2003-07-08"
    assert saddam.gender == "male"
    assert saddam.remarks == "UNSC RESOLUTION 1483"
    assert saddam.properties["regulation"] == ["1210/2003 (OJ L169)"]
    ryonbong = by_id(parsed, "900001")
    assert ryonbong.schema == "Organization"
    assert kinds(ryonbong) == [
        ("Korea Ryonbong General Corporation", NameKind.PRIMARY),
        ("Korea Yonbong General Corporation", NameKind.ALIAS),
        ("Lyongaksan General Trading Corporation", NameKind.WEAK_ALIAS),  # strong="false"
        ("조선련봉총회사", NameKind.ORIGINAL_SCRIPT),
    ]
    assert ryonbong.names[3].script == "Hang"
    assert ryonbong.names[3].lang == "ko"
    assert ryonbong.properties["un_reference"] == ["KPe.004"]
    assert [a.country for a in ryonbong.addresses] == ["KP"]  # "00" / UNKNOWN dropped
    person = by_id(parsed, "900002")
    assert person.listed_on == "2022-02-23"  # designationDate wins over regulation dates
    assert person.birth_dates == ["1965-03"]  # year and month only
    assert ("Ivan Examplov", NameKind.WEAK_ALIAS) in kinds(person)  # first/last name only
    assert [(n.value, n.script) for n in person.names if n.kind == "original_script"] == [
        ("Иван Петрович Экзамплов", "Cyrl")
    ]
    assert [(i.type, i.value, i.country) for i in person.identifiers] == [
        ("passport", "720000000", "RU"),
        ("tax", "770000000000", "RU"),
    ]
    assert person.positions == ["Member of the State Duma"]


def test_uk_parse() -> None:
    assert detect(UK).name == "uk-sanctions-xml"
    parsed = parse_path(UK)
    assert parsed.list == "uk_sanctions"
    assert parsed.published_at == "2026-04-29"  # latest LastUpdated: the file has no stamp
    assert parsed.counts() == {"Organization": 1, "Person": 1, "Vessel": 1}
    haqqani = by_id(parsed, "AFG0055")
    assert haqqani.caption == "NAJIBULLAH HAQQANI HIDAYATULLAH"
    assert ("Najib", NameKind.WEAK_ALIAS) in kinds(haqqani)
    assert ("Najibullah Haqani", NameKind.ALIAS) in kinds(haqqani)
    assert [(n.value, n.script) for n in haqqani.names if n.kind == "original_script"] == [
        ("نجيب الله حقانی هدایت الله", "Arab")
    ]
    assert haqqani.birth_dates == ["1971", "1972-10-24"]  # "dd/mm/1971" keeps the year
    assert haqqani.nationalities == ["AF"]
    assert [(i.type, i.value, i.country) for i in haqqani.identifiers] == [
        ("passport", "D0009871", "AF"),
        ("national_id", "545167", "AF"),
    ]
    assert haqqani.listed_on == "2001-02-23"
    assert haqqani.programs == ["The Afghanistan (Sanctions) (EU Exit) Regulations 2020"]
    assert haqqani.properties["sanctions_imposed"] == ["Asset freeze", "Travel Ban", "Arms embargo"]
    assert haqqani.properties["ofsi_group_id"] == ["7056"]
    ryonbong = by_id(parsed, "DPR9001")
    assert ("LYONGAKSAN GENERAL TRADING CORPORATION", NameKind.ALIAS) in kinds(ryonbong)
    assert ryonbong.countries == ["KP"]
    assert ryonbong.addresses[0].city == "Pyongyang"
    assert ryonbong.relations[0].target_name == "Example Parent Holding"
    ship = by_id(parsed, "RUS9002")
    assert ship.schema == "Vessel"
    assert [(i.type, i.value) for i in ship.identifiers] == [("imo", "9999991")]
    assert ship.countries == ["CM"]
    assert ship.relations[0].role == "current owner/operator"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("23/02/2001", "2001-02-23"),
        ("dd/mm/1971", "1971"),
        ("dd/10/1972", "1972-10"),
        ("31/02/1972", "1972-02"),
        ("2024-05-09", "2024-05-09"),
        ("", None),
        ("unknown", None),
    ],
)
def test_uk_dates(value: str, expected: str | None) -> None:
    assert uk_sanctions.uk_date(value) == expected


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))
def test_uk_dates_round_trip(day: date) -> None:
    assert uk_sanctions.uk_date(day.strftime("%d/%m/%Y")) == day.isoformat()
    assert uk_sanctions.uk_date(f"dd/mm/{day.year}") == str(day.year)


@given(st.text(max_size=30))
def test_uk_date_never_fails(text: str) -> None:
    result = uk_sanctions.uk_date(text)
    assert result is None or result[:4].isdigit()


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE export [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<export><sanctionEntity logicalId="1"><nameAlias wholeName="&xxe;"/></sanctionEntity></export>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Designations><Designation><UniqueID>&lol2;</UniqueID></Designation></Designations>"""


@pytest.mark.parametrize("parser", [eu_fsf.parse, uk_sanctions.parse])
def test_hostile_and_malformed_xml(parser: object, tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    for payload in (XXE, LAUGHS):
        path.write_bytes(payload)
        with pytest.raises(InputError, match="DTD"):
            parser(path)  # type: ignore[operator]
    path.write_bytes(b"<export><sanctionEntity logicalId='1'>")
    with pytest.raises(InputError, match="malformed XML") as err:
        parser(path)  # type: ignore[operator]
    assert err.value.line == 1
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        parser(path)  # type: ignore[operator]


def test_wrong_root(tmp_path: Path) -> None:
    path = tmp_path / "list.xml"
    path.write_bytes(UK.read_bytes())
    with pytest.raises(InputError, match="expected <export>"):
        eu_fsf.parse(path)
    path.write_bytes(EU.read_bytes())
    with pytest.raises(InputError, match="expected <Designations>"):
        uk_sanctions.parse(path)


def test_entries_without_id_or_name_are_warned(tmp_path: Path) -> None:
    path = tmp_path / "eu.xml"
    path.write_text(
        '<export generationDate="2025-01-01"><sanctionEntity>'
        '<nameAlias wholeName="No Id"/></sanctionEntity>'
        '<sanctionEntity logicalId="5"><subjectType code="person"/></sanctionEntity>'
        '<sanctionEntity logicalId="6"><nameAlias wholeName="Kept"/></sanctionEntity></export>',
        "utf-8",
    )
    parsed = eu_fsf.parse(path)
    assert [e.source_id for e in parsed.entities] == ["6"]
    assert len(parsed.warnings) == 2
    assert "line 1" in parsed.warnings[0]

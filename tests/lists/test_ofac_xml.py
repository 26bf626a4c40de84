"""OFAC sdnList XML (SDN.XML schema; consolidated non-SDN list), on trimmed real extracts."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists import registry
from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.sources import ofac_xml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ofac"
NEW_NS = FIXTURES / "consolidated-2025-03-28-extract.xml"
OLD_NS = FIXTURES / "consolidated-2024-02-23-extract.xml"
SDN_XML = FIXTURES / "sdn-xml-handmade.xml"


def by_id(path: Path, list_id: str | None = None) -> dict[str, Entity]:
    return {e.source_id: e for e in registry.parse_path(path, list_id).entities}


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


@pytest.mark.parametrize(("path", "date"), [(NEW_NS, "2025-03-28"), (OLD_NS, "2024-02-23")])
def test_consolidated_both_namespaces(path: Path, date: str) -> None:
    result = registry.parse_path(path)
    assert result.list == "us_ofac_cons"
    assert result.format == "ofac-cons-xml"
    assert result.published_at == date
    assert result.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(result.entities) == 31
    assert result.warnings == []
    haniya = {e.source_id: e for e in result.entities}["9639"]
    assert haniya.id == "us_ofac_cons:9639"
    assert haniya.caption == "HANIYA, Ismail Abdul Salah"
    assert names(haniya, NameKind.ALIAS) == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]
    assert haniya.birth_dates == ["1962"]
    assert haniya.birth_places == ["Shati"]


def test_weak_aliases_and_linked_to() -> None:
    e = by_id(NEW_NS)["9647"]
    assert e.caption == "ZAHHAR, Mahmoud Khaled"
    assert names(e, NameKind.ALIAS) == ["AL ZAHAR, Mahmoud Khaled"]
    assert names(e, NameKind.WEAK_ALIAS) == ["ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"]
    assert e.programs == ["NS-PLC", "SDGT"]
    assert e.gender == "male"
    assert [(r.role, r.target_name) for r in e.relations] == [("linked to", "HAMAS")]


def test_passport_and_citizenship() -> None:
    e = by_id(NEW_NS)["26182"]
    assert e.caption == "KAYAKIRAN, Evren"
    assert e.programs == ["FSE-IR"]
    assert e.birth_dates == ["1980-02-08"]
    assert e.nationalities == ["TR"]
    assert [(i.type, i.value, i.country) for i in e.identifiers] == [
        ("passport", "U00242309", "TR")
    ]


def test_bank_identifiers_and_addresses() -> None:
    e = by_id(NEW_NS)["17016"]
    assert e.caption == "GAZPROMBANK JOINT STOCK COMPANY"
    idents = {(i.type, i.value) for i in e.identifiers}
    assert ("lei", "253400WSS48YWMBUA688") in idents
    assert ("swift", "GAZPRUMM") in idents
    moscow = e.addresses[0]
    assert (moscow.street, moscow.city, moscow.postal_code, moscow.country) == (
        "16 Nametkina Street, Bldg. 1",
        "Moscow",
        "117420",
        "RU",
    )
    assert names(e, NameKind.FORMER)[0] == "GAZPROMBANK OPEN JOINT STOCK COMPANY"


def test_sdn_xml_schema_with_vessels() -> None:
    result = registry.parse_path(SDN_XML)
    assert (result.list, result.format, result.published_at) == (
        "us_ofac_sdn",
        "ofac-xml",
        "2024-05-03",
    )
    assert result.counts() == {"Organization": 1, "Person": 1, "Vessel": 2}
    entities = {e.source_id: e for e in result.entities}
    ryonbong = entities["9347"]
    assert names(ryonbong, NameKind.FORMER) == ["LYONGAKSAN GENERAL TRADING CORPORATION"]
    assert ryonbong.countries == ["KP"]
    gang = entities["17069"]
    assert [(i.type, i.value) for i in gang.identifiers] == [("imo", "7937317")]
    assert gang.properties["flag"] == ["KP"]
    dino = entities["15904"]
    assert [(r.schema, r.role, r.target_name) for r in dino.relations] == [
        ("Ownership", "vessel owner", "NITC"),
        ("UnknownLink", "linked to", "NATIONAL IRANIAN TANKER COMPANY"),
    ]
    assert dino.properties["former_flag"] == ["TZ"]
    assert ("call_sign", "5IM411") in [(i.type, i.value) for i in dino.identifiers]
    ri = entities["21735"]
    assert ri.positions == ["Korea Ryonbong General Corporation Official"]
    assert ri.birth_dates == ["1968-06-25"]


def test_list_guessed_from_content_and_overridden(tmp_path: Path) -> None:
    plain = tmp_path / "list.xml"
    shutil.copy(NEW_NS, plain)
    assert registry.detect(plain).name == "ofac-cons-xml"  # non-SDN programmes inside
    plain_sdn = tmp_path / "export.xml"
    shutil.copy(SDN_XML, plain_sdn)
    assert registry.detect(plain_sdn).name == "ofac-xml"
    forced = registry.parse_path(NEW_NS, "us_ofac_sdn")
    assert forced.list == "us_ofac_sdn"
    assert forced.entities[0].id == "us_ofac_sdn:9639"
    assert registry.parse_path(SDN_XML, "us_ofac_cons").list == "us_ofac_cons"


def test_record_count_mismatch_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cons.xml"
    path.write_bytes(NEW_NS.read_bytes().replace(b"<Record_Count>31<", b"<Record_Count>32<"))
    result = ofac_xml.parse_cons(path)
    assert result.warnings == ["Record_Count states 32 entries, the file holds 31"]


def test_malformed(tmp_path: Path) -> None:
    cut = tmp_path / "cut.xml"
    cut.write_bytes(NEW_NS.read_bytes()[:3000])
    with pytest.raises(InputError) as info:
        ofac_xml.parse_cons(cut)
    assert info.value.source == str(cut) and info.value.line is not None
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(
        '<?xml version="1.0"?><!DOCTYPE sdnList [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        "<sdnList><sdnEntry><uid>1</uid><lastName>&e;</lastName></sdnEntry></sdnList>"
    )
    with pytest.raises(InputError, match="XXE"):
        ofac_xml.parse_sdn(xxe)
    no_uid = tmp_path / "nouid.xml"
    no_uid.write_text("<sdnList>\n<sdnEntry>\n<lastName>X</lastName>\n</sdnEntry>\n</sdnList>\n")
    with pytest.raises(InputError) as info:
        ofac_xml.parse_sdn(no_uid)
    assert (info.value.line, info.value.field) == (2, "uid")


@pytest.mark.fulldata
@pytest.mark.parametrize(
    ("name", "total", "date"),
    [
        ("consolidated-2025-03-28.xml", 443, "2025-03-28"),
        ("consolidated-2024-02-23.xml", 444, "2024-02-23"),
    ],
)
def test_full_consolidated_xml(name: str, total: int, date: str) -> None:
    data = os.environ.get("TRADEGUARD_DATA_DIR")
    if not data:
        pytest.skip("TRADEGUARD_DATA_DIR is not set: full OFAC files not available")
    path = Path(data, "lists", "ofac", name)
    result = registry.parse_path(path)
    assert result.list == "us_ofac_cons"
    assert len(result.entities) == total
    assert result.published_at == date
    assert result.warnings == []

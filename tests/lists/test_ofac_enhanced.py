"""OFAC Enhanced XML (sanctionsData), zipped as published, on a trimmed real extract."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists import registry
from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.sources import ofac_enhanced

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ofac"
ZIPPED = FIXTURES / "CONS_ENHANCED-2025-01-10-extract.ZIP"


@pytest.fixture(scope="module")
def entities() -> dict[str, Entity]:
    return {e.source_id: e for e in registry.parse_path(ZIPPED).entities}


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


def xml_bytes() -> bytes:
    with zipfile.ZipFile(ZIPPED) as archive:
        return archive.read("CONS_ENHANCED.XML")


def test_list_metadata() -> None:
    result = registry.parse_path(ZIPPED)
    assert registry.detect(ZIPPED).name == "ofac-cons-enhanced-xml"
    assert result.list == "us_ofac_cons"
    assert result.published_at == "2025-01-10T00:00:00"
    assert result.sha256 == hashlib.sha256(ZIPPED.read_bytes()).hexdigest()
    assert result.counts() == {"Organization": 11, "Person": 17}
    assert result.warnings == []


def test_unzipped_xml_reads_the_same(tmp_path: Path, entities: dict[str, Entity]) -> None:
    plain = tmp_path / "CONS_ENHANCED.XML"
    plain.write_bytes(xml_bytes())
    result = registry.parse_path(plain)
    assert result.format == "ofac-cons-enhanced-xml"
    assert [e.canonical_json() for e in result.entities] == [
        e.canonical_json() for e in entities.values()
    ]


def test_original_script_translations(entities: dict[str, Entity]) -> None:
    vtb = entities["17013"]
    assert vtb.caption == "VTB BANK PUBLIC JOINT STOCK COMPANY"
    original = [(n.value, n.script) for n in vtb.names if n.kind == NameKind.ORIGINAL_SCRIPT]
    assert original == [
        ("БАНК ВТБ ПУБЛИЧНОЕ АКЦИОНЕРНОЕ ОБЩЕСТВО", "Cyrl"),
        ("БАНК ВТБ ПАО", "Cyrl"),
    ]
    assert "JSC VTB BANK" in names(vtb, NameKind.FORMER)
    dji = entities["33111"]
    assert names(dji, NameKind.ORIGINAL_SCRIPT) == ["深圳市大疆创新科技有限公司"]


def test_relationships_stated_by_ofac(entities: dict[str, Entity]) -> None:
    bm = entities["17017"]
    assert [(r.schema, r.role, r.target_id, r.target_name) for r in bm.relations] == [
        (
            "Ownership",
            "owned or controlled by",
            "us_ofac_cons:17013",
            "VTB BANK PUBLIC JOINT STOCK COMPANY",
        )
    ]
    hamas = entities["9647"].relations[0]
    assert (hamas.schema, hamas.role, hamas.target_id, hamas.target_name) == (
        "Representation",
        "acting for or on behalf of",
        None,  # HAMAS (entity 4695) is not in this file
        "HAMAS",
    )
    assert hamas.source == "OFAC relationship to entity 4695"


def test_person_features_and_documents(entities: dict[str, Entity]) -> None:
    e = entities["9647"]
    assert names(e, NameKind.WEAK_ALIAS) == ["ZAHAR, Mahmoud", "AL-ZAHAR, Mahmoud"]
    assert e.birth_dates == ["1945"]
    assert e.nationalities == ["PS"]
    assert e.gender == "male"
    assert e.listed_on == "2006-04-12"
    assert "SDN List" in e.properties["sanctions_lists"]
    kayakiran = entities["26182"]
    assert kayakiran.birth_dates == ["1980-02-08"]
    assert [(i.type, i.value, i.country) for i in kayakiran.identifiers] == [
        ("passport", "U00242309", "TR")
    ]


def test_list_override() -> None:
    assert registry.parse_path(ZIPPED, "us_ofac_sdn").list == "us_ofac_sdn"


# --- malformed input ------------------------------------------------------------------------


def test_zip_bomb_refused(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("CONS_ENHANCED.XML", b"<sanctionsData>" + b" " * 20_000_000)
    with pytest.raises(InputError, match="zip bomb"):
        ofac_enhanced.parse_cons(bomb)


def test_member_over_the_size_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEGUARD_MAX_INPUT_BYTES", "100000")
    with pytest.raises(InputError, match="cap") as info:
        ofac_enhanced.parse_cons(ZIPPED)
    assert info.value.source == f"{ZIPPED}!CONS_ENHANCED.XML"


def test_broken_zip_and_truncated_xml(tmp_path: Path) -> None:
    broken = tmp_path / "broken.zip"
    broken.write_bytes(ZIPPED.read_bytes()[:5000])
    with pytest.raises(InputError, match="zip"):
        ofac_enhanced.parse_cons(broken)
    cut = tmp_path / "cut.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("CONS_ENHANCED.XML", xml_bytes()[:50_000])
    cut.write_bytes(buf.getvalue())
    with pytest.raises(InputError) as info:
        ofac_enhanced.parse_cons(cut)
    assert "malformed XML" in info.value.message and info.value.line is not None


def test_billion_laughs_inside_zip(tmp_path: Path) -> None:
    lol = "".join(f'<!ENTITY l{i} "{"&l" + str(i - 1) + ";" * 10}">' for i in range(1, 10))
    doc = f'<?xml version="1.0"?><!DOCTYPE sanctionsData [<!ENTITY l0 "lol">{lol}]><sanctionsData>&l9;</sanctionsData>'
    path = tmp_path / "lol.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("CONS_ENHANCED.XML", doc)
    with pytest.raises(InputError, match="entity"):
        ofac_enhanced.parse_cons(path)


@pytest.mark.fulldata
def test_full_enhanced_file() -> None:
    data = os.environ.get("TRADEGUARD_DATA_DIR")
    if not data:
        pytest.skip("TRADEGUARD_DATA_DIR is not set: full OFAC files not available")
    result = registry.parse_path(Path(data, "lists", "ofac", "CONS_ENHANCED-2025-01-10.ZIP"))
    assert result.list == "us_ofac_cons"
    assert result.counts() == {"Organization": 363, "Person": 80}
    relations = [r for e in result.entities for r in e.relations]
    assert sum(r.role == "owned or controlled by" for r in relations) == 278
    originals = [n for e in result.entities for n in e.names if n.kind == NameKind.ORIGINAL_SCRIPT]
    assert {n.script for n in originals} == {"Cyrl", "Hani"}

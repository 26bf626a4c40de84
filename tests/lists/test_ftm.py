"""FollowTheMoney JSON lines in and out: the OpenSanctions-style fixture, relation folding,
round trips of real parsed entries through FtM, validity against the followthemoney model."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model as ftm_model
from followthemoney import registry

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, NameKind, ParsedList, Relation
from tradeguard.lists.registry import detect, parse_path
from tradeguard.lists.sources import ftm, ftm_write

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "lists"
FTM_FILE = FIX / "ftm" / "entities.ftm.json"
REAL_EXTRACTS = [
    FIX / "us_csl" / "consolidated-extract.csv.gz",
    FIX / "jp_meti" / "20250929_4-extract.xlsx",
    FIX / "jp_mof" / "shisantouketsu20260305-extract.xlsx",
    FIX / "us_csl" / "dpl-extract.txt",
]


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    for entity in parsed.entities:
        if entity.source_id == source_id:
            return entity
    raise AssertionError(f"{source_id} not found")


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return parse_path(FTM_FILE)


def test_sniff_and_counts(parsed: ParsedList) -> None:
    assert detect(FTM_FILE).name == "ftm-jsonl"
    assert parsed.list == "opensanctions"
    assert parsed.counts() == {"Company": 2, "Organization": 1, "Person": 2, "Vessel": 1}
    assert parsed.published_at == "2024-03-01T12:00:00"
    assert not parsed.warnings


def test_thing_properties(parsed: ParsedList) -> None:
    ryonbong = by_id(parsed, "fx-kp-ryonbong")
    assert ryonbong.id == "opensanctions:fx-kp-ryonbong"
    assert ryonbong.caption == "Korea Ryonbong General Corporation"
    assert ("조선련봉총회사", NameKind.ORIGINAL_SCRIPT, "Hang") in [
        (n.value, n.kind, n.script) for n in ryonbong.names
    ]
    assert "Lyongaksan General Trading Corporation" in [
        n.value for n in ryonbong.names if n.kind == NameKind.FORMER
    ]
    assert ryonbong.programs == ["UN 1718 (DPRK)"]
    assert ryonbong.listed_on == "2009-04-24"  # from the Sanction entity
    assert ryonbong.countries == ["KP"]
    assert ryonbong.addresses[0].city == "Pyongyang"  # from the Address entity
    assert ryonbong.addresses[0].country == "KP"
    assert ryonbong.properties["topics"] == ["sanction"]
    assert ryonbong.properties["referents"] == ["un-sc-sanctions-kpe-001"]
    yun = by_id(parsed, "fx-kp-yun-ho-jin")
    assert yun.birth_dates == ["1944-10-13"]
    assert yun.nationalities == ["KP"]
    assert [(i.type, i.value, i.country) for i in yun.identifiers] == [
        ("passport", "654410078", "KP")
    ]
    vessel = by_id(parsed, "fx-vessel-example")
    assert [(i.type, i.value) for i in vessel.identifiers] == [("imo", "9999990")]
    assert [n.kind for n in vessel.names] == [NameKind.PRIMARY, NameKind.WEAK_ALIAS]


def test_relations_on_the_owner_side(parsed: ParsedList) -> None:
    holding = by_id(parsed, "fx-holding")
    ownership = next(r for r in holding.relations if r.schema == "Ownership")
    assert ownership.target_id == "opensanctions:fx-vessel-example"
    assert ownership.share_pct == 51.0
    assert ownership.start_date == "2019-05-01"
    assert ownership.role == "owner of"
    member = next(r for r in holding.relations if r.schema == "Membership")
    assert member.target_id == "opensanctions:fx-kp-ryonbong"
    yun = by_id(parsed, "fx-kp-yun-ho-jin")
    assert {(r.schema, r.role, r.target_id) for r in yun.relations} == {
        ("Directorship", "Managing director", "opensanctions:fx-holding"),
        ("Family", "brother", "opensanctions:fx-person-relative"),
    }
    kic = by_id(parsed, "fx-kp-kic")
    assert kic.relations[0].schema == "UnknownLink"
    assert kic.relations[0].target_name == "Korea Ryonbong General Corporation"
    relative = by_id(parsed, "fx-person-relative")
    assert relative.relations[0].schema == "Associate"


def _validate(data: dict[str, Any]) -> None:
    """Check one FtM dict against the followthemoney model, property by property."""
    assert registry.entity.validate(data["id"]), data["id"]
    schema = ftm_model.get(data["schema"])
    assert schema is not None, data["schema"]
    assert not schema.abstract, data["schema"]
    for name, values in data["properties"].items():
        prop = schema.get(name)
        assert prop is not None, f"{data['schema']}.{name}"
        for value in values:
            assert isinstance(value, str)
            assert prop.type.validate(value), f"{data['schema']}.{name}={value!r}"
    proxy = ftm_model.get_proxy(data)
    assert proxy.id == data["id"]


def test_export_is_valid_ftm(parsed: ParsedList) -> None:
    entities = list(parsed.entities)
    for path in REAL_EXTRACTS:
        entities.extend(parse_path(path).entities)
    out = io.StringIO()
    count = ftm_write.write_ftm(entities, out)
    lines = out.getvalue().splitlines()
    assert count == len(lines) > len(entities)
    ids = set()
    for line in lines:
        data = json.loads(line)
        _validate(data)
        ids.add(data["id"])
    assert len(ids) == len(lines)
    # every relation endpoint is an entity of the export or a stub it wrote
    for line in lines:
        data = json.loads(line)
        if data["schema"] in ftm.RELATIONS:
            for prop in ftm.RELATIONS[data["schema"]][:2]:
                for ref in data["properties"][prop]:
                    assert ref in ids or ref.startswith("tg-")


def test_export_is_deterministic(parsed: ParsedList) -> None:
    first, second = io.StringIO(), io.StringIO()
    ftm_write.write_ftm(parsed.entities, first)
    ftm_write.write_ftm(parse_path(FTM_FILE).entities, second)
    assert first.getvalue() == second.getvalue()


def test_opensanctions_round_trip(parsed: ParsedList, tmp_path: Path) -> None:
    path = tmp_path / "again.ftm.json"
    with path.open("w", encoding="utf-8") as stream:
        ftm_write.write_ftm(parsed.entities, stream)
    again = parse_path(path)
    assert [e.id for e in again.entities] == [e.id for e in parsed.entities]
    for before, after in zip(parsed.entities, again.entities, strict=True):
        assert after.names == before.names
        assert after.birth_dates == before.birth_dates
        assert after.nationalities == before.nationalities
        assert after.programs == before.programs
        assert after.listed_on == before.listed_on
        assert [(i.type, i.value, i.country) for i in after.identifiers] == [
            (i.type, i.value, i.country) for i in before.identifiers
        ]
        assert {(r.schema, r.role, r.target_id, r.share_pct) for r in after.relations} == {
            (r.schema, r.role, r.target_id, r.share_pct) for r in before.relations
        }


@pytest.mark.parametrize("path", REAL_EXTRACTS, ids=lambda p: p.parent.name + "/" + p.name)
def test_real_entries_round_trip(path: Path, tmp_path: Path) -> None:
    original = parse_path(path)
    out = tmp_path / "out.ftm.json"
    with out.open("w", encoding="utf-8") as stream:
        ftm_write.write_ftm(original.entities, stream)
    again = parse_path(out)
    stubs = [e for e in again.entities if e.source_id.startswith("tg-name-")]
    assert all(e.schema == "LegalEntity" and len(e.names) == 1 for e in stubs)
    rebuilt = [e for e in again.entities if e not in stubs]
    assert len(rebuilt) == len(original.entities)
    for before, after in zip(original.entities, rebuilt, strict=True):
        assert after.source_id == ftm_write.ftm_id(before.id)
        assert after.schema == before.schema
        assert {n.value for n in after.names} == {n.value for n in before.names}
        assert [(n.value, n.kind) for n in after.names if n.kind == NameKind.PRIMARY] == [
            (n.value, n.kind) for n in before.names if n.kind == NameKind.PRIMARY
        ]
        assert {(n.value, n.script) for n in after.names if n.kind == "original_script"} == {
            (n.value, n.script) for n in before.names if n.kind == "original_script"
        }
        assert after.birth_dates == before.birth_dates
        assert after.nationalities == before.nationalities
        assert after.programs == before.programs
        assert after.listed_on == before.listed_on
        kept = {(i.type, i.value) for i in before.identifiers if i.type in ftm.ID_TYPE_TO_PROP}
        assert kept <= {(i.type, i.value) for i in after.identifiers}


def test_ftm_ids() -> None:
    assert ftm_write.ftm_id("opensanctions:NK-abc123") == "NK-abc123"
    assert ftm_write.ftm_id("un_sc:KPe.053") == "tg-un-sc-KPe.053"
    assert ftm_write.ftm_id("us_csl:dpl:ab").startswith("tg-us-csl-dpl-ab-")
    assert ftm_write.ftm_id("jp_mof:15-1") == ftm_write.ftm_id("jp_mof:15-1")
    assert ftm_write.ftm_id("us_csl:dpl:ab") != ftm_write.ftm_id("us_csl:dpl-ab")
    assert registry.entity.validate(ftm_write.ftm_id("jp_mof:北朝鮮"))


def test_reverse_ownership_role() -> None:
    entity = Entity(id="custom:x1", list="custom", source_id="x1", schema="Company")
    entity.add_name("Owned Co")
    entity.relations.append(
        Relation("Ownership", "owned or controlled by", target_id="custom:x2", share_pct=60.0)
    )
    rel = next(d for d in ftm_write.iter_ftm([entity]) if d["schema"] == "Ownership")
    assert rel["properties"]["owner"] == [ftm_write.ftm_id("custom:x2")]
    assert rel["properties"]["asset"] == [ftm_write.ftm_id("custom:x1")]
    assert rel["properties"]["percentage"] == ["60"]
    named = Entity(id="custom:x3", list="custom", source_id="x3", schema="Vessel")
    named.relations.append(Relation("Ownership", "vessel owner", target_name="SOME SHIPPING CO"))
    out = list(ftm_write.iter_ftm([named]))
    assert [d["schema"] for d in out] == ["Vessel", "LegalEntity", "Ownership"]
    for data in out:
        _validate(data)


@pytest.mark.parametrize(
    ("text", "field", "line"),
    [
        ('{"id": "a", "schema": "Person", "properties": {}}\nnot json\n', None, 2),
        ('{"schema": "Person", "properties": {}}\n', "id", 1),
        ('{"id": "a", "schema": "Person", "properties": {"name": "A"}}\n', "properties.name", 1),
        ('{"id": "a", "schema": "Nonsense", "properties": {}}\n', "schema", 1),
    ],
)
def test_malformed(text: str, field: str | None, line: int, tmp_path: Path) -> None:
    path = tmp_path / "bad.ftm.json"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError) as err:
        ftm.parse(path)
    assert err.value.field == field
    assert err.value.line == line


def test_empty_and_wrong_encoding(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        ftm.parse(path)
    path.write_bytes(
        '{"id": "a", "schema": "Person", "properties": {"name": ["Ö"]}}'.encode("utf-16")
    )
    with pytest.raises(InputError, match="decode"):
        ftm.parse(path)

"""OFAC legacy CSV sets (SDN and consolidated non-SDN), on trimmed extracts of real files."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists import registry
from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.sources import ofac_csv

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ofac"
LONE = FIXTURES / "sdn-2024-05-03-extract.csv"
SDN_SET = FIXTURES / "sdn-set-2021-07-07"
CONS_SET = FIXTURES / "cons-set-2025-12-19"


def by_id(path: Path) -> dict[str, Entity]:
    return {e.source_id: e for e in registry.parse_path(path).entities}


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


def test_lone_sdn_csv_with_dos_eof() -> None:
    raw = LONE.read_bytes()
    assert raw.endswith(b"\r\n\x1a")
    result = ofac_csv.parse_sdn(LONE)
    assert result.list == "us_ofac_sdn"
    assert result.format == "ofac-sdn-csv"
    assert result.published_at is None
    assert result.sha256 == hashlib.sha256(raw).hexdigest()
    assert result.counts() == {"Airplane": 24, "Organization": 254, "Person": 240, "Vessel": 115}
    assert any("strong aliases" in w for w in result.warnings)


def test_dprk_vessel_with_imo() -> None:
    e = by_id(LONE)["17069"]
    assert e.id == "us_ofac_sdn:17069"
    assert e.schema == "Vessel"
    assert e.caption == "CHONG CHON GANG"
    assert e.programs == ["DPRK"]
    assert [(i.type, i.value) for i in e.identifiers] == [("imo", "7937317")]
    assert e.properties["vessel_type"] == ["General Cargo"]
    assert e.properties["flag"] == ["KP"]


def test_weak_aliases_only_in_remarks() -> None:
    bank = by_id(LONE)["306"]
    assert bank.caption == "BANCO NACIONAL DE CUBA"
    assert names(bank, NameKind.WEAK_ALIAS) == ["BNC"]
    assert names(bank, NameKind.ALIAS) == []


def test_linked_to_and_passport() -> None:
    e = by_id(LONE)["21735"]
    assert e.caption == "RI, Su Yong"
    assert e.schema == "Person"
    assert e.birth_dates == ["1968-06-25"]
    assert e.nationalities == ["KP"]
    assert e.gender == "male"
    assert e.positions == ["Korea Ryonbong General Corporation Official"]
    assert [(i.type, i.value) for i in e.identifiers] == [("passport", "654310175")]
    assert [(r.schema, r.role, r.target_name) for r in e.relations] == [
        ("UnknownLink", "linked to", "KOREA RYONBONG GENERAL CORPORATION")
    ]


def test_aircraft() -> None:
    e = by_id(LONE)["15431"]
    assert e.schema == "Airplane"
    assert e.caption == "EP-GOM"
    assert ("aircraft_msn", "1023409321") in [(i.type, i.value) for i in e.identifiers]
    assert e.properties["aircraft_model"] == ["IL76-TD"]
    assert [r.target_name for r in e.relations] == ["POUYA AIR"]


def test_complete_set_as_directory_and_as_main_file() -> None:
    from_dir = ofac_csv.parse_sdn(SDN_SET)
    from_main = ofac_csv.parse_sdn(SDN_SET / "sdn.csv")
    assert from_dir.sha256 == from_main.sha256
    assert from_dir.source == "sdn.csv, sdn_comments.csv, alt.csv, add.csv"
    assert from_dir.warnings == []
    assert from_dir.counts() == {"Airplane": 17, "Organization": 207, "Person": 179, "Vessel": 111}
    expected = hashlib.sha256()
    for name in ("sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv"):
        expected.update((SDN_SET / name).read_bytes())
    assert from_dir.sha256 == expected.hexdigest()


def test_korea_ryonbong_and_chemical_jv_with_alt_and_add() -> None:
    entities = by_id(SDN_SET)
    ryonbong = entities["9347"]
    assert ryonbong.caption == "KOREA RYONBONG GENERAL CORPORATION"
    assert ryonbong.programs == ["NPWMD"]
    assert names(ryonbong, NameKind.ALIAS) == ["KOREA YONBONG GENERAL CORPORATION"]
    assert names(ryonbong, NameKind.FORMER) == ["LYONGAKSAN GENERAL TRADING CORPORATION"]
    assert [a.city for a in ryonbong.addresses] == ["Pyongyang", "Pyongyang"]
    assert ryonbong.countries == ["KP"]
    jv = entities["9526"]
    assert jv.caption == "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"
    assert names(jv, NameKind.ALIAS) == [
        "CHOSON INTERNATIONAL CHEMICALS JOINT OPERATION COMPANY",
        "CHOSUN INTERNATIONAL CHEMICALS JOINT OPERATION COMPANY",
        "INTERNATIONAL CHEMICAL JOINT VENTURE CORPORATION",
    ]


def test_remarks_continued_in_comments_file() -> None:
    e = by_id(SDN_SET)["28264"]
    assert e.programs == ["DPRK3", "CYBER2"]
    assert e.remarks is not None and e.remarks.endswith("Linked To: LAZARUS GROUP.")
    assert names(e, NameKind.WEAK_ALIAS) == ["blackjack1987", "khaleesi"]
    assert ("national_id", "210302198701102136", "CN") in [
        (i.type, i.value, i.country) for i in e.identifiers
    ]
    assert [r.target_name for r in e.relations] == ["LAZARUS GROUP"]


def test_vessel_owner_relation() -> None:
    e = by_id(SDN_SET)["4234"]
    assert e.schema == "Vessel"
    assert [(r.schema, r.role, r.target_name) for r in e.relations] == [
        ("Ownership", "vessel owner", "Compania Navegacion Golfo S.A.")
    ]
    assert e.properties["gross_registered_tonnage"] == ["1098"]
    assert [(i.type, i.value) for i in e.identifiers] == [("call_sign", "CL2685")]


def test_consolidated_non_sdn_set() -> None:
    result = registry.parse_path(CONS_SET)
    assert result.list == "us_ofac_cons"
    assert result.format == "ofac-cons-csv"
    assert result.counts() == {"Organization": 19, "Person": 26}
    entities = {e.source_id: e for e in result.entities}
    haniya = entities["9639"]
    assert haniya.id == "us_ofac_cons:9639"
    assert haniya.programs == ["NS-PLC"]
    assert haniya.birth_dates == ["1962"]
    assert names(haniya, NameKind.ALIAS) == ["HANIYA, Ismail", "HANIYYA, Ismaeel"]
    gpb = entities["17016"]
    assert ("lei", "253400WSS48YWMBUA688") in [(i.type, i.value) for i in gpb.identifiers]


def test_sniffing_and_list_override(tmp_path: Path) -> None:
    assert registry.detect(LONE).name == "ofac-sdn-csv"
    assert registry.detect(SDN_SET).name == "ofac-sdn-csv"
    assert registry.detect(CONS_SET).name == "ofac-cons-csv"
    assert registry.detect(CONS_SET / "cons_prim.csv").name == "ofac-cons-csv"
    renamed = tmp_path / "prim.csv"
    shutil.copy(CONS_SET / "cons_prim.csv", renamed)
    assert registry.detect(renamed).name == "ofac-sdn-csv"
    assert registry.detect(renamed, "us_ofac_cons").name == "ofac-cons-csv"
    assert registry.parse_path(renamed, "us_ofac_cons").list == "us_ofac_cons"


def test_set_without_main_file(tmp_path: Path) -> None:
    for name in ("add.csv", "alt.csv"):
        shutil.copy(SDN_SET / name, tmp_path / name)
    with pytest.raises(InputError, match=r"sdn\.csv is missing"):
        registry.parse_path(tmp_path)


# --- malformed input ------------------------------------------------------------------------


def test_wrong_column_count_names_file_and_line(tmp_path: Path) -> None:
    lines = LONE.read_bytes().split(b"\r\n")
    lines[4] = lines[4].rsplit(b",", 1)[0]  # drop the Remarks field of the fifth row
    bad = tmp_path / "sdn.csv"
    bad.write_bytes(b"\r\n".join(lines))
    with pytest.raises(InputError) as info:
        ofac_csv.parse_sdn(bad)
    assert info.value.source == str(bad)
    assert info.value.line == 5
    assert "expected 12" in info.value.message


def test_wrong_encoding(tmp_path: Path) -> None:
    bad = tmp_path / "sdn.csv"
    bad.write_bytes(LONE.read_bytes()[:2000].decode("cp1252").encode("utf-16"))
    with pytest.raises(InputError, match="NUL"):
        ofac_csv.parse_sdn(bad)
    undefined = tmp_path / "add.csv"
    undefined.write_bytes(b'36,25,-0- ,"Hav\x81na","Cuba",-0- \r\n')
    shutil.copy(LONE, tmp_path / "main.csv")
    (tmp_path / "sdn.csv").write_bytes(LONE.read_bytes())
    with pytest.raises(InputError) as info:
        ofac_csv.parse_sdn(tmp_path)
    assert info.value.source == str(undefined)
    assert info.value.line == 1


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "sdn.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        ofac_csv.parse_sdn(empty)


def test_non_numeric_entry_number_and_unknown_type(tmp_path: Path) -> None:
    bad = tmp_path / "sdn.csv"
    bad.write_bytes(b'ent_num,"SDN_Name",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a')
    with pytest.raises(InputError) as info:
        ofac_csv.parse_sdn(bad)
    assert (info.value.line, info.value.field) == (1, "ent_num")
    bad.write_bytes(b'1,"X","robot","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a')
    with pytest.raises(InputError) as info:
        ofac_csv.parse_sdn(bad)
    assert info.value.field == "SDN_Type"


# --- the full published files (only with $TRADEGUARD_DATA_DIR) -----------------------------


def data_path(*parts: str) -> Path:
    data = os.environ.get("TRADEGUARD_DATA_DIR")
    if not data:
        pytest.skip("TRADEGUARD_DATA_DIR is not set: full OFAC files not available")
    path = Path(data, "lists", "ofac", *parts)
    if not path.exists():
        pytest.skip(f"{path.name} not in TRADEGUARD_DATA_DIR")
    return path


@pytest.mark.fulldata
@pytest.mark.parametrize(
    ("parts", "total", "max_ent"),
    [
        (("sdn-2024-05-03.csv",), 14965, "48907"),
        (("sdn-2024-04-26.csv",), 14668, "48785"),
        (("2021-07-07",), 8976, "32391"),
    ],
)
def test_full_sdn_files(parts: tuple[str, ...], total: int, max_ent: str) -> None:
    path = data_path(*parts)
    result = registry.parse_path(path)
    assert result.list == "us_ofac_sdn"
    assert len(result.entities) == total
    assert max(int(e.source_id) for e in result.entities) == int(max_ent)
    if parts == ("sdn-2024-05-03.csv",):
        assert result.counts() == {
            "Airplane": 376,
            "Organization": 6884,
            "Person": 6854,
            "Vessel": 851,
        }
    if parts == ("2021-07-07",):
        assert result.warnings == []
        alias_count = sum(
            1
            for e in result.entities
            for n in e.names
            if n.kind in (NameKind.ALIAS, NameKind.FORMER)
        )
        assert alias_count >= 11_000  # alt.csv holds 11,910 rows, a few repeat a name


@pytest.mark.fulldata
def test_full_consolidated_csv_set() -> None:
    result = registry.parse_path(data_path("non-sdn-cons-2025-12-19"))
    assert result.list == "us_ofac_cons"
    assert len(result.entities) == 442
    assert result.warnings == []


@pytest.mark.fulldata
def test_partial_set_is_refused() -> None:
    with pytest.raises(InputError, match="missing"):
        registry.parse_path(data_path("2025-12-24-partial"))

"""US Consolidated Screening List (CSV, CSV.gz, JSON) and BIS Denied Persons List parsers,
tested on trimmed extracts of the real published files."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, NameKind, ParsedList
from tradeguard.lists.registry import detect, parse_path
from tradeguard.lists.sources import bis_dpl, us_csl

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "lists" / "us_csl"
CSV_GZ = FIX / "consolidated-extract.csv.gz"
JSON_FILE = FIX / "csl-extract.json"
DPL = FIX / "dpl-extract.txt"


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    for entity in parsed.entities:
        if entity.source_id == source_id:
            return entity
    raise AssertionError(f"{source_id} not found")


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


@pytest.fixture(scope="module")
def csl() -> ParsedList:
    return parse_path(CSV_GZ)


def test_gz_is_sniffed_and_parsed(csl: ParsedList) -> None:
    assert detect(CSV_GZ).name == "csl-csv"
    assert csl.list == "us_csl"
    assert csl.format == "csl-csv"
    assert len(csl.sha256) == 64
    assert csl.published_at is None  # the CSV states no date
    assert not csl.warnings


def test_plain_csv_gives_same_entities(csl: ParsedList, tmp_path: Path) -> None:
    plain = tmp_path / "consolidated.csv"
    plain.write_bytes(gzip.decompress(CSV_GZ.read_bytes()))
    parsed = parse_path(plain)
    assert [e.to_dict() for e in parsed.entities] == [e.to_dict() for e in csl.entities]
    assert parsed.sha256 != csl.sha256  # hash of the raw bytes as given


def test_dprk_entity_with_aliases(csl: ParsedList) -> None:
    kic = by_id(csl, "9526")
    assert kic.id == "us_csl:9526"
    assert kic.schema == "Organization"
    assert kic.caption == "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"
    assert "CHOSUN INTERNATIONAL CHEMICALS JOINT OPERATION COMPANY" in names(kic, NameKind.ALIAS)
    assert "NPWMD" in kic.programs
    assert "Specially Designated Nationals (SDN) - Treasury Department" in kic.programs
    assert {a.country for a in kic.addresses} == {"KP"}
    assert any("Hamhung" in a.full for a in kic.addresses)


def test_ryonbong_on_sdn_and_isn(csl: ParsedList) -> None:
    sdn = by_id(csl, "9347")
    assert "KOREA YONBONG GENERAL CORPORATION" in names(sdn, NameKind.ALIAS)
    isn = by_id(csl, "c82b7d68dfe7cca48bdf64cde6c62b4caac2ec5b")
    assert isn.caption == "Korea Ryonbong General Corporation"
    assert isn.schema == "LegalEntity"  # ISN rows carry no type
    assert isn.programs == ["Nonproliferation Sanctions (ISN) - State Department", "E.O. 13382"]
    assert isn.listed_on == "2005-06-28"
    assert isn.properties["federal_register_notice"] == ["Vol. 70, No. 126, 07/01/05"]


def test_vessel_imo_and_link(csl: ParsedList) -> None:
    vessel = by_id(csl, "23156")
    assert vessel.schema == "Vessel"
    assert [(i.type, i.value) for i in vessel.identifiers] == [("imo", "8898831")]
    assert vessel.countries == ["KP"]  # vessel flag "Democratic People's Republic of Korea"
    assert vessel.relations[0].schema == "UnknownLink"
    assert vessel.relations[0].target_name == "YUSONG SHIPPING CO"
    assert vessel.programs[-1] == "DPRK4"


def test_identifiers_and_properties(csl: ParsedList) -> None:
    cbr = by_id(csl, "31695")
    ids = {(i.type, i.value, i.country) for i in cbr.identifiers}
    assert ("tax", "7702235133", "RU") in ids
    assert ("registration", "1037700013020", "RU") in ids
    assert ("swift", "CBRFRUMM", None) in ids
    assert cbr.properties["website"] == ["www.cbr.ru"]
    assert cbr.properties["incorporation_date"] == ["1990-07-13"]
    assert "BANK OF RUSSIA" in names(cbr, NameKind.ALIAS)
    person = by_id(csl, "26860")
    assert person.schema == "Person"
    assert person.birth_dates == ["1957-10-10"]
    assert person.programs == [
        "Specially Designated Nationals (SDN) - Treasury Department",
        "IFSR",
        "IRGC",
        "SDGT",
    ]


def test_entity_list_rows(csl: ParsedList) -> None:
    plant = by_id(csl, "4398d33e9e93c7477af39f1e0bfffc13ddd47bcc")
    assert plant.caption == "140 Repair Plant JSC"
    # "...; and JSC 140 Repair Plant": the list's own "and" is not part of the alias.
    assert names(plant, NameKind.ALIAS) == [
        "Open Joint Stock Company 140 Repair Plant",
        "JSC 140 Repair Plant",
    ]
    assert plant.properties["csl_source"] == ["Entity List (EL) - Bureau of Industry and Security"]
    assert plant.properties["federal_register_notice"] == ["87 FR 20299"]
    assert plant.listed_on == "2022-04-07"
    assert plant.properties["license_policy"] == ["Policy of denial."]
    assert plant.addresses[0].country == "BY"


def test_rows_sharing_an_id_merge(csl: ParsedList) -> None:
    vtb = by_id(csl, "18725")
    assert sorted(s.split(" (")[0] for s in vtb.properties["csl_source"]) == [
        "Capta List",
        "Sectoral Sanctions Identifications List",
        "Specially Designated Nationals",
    ]
    assert vtb.caption == "BANCO VTB AFRICA SA"
    assert len({e.id for e in csl.entities}) == len(csl.entities)


def test_source_counts(csl: ParsedList) -> None:
    counts = us_csl.source_counts(csl)
    assert counts["Entity List (EL) - Bureau of Industry and Security"] == 25
    assert len(counts) >= 11
    assert us_csl.sub_list_code("Entity List (EL) - Bureau of Industry and Security") == "EL"
    assert us_csl.sub_list_code(
        "Military End User (MEU) List - Bureau of Industry and Security"
    ) == ("MEU")


def test_json_form_matches_csv(csl: ParsedList) -> None:
    assert detect(JSON_FILE).name == "csl-json"
    parsed = parse_path(JSON_FILE)
    assert parsed.format == "csl-json"
    assert parsed.published_at == "2022-05-16T09:00:00.000+00:00"
    doc = json.loads(JSON_FILE.read_text("utf-8"))
    assert len(parsed.entities) == len({r["id"] for r in doc["results"]})
    for entity in parsed.entities:
        twin = by_id(csl, entity.source_id)
        assert entity.schema == twin.schema
        assert entity.names == twin.names
        assert set(entity.programs) <= set(twin.programs)
        assert [(i.type, i.value) for i in entity.identifiers] == [
            (i.type, i.value) for i in twin.identifiers
        ]
        assert entity.birth_dates == twin.birth_dates
        assert [a.country for a in entity.addresses] == [a.country for a in twin.addresses]
    kic = by_id(parsed, "9526")
    assert kic.addresses[0].city == "South Hamgyong Province"


def test_missing_column(tmp_path: Path) -> None:
    text = gzip.decompress(CSV_GZ.read_bytes()).decode("utf-8")
    header, rest = text.split("\n", 1)
    bad = tmp_path / "consolidated.csv"
    bad.write_text(header.replace(",alt_names,", ",other,") + "\n" + rest, "utf-8")
    with pytest.raises(InputError) as err:
        us_csl.parse_csv(bad)
    assert err.value.field == "alt_names"
    assert err.value.line == 1
    assert "consolidated.csv" in str(err.value)


def test_wrong_encoding(tmp_path: Path) -> None:
    text = gzip.decompress(CSV_GZ.read_bytes()).decode("utf-8")
    bad = tmp_path / "consolidated.csv"
    bad.write_bytes(text.encode("utf-16"))
    with pytest.raises(InputError, match="cannot decode"):
        us_csl.parse_csv(bad)
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(text.replace("Co”peratief", "Coöperatief").encode("latin-1", "replace"))
    with pytest.raises(InputError) as err:
        us_csl.parse_csv(latin)
    assert err.value.line is not None and err.value.line > 1


def test_empty_and_broken_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        us_csl.parse_csv(empty)
    empty_gz = tmp_path / "empty.csv.gz"
    empty_gz.write_bytes(gzip.compress(b""))
    with pytest.raises(InputError, match="empty"):
        us_csl.parse_csv(empty_gz)
    truncated = tmp_path / "cut.csv.gz"
    truncated.write_bytes(CSV_GZ.read_bytes()[:4000])
    with pytest.raises(InputError, match="gzip"):
        us_csl.parse_csv(truncated)
    bad_json = tmp_path / "csl.json"
    bad_json.write_text('{"results": [{"name": "X"}]}', "utf-8")
    with pytest.raises(InputError) as err:
        us_csl.parse_json(bad_json)
    assert err.value.field == "results[0].source"
    broken = tmp_path / "broken.json"
    broken.write_text('{"results": [', "utf-8")
    with pytest.raises(InputError, match="malformed JSON"):
        us_csl.parse_json(broken)


def test_rows_without_id_get_stable_hash(tmp_path: Path) -> None:
    text = gzip.decompress(CSV_GZ.read_bytes()).decode("utf-8")
    lines = text.splitlines()
    no_id = "\n".join(line.split(",", 1)[1] for line in lines[:20]) + "\n"
    path = tmp_path / "old.csv"
    path.write_text(no_id, "utf-8")
    first = us_csl.parse_csv(path)
    second = us_csl.parse_csv(path)
    assert [e.id for e in first.entities] == [e.id for e in second.entities]
    assert all(e.source_id.startswith("h") for e in first.entities)


# --------------------------------------------------------------------------- DPL


@pytest.fixture(scope="module")
def dpl() -> ParsedList:
    return parse_path(DPL)


def test_dpl(dpl: ParsedList) -> None:
    assert detect(DPL).name == "bis-dpl-txt"
    assert dpl.list == "us_bis_dpl"
    ash = next(e for e in dpl.entities if e.caption == "I. ASH")
    assert ash.source_id.startswith("dpl:")
    assert ash.source_id == bis_dpl.stable_id("I. ASH", "2003-06-19")
    assert ash.programs == ["BIS Denied Persons List"]
    assert ash.listed_on == "2003-06-19"
    assert ash.properties["expiration_date"] == ["2056-06-29"]
    assert ash.properties["federal_register_notice"] == [
        "68 F.R. 38290 6/27/03 71 F.R. 38843 7/10/06 72 F.R. 4236 1/30/07"
    ]
    assert ash.addresses[0].city == "SEAGOVILLE"
    assert ash.addresses[0].country == "US"
    # parties listed at several addresses are one entity
    lines = DPL.read_text("utf-8").splitlines()[1:]
    assert len(dpl.entities) < len(lines)
    multi = [e for e in dpl.entities if len(e.addresses) > 1]
    assert multi


def test_dpl_errors(tmp_path: Path) -> None:
    text = DPL.read_text("utf-8")
    bad = tmp_path / "dpl.txt"
    bad.write_text(text.replace('"FR_Citation"', '"Citation"'), "utf-8")
    with pytest.raises(InputError) as err:
        bis_dpl.parse(bad)
    assert err.value.field == "FR_Citation"
    lines = text.splitlines(keepends=True)
    lines[2] = lines[2].replace('"08/24/2022"', '"24th August"')
    baddate = tmp_path / "dpl2.txt"
    baddate.write_text("".join(lines), "utf-8")
    with pytest.raises(InputError) as err:
        bis_dpl.parse(baddate)
    assert err.value.field == "Effective_Date"


# --------------------------------------------------------------------------- full files


def _data(*parts: str) -> Path:
    root = os.environ.get("TRADEGUARD_DATA_DIR")
    if not root:
        pytest.skip("TRADEGUARD_DATA_DIR not set")
    path = Path(root, *parts)
    if not path.exists():
        pytest.skip(f"{path.name} not in TRADEGUARD_DATA_DIR")
    return path


@pytest.mark.fulldata
def test_full_csl() -> None:
    path = _data("lists", "us-csl", "consolidated-2022-05.csv.gz")
    parsed = parse_path(path)  # its speed: benchmarks/ingest.py
    # 14,160 rows; OFAC entries on several Treasury sub-lists share an _id -> 14,048 entities
    assert len(parsed.entities) == 14048
    assert parsed.counts() == {
        "Airplane": 283,
        # no type given: 3,625 rows, of which three are named "(... individual)": persons
        "LegalEntity": 3622,
        "Organization": 4423,
        "Person": 5287,
        "Vessel": 433,
    }
    counts = us_csl.source_counts(parsed)
    assert counts["Specially Designated Nationals (SDN) - Treasury Department"] == 10026
    assert counts["Entity List (EL) - Bureau of Industry and Security"] == 2001
    assert counts["Denied Persons List (DPL) - Bureau of Industry and Security"] == 462


@pytest.mark.fulldata
def test_full_dpl() -> None:
    parsed = parse_path(_data("lists", "us-csl", "dpl-2023-11.txt"))
    assert len(parsed.entities) == 547  # 665 lines, grouped by name and effective date
    assert sum(len(e.addresses) for e in parsed.entities) >= 600

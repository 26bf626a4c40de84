"""UK OFSI consolidated list, pre-2022 CSV layout, on the published file of 2018-04-13: a
trimmed real extract (22 designations, 197 rows) and, when ``$TRADEGUARD_DATA_DIR`` is set,
the whole file. A truncated file is refused, never loaded short."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_cli_lists import tg
from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, NameKind, ParsedList
from tradeguard.lists.registry import detect, parse_path
from tradeguard.lists.sources import uk_ofsi_csv

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "lists"
EXTRACT = FIX / "uk_ofsi" / "ofsi-conlist-2018-04-13-extract.csv"
FCDO_XML = FIX / "uk_sanctions" / "uk-sanctions-list-sample.xml"
RAW = EXTRACT.read_bytes()


@pytest.fixture(scope="module")
def parsed() -> ParsedList:
    return parse_path(EXTRACT, "uk_sanctions")


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    found = [e for e in parsed.entities if e.source_id == source_id]
    assert len(found) == 1, source_id
    return found[0]


def kinds(entity: Entity) -> list[tuple[str, NameKind]]:
    return [(n.value, n.kind) for n in entity.names]


def test_detected_beside_the_fcdo_xml(parsed: ParsedList) -> None:
    assert detect(EXTRACT).name == "uk-ofsi-csv"
    assert detect(EXTRACT, "uk_sanctions").name == "uk-ofsi-csv"
    assert detect(FCDO_XML, "uk_sanctions").name == "uk-sanctions-xml"
    assert parsed.list == "uk_sanctions"
    assert parsed.format == "uk-ofsi-csv"
    assert parsed.published_at == "2018-04-13"  # "Last Updated,13/04/2018"
    assert parsed.counts() == {"Organization": 5, "Person": 15, "Vessel": 2}
    assert len(parsed.entities) == 22


def test_korea_ryonbong(parsed: ParsedList) -> None:
    ryonbong = by_id(parsed, "10893")
    assert ryonbong.id == "uk_sanctions:10893"
    assert ryonbong.schema == "Organization"
    assert kinds(ryonbong) == [
        ("KOREA RYONBONG GENERAL CORPORATION", NameKind.PRIMARY),
        ("KOREA YONBONG GENERAL CORPORATION", NameKind.ALIAS),
        ("LYON-GAKSAN GENERAL TRADING CORPORATION", NameKind.ALIAS),
    ]
    assert ryonbong.programs == ["North Korea (Democratic People's Republic of Korea)"]
    assert ryonbong.listed_on == "2009-04-27"
    assert ryonbong.countries == ["KP"]
    assert [a.city for a in ryonbong.addresses] == ["Pyongyang", "Pyongyang"]
    assert ryonbong.properties["un_reference"] == ["KPe.002"]
    assert ryonbong.properties["ofsi_group_id"] == ["10893"]
    assert ryonbong.properties["last_updated"] == ["2017-09-15"]


def test_rows_of_a_group_are_merged(parsed: ParsedList) -> None:
    # 13349: eight names, each on two rows (one per birth year "00/00/1980", "00/00/1981")
    qahtani = by_id(parsed, "13349")
    assert qahtani.schema == "Person"
    assert qahtani.caption == "Nayef Salam Muhammad Ujaym AL-HABABI"  # the "Prime Alias" row
    assert ("Sheikh Farooq AL-QAHTANI", NameKind.ALIAS) in kinds(qahtani)  # Name 1, 2 + Name 6
    assert len(qahtani.names) == 8
    assert qahtani.birth_dates == ["1980", "1981"]
    assert qahtani.nationalities == ["SA", "QA"]  # "1) Saudi Arabia 2) Qatar"
    assert qahtani.birth_places == ["Saudi Arabia"]
    assert [(i.type, i.value, i.country) for i in qahtani.identifiers] == [
        ("passport", "592667", "QA")
    ]
    assert qahtani.properties["passport_details"] == [
        "Passport No: 592667 (Qatari passport issued on 3 May 2007)."
    ]
    assert qahtani.properties["un_reference"] == ["QDe.004"]
    # a designation under two regimes, listed on different dates
    aweys = by_id(parsed, "6995")
    assert aweys.programs == ["The ISIL (Da'esh) and Al-Qaida organisations", "Somalia"]
    assert aweys.listed_on == "2001-11-08"
    # an unknown day: "00/09/1977" keeps year and month
    assert by_id(parsed, "12629").birth_dates == ["1976", "1977-09", "1977-08"]
    zima = by_id(parsed, "12927")
    assert zima.birth_dates == ["1970-01-18", "1965-03-29"]
    assert zima.positions == ["Head of the Crimean Security Service (SBU) (Since 3 March 2014)"]


def test_aliases_nationalities_documents(parsed: ParsedList) -> None:
    aqim = by_id(parsed, "7247")
    assert [n for n, k in kinds(aqim) if k == NameKind.FORMER] == [
        "LE GROUPE SALAFISTE POUR LA PREDICATION ET LE COMBAT (GSPC)",
        "SALAFIST GROUP FOR CALL AND COMBAT",
    ]
    assert by_id(parsed, "7059").nationalities == ["DE", "MA"]  # "(1) German (2) Moroccan"
    assert by_id(parsed, "13461").nationalities == ["CD", "BE"]  # "DRC and Belgian nationalities"
    assert by_id(parsed, "13195").nationalities == ["QA"]  # "Qatarian"
    umarov = by_id(parsed, "11688")
    assert umarov.nationalities == ["RU"]  # "(1) Russian (2) USSR (until 1991)"
    assert umarov.properties["nationality_text"] == ["USSR (until 1991)"]
    assert parsed.warnings == [
        f"{EXTRACT}: line 85: nationality 'USSR (until 1991)' not recognised"
    ]
    motassadeq = by_id(parsed, "7124")
    assert [(i.type, i.value, i.country) for i in motassadeq.identifiers] == [
        ("passport", "H236483", "MA"),  # "H 236483 (Moroccan)"
        ("national_id", "E-491591", "MA"),
    ]
    assert [(i.value, i.country) for i in by_id(parsed, "8781").identifiers] == [
        ("A0139243", "DE")  # "German travel document (Reiseausweis) A 0139243"
    ]


def test_ships_and_company_imo_numbers(parsed: ParsedList) -> None:
    # Vessels are "Entity" rows; a valid ship IMO number in the information makes a Vessel.
    tong_san = by_id(parsed, "13556")
    assert tong_san.schema == "Vessel"
    assert [(i.type, i.value) for i in tong_san.identifiers] == [
        ("imo", "8937675"),
        ("mmsi", "445539000"),
    ]
    assert by_id(parsed, "13520").schema == "Vessel"  # LYNN S, "UN Ref LYe.005. IMO: 8706349."
    # An IMO company number fails the ship check digit: the company stays an Organization.
    for group_id, number in (("13340", "5342883"), ("13637", "5434358")):
        company = by_id(parsed, group_id)
        assert company.schema == "Organization"
        assert [(i.type, i.value, i.note) for i in company.identifiers] == [
            ("registration", number, "IMO company number")
        ]


@pytest.mark.parametrize(
    ("number", "ship"),
    [("8937675", True), ("9191773", True), ("7303803", True), ("5342883", False),
     ("8937674", False), ("893767", False), ("89376750", False)],
)  # fmt: skip
def test_ship_imo_check_digit(number: str, ship: bool) -> None:
    assert uk_ofsi_csv.is_ship_imo(number) is ship


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("(1) Somali (2) Swedish", ["SO", "SE"]),
        ("a) French, b) Tunisian", ["FR", "TN"]),
        ("1) Uzbek 2) Afghan", ["UZ", "AF"]),
        ("Iranian national and US national/citizen", ["IR", "US"]),
        ("Kuwaiti citizenship withdrawn in 2002", ["KW"]),
        ("United States of America. Also believed to hold Syrian nationality", ["US", "SY"]),
        ("Bahrain (citizenship revoked in January 2015)", ["BH"]),
    ],
)
def test_nationality_pieces(text: str, codes: list[str]) -> None:
    found = [uk_ofsi_csv.country_of(p) for p in uk_ofsi_csv.pieces(text)]
    assert [c for c in found if c] == codes


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("D 0001203 (Afghan)", ["D0001203"]),
        ("(1) 014797 (2) 524521", ["014797", "524521"]),
        ("Passport number No 06AP104665 issued on 16.1.2006 (expired)", ["06AP104665"]),
        ("B/014924. Expires end 2013", ["B/014924"]),
        ("Ration card no. 0075258", ["0075258"]),
        ("Passport", []),
    ],
)
def test_document_numbers(text: str, numbers: list[str]) -> None:
    assert [n for n, _ in uk_ofsi_csv.document_numbers(text)] == numbers


@settings(deadline=None)  # the first country lookup loads the territory tables
@given(st.text(max_size=80))
def test_free_text_helpers_never_fail(text: str) -> None:
    for item in uk_ofsi_csv.pieces(text):
        code = uk_ofsi_csv.country_of(item)
        assert code is None or (len(code) == 2 and code.isupper())
    for number, context in uk_ofsi_csv.document_numbers(text):
        assert sum(c.isdigit() for c in number) >= 5 and context


def _write(tmp_path: Path, data: bytes, name: str = "conlist.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0, max_value=len(RAW) - 1))
def test_truncated_file_is_refused_or_complete(tmp_path: Path, cut: int) -> None:
    # A cut inside a row is refused with a one-line error naming the file and line; a cut
    # between two rows (the layout has no count or end marker) loads exactly the rows before
    # it, whole.
    data = RAW[:cut]
    path = _write(tmp_path, data)
    try:
        short = parse_path(path, "uk_sanctions")
    except InputError as exc:
        assert "\n" not in str(exc) and str(path) in str(exc)
        return
    assert data.endswith(b"\n")
    full = {e.source_id: e for e in parse_path(EXTRACT, "uk_sanctions").entities}
    complete_rows = data.decode("cp1252").splitlines()[2:]
    assert {e.source_id for e in short.entities} == {row.rsplit(",", 1)[1] for row in complete_rows}
    for entity in short.entities:
        assert {n.value for n in entity.names} <= {n.value for n in full[entity.source_id].names}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (RAW[:-1], "last line does not end with a line break"),  # Group ID cut to "1064"
        (RAW[: RAW.rindex(b",")] + b",\n", "Group ID '' is not a number"),
        (RAW[: RAW.rindex(b"Ukraine")] + b"\n", "fields, expected 29"),
        (RAW.replace(b"13/04/2018", b"13/04/20", 1), "Last Updated,dd/mm/yyyy"),
        (RAW.replace(b",Post/Zip Code", b",Postcode", 1), "missing Post/Zip Code"),
        (RAW[:5000] + b'"open quote\n', "malformed CSV"),
        (RAW[:5000] + b"\x00\n", "NUL byte"),
        (RAW[:5000] + b"\x81\n", "cannot decode"),
    ],
)
def test_damaged_files_are_refused(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as err:
        uk_ofsi_csv.parse(_write(tmp_path, data))
    assert err.value.line is not None


@pytest.mark.slow
def test_cli_loads_either_uk_format(_isolated_home: Path, tmp_path: Path) -> None:
    home = _isolated_home
    xml = tg("lists", "load", FCDO_XML, "--list", "uk_sanctions", home=home)
    assert xml.returncode == 0, xml.stderr
    # the OFSI extract (2018) is older than the FCDO file: refused unless asked for
    older = tg("lists", "load", EXTRACT, "--list", "uk_sanctions", home=home)
    assert older.returncode == 2 and "--allow-older" in older.stderr
    csv_load = tg("lists", "load", EXTRACT, "--list", "uk_sanctions", "--allow-older", home=home)
    assert csv_load.returncode == 0, csv_load.stderr
    assert "loaded version 2" in csv_load.stdout and "published 2018-04-13" in csv_load.stdout
    truncated = _write(tmp_path, RAW[: len(RAW) // 2], "ofsi-truncated.csv")
    refused = tg("lists", "load", truncated, "--list", "uk_sanctions", home=home)
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1
    assert "ofsi-truncated.csv" in refused.stderr and "truncated" in refused.stderr
    status = json.loads(tg("lists", "status", "--json", home=home).stdout)
    assert [(s["list"], s["id"], s["entity_count"]) for s in status] == [("uk_sanctions", 2, 22)]


def full_file() -> Path:
    data = os.environ.get("TRADEGUARD_DATA_DIR")
    if not data:
        pytest.skip("TRADEGUARD_DATA_DIR is not set: the full OFSI file is not available")
    path = Path(data, "lists", "uk", "ofsi-conlist-2018-04-13.csv")
    if not path.exists():
        pytest.skip(f"{path.name} not in TRADEGUARD_DATA_DIR")
    return path


@pytest.mark.fulldata
def test_full_file() -> None:
    parsed = parse_path(full_file(), "uk_sanctions")
    assert parsed.published_at == "2018-04-13"
    assert len(parsed.entities) == 2106  # distinct Group IDs of the 9,487 rows
    assert parsed.counts() == {"Organization": 655, "Person": 1426, "Vessel": 25}
    assert all(sum(n.kind == NameKind.PRIMARY for n in e.names) == 1 for e in parsed.entities)
    assert sum(len(e.names) for e in parsed.entities) == 5548
    assert len(parsed.warnings) == 1  # USSR
    ryonbong = [e for e in parsed.entities if "RYONBONG" in e.caption]
    assert [e.id for e in ryonbong] == ["uk_sanctions:10893"]

"""Japan METI End User List and MOF asset-freeze list parsers, on trimmed real workbooks,
plus the Japanese date / era parser (property tests) and malformed workbooks."""

from __future__ import annotations

import os
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, NameKind, ParsedList
from tradeguard.lists.registry import detect, parse_path
from tradeguard.lists.sources import jp_meti, jp_mof
from tradeguard.lists.sources._japan import country_in, japanese_script, parse_dates, to_era

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "lists"
METI = FIX / "jp_meti" / "20250929_4-extract.xlsx"
MOF = FIX / "jp_mof" / "shisantouketsu20260305-extract.xlsx"


def by_id(parsed: ParsedList, source_id: str) -> Entity:
    for entity in parsed.entities:
        if entity.source_id == source_id:
            return entity
    raise AssertionError(f"{source_id} not found")


def names(entity: Entity, kind: NameKind) -> list[str]:
    return [n.value for n in entity.names if n.kind == kind]


# --------------------------------------------------------------------------- METI


@pytest.fixture(scope="module")
def meti() -> ParsedList:
    return parse_path(METI)


def test_meti_basics(meti: ParsedList) -> None:
    assert detect(METI).name == "meti-xlsx"
    assert meti.list == "jp_meti_eul"
    assert meti.published_at == "2025-09-29"
    assert len(meti.entities) == 58
    assert meti.counts() == {"Organization": 58}
    assert not meti.warnings


def test_meti_dprk_entries_with_kanji(meti: ParsedList) -> None:
    ryonbong = by_id(meti, "367")  # No. as in the published file
    assert ryonbong.id == "jp_meti_eul:367"
    assert ryonbong.caption == "Korea Ryonbong General Corporation (KRGC)"
    kanji = [(n.value, n.script) for n in ryonbong.names if n.kind == NameKind.ORIGINAL_SCRIPT]
    assert ("朝鮮連峰総会社", "Hani") in kanji
    assert ("朝鮮嶺峰貿易会社", "Hani") in kanji  # the kanji form of an alias
    assert "Korea Yonbong General Corporation" in names(ryonbong, NameKind.ALIAS)
    assert ryonbong.countries == ["KP"]
    assert ryonbong.properties["wmd_concern"] == ["B", "C", "M", "N"]
    assert ryonbong.programs == ["METI End User List"]
    office = by_id(meti, "400")
    assert office.caption == "New East International Trading Ltd., Pyongyang Office"
    assert names(office, NameKind.ORIGINAL_SCRIPT) == ["東新国際貿易有限公司平壌事務所"]
    bank = by_id(meti, "301")
    assert names(bank, NameKind.ORIGINAL_SCRIPT) == ["鴨緑江開発銀行"]
    assert "Amrokkang Development Bank" in names(bank, NameKind.ALIAS)


def test_meti_countries_and_aliases(meti: ParsedList) -> None:
    alqaida = by_id(meti, "1")
    assert alqaida.caption == "Al Qa'ida/Islamic Army"
    assert alqaida.countries == ["AF"]
    assert "Usama Bin Laden Network" in names(alqaida, NameKind.ALIAS)
    assert alqaida.properties["conventional_weapons"] == ["CW"]
    codes = {c for e in meti.entities for c in e.countries}
    assert {"AE", "IR", "KP", "CN", "PK", "RU", "HK", "TW", "SY", "IL"} <= codes


def test_meti_formula_numbers_and_missing_column(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(METI)
    sheet = book.worksheets[0]
    for row in range(2, 6):
        sheet.cell(row=row, column=1).value = "=ROW()-1"  # as METI writes it, no cached value
    path = tmp_path / "eul.xlsx"
    book.save(path)
    parsed = jp_meti.parse(path)
    assert [e.source_id for e in parsed.entities[:4]] == ["1", "2", "3", "4"]
    sheet.cell(row=1, column=2).value = "地域 Region"
    book.save(path)
    with pytest.raises(InputError) as err:
        jp_meti.parse(path)
    assert err.value.field == "country"
    assert err.value.line == 1


# --------------------------------------------------------------------------- MOF


@pytest.fixture(scope="module")
def mof() -> ParsedList:
    return parse_path(MOF)


def test_mof_basics(mof: ParsedList) -> None:
    assert detect(MOF).name == "mof-xlsx"
    assert mof.list == "jp_mof"
    assert mof.published_at == "2026-03-05"
    assert mof.counts() == {"LegalEntity": 1, "Organization": 74, "Person": 101}
    programs = {e.programs[0] for e in mof.entities}
    assert "北朝鮮(決議1718号等;団体)" in programs
    assert not any("リベリア" in p for p in programs)  # withdrawn regime: no header, no entries
    assert len({e.id for e in mof.entities}) == len(mof.entities)


def test_mof_dprk_organisations(mof: ParsedList) -> None:
    kic = by_id(mof, "13-2")  # sheet 13 (resolution 1695), notice number 2(*39)
    assert kic.caption == "Korea International Chemical Joint Venture Company"
    assert kic.schema == "Organization"
    assert kic.properties["notice_number"] == ["2(*39)"]
    original = [(n.value, n.script) for n in kic.names if n.kind == NameKind.ORIGINAL_SCRIPT]
    assert (
        "コリア・インターナショナル・ケミカル・ジョイント・ベンチャー・カンパニー",
        "Jpan",
    ) in original
    assert "Choson International Chemicals Joint Operation Company" in names(kic, NameKind.ALIAS)
    assert kic.listed_on == "2006-09-19"
    assert {a.country for a in kic.addresses} == {"KP"}
    ryonbong = by_id(mof, "14-2")
    assert ryonbong.caption == "Korea Ryonbong General Corporation(KRGC)"
    assert "Korea Yonbong General Corporation" in names(ryonbong, NameKind.ALIAS)
    assert names(ryonbong, NameKind.FORMER) == ["Lyongaksan General Trading Corporation"]
    assert "コリア・リョンボン・ジェネラル・コーポレーション" in names(
        ryonbong, NameKind.ORIGINAL_SCRIPT
    )
    ftb = by_id(mof, "16-1")
    assert [(i.type, i.value) for i in ftb.identifiers] == [("swift", "FTBDKPPY")]
    assert names(ftb, NameKind.ALIAS) == ["FTB", "Mooyokbank", "Korea Trading Bank"]


def test_mof_persons(mof: ParsedList) -> None:
    yun = by_id(mof, "15-1")
    assert yun.schema == "Person"
    assert yun.caption == "Yun Ho-jin"
    assert yun.birth_dates == ["1944-10-13"]  # an Excel serial date in the sheet
    assert yun.nationalities == ["KP"]
    assert "ユン・ホジン" in names(yun, NameKind.ORIGINAL_SCRIPT)
    assert "Yun Ho-chin" in names(yun, NameKind.ALIAS)
    assert "Director of Namchongang Trading Corporation" in yun.positions
    putin = by_id(mof, "29-1")
    assert putin.birth_dates == ["1952-10-07"]  # a date-formatted cell
    assert putin.programs == ["ロシア連邦(個人)"]
    aisha = by_id(mof, "23-1")
    passports = {(i.value, i.country) for i in aisha.identifiers if i.type == "passport"}
    assert passports == {("03824970", "OM"), ("428720", "LY"), ("B/011641", None)}
    assert [i.value for i in aisha.identifiers if i.type == "national_id"] == ["98606612"]
    bwambale = by_id(mof, "9-2")
    assert "FRANK KAKORERE" in names(bwambale, NameKind.ALIAS)
    assert "フランク・カコレレ" in names(bwambale, NameKind.ORIGINAL_SCRIPT)
    assert "AIGLE BLANC" in names(bwambale, NameKind.ALIAS)
    sayed = by_id(mof, "3-3")
    assert ("عبد القادر محمود محمد السيد", "Arab") in [
        (n.value, n.script) for n in sayed.names if n.kind == NameKind.ORIGINAL_SCRIPT
    ]
    assert sayed.birth_dates == ["1962-12-26"]
    assert sayed.nationalities == ["EG"]


def test_mof_ids_are_stable_across_row_moves(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(MOF)
    sheet = book["15.北朝鮮(決議1718号等；個人)"]
    sheet.insert_rows(4, amount=3)  # rows shift; notice numbers do not
    path = tmp_path / "shisantouketsu-moved.xlsx"
    book.save(path)
    moved = jp_mof.parse(path)
    assert by_id(moved, "15-1").caption == "Yun Ho-jin"


def test_mof_not_the_list(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["a", "b"])
    path = tmp_path / "other.xlsx"
    book.save(path)
    with pytest.raises(InputError, match="header"):
        jp_mof.parse(path)


# --------------------------------------------------------------------------- bad workbooks


@pytest.mark.parametrize("parser", [jp_meti.parse, jp_mof.parse])
def test_not_a_zip(parser: object, tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes(b"No.,Company\n1,ACME\n")
    with pytest.raises(InputError, match="not a zip"):
        parser(path)  # type: ignore[operator]
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        parser(path)  # type: ignore[operator]
    path.write_bytes(METI.read_bytes()[:3000])
    with pytest.raises(InputError):
        parser(path)  # type: ignore[operator]


def test_hostile_xml_inside_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(METI) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (
                    b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    + data.split(b"?>", 1)[-1]
                )
            dst.writestr(info, data)
    with pytest.raises(InputError, match="DTD"):
        jp_meti.parse(path)


def test_zip_bomb_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEGUARD_MAX_INPUT_BYTES", "60000")
    with pytest.raises(InputError, match="unpacked size declared by the archive"):
        jp_mof.parse(MOF)


# --------------------------------------------------------------------------- dates, scripts


def test_dates_as_the_sheets_write_them() -> None:
    assert parse_dates("1962年12月26日") == ["1962-12-26"]
    assert parse_dates("昭和37年12月26日") == ["1962-12-26"]
    assert parse_dates("平成元年1月8日") == ["1989-01-08"]
    assert parse_dates("令和2年") == ["2020"]
    assert parse_dates("(a)1955年-1958年頃\n(b)1945年-1950年頃") == ["1955", "1958", "1945", "1950"]
    assert parse_dates("（a）1964年1月1日、\n（b）1959年") == ["1964-01-01", "1959"]
    assert parse_dates("１９６６ 年１月１日") == ["1966-01-01"]
    assert parse_dates("2001.9.22\n2008.6.25改訂") == ["2001-09-22", "2008-06-25"]
    assert parse_dates(16358) == ["1944-10-13"]
    assert parse_dates("不明") == []
    assert parse_dates("1962年13月40日") == []


@given(st.dates(min_value=date(1868, 1, 25), max_value=date(2100, 12, 31)))
def test_era_dates_round_trip(day: date) -> None:
    assert parse_dates(to_era(day)) == [day.isoformat()]


@given(st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31)))
def test_western_dates_round_trip(day: date) -> None:
    assert parse_dates(f"{day.year}年{day.month}月{day.day}日") == [day.isoformat()]
    assert parse_dates(f"{day.year}.{day.month}.{day.day}") == [day.isoformat()]


@given(st.text(max_size=40))
def test_parse_dates_never_fails(text: str) -> None:
    for iso in parse_dates(text):
        assert len(iso) in (4, 7, 10)
        assert 1800 <= int(iso[:4]) <= 2100


def test_scripts_and_countries() -> None:
    assert japanese_script("コリア・リョンボン") == "Jpan"
    assert japanese_script("朝鮮連峰総会社") == "Hani"
    assert japanese_script("EFCO平壌支社") == "Hani"
    assert japanese_script("Korea Ryonbong") is None
    assert country_in("北朝鮮平壌特別市中区域") == "KP"
    assert country_in("エジプトEgypt") == "EG"
    assert country_in("南スーダン旅券") == "SS"
    assert country_in("不明") is None


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
def test_full_meti() -> None:
    parsed = parse_path(_data("lists", "jp-meti", "20250929_4.xlsx"))
    assert len(parsed.entities) == 835
    assert not parsed.warnings
    per_country: dict[str, int] = {}
    for entity in parsed.entities:
        for code in entity.countries:
            per_country[code] = per_country.get(code, 0) + 1
    assert per_country["IR"] == 257
    assert per_country["KP"] == 154
    assert sum(per_country.values()) == 835
    assert sum(1 for e in parsed.entities for n in e.names if n.kind == "original_script") >= 250


@pytest.mark.fulldata
def test_full_mof() -> None:
    path = _data("lists", "jp-mof", "shisantouketsu20260305.xlsx")
    parsed = parse_path(path)  # its speed: benchmarks/ingest.py
    assert parsed.counts() == {"LegalEntity": 127, "Organization": 726, "Person": 2009}
    programs: dict[str, int] = {}
    for entity in parsed.entities:
        programs[entity.programs[0]] = programs.get(entity.programs[0], 0) + 1
    assert programs["ロシア連邦(個人)"] == 752
    assert programs["北朝鮮(決議1718号等;団体)"] == 75
    assert len(programs) == 40  # 44 regime sheets, 4 of them withdrawn
    assert len(parsed.warnings) <= 10

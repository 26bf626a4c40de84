"""Files of parties from Japanese and Korean spreadsheets are read whole: their id headers
(번호, 番号, No.), their type words (個人, 법인 …, the labels the screening form shows), and
dates of birth as they write them (1970年1月2日, 1970년 1월 2일, 1970. 1. 2., 昭和45年1月2日)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.language.i18n import translations
from tradeguard.language.labels import CODES
from tradeguard.screening.rows import SCHEMAS, party_row
from tradeguard.tabular.read import read_csv_bytes
from tradeguard.tabular.values import eras, local_date

from ..cli import tg
from ..conftest import FIXTURES

UN = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_the_type_labels_the_form_shows_are_read(lang: str) -> None:
    words = translations(lang)
    for schema in SCHEMAS:
        shown = words.gettext(CODES[schema])
        assert shown != CODES[schema], f"{schema} has no {lang} label"
        row = party_row({"id": "1", "name": "x y", "type": shown})
        assert row.schema == schema, (lang, schema, shown)


def test_unknown_type_word_is_refused_naming_the_column() -> None:
    with pytest.raises(InputError, match="unknown type '惑星'") as err:
        party_row({"id": "1", "name": "x", "種別": None, "type": "惑星"})
    assert err.value.field == "type"


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("1970年1月2日", "1970-01-02"),
        ("1970年1月", "1970-01"),
        ("1970年", "1970"),
        ("1970년 1월 2일", "1970-01-02"),
        ("1970년1월", "1970-01"),
        ("1970/01/02", "1970-01-02"),
        ("1970.1.2", "1970-01-02"),
        ("1970. 1. 2.", "1970-01-02"),
        ("１９７０年１月２日", "1970-01-02"),
        ("昭和45年1月2日", "1970-01-02"),
        ("S45.1.2", "1970-01-02"),
        ("s45/01/02", "1970-01-02"),
        ("平成元年1月8日", "1989-01-08"),
        ("H1.1.8", "1989-01-08"),
        ("昭和64年", "1989"),
        ("大正15年12月24日", "1926-12-24"),
        ("令和2年", "2020"),
    ],
)
def test_local_dates_are_read(written: str, iso: str) -> None:
    assert local_date(written) == iso
    assert party_row({"id": "1", "name": "x y", "birth_date": written}).birth_date == iso


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("昭和64年1月8日", "no day of the Shōwa era"),  # Heisei began that day
        ("平成元年1月7日", "no day of the Heisei era"),
        ("大正15年12月25日", "no day of the Taishō era"),
        ("昭和0年", "no day of the Shōwa era"),
        ("X45.1.2", "no Japanese era"),
        ("昭和45年2月30日", "not a day of the calendar"),
        ("2.1.1970", "1970年1月2日"),  # a day-first date is not guessed at
    ],
)
def test_dates_no_calendar_has_are_refused(written: str, why: str) -> None:
    with pytest.raises(InputError, match=why) as err:
        party_row({"id": "1", "name": "x y", "生年月日": None, "birth_date": written})
    assert err.value.field == "birth_date"


_DAYS = st.dates(min_value=date(1912, 7, 30), max_value=date(2025, 12, 31))


@given(_DAYS)
def test_every_day_reads_back_in_each_form(day: date) -> None:
    forms = [
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}년 {day.month}월 {day.day}일",
        f"{day.year}/{day.month:02d}/{day.day:02d}",
        f"{day.year}. {day.month}. {day.day}.",
    ]
    era = [e for e in eras() if e.first_day <= day][-1]
    n = day.year - era.first_day.year + 1
    forms.append(f"{era.name}{'元' if n == 1 else n}年{day.month}月{day.day}日")
    forms.append(f"{era.letter}{n}.{day.month}.{day.day}")
    for form in forms:
        assert local_date(form) == day.isoformat(), form


@given(_DAYS)
def test_an_era_date_is_never_read_in_the_wrong_era(day: date) -> None:
    """Each day written in an era it is not in is refused, never moved to another day."""
    for era in eras():
        n = day.year - era.first_day.year + 1
        following = [e.first_day for e in eras() if e.first_day > era.first_day]
        inside = era.first_day <= day and (not following or day < following[0])
        if n < 1 or inside:
            continue
        with pytest.raises(InputError):
            local_date(f"{era.name}{n}年{day.month}月{day.day}日")


def test_korean_excel_file_with_number_header(tmp_path: Path, _isolated_home: Path) -> None:
    """The file a Korean officer saves from Excel: 번호 heads the ids, 유형 holds 개인/단체,
    dates are written 1960. 4. 15. — read whole and screened."""
    text = (
        "번호,성명,유형,국가,생년월일\r\n"
        "1,조선련봉총회사,단체,북한,\r\n"
        "2,김정은,개인,KP,1984. 1. 8.\r\n"
        "3,홍길동,개인,대한민국,1970년 1월 2일\r\n"
    )
    table = read_csv_bytes(text.encode("cp949"), "kr.csv", ("id", "name"))
    assert table.column_names[:5] == ["id", "name", "type", "country", "birth_date"]
    source = tmp_path / "kr.csv"
    source.write_bytes(text.encode("cp949"))
    home = _isolated_home
    assert tg("lists", "load", UN, home=home).returncode == 0
    out = tg("screen-batch", source, "-o", tmp_path / "out.jsonl", "--json", home=home)
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["screened"] == 3 and not summary["bad_rows"]
    found = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert ("1", "un_sc:KPe.002") in {(r["id"], r["entity_id"]) for r in found}


def test_japanese_headers_full_width_and_number() -> None:
    text = "Ｎｏ．,会社名,種類,所在国\r\n1,朝鮮鉱業開発貿易会社,法人,北朝鮮\r\n"
    table = read_csv_bytes(text.encode("cp932"), "ja.csv", ("id", "name"))
    assert table.column_names[:4] == ["id", "name", "type", "country"]
    row = party_row({k: table.column(k)[0].as_py() for k in ("id", "name", "type", "country")})
    assert row.schema == "LegalEntity" and row.countries == ["KP"]


def test_the_day_before_an_era_is_refused() -> None:
    first = eras()[0].first_day
    assert local_date(f"T1.{first.month}.{first.day}") == first.isoformat()
    with pytest.raises(InputError, match="no day of the Taishō era"):
        local_date("T1.7.29")


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("1970年13月1日", "birth date '1970年13月1日' is not a date this reads"),
        ("1970年2月30日", "birth date '1970年2月30日' is not a day of the calendar"),
    ],
)
def test_an_error_quotes_the_date_as_written(written: str, why: str) -> None:
    with pytest.raises(InputError) as err:
        party_row({"id": "1", "name": "x y", "birth_date": written})
    assert why in err.value.message


@pytest.mark.parametrize("name", ["unicode_escape", "raw_unicode_escape", "idna", "punycode"])
def test_codecs_no_file_is_saved_in_are_refused(name: str) -> None:
    from tradeguard.tabular.text import check_encoding

    with pytest.raises(InputError, match="unknown encoding"):
        check_encoding(name)
    assert check_encoding(" cp949 ") == "cp949"

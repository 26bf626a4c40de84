"""CSV files saved by Japanese Excel (CP932) and Korean Excel (CP949) are read, the encoding
named; Japanese and Korean column headers are read as the English columns they name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.tabular.read import decode_text, read_csv_bytes, read_table, table_encoding

# Names as the Japanese Ministry of Finance and the UN list write them.
JA = (
    "id,名称,種別,国名,住所\r\n"
    "1,朝鮮鉱業開発貿易会社,Company,北朝鮮,平壌\r\n"
    "2,ﾁｮｳｾﾝｺｳｷﾞｮｳ,Company,KP,\r\n"
)
KO = "id,이름,국가,생년월일\r\n1,조선련봉총회사,KP,\r\n2,김정은,KP,1984\r\n"


def test_japanese_excel_csv_is_read_as_cp932() -> None:
    table = read_csv_bytes(JA.encode("cp932"), "ja.csv", ("id", "name"))
    assert table_encoding(table) == "cp932"
    assert table.column_names == ["id", "name", "type", "country", "address", "_line"]
    assert table.column("name").to_pylist() == ["朝鮮鉱業開発貿易会社", "ﾁｮｳｾﾝｺｳｷﾞｮｳ"]


def test_korean_excel_csv_is_read_as_cp949(tmp_path: Path) -> None:
    path = tmp_path / "ko.csv"
    path.write_bytes(KO.encode("cp949"))
    table = read_table(path, ("id", "name"))
    assert table_encoding(table) == "cp949"
    assert table.column_names == ["id", "name", "country", "birth_date", "_line"]
    assert table.column("name").to_pylist() == ["조선련봉총회사", "김정은"]


def test_utf8_with_and_without_bom_stays_utf8() -> None:
    for raw in (KO.encode(), b"\xef\xbb\xbf" + JA.encode()):
        assert decode_text(raw, "x.csv")[1] == "utf-8"


def test_explicit_encoding_is_used_and_checked() -> None:
    assert decode_text(JA.encode("cp932"), "ja.csv", "cp932")[0] == JA
    with pytest.raises(InputError, match="not UTF-8 text"):
        decode_text(JA.encode("cp932"), "ja.csv", "utf-8")
    # any text encoding Python knows may be given, named as Python names it
    assert decode_text("id,name\n1,Société\n".encode("latin-1"), "fr.csv", "Latin-1") == (
        "id,name\n1,Société\n",
        "iso8859-1",
    )
    assert decode_text(JA.encode("shift_jis"), "ja.csv", "Shift-JIS")[1] == "shift_jis"
    assert decode_text(KO.encode(), "ko.csv", "UTF8")[1] == "utf-8"


@pytest.mark.parametrize("name", ["sjis2", "base64", "rot13", "", "utf-8; rm"])
def test_a_name_that_is_no_text_encoding_is_refused_naming_it(name: str) -> None:
    with pytest.raises(InputError, match="unknown encoding") as err:
        decode_text(b"id,name\n", "x.csv", name)
    assert repr(name) in str(err.value) and err.value.field == "encoding"


def test_text_not_in_the_encoding_given_is_refused_naming_line_and_offset() -> None:
    raw = JA.encode("cp932")  # ﾁｮｳ (half-width katakana) is no CP949 text
    with pytest.raises(InputError) as err:
        decode_text(raw, "ja.csv", "cp949")
    try:  # the first byte the codec stops at, on the line of ﾁｮｳｾﾝｺｳｷﾞｮｳ
        raw.decode("cp949")
    except UnicodeDecodeError as exc:
        offset = exc.start
    assert err.value.line == 3
    want = f"not CP949 (Korean) text (byte 0x{raw[offset]:02x} at byte offset {offset})"
    assert want in str(err.value)
    with pytest.raises(InputError, match=r"not euc_kr text \(byte 0x\w\w at byte offset \d+\)"):
        decode_text(raw, "ja.csv", "euc-kr")


def test_an_encoding_is_given_for_csv_files_only(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name"])
    sheet.append(["1", "조선련봉총회사"])
    book.save(tmp_path / "p.xlsx")
    table = read_table(tmp_path / "p.xlsx", ("id", "name"))
    assert table_encoding(table) is None  # a workbook holds no encoded text
    with pytest.raises(InputError, match="for CSV files only"):
        read_table(tmp_path / "p.xlsx", ("id", "name"), encoding="cp949")


def test_an_upload_names_the_encoding_it_was_read_in() -> None:
    from tradeguard.cases.counterparties import read_upload

    found = read_upload(KO.encode("cp949"), "ko.csv")
    assert (found.encoding, found.encoding_detected) == ("cp949", True)
    given = read_upload(KO.encode("cp949"), "ko.csv", "cp949")
    assert (given.encoding, given.encoding_detected) == ("cp949", False)
    assert [p.name for p in given.parties] == ["조선련봉총회사", "김정은"]
    json_text = '[{"id": "1", "name": "朝鮮鉱業開発貿易会社"}]'.encode("cp932")
    assert read_upload(json_text, "ja.json", "cp932").parties[0].name == "朝鮮鉱業開発貿易会社"


def test_bytes_no_encoding_reads_cleanly_are_refused() -> None:
    raw = b"id,name\n1,x\n\x80\xff\xfe\n"
    with pytest.raises(InputError, match="nor clearly CP932 or CP949") as err:
        decode_text(raw, "bad.csv")
    assert err.value.line == 3


def test_uploaded_japanese_excel_csv_is_screenable() -> None:
    from tradeguard.cases.counterparties import parse_rows

    parties, bad = parse_rows(JA.encode("cp932"), "ja.csv")
    assert not bad
    assert [p.name for p in parties] == ["朝鮮鉱業開発貿易会社", "ﾁｮｳｾﾝｺｳｷﾞｮｳ"]


def test_latin1_text_is_not_taken_for_japanese() -> None:
    with pytest.raises(InputError, match="byte 0xe9"):
        decode_text(b"id,name\n1,Soci\xe9t\xe9 G\xe9n\xe9rale\n", "fr.csv")


def test_a_file_of_nul_bytes_is_refused_naming_the_nul() -> None:
    from tradeguard.cases.counterparties import parse_rows

    for read in (
        lambda raw: read_csv_bytes(raw, "nul.csv", ("id", "name")),
        lambda raw: parse_rows(raw, "nul.csv"),
    ):
        with pytest.raises(InputError, match="NUL character") as err:
            read(b"\x00" * 20_000)
        assert err.value.line == 1

"""The 별표2의2 file loader (format in tradeguard/policy/kr_annex.py and docs/korea.md), tested on
tests/fixtures/kr/annex2_2_handmade.csv — a HAND-MADE file of the documented format, not the
official annex — and on XLSX and broken files written here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from tradeguard.errors import InputError
from tradeguard.policy.kr_annex import ENV_VAR, annex2_2_from_env, load_annex2_2

ANNEX = Path(__file__).resolve().parents[1] / "fixtures" / "kr" / "annex2_2_handmade.csv"
HEADER = "no,countries,hs,description,effective_from,effective_to,medical\n"


def test_csv_rows_match_by_hs_prefix_country_and_date() -> None:
    annex = load_annex2_2(ANNEX)
    assert [r.no for r in annex.rows] == [1, 100, 900, 1200]
    assert [r.no for r in annex.matches("8459.61", "RU", date(2023, 4, 28))] == [100]
    assert annex.matches("8459.61", "RU", date(2023, 4, 27)) == []
    assert annex.matches("8459.61", "CN", date(2024, 1, 1)) == []
    assert annex.matches(None, "RU", date(2024, 1, 1)) == []
    assert annex.rows[3].medical


def test_xlsx_with_korean_headers(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["번호", "국가", "HS코드", "품목명", "시행일", "비고"])
    sheet.append([5, "RU, BY", "8426.41", "HAND-MADE: cranes", date(2024, 2, 24), "x"])
    path = tmp_path / "annex.xlsx"
    book.save(path)
    annex = load_annex2_2(path)
    (row,) = annex.rows
    assert (row.no, row.countries, row.hs, row.effective_from) == (
        5,
        ("RU", "BY"),
        "842641",
        date(2024, 2, 24),
    )


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("no,countries,hs\n", "line 1"),
        (HEADER + "x,RU,8459,a,2023-04-28,,\n", "field 'no'"),
        (HEADER + "1,Russia,8459,a,2023-04-28,,\n", "field 'countries'"),
        (HEADER + "1,RU,84A9,a,2023-04-28,,\n", "field 'hs'"),
        (HEADER + "1,RU,8459,a,28.04.2023,,\n", "field 'effective_from'"),
        (HEADER + "1,RU,8459,a,2023-04-28,2023-01-01,\n", "field 'effective_to'"),
        (HEADER + "1,RU,8459,,2023-04-28,,\n", "field 'description'"),
        (HEADER + "1,RU,8459,a,2023-04-28,,maybe\n", "field 'medical'"),
        (HEADER, "no annex rows"),
    ],
)
def test_bad_files_name_the_line_and_column(tmp_path: Path, body: str, where: str) -> None:
    path = tmp_path / "annex.csv"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_annex2_2(path)
    assert where in str(err.value)
    assert "annex.csv" in str(err.value)


def test_other_formats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "annex.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(InputError, match=r"csv or \.xlsx"):
        load_annex2_2(path)


def test_the_environment_names_the_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert annex2_2_from_env() is None
    monkeypatch.setenv(ENV_VAR, str(ANNEX))
    found = annex2_2_from_env()
    assert found is not None and len(found.rows) == 4
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing.csv"))
    with pytest.raises(InputError, match=ENV_VAR):
        annex2_2_from_env()


def test_xlsx_rows_past_an_understated_dimension_are_read(tmp_path: Path) -> None:
    from tests.tabular.workbooks import understated_workbook

    path = tmp_path / "annex.xlsx"
    header = ["번호", "국가", "HS코드", "품목명", "시행일", "비고"]
    rows = [[n, "RU", "8426.41", f"cranes {n}", date(2024, 2, 24), ""] for n in range(1, 5)]
    path.write_bytes(understated_workbook([header, *rows]))
    assert [row.no for row in load_annex2_2(path).rows] == [1, 2, 3, 4]

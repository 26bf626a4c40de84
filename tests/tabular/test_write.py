"""Spreadsheet output: no text cell starts a formula, numbers stay numbers, text is kept."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tradeguard.tabular.write import FORMULA_STARTS, csv_text, safe_cell, write_xlsx

CASES: list[tuple[Any, Any]] = [
    ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+81 3 1234 5678", "'+81 3 1234 5678"),
    ("-1 Corp", "'-1 Corp"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\tTab Trading", "'\tTab Trading"),
    ("\rCarriage", "'\rCarriage"),
    ("＝SUM(1,2)", "'＝SUM(1,2)"),  # full-width equals sign
    ("KOREA RYONBONG GENERAL CORPORATION", "KOREA RYONBONG GENERAL CORPORATION"),
    ("A=B", "A=B"),
    ("'quoted", "'quoted"),
    ("", ""),
    (-0.5, -0.5),  # a number of a numeric column stays a number
    (0.93, 0.93),
    (True, True),
    (None, None),
]


@pytest.mark.parametrize(("value", "expected"), CASES)
def test_safe_cell(value: Any, expected: Any) -> None:
    assert safe_cell(value) == expected


@given(st.lists(st.text(), min_size=1, max_size=6))
def test_csv_cells_never_start_a_formula_and_keep_the_text(values: list[str]) -> None:
    text = csv_text([f"c{i}" for i in range(len(values))], [values])
    _header, row = list(csv.reader(io.StringIO(text, newline="")))
    for original, cell in zip(values, row, strict=True):
        assert not cell.startswith(FORMULA_STARTS)
        assert cell == safe_cell(original)
        if original.startswith(FORMULA_STARTS):
            assert cell == "'" + original


def test_xlsx_cells_are_strings_never_formulas(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    hostile = [v for v, _ in CASES if isinstance(v, str)]
    write_xlsx(path, ["=header", "score"], [[v, 0.5] for v in hostile] + [["\x0bvt", None]])
    sheet = load_workbook(path).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert [r[0].value for r in sheet.iter_rows(min_row=2)] == [
        safe_cell(v) or None for v in hostile
    ] + ["\ufffdvt"]
    assert sheet.cell(1, 1).value == "'=header"
    assert {sheet.cell(r, 2).data_type for r in range(2, len(hostile) + 2)} == {"n"}


@pytest.mark.parametrize(
    "text",
    [
        '\ufeff=HYPERLINK("http://x")',
        "\u200b=1+1",
        "\u200c+1",
        "\u200d-1",
        "\u2060@SUM(A1)",
        "\ufeff\u200b=1",
        "|calc!A0",
        "\u200b|cmd",
    ],
)
def test_invisible_prefixes_and_dde_pipes_are_neutralised(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert csv_text(["x"], [[text]]).splitlines()[1].lstrip('"').startswith("'")


def test_invisible_characters_alone_are_left_as_they_are() -> None:
    assert safe_cell("\u200bACME") == "\u200bACME"

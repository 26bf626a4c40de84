"""Spreadsheet output that no spreadsheet application runs as a formula (OWASP CSV injection).

Text that reaches an export comes from users' batch files and from published list data, and a
cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is taken by Excel,
LibreOffice and Google Sheets as the start of a formula (``=HYPERLINK(...)``,
``=cmd|' /C calc'!A0``). :func:`safe_cell` puts a single quote in front of such text, which makes
the spreadsheet show it as text; the full-width forms of the four signs (``＝ ＋ － ＠``), which
a Japanese spreadsheet may take as their ASCII forms, are treated alike. Only text is changed:
numbers, booleans and empty cells of a numeric column (a score) stay what they are, while text
that looks like a number (an id ``-1``) is text and gets its quote.

CSV files are written by :func:`write_csv` / :func:`csv_text`; XLSX files by :func:`write_xlsx`,
every text cell as a string cell (never a formula cell) and neutralised as in CSV, so both
files show the same text. JSON Lines and Parquet outputs keep the text as it is: they are data
for programs, not spreadsheets, and a consumer reads the exact value.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "|", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
#: Invisible characters a spreadsheet may skip before a formula start (BOM, zero-width).
_INVISIBLE = "\ufeff\u200b\u200c\u200d\u2060"
#: Control characters an XLSX cell cannot hold (XML 1.0); written as U+FFFD.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value: Any) -> Any:
    """``value`` as it can go into a spreadsheet cell: text that would start a formula (also
    after invisible BOM / zero-width characters, and DDE ``|``) gets a leading ``'``; anything that is not text (a number, a boolean, None) is returned as is."""
    if isinstance(value, str) and value.lstrip(_INVISIBLE).startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def write_csv_rows(stream: Any, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write ``header`` and ``rows`` to a text ``stream`` as CSV, every cell neutralised."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow(safe_row("" if v is None else v for v in row))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """The CSV text of ``header`` and ``rows``, every cell neutralised."""
    out = io.StringIO()
    write_csv_rows(out, header, rows)
    return out.getvalue()


def write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Write a UTF-8 CSV file (no byte-order mark), every cell neutralised."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        write_csv_rows(handle, header, rows)


def write_xlsx(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]], sheet: str = "results"
) -> None:
    """Write one sheet of an XLSX workbook: text as string cells (never formulas), neutralised
    as in CSV; numbers and booleans as typed cells, None as an empty cell. A control character
    XML cannot hold (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F) is written as U+FFFD."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    ws = book.create_sheet(sheet)

    def cells(values: Iterable[Any]) -> list[Any]:
        out: list[Any] = []
        for value in values:
            if not isinstance(value, str):
                out.append(value)
                continue
            cell = WriteOnlyCell(ws, value=_NOT_XML.sub("\ufffd", safe_cell(value)))
            cell.data_type = "s"  # openpyxl would make any text starting with '=' a formula
            out.append(cell)
        return out

    ws.append(cells(header))
    for row in rows:
        ws.append(cells(row))
    book.save(path)

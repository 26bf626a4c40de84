"""Korea's 별표2의2 (situational-licence items by country, Public Notice Art. 54(5)): a loader for
the annex file a user supplies, since its contents are not bundled.

The file is CSV (UTF-8, a BOM allowed) or XLSX (the first sheet), one row per annex row, with a
header row naming these columns (English or Korean names; any other column is ignored):

========================  ===========  =========================================================
column                    Korean       content
========================  ===========  =========================================================
``no``                    ``번호``     the row number in the annex (a whole number)
``countries``             ``국가``     ISO alpha-2 codes the row applies to, e.g. ``RU;BY``
``hs``                    ``HS코드``   the HS code (2 to 10 digits, dots and spaces allowed)
``description``           ``품목명``   the item as the annex words it
``effective_from``        ``시행일``   the first day the row applies (YYYY-MM-DD)
``effective_to``          ``제외일``   optional: the first day it no longer applies
``medical``               ``의료기기`` optional: Y/N, a medical device (out from 2025-02-28)
========================  ===========  =========================================================

The path is given by ``TRADEGUARD_KR_ANNEX2_2`` (read when the engine first needs the annex).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tradeguard.errors import InputError
from tradeguard.settings import kr_annex2_2_path

ENV_VAR = "TRADEGUARD_KR_ANNEX2_2"

_COLUMNS = {
    "no": "no",
    "번호": "no",
    "countries": "countries",
    "국가": "countries",
    "hs": "hs",
    "hs코드": "hs",
    "description": "description",
    "품목명": "description",
    "effective_from": "effective_from",
    "시행일": "effective_from",
    "effective_to": "effective_to",
    "제외일": "effective_to",
    "medical": "medical",
    "의료기기": "medical",
}
_REQUIRED = ("no", "countries", "hs", "description", "effective_from")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class AnnexRow:
    no: int
    countries: tuple[str, ...]
    hs: str
    description: str
    effective_from: date
    effective_to: date | None = None
    medical: bool = False

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on < self.effective_to)


@dataclass(frozen=True)
class Annex22List:
    """The rows of a loaded 별표2의2 file, and where it came from."""

    rows: tuple[AnnexRow, ...]
    source: str

    def matches(self, hs: str | None, country: str, on: date) -> list[AnnexRow]:
        """The rows in force on ``on`` for ``country`` whose HS code the item's falls under."""
        digits = re.sub(r"\D", "", hs or "")
        if not digits:
            return []
        return [
            r
            for r in self.rows
            if country in r.countries and r.in_force(on) and digits.startswith(r.hs)
        ]


def _date(text: str, source: str, line: int, column: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"expected a date YYYY-MM-DD, got {text!r}", source=source, line=line, field=column
        ) from None


def _row(values: dict[str, str], source: str, line: int) -> AnnexRow:
    for column in _REQUIRED:
        if not values.get(column):
            raise InputError("empty", source=source, line=line, field=column)
    try:
        no = int(values["no"])
    except ValueError:
        raise InputError(
            f"expected a whole number, got {values['no']!r}", source=source, line=line, field="no"
        ) from None
    countries = tuple(c.strip().upper() for c in re.split(r"[;,\s]+", values["countries"]) if c)
    bad = [c for c in countries if not _COUNTRY.match(c)]
    if bad:
        raise InputError(
            f"expected ISO alpha-2 codes separated by ';', got {', '.join(bad)}",
            source=source,
            line=line,
            field="countries",
        )
    hs = re.sub(r"[.\s]", "", values["hs"])
    if not re.fullmatch(r"\d{2,10}", hs):
        raise InputError(
            f"expected an HS code of 2 to 10 digits, got {values['hs']!r}",
            source=source,
            line=line,
            field="hs",
        )
    start = _date(values["effective_from"], source, line, "effective_from")
    end = (
        _date(values["effective_to"], source, line, "effective_to")
        if values.get("effective_to")
        else None
    )
    if end is not None and end <= start:
        raise InputError(
            "effective_to is not after effective_from",
            source=source,
            line=line,
            field="effective_to",
        )
    medical = values.get("medical", "").strip().upper()
    if medical not in ("", "Y", "N", "YES", "NO"):
        raise InputError(
            f"expected Y or N, got {values['medical']!r}", source=source, line=line, field="medical"
        )
    return AnnexRow(
        no=no,
        countries=countries,
        hs=hs,
        description=values["description"],
        effective_from=start,
        effective_to=end,
        medical=medical in ("Y", "YES"),
    )


def _table(path: Path) -> list[list[str]]:
    if path.suffix.lower() == ".xlsx":
        from tradeguard.tabular.workbook import workbook_rows

        return [
            [
                c.isoformat()[:10] if isinstance(c, date) else ("" if c is None else str(c))
                for c in cells
            ]
            for cells in workbook_rows(path, path.name)  # a damaged workbook is refused there
        ]
    if path.suffix.lower() != ".csv":
        raise InputError("expected a .csv or .xlsx file", source=path.name)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", source=path.name) from None
    return list(csv.reader(io.StringIO(text)))


def load_annex2_2(path: Path) -> Annex22List:
    """Read a 별표2의2 file (format in the module documentation)."""
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    table = _table(path)
    if not table:
        raise InputError("empty file: expected a header row", source=path.name)
    header = [_COLUMNS.get(h.strip().lower()) for h in table[0]]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise InputError(f"header lacks column(s) {', '.join(missing)}", source=path.name, line=1)
    rows = []
    for i, cells in enumerate(table[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {
            name: cells[j].strip() for j, name in enumerate(header) if name and j < len(cells)
        }
        rows.append(_row(values, path.name, i))
    if not rows:
        raise InputError("no annex rows after the header", source=path.name)
    return Annex22List(rows=tuple(rows), source=path.name)


def annex2_2_from_env() -> Annex22List | None:
    """The annex file named by ``TRADEGUARD_KR_ANNEX2_2``, or ``None`` when it is not set."""
    path = kr_annex2_2_path()
    if path is None:
        return None
    try:
        return load_annex2_2(path)
    except InputError as exc:
        raise InputError(f"{ENV_VAR}: {exc.describe()}") from None

"""Values of a file of parties as Japanese and Korean spreadsheets write them: a type in the
language of the file (個人, 법인 …), and a date of birth written 1970年1月2日, 1970년 1월 2일,
1970/01/02, 1970. 1. 2. or in a Japanese era (昭和45年1月2日, S45.1.2), each read as the
English type and the ISO date screening compares (``tradeguard/data/tabular/``)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources
from typing import Any

import yaml

from tradeguard.errors import InputError


def cell_key(text: str) -> str:
    """A cell's text compared as a header or a value: compatibility-folded (full-width
    letters and digits are ASCII), trimmed, in lower case."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def _data(name: str) -> Any:
    path = resources.files("tradeguard") / "data" / "tabular" / name
    return yaml.safe_load(path.read_text("utf-8"))


@functools.cache
def header_aliases() -> dict[str, str]:
    """Japanese and Korean column headers (and No., 番号 …) and the English column each
    names (``tradeguard/data/tabular/column_headers.yaml``), keyed by :func:`cell_key`."""
    raw = _data("column_headers.yaml")
    return {
        cell_key(str(a)): str(column) for column, aliases in raw["columns"].items() for a in aliases
    }


@functools.cache
def type_words() -> dict[str, str]:
    """A type cell's word in Japanese or Korean -> the English type it names."""
    raw = _data("column_headers.yaml")
    return {
        cell_key(str(w)): str(schema)
        for schema, words in raw["values"]["type"].items()
        for w in words
    }


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    letter: str
    romaji: str
    first_day: date


@functools.cache
def eras() -> tuple[Era, ...]:
    """The Japanese eras a date of birth may be written in, oldest first."""
    raw = _data("eras.yaml")
    return tuple(
        Era(str(e["name"]), str(e["letter"]), str(e["romaji"]), date.fromisoformat(e["first_day"]))
        for e in raw["eras"]
    )


_SEP = r"\s*[-/.]\s*"
#: 1970年1月2日, 1970년 1월 2일 (month and day optional; a trailing 日/일 optional)
_CJK = re.compile(r"(\d{4})\s*[年년]\s*(?:(\d{1,2})\s*[月월]\s*(?:(\d{1,2})\s*[日일]?)?)?")
#: 1970/1/2, 1970.01.02, 1970. 1. 2. (Korean), 1970-1-2
_NUMERIC = re.compile(rf"(\d{{4}})(?:{_SEP}(\d{{1,2}})(?:{_SEP}(\d{{1,2}}))?)?\s*\.?")
#: 昭和45年1月2日, 平成元年, S45.1.2, H1/1/8
_ERA = re.compile(
    r"(?P<era>[^\W\d_]+)\s*(?P<year>\d{1,3}|元)\s*"
    rf"(?:年\s*(?:(?P<m1>\d{{1,2}})\s*月\s*(?:(?P<d1>\d{{1,2}})\s*日?)?)?"
    rf"|(?:{_SEP}(?P<m2>\d{{1,2}})(?:{_SEP}(?P<d2>\d{{1,2}}))?)?\s*\.?)"
)
FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, 1970年1月2日, 1970년 1월 2일, 1970/01/02 or 昭和45年1月2日"


def _iso(year: int, month: str | None, day: str | None) -> str:
    out = f"{year:04d}"
    if month is not None:
        out += f"-{int(month):02d}"
        if day is not None:
            out += f"-{int(day):02d}"
    return out


def _era_date(match: re.Match[str], text: str, field: str) -> str:
    token = match["era"]
    known = eras()
    era = next((e for e in known if token in (e.name, e.letter, e.letter.lower())), None)
    if era is None:
        raise InputError(
            f"birth date {text!r}: {token!r} is no Japanese era this reads "
            f"({', '.join(f'{e.name} ({e.letter})' for e in known)}); write it as {FORMS}",
            field=field,
        )
    n = 1 if match["year"] == "元" else int(match["year"])
    year = era.first_day.year + n - 1
    month, day = match["m1"] or match["m2"], match["d1"] or match["d2"]
    iso = _iso(year, month, day)
    later = known[known.index(era) + 1 :]
    end = later[0].first_day if later else None
    try:
        first, last = _span(year, month, day)
    except ValueError:
        raise InputError(f"birth date {text!r} is not a day of the calendar", field=field) from None
    if n < 1 or last < era.first_day or (end is not None and first >= end):
        until = f" to {end - timedelta(days=1):%Y-%m-%d}" if end is not None else ""
        raise InputError(
            f"birth date {text!r} is no day of the {era.romaji} era ({era.name}, "
            f"{era.first_day:%Y-%m-%d}{until})",
            field=field,
        )
    return iso


def _span(year: int, month: str | None, day: str | None) -> tuple[date, date]:
    """The first and last day a date of this precision may be."""
    if month is None:
        return date(year, 1, 1), date(year, 12, 31)
    m = int(month)
    if day is not None:
        one = date(year, m, int(day))
        return one, one
    following = date(year + (m == 12), m % 12 + 1, 1)
    return date(year, m, 1), following - timedelta(days=1)


def local_date(value: str, field: str = "birth_date") -> str:
    """A date of birth as written in a Japanese or Korean spreadsheet, as ``YYYY``,
    ``YYYY-MM`` or ``YYYY-MM-DD``; text in none of these forms is returned as it is (folded),
    for :func:`tradeguard.screening.model.birth_date` to accept or refuse."""
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return text
    for pattern in (_CJK, _NUMERIC):
        m = pattern.fullmatch(text)
        if m is not None:
            return _iso(int(m[1]), m[2], m[3])
    m = _ERA.fullmatch(text)
    if m is not None:
        return _era_date(m, value.strip(), field)
    return text

"""Helpers shared by the list parsers: capped reads, hashing, countries, scripts, dates."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

from rigour.territories import lookup_territory

from tradeguard import settings
from tradeguard.errors import InputError


def read_capped(path: Path, limit: int | None = None) -> bytes:
    """Read a whole input file, refusing missing, empty or oversized files with a clear error."""
    limit = settings.max_input_bytes() if limit is None else limit
    if not path.exists():
        raise InputError("file not found", source=str(path))
    if path.is_dir():
        raise InputError("is a directory, expected a file", source=str(path))
    size = path.stat().st_size
    if size == 0:
        raise InputError("file is empty", source=str(path))
    if size > limit:
        raise InputError(f"file is {size} bytes, over the {limit}-byte input cap", source=str(path))
    return path.read_bytes()


def sha256_of(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()


def decode_text(raw: bytes, source: str, encodings: tuple[str, ...] = ("utf-8-sig",)) -> str:
    """Decode bytes with the first encoding that works; name the file and offset if none does."""
    error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError as exc:
            error = exc
    assert error is not None
    line = raw[: error.start].count(b"\n") + 1
    raise InputError(
        f"cannot decode as {' or '.join(encodings)} (byte {error.start})", source=source, line=line
    )


_COUNTRY_CACHE: dict[str, str | None] = {}


def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code (upper case) for a country name or code, or None if unknown."""
    if value is None:
        return None
    text = " ".join(value.split()).strip(" .,;")
    if not text:
        return None
    if text in _COUNTRY_CACHE:
        return _COUNTRY_CACHE[text]
    code: str | None = None
    territory = lookup_territory(text)
    if territory is not None and territory.ftm_country:
        code = territory.ftm_country.upper()
        if len(code) != 2:
            code = None
    _COUNTRY_CACHE[text] = code
    return code


_SCRIPT_RANGES: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("Hang", ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF))),
    ("Kana", ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))),
    ("Hani", ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0xF900, 0xFAFF))),
    ("Cyrl", ((0x0400, 0x052F),)),
    ("Arab", ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))),
    ("Hebr", ((0x0590, 0x05FF),)),
    ("Grek", ((0x0370, 0x03FF),)),
    ("Thai", ((0x0E00, 0x0E7F),)),
)


def detect_script(text: str) -> str:
    """The dominant ISO 15924 script of a text: Latn, Hang, Jpan (kana, with or without kanji),
    Hani, Cyrl, Arab, Hebr, Grek, Thai; ``Zyyy`` when no letter is found."""
    if text.isascii():
        return "Latn" if any(char.isalpha() for char in text) else "Zyyy"
    counts: dict[str, int] = {}
    for char in text:
        if not char.isalpha():
            continue
        script = _char_script(ord(char))
        counts[script] = counts.get(script, 0) + 1
    if not counts:
        return "Zyyy"
    if "Kana" in counts:
        return "Jpan"
    return max(counts.items(), key=lambda kv: kv[1])[0]


@functools.lru_cache(maxsize=8192)
def _char_script(cp: int) -> str:
    for name, ranges in _SCRIPT_RANGES:
        if any(lo <= cp <= hi for lo, hi in ranges):
            return name
    return "Latn"


def is_latin(text: str) -> bool:
    return detect_script(text) in ("Latn", "Zyyy")


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def iso_date(value: str | None) -> str | None:
    """Normalise a date as sources write it to ISO 8601, keeping its precision.

    Accepts ``1960-04-12``, ``1960-04``, ``1960``, ``12 Apr 1960``, ``Apr 1960``,
    ``04/12/1960`` (US order, as OFAC writes), ``2026-02-27T00:00:09Z``; returns None if the
    value holds no recognisable date.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{m[2]}"
    m = re.fullmatch(r"(\d{4})", text)
    if m:
        return m[1]
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if m:
        return _valid(int(m[3]), int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{4})/(\d{1,2})/(\d{1,2})", text)
    if m:
        return _valid(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -,]*(\d{4})", text)
    if m and m[2].lower() in _MONTHS:
        return _valid(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    m = re.fullmatch(r"([A-Za-z]{3})[A-Za-z]*\.?[ ,]*(\d{4})", text)
    if m and m[1].lower() in _MONTHS:
        return f"{m[2]}-{_MONTHS[m[1].lower()]:02d}"
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def clean(value: object) -> str | None:
    """Strip a cell value to text; None for blanks and the usual placeholders ('-0-', 'N/A')."""
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).strip()
    if not text or text in {"-0-", "-0- ", "N/A", "n/a", "None", "nan", "-", "―", "－"}:
        return None
    return " ".join(text.split())

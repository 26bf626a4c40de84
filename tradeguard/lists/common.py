"""Helpers shared by the list parsers: capped reads and decompression, completeness checks,
hashing, countries, scripts, dates."""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import io
import re
import unicodedata
import zipfile
import zlib
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


_NAME_DATE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")


def date_in_name(path: Path, today: date | None = None) -> str | None:
    """The publication date a publisher writes into its file names (``20250929_4.xlsx``,
    ``shisantouketsu20260305.xlsx``) as ISO 8601, or None if the name holds none. A date that
    does not exist (``20250931``) or lies in the future would hide how stale the list is: the
    file is refused."""
    m = _NAME_DATE.search(path.name)
    if not m:
        return None
    stated = _valid(int(m[1]), int(m[2]), int(m[3]))
    if stated is None:
        raise InputError(
            f"the file name states the publication date {m[1]}-{m[2]}-{m[3]}, which does not "
            "exist; rename the file with the date the publisher gave it; nothing loaded",
            source=str(path),
        )
    today = today or date.today()
    if date.fromisoformat(stated).toordinal() > today.toordinal() + 1:
        raise InputError(
            f"the file name states the publication date {stated}, after today ({today}); "
            "rename the file with the date the publisher gave it; nothing loaded",
            source=str(path),
        )
    return stated


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


# -- completeness and decompression caps (every reader calls these) -----------------------

#: inflated bytes below which the ratio is not checked (tiny members compress very well)
RATIO_FLOOR = 1024 * 1024
_CHUNK = 1 << 16


class Expansion:
    """The bytes a compressed input has inflated to so far, against the caps: at most
    ``settings.max_expanded_bytes()`` in all, and, past :data:`RATIO_FLOOR`, at most
    ``settings.max_expansion_ratio()`` times its compressed size. Decompression goes chunk by
    chunk, so a bomb is refused after a few MiB, not after it filled memory."""

    def __init__(self, source: str, compressed: int, kind: str = "zip") -> None:
        self.source = source
        self.compressed = max(compressed, 1)
        self.kind = kind
        self.cap = min(settings.max_expanded_bytes(), settings.max_input_bytes())
        self.ratio = settings.max_expansion_ratio()
        self.total = 0

    def check(self, total: int, compressed: int, where: str, *, declared: bool = False) -> None:
        """Refuse ``total`` inflated bytes from ``compressed`` ones (``declared``: the sizes
        the archive states, before any byte is inflated)."""
        what = "unpacked size declared by the archive," if declared else "inflated size"
        if total > self.cap:
            raise InputError(
                f"{what} {total:,} bytes, is over the {self.cap:,}-byte cap on decompressed "
                f"input ({self.kind} bomb?); nothing loaded",
                source=where,
            )
        if total > RATIO_FLOOR and total > self.ratio * max(compressed, 1):
            raise InputError(
                f"{what} {total:,} bytes from {compressed:,}, is over the {self.ratio}:1 "
                f"compression ratio cap ({self.kind} bomb?); nothing loaded",
                source=where,
            )

    def add(self, count: int, where: str | None = None) -> None:
        self.total += count
        self.check(self.total, self.compressed, where or self.source)


def gunzip_capped(raw: bytes, source: str) -> bytes:
    """The content of a gzip file (all members), inflated under the :class:`Expansion` caps;
    a cut or damaged file is refused."""
    budget = Expansion(source, len(raw), "gzip")
    parts: list[bytes] = []
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            while chunk := handle.read(_CHUNK):
                budget.add(len(chunk))
                parts.append(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(
            f"not a readable gzip file ({exc}; truncated?); nothing loaded", source=source
        ) from None
    data = b"".join(parts)
    if not data:
        raise InputError("file is empty", source=source)
    return data


def zip_member_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Expansion) -> bytes:
    """One member of a zip archive, inflated under ``budget`` (the archive's) and the ratio
    cap of the member itself; the sizes the archive declares are checked first, then the bytes
    actually inflated (a header may lie)."""
    where = f"{budget.source}!{info.filename}"
    if info.flag_bits & 0x1:
        raise InputError("the zip member is encrypted", source=where)
    budget.check(budget.total + info.file_size, budget.compressed, where, declared=True)
    budget.check(info.file_size, info.compress_size, where, declared=True)
    parts: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                budget.add(len(chunk), where)
                budget.check(size, info.compress_size, where)
                parts.append(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise InputError(
            f"cannot decompress the zip member ({exc}; damaged or truncated?); nothing loaded",
            source=where,
        ) from None
    return b"".join(parts)


OFAC_EOF = b"\r\n\x1a"


def check_ends_with(raw: bytes, mark: bytes, source: str, what: str) -> None:
    """Refuse a file that lacks the end-of-file mark its publisher writes."""
    if not raw.endswith(mark):
        line = raw.rstrip(b"\r\n\x1a").count(b"\n") + 1
        raise InputError(
            f"does not end with {what}: the file is cut short (truncated?); nothing loaded",
            source=source,
            line=line,
        )


def check_csv_complete(
    text: str, source: str, *, delimiter: str = ",", width: int | None = None
) -> None:
    """Refuse a CSV text whose last record is incomplete: no final line break, a quoted field
    still open at the end, or (with ``width``, else the first row's width) fewer fields in the
    last record. Every published CSV checked (OFAC, CSL, DPL, OFSI) passes; each cut of one
    inside a record fails. A cut exactly between two records is left to the shrink guard."""
    if not text.endswith(("\n", "\r")):
        line = text.count("\n") + 1
        raise InputError(
            f"ends inside a record at line {line:,}, without a final line break "
            "(truncated?); nothing loaded",
            source=source,
            line=line,
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    last: list[str] = []
    start = line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                if width is None:
                    width = len(row)
                last, start = row, line
            line = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise InputError(
                f"ends inside a quoted field of the record at line {line:,} (truncated?); "
                "nothing loaded",
                source=source,
                line=line,
            ) from None
        return  # a malformed record before the end: the reader names it
    if width is not None and len(last) < width:
        raise InputError(
            f"ends inside the record at line {start:,}: {len(last)} of {width} fields "
            "(truncated?); nothing loaded",
            source=source,
            line=start,
        )

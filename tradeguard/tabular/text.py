"""Text of a batch file: its encoding (UTF-8, or CP932/CP949 as Japanese and Korean Excel save
CSV files). Japanese and Korean column names and values are read in
:mod:`tradeguard.tabular.values`."""

from __future__ import annotations

import codecs
import re

import pyarrow as pa

from tradeguard.errors import InputError

SAVE_AS_UTF8 = "save it as UTF-8 (in Excel: 'CSV UTF-8')"
#: The table's schema metadata key that holds the encoding its text was read in.
ENCODING = "encoding"


def table_encoding(table: pa.Table) -> str | None:
    """The encoding a table's text was read in (``utf-8``, ``cp932``, ``cp949`` or the one
    given); None for a workbook or a Parquet file, which hold no encoded text."""
    meta = table.schema.metadata or {}
    found = meta.get(ENCODING.encode())
    return found.decode() if found else None


#: Encodings read besides UTF-8, as Japanese and Korean Excel save "CSV (comma delimited)".
LEGACY_ENCODINGS = {"cp932": "CP932 (Japanese Shift_JIS)", "cp949": "CP949 (Korean)"}
ENCODINGS = ("utf-8", *LEGACY_ENCODINGS)
_UNREAL = re.compile("[\x80-\x9f\ue000-\uf8ff]")


def decode_utf8(raw: bytes, source: str) -> str:
    """``raw`` as text; text that is not UTF-8 is refused naming its line and byte offset."""
    return decode_text(raw, source, "utf-8")[0]


#: codecs Python counts as text encodings that no spreadsheet saves a file in: escapes of
#: Python string literals and the encodings of domain names
_NOT_FILE_ENCODINGS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode"})


def check_encoding(encoding: str, source: str | None = None) -> str:
    """The codec name of a text encoding the user gave (``utf-8``, ``cp932``, ``cp949``,
    ``shift_jis``, ``euc_kr``, ``latin-1`` ...: any text encoding Python knows), as Python
    names it (``Shift_JIS`` -> ``shift_jis``, ``UTF8`` -> ``utf-8``); a name that is no
    text encoding is refused, naming it."""
    try:
        info = codecs.lookup(encoding.strip())
    except (LookupError, ValueError):
        info = None
    if (
        info is None
        or not getattr(info, "_is_text_encoding", True)
        or info.name in _NOT_FILE_ENCODINGS
        or not encoding.strip()
    ):
        raise InputError(
            f"unknown encoding {encoding!r}; give a text encoding such as "
            f"{', '.join(ENCODINGS)}, shift_jis or euc_kr",
            source=source,
            field="encoding",
        )
    return "utf-8" if info.name == "utf-8-sig" else info.name


def decode_text(raw: bytes, source: str, encoding: str | None = None) -> tuple[str, str]:
    """``raw`` as text and the encoding read (``utf-8``, ``cp932`` or ``cp949``, or the
    codec name of the one given, :func:`check_encoding`). Without ``encoding``: UTF-8 (with
    or without a byte-order mark) first, then CP932 or CP949 only when the bytes decode under
    exactly one of them without a sign of being the other's text (CP932 text that holds
    half-width katakana, CP949 text outside KS X 1001); otherwise the file is refused naming
    the byte and asking for the encoding. With ``encoding``, text that does not decode in it
    is refused naming its line and byte offset."""
    wanted = None if encoding is None else check_encoding(encoding, source)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) and not (wanted or "").startswith("utf-16"):
        raise InputError(f"the file is UTF-16 text; {SAVE_AS_UTF8}", source=source)
    if wanted in (None, "utf-8"):
        try:
            return raw.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as exc:
            if wanted is None:
                guessed = _legacy(raw)
                if guessed is not None:
                    return guessed
            # utf-8-sig reports the offset after a byte-order mark
            offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
            line = raw.count(b"\n", 0, offset) + 1
            also = "" if wanted else ", nor clearly CP932 or CP949 text (name the encoding)"
            raise InputError(
                f"not UTF-8 text (byte 0x{raw[offset]:02x} at byte offset {offset}){also}; "
                f"{SAVE_AS_UTF8}",
                source=source,
                line=line,
            ) from None
    assert wanted is not None
    try:
        return raw.decode(wanted), wanted
    except UnicodeDecodeError as exc:
        named = LEGACY_ENCODINGS.get(wanted, wanted)
        raise InputError(
            f"not {named} text (byte 0x{raw[exc.start]:02x} at byte offset {exc.start})",
            source=source,
            line=raw.count(b"\n", 0, exc.start) + 1,
        ) from None


def _legacy(raw: bytes) -> tuple[str, str] | None:
    """The text of ``raw`` under the one legacy encoding that reads it cleanly, or None."""
    read: dict[str, str] = {}
    for name in LEGACY_ENCODINGS:
        try:
            read[name] = raw.decode(name)
        except UnicodeDecodeError:
            continue
        if _UNREAL.search(read[name]):  # bytes the codec maps to C1 controls or private use
            del read[name]
    if len(read) == 2:  # both decode: keep the one without a sign of being the other's text
        if any("\uff61" <= c <= "\uff9f" for c in read["cp932"]):
            del read["cp932"]
        try:
            raw.decode("euc_kr")
        except UnicodeDecodeError:
            del read["cp949"]
    if len(read) != 1:
        return None
    ((name, text),) = read.items()
    return text, name

"""Helpers shared by the Japanese list parsers (METI End User List, MOF asset-freeze list):
safe Excel opening, Japanese era and Western dates, Japanese-script detection, country names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from typing import Any

from tradeguard.lists.common import country_code, detect_script
from tradeguard.lists.sources._xlsx import XLSX_MAGIC, Workbook, open_xlsx

# First year (Gregorian) of each Japanese era; year N of an era is start + N - 1.
ERAS: dict[str, tuple[int, date, date]] = {
    "明治": (1868, date(1868, 1, 25), date(1912, 7, 29)),
    "大正": (1912, date(1912, 7, 30), date(1926, 12, 24)),
    "昭和": (1926, date(1926, 12, 25), date(1989, 1, 7)),
    "平成": (1989, date(1989, 1, 8), date(2019, 4, 30)),
    "令和": (2019, date(2019, 5, 1), date(9999, 12, 31)),
}
_ERA_ALIASES = {"M": "明治", "T": "大正", "S": "昭和", "H": "平成", "R": "令和"}


def open_workbook(raw: bytes, source: str) -> Workbook:
    """Open .xlsx bytes (refusing non-zip data, zip bombs and hostile XML)."""
    return open_xlsx(raw, source)


def sniff_xlsx(head: bytes) -> bool:
    return head.startswith(XLSX_MAGIC) and b"xl/" in head


def nfkc(value: Any) -> str | None:
    """A cell as NFKC-normalised text (full-width letters/digits/brackets to ASCII), stripped."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    text = unicodedata.normalize("NFKC", str(value)).replace("\u3000", " ").strip()
    return text or None


_UNKNOWN = {"不明", "なし", "無し", "-", "―", "ー", "不詳", "N/A", "unknown", "Unknown"}


def is_unknown(text: str | None) -> bool:
    return text is None or text.strip(" .。") in _UNKNOWN


def japanese_script(text: str) -> str | None:
    """The ISO 15924 code of a name in Japanese/Chinese/Korean script, None for Latin names.

    Kana (with or without kanji) is ``Jpan``; kanji only is ``Hani``; Hangul is ``Hang``.
    Mixed names such as ``EFCO平壌支社`` count by their non-Latin part."""
    has_kana = has_han = has_hangul = False
    for char in text:
        cp = ord(char)
        if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F:
            if char not in "・ー":
                has_kana = True
        elif 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF:
            has_han = True
        elif 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF:
            has_hangul = True
    if has_kana:
        return "Jpan"
    if has_han:
        return "Hani"
    if has_hangul:
        return "Hang"
    script = detect_script(text)
    return None if script in ("Latn", "Zyyy") else script


def excel_serial_date(value: float) -> str | None:
    """An Excel 1900-system serial day number as an ISO date (only plausible values)."""
    if not 1 <= value <= 80000:
        return None
    return (date(1899, 12, 30) + timedelta(days=int(value))).isoformat()


_DATE_PATTERNS = re.compile(
    r"""
    (?P<era>明治|大正|昭和|平成|令和|[MTSHR](?=\d{1,2}[.年]))?
    \s*(?P<year>元|\d{1,4})\s*(?:年|(?P<sep>[./-]))
    (?:\s*(?P<month>\d{1,2})\s*(?:月|(?P=sep))
       (?:\s*(?P<day>\d{1,2})\s*日?)?)?
    """,
    re.VERBOSE,
)


def era_year(era: str, year: int) -> int:
    era = _ERA_ALIASES.get(era, era)
    return ERAS[era][0] + year - 1


def parse_dates(value: Any) -> list[str]:
    """Every date a cell states, as ISO strings keeping their precision.

    Handles datetime cells, Excel serial numbers, ``1962年12月26日``, ``昭和37年12月26日``,
    ``平成元年``, ``1963年頃``, ``2002.3.1``, ``1966/1/1`` and lists of them ``(a)...(b)...``.
    Years outside 1800-2100 are ignored."""
    if value is None:
        return []
    if isinstance(value, datetime):
        return [value.date().isoformat()]
    if isinstance(value, date):
        return [value.isoformat()]
    if isinstance(value, int | float) and not isinstance(value, bool):
        serial = excel_serial_date(float(value))
        return [serial] if serial else []
    text = unicodedata.normalize("NFKC", str(value))
    out: list[str] = []
    for m in _DATE_PATTERNS.finditer(text):
        era = m["era"]
        raw_year = m["year"]
        if raw_year == "元":
            if not era:
                continue
            year_n = 1
        else:
            year_n = int(raw_year)
        if era:
            if year_n < 1 or year_n > 99:
                continue
            year = era_year(era, year_n)
        else:
            if len(raw_year) != 4:
                continue
            year = year_n
        if m["sep"] and not m["month"]:
            continue  # "1963." alone is not a date
        if not 1800 <= year <= 2100:
            continue
        iso: str | None
        if m["month"] and m["day"]:
            try:
                iso = date(year, int(m["month"]), int(m["day"])).isoformat()
            except ValueError:
                iso = None
        elif m["month"] and 1 <= int(m["month"]) <= 12:
            iso = f"{year:04d}-{int(m['month']):02d}"
        elif m["month"]:
            iso = None
        else:
            iso = f"{year:04d}"
        if iso and iso not in out:
            out.append(iso)
    return out


def to_era(day: date) -> str:
    """``date(1962, 12, 26)`` -> ``"昭和37年12月26日"`` (used by tests and reports)."""
    for era, (start_year, first, last) in ERAS.items():
        if first <= day <= last:
            n = day.year - start_year + 1
            year = "元" if n == 1 else str(n)
            return f"{era}{year}年{day.month}月{day.day}日"
    raise ValueError(f"{day} is before the Meiji era")


# Country names as the Japanese lists write them (a static table: no lookup needed).
_JP_COUNTRIES: dict[str, str] = {
    "北朝鮮": "KP",
    "朝鮮民主主義人民共和国": "KP",
    "ロシア連邦": "RU",
    "ロシア": "RU",
    "ベラルーシ共和国": "BY",
    "ベラルーシ": "BY",
    "中華人民共和国": "CN",
    "中国": "CN",
    "香港": "HK",
    "台湾": "TW",
    "イラン": "IR",
    "イラク": "IQ",
    "シリア": "SY",
    "レバノン": "LB",
    "アフガニスタン": "AF",
    "パキスタン": "PK",
    "アラブ首長国連邦": "AE",
    "イエメン": "YE",
    "スーダン": "SD",
    "南スーダン": "SS",
    "リビア": "LY",
    "ソマリア": "SO",
    "コンゴ民主共和国": "CD",
    "中央アフリカ共和国": "CF",
    "マリ": "ML",
    "ハイチ": "HT",
    "イスラエル": "IL",
    "ウクライナ": "UA",
    "シンガポール": "SG",
    "マレーシア": "MY",
    "トルコ": "TR",
    "インド": "IN",
    "エジプト": "EG",
    "サウジアラビア": "SA",
    "カタール": "QA",
    "クウェート": "KW",
    "ジョージア": "GE",
    "カザフスタン": "KZ",
    "キルギス": "KG",
    "アルメニア": "AM",
    "ウズベキスタン": "UZ",
    "タイ": "TH",
    "ベトナム": "VN",
    "ミャンマー": "MM",
    "ルワンダ": "RW",
    "ウガンダ": "UG",
    "ドイツ": "DE",
    "フランス": "FR",
    "イタリア": "IT",
    "英国": "GB",
    "米国": "US",
    "スイス": "CH",
    "キプロス": "CY",
    "サウディ・アラビア": "SA",
    "タンザニア": "TZ",
    "スロバキア": "SK",
    "エチオピア": "ET",
    "オマーン": "OM",
    "ヨルダン": "JO",
    "チュニジア": "TN",
    "アルジェリア": "DZ",
    "モロッコ": "MA",
    "ナイジェリア": "NG",
    "ケニア": "KE",
    "インドネシア": "ID",
    "フィリピン": "PH",
    "オーストラリア": "AU",
    "バーレーン": "BH",
    "ニカラグア": "NI",
}


_PREFIXES_LONGEST_FIRST = sorted(_JP_COUNTRIES, key=len, reverse=True)


def country_in(text: str | None) -> str | None:
    """ISO code of a country named in a cell: whole text, a leading Japanese country name,
    the last comma-separated part, or an English name after a Japanese one."""
    if not text or is_unknown(text):
        return None
    text = text.strip()
    for prefix in _PREFIXES_LONGEST_FIRST:
        if text.startswith(prefix):
            return _JP_COUNTRIES[prefix]
    if len(text) <= 40:
        code = country_code(text)
        if code:
            return code
    parts = [p.strip(" .()") for p in re.split(r"[,、，]", text) if p.strip(" .()")]
    if parts and len(parts[-1]) <= 40:
        code = country_code(parts[-1])
        if code:
            return code
    m = re.search(r"[A-Za-z][A-Za-z .'-]+$", text)
    if m and len(m[0]) <= 40:
        return country_code(m[0].strip())
    return None

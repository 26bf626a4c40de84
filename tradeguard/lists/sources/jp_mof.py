"""Japan Ministry of Finance asset-freeze list (資産凍結等経済制裁対象者リスト), Excel.

The workbook has an index sheet (一覧) and one sheet per regime (``14.北朝鮮(決議1718号等；団体)``,
``29.ロシア連邦(個人)`` ...). Each regime sheet starts with its title, optional notes, then a
header row (告示日付, 告示番号, 日本語表記, 英語表記, 別名 ...) whose columns differ from sheet to
sheet: columns are found by their labels, never by position. Withdrawn regimes (【解除】) keep a
sheet with no header; delisted entries keep their row with "削除" and no name: both are skipped.

Each entry gets its Japanese (katakana/kanji) name as an ``original_script`` name and its
English name as the primary name. Aliases are parsed from the 別名/別称 cells, which list
Japanese names and then their English forms, separated by ``；``/``、``/``(a)(b)``; "(旧称)"
marks former names; 確定に十分でない別名 are weak aliases.

``source_id`` is ``{sheet number}-{告示番号}``: the number of the regime sheet (MOF keeps the
numbering, withdrawn regimes keep their sheets) and the entry's number in the regime's notices
(``*2`` or ``1(#47)`` -> ``2`` / ``1``, the marks kept in ``properties["notice_number"]``). Both
are MOF's own numbers and stay stable across versions of the file.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError
from tradeguard.lists.common import date_in_name, read_capped, sha256_of
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, ParsedList
from tradeguard.lists.name_notes import take_note
from tradeguard.lists.sources._japan import (
    country_in,
    is_unknown,
    japanese_script,
    nfkc,
    open_workbook,
    parse_dates,
    sniff_xlsx,
)

LIST_ID = "jp_mof"

COLUMN_LABELS: dict[str, str] = {
    "告示日付": "notice_date",
    "告示番号": "notice_no",
    "日本語表記": "name_ja",
    "英語表記": "name_en",
    "別名": "aka",
    "別称": "aka",
    "別名・別称": "aka",
    "別称・別名": "aka",
    "別称・旧称": "aka",
    "確定可能な別名": "aka",
    "旧称": "former",
    "以前の別名": "former",
    "過去の別名": "former",
    "旧称・以前の呼称": "former",
    "確定に十分でない別名": "weak",
    "称号": "position",
    "肩書": "position",
    "肩書等": "position",
    "役職": "position",
    "生年月日": "dob",
    "生年月日・出生地": "dob",
    "出生地": "birthplace",
    "出生地・出身地": "birthplace",
    "国籍": "nationality",
    "旅券番号": "passport",
    "ID番号": "national_id",
    "身分登録番号": "national_id",
    "身分証番号": "national_id",
    "住所": "address",
    "所在地": "address",
    "住所・所在地": "address",
    "所在地・住所": "address",
    "住所等": "address",
    "活動地域・住所": "address",
    "国連参照番号": "un_ref",
    "国連制裁員会による指定日": "un_listed",
    "国連制裁委員会による指定日": "un_listed",
    "リスト掲載日": "un_listed",
    "その他の情報": "remarks",
    "詳細": "remarks",
    "指定の根拠": "remarks",
    "決議1483上の根拠": "remarks",
    "電話": "phone",
    "電話番号": "phone",
    "FAX": "fax",
}
PERSON_HINTS = ("dob", "nationality", "passport", "position")

_ENUM = re.compile(r"\(\s*[a-z]{1,2}\s*\)")
_AKA = re.compile(r"^\(?\s*[af]\.?k\.?a\.?\s*:?\s*", re.IGNORECASE)
_INLINE_AKA = re.compile(r"\s*[,;]\s*[af]\.k\.a\.?\s*:?\s*", re.IGNORECASE)
_QUOTES = "\"'“”‘’「」『』"
# Items of an alias cell that are notes, not names ("1969年1月1日生まれ。出生地:...").
_NOTE_MARKERS = ("。", "生まれ", "出生地", "国籍", "旅券")
_NUMBER = re.compile(r"(?<![A-Za-z0-9])([A-Z]{0,3}[/-]?\d[\dA-Z/-]{3,})")


def _label(cell: Any) -> str | None:
    text = nfkc(cell)
    if text is None:
        return None
    first = text.split("\n", 1)[0].replace(" ", "")
    return COLUMN_LABELS.get(first)


def sniff(path: Path, head: bytes) -> bool:
    if not sniff_xlsx(head):
        return False
    if path.name.lower().startswith("shisantouketsu"):
        return True
    try:
        book = open_workbook(read_capped(path), str(path))
    except InputError:
        return False
    for sheet in book.sheets[:4]:
        for number, row in sheet.rows():
            if number > 10:
                break
            if {"notice_date", "notice_no", "name_ja"} <= {_label(c) for c in row}:
                return True
    return False


def _pieces(text: str) -> list[str]:
    """Split a cell into its items: lines, (a)(b) enumerations, ';' and '、' lists."""
    out: list[str] = []
    for line in text.split("\n"):
        for part in _ENUM.split(line):
            for item in re.split(r"[;；、]", part):
                item = item.strip(" ,.;")
                if item:
                    out.append(item)
    return out


def _add_alias_names(entity: Entity, cell: Any, kind: NameKind) -> None:
    text = nfkc(cell)
    if not text or is_unknown(text):
        return
    current = kind
    previous_ja_count = 0
    for raw_line in text.split("\n"):
        line = raw_line.strip()
        if not line:
            continue
        m = re.match(r"^\(?(別称|別名|旧称)\)?\s*[:：]?\s*", line)
        if m:
            current = NameKind.FORMER if m[1] == "旧称" else kind
            line = line[m.end() :]
        wrapped = _unwrap(line)
        if wrapped is not None and _AKA.match(line):
            line = _AKA.sub("", line)
            line = line[:-1] if line.endswith(")") else line
        elif wrapped is not None:
            line = wrapped
        line = _AKA.sub("", line).strip()
        if not line or "旅券" in line or "番号" in line:
            continue
        # "X, a.k.a. Y, a.k.a. Z": the list's own separators inside one line
        line = _INLINE_AKA.sub(";", line)
        latin = japanese_script(line) is None
        parts: list[str] = []
        for part in _ENUM.split(line):
            if latin:
                items = [p for p in re.split(r"[;；]", part)]
                if (
                    len(items) == 1
                    and previous_ja_count > 1
                    and len(part.split(", ")) == previous_ja_count
                ):
                    items = part.split(", ")
            else:
                items = re.split(r"[;；、]", part)
            parts.extend(i.strip(" ,.;") for i in items if i.strip(" ,.;"))
        if not latin:
            previous_ja_count = len(parts)
        for item in parts:
            _add_one(entity, item, current)


def _unwrap(text: str) -> str | None:
    """The inside of ``(...)`` when the brackets enclose the whole text, else None."""
    if not (text.startswith("(") and text.endswith(")")):
        return None
    depth = 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and i != len(text) - 1:
                return None
    return text[1:-1].strip()


def _tidy(item: str) -> str | None:
    """An alias item without quotes, list labels and unbalanced brackets; None for notes."""
    item = item.strip(" 、,;:").strip(_QUOTES).strip()
    item = _AKA.sub("", item).strip(" 、,;:").strip(_QUOTES).strip()
    if not item or any(marker in item for marker in _NOTE_MARKERS):
        return None
    while item.endswith(")") and item.count(")") > item.count("("):
        item = item[:-1].rstrip()
    while item.startswith("(") and item.count("(") > item.count(")"):
        item = item[1:].lstrip()
    item = item.strip().strip(_QUOTES).strip()
    return item or None


def _add_one(entity: Entity, raw_item: str, kind: NameKind) -> None:
    label = re.match(r"^\(?(別称|別名|旧称)\)?\s*[:：]\s*", raw_item.strip())
    if label:
        kind = NameKind.FORMER if label[1] == "旧称" else kind
        raw_item = raw_item.strip()[label.end() :]
    named = take_note(entity, raw_item)
    item = _tidy(named) if named else None
    if item is None or is_unknown(item):
        return
    m = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", item)
    if m:
        outer, inner = m[1].strip(), m[2].strip()
        outer_script = japanese_script(outer)
        inner_script = japanese_script(inner)
        if outer_script and inner_script is None and not is_unknown(inner):
            # "フランク・カコレレ(FRANK KAKORERE)": the Japanese form and the Latin form
            entity.add_name(outer, NameKind.ORIGINAL_SCRIPT, outer_script, "ja")
            entity.add_name(inner, kind)
            return
    script = japanese_script(item)
    if script:
        entity.add_name(item, NameKind.ORIGINAL_SCRIPT, script, "ja" if script != "Arab" else None)
    else:
        entity.add_name(item, kind)


def _numbers(entity: Entity, cell: Any, id_type: str) -> None:
    text = nfkc(cell)
    if not text or is_unknown(text):
        return
    for line in text.split("\n"):
        for piece in _ENUM.split(line):
            piece = piece.strip(" 、,")
            if not piece or is_unknown(piece):
                continue
            m = _NUMBER.search(piece)
            if not m:
                continue
            number = m[1]
            before = piece[: m.start()]
            country = None
            cm = re.search(r"([^\s:：、,()]+?)国?(?:旅券|外交旅券|身分証|国民)", before)
            if cm:
                country = country_in(cm[1])
            identifier = Identifier(id_type, number, country, piece)
            if identifier not in entity.identifiers:
                entity.identifiers.append(identifier)


def _schema_for(sheet_name: str, title: str | None) -> str | None:
    for text in (sheet_name, title or ""):
        person = "個人" in text
        org = "団体" in text or "特定銀行" in text
        if person and not org:
            return "Person"
        if org and not person:
            return "Organization"
    return None


def _sheet_number(name: str, index: int) -> str:
    m = re.match(r"\s*(\d+)", unicodedata.normalize("NFKC", name))
    return m[1] if m else f"s{index}"


def _regime(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).strip()
    return re.sub(r"^\d+\.\s*", "", text).strip()


def _fill(entity: Entity, get: dict[str, Any], warnings: list[str], where: str) -> None:
    name_en = nfkc(get.get("name_en"))
    name_ja = nfkc(get.get("name_ja"))
    if name_en:
        lines = [ln.strip() for ln in name_en.split("\n") if ln.strip()]
        for i, line in enumerate(lines):
            m = re.match(r"^\(?\s*original script\s*:\s*(.+?)\s*\)?$", line, re.IGNORECASE)
            if m:
                if not is_unknown(m[1]):
                    entity.add_name(m[1], NameKind.ORIGINAL_SCRIPT, japanese_script(m[1]))
            else:
                entity.add_name(take_note(entity, line), NameKind.ALIAS if i else NameKind.PRIMARY)
    if name_ja:
        ja = take_note(entity, " ".join(name_ja.split())) or ""
        script = japanese_script(ja)
        if script:
            entity.add_name(ja, NameKind.ORIGINAL_SCRIPT, script, "ja")
        elif not name_en:
            entity.add_name(ja, NameKind.PRIMARY)
    _add_alias_names(entity, get.get("aka"), NameKind.ALIAS)
    _add_alias_names(entity, get.get("former"), NameKind.FORMER)
    _add_alias_names(entity, get.get("weak"), NameKind.WEAK_ALIAS)
    position = nfkc(get.get("position"))
    if position and not is_unknown(position):
        for item in position.split("\n"):
            item = item.strip()
            if item and not is_unknown(item) and item not in entity.positions:
                entity.positions.append(item)
    for iso in parse_dates(get.get("dob")):
        if iso not in entity.birth_dates:
            entity.birth_dates.append(iso)
    birthplace = nfkc(get.get("birthplace"))
    if birthplace and not is_unknown(birthplace):
        for item in _ENUM.split(birthplace):
            item = item.strip(" 、,\n")
            if item and not is_unknown(item) and item not in entity.birth_places:
                entity.birth_places.append(item)
    nationality = nfkc(get.get("nationality"))
    if nationality and not is_unknown(nationality):
        for item in _pieces(nationality):
            code = country_in(item)
            if code and code not in entity.nationalities:
                entity.nationalities.append(code)
        if not entity.nationalities:
            warnings.append(f"{where}: nationality {nationality!r} not recognised")
        entity.properties["nationality_text"] = [nationality]
    _numbers(entity, get.get("passport"), "passport")
    _numbers(entity, get.get("national_id"), "national_id")
    address = nfkc(get.get("address"))
    if address and not is_unknown(address):
        for line in address.split("\n"):
            for item in _ENUM.split(line):
                item = item.strip(" 、,")
                if not item or is_unknown(item) or re.fullmatch(r"\([^()]{1,8}\)", item):
                    continue
                addr = Address(full=item, country=country_in(item))
                if addr not in entity.addresses:
                    entity.addresses.append(addr)
                if addr.country and addr.country not in entity.countries:
                    entity.countries.append(addr.country)
    un_ref = nfkc(get.get("un_ref"))
    if un_ref and not is_unknown(un_ref):
        entity.properties["un_reference"] = [un_ref]
    un_listed = parse_dates(get.get("un_listed"))
    if un_listed:
        entity.properties["un_listed_on"] = un_listed[:1]
    for key in ("phone", "fax"):
        value = nfkc(get.get(key))
        if value and not is_unknown(value):
            entity.properties[key] = [value]
    _remarks(entity, get.get("remarks"))


def _remarks(entity: Entity, cell: Any) -> None:
    text = nfkc(cell)
    if not text or is_unknown(text):
        return
    entity.remarks = f"{entity.remarks}\n{text}" if entity.remarks else text
    for m in re.finditer(r"SWIFT(?:/BIC)?\s*[:：]?\s*([A-Z0-9]{8}(?:[A-Z0-9]{3})?)\b", text):
        identifier = Identifier("swift", m[1], None, "SWIFT/BIC")
        if identifier not in entity.identifiers:
            entity.identifiers.append(identifier)
    for m in re.finditer(r"IMO(?:番号)?\s*[:：]?\s*(\d{7})\b", text):
        identifier = Identifier("imo", m[1], None, "IMO")
        if identifier not in entity.identifiers:
            entity.identifiers.append(identifier)
    for m in re.finditer(r"出生地\s*[:：]\s*([^\n。]+)", text):
        place = m[1].strip()
        if place and place not in entity.birth_places:
            entity.birth_places.append(place)


def _published(path: Path) -> str | None:
    return date_in_name(path)


def parse(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    book = open_workbook(raw, source)
    entities: list[Entity] = []
    warnings: list[str] = []
    seen: set[str] = set()
    header_sheets = 0
    for index, sheet in enumerate(book.sheets):
        sheet_name = sheet.name
        number = _sheet_number(sheet_name, index)
        regime = _regime(sheet_name)
        columns: dict[str, int] | None = None
        title: str | None = None
        last: Entity | None = None
        for line, row in sheet.rows():
            if columns is None:
                if title is None:
                    first = next((nfkc(c) for c in row if nfkc(c)), None)
                    if first:
                        title = " ".join(first.split())
                labels: dict[str, int] = {}
                for i, c in enumerate(row):
                    key = _label(c)
                    if key and key not in labels:
                        labels[key] = i
                if {"notice_no", "name_ja"} <= labels.keys() or {
                    "notice_no",
                    "name_en",
                } <= labels.keys():
                    columns = labels
                    header_sheets += 1
                continue
            if all(c is None for c in row):
                continue
            get = {k: row[i] for k, i in columns.items() if i < len(row)}
            where = f"{source}: sheet {sheet_name.strip()!r} row {line}"
            has_name = bool(nfkc(get.get("name_en")) or nfkc(get.get("name_ja")))
            notice_no = nfkc(get.get("notice_no"))
            if not has_name:
                if notice_no is None and last is not None:
                    _remarks(last, get.get("remarks"))  # continuation of the entry above
                continue  # delisted ("削除") rows keep their number but no name
            m = re.search(r"\d+", notice_no or "")
            if m:
                sid = f"{number}-{int(m[0])}"
            else:
                sid = f"{number}-r{line}"
                warnings.append(f"{where}: no notice number, row number used")
            if sid in seen:
                warnings.append(f"{where}: duplicate notice number {notice_no!r}")
                sid = f"{sid}-r{line}"
            seen.add(sid)
            schema = _schema_for(sheet_name, title)
            if schema is None:
                person = any(not is_unknown(nfkc(get.get(k))) for k in PERSON_HINTS if k in columns)
                if person:
                    schema = "Person"
                elif any(k in columns for k in PERSON_HINTS):
                    schema = "LegalEntity"
                else:
                    schema = "Organization"
            entity = Entity(
                id=f"{LIST_ID}:{sid}",
                list=LIST_ID,
                source_id=sid,
                schema=schema,
                programs=[regime],
                properties={"mof_sheet": [sheet_name.strip()]},
            )
            if title:
                entity.properties["regime_title"] = [title]
            if notice_no:
                entity.properties["notice_number"] = [notice_no]
            notice_dates = parse_dates(get.get("notice_date"))
            if notice_dates:
                entity.listed_on = notice_dates[0]
                entity.properties["notice_dates"] = notice_dates
            _fill(entity, get, warnings, where)
            if not entity.names:
                warnings.append(f"{where}: entry without a usable name skipped")
                continue
            entities.append(entity)
            last = entity
    if header_sheets == 0:
        raise InputError(
            "no sheet with a 告示番号/日本語表記 header row (is this the MOF asset-freeze list?)",
            source=source,
        )
    return ParsedList(
        list=LIST_ID,
        format="mof-xlsx",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=_published(path),
        warnings=warnings,
    )


FORMAT = register(
    ListFormat(
        name="mof-xlsx",
        list=LIST_ID,
        description="Japan MOF asset-freeze list (資産凍結等経済制裁対象者リスト), Excel",
        sniff=sniff,
        parse=parse,
    )
)

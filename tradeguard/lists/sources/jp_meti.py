"""Japan METI End User List (外国ユーザーリスト), the Excel file METI publishes.

One sheet, a header row (``No.``, ``国名、地域名 Country or Region``, ``企業名､組織名 Company or
Organization``, ``別名 Also Known As``, ``懸念区分 Type of WMD``, ``通常兵器 Conventional
Weapons``) and one row per entry. Names are in English; many North Korean and Chinese entries
add their kanji name on a line of its own in brackets, ``(東新国際貿易有限公司平壌事務所)``,
which becomes an ``original_script`` name. Aliases are bullet lines (``・``).

``source_id`` is the list's ``No.`` column. The file computes it as ``=ROW()-1``, i.e. it is the
entry's position in this revision: METI renumbers when entries are added or removed, so the
same number may name another entry in another revision (``lists diff`` compares by id).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError
from tradeguard.lists.common import date_in_name, read_capped, sha256_of
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Entity, NameKind, ParsedList
from tradeguard.lists.sources._japan import (
    country_in,
    is_unknown,
    japanese_script,
    nfkc,
    open_workbook,
    sniff_xlsx,
)

LIST_ID = "jp_meti_eul"
PROGRAM = "METI End User List"

# header label (its Japanese part) -> our column key
HEADERS = {
    "no.": "no",
    "国名、地域名": "country",
    "国名・地域名": "country",
    "企業名､組織名": "name",
    "企業名、組織名": "name",
    "別名": "aka",
    "懸念区分": "wmd",
    "通常兵器": "cw",
}
REQUIRED = ("name", "country")
WMD_CODES = {"B": "biological", "C": "chemical", "M": "missile", "N": "nuclear"}


def _label(cell: Any) -> str | None:
    text = nfkc(cell)
    if text is None:
        return None
    first = text.split("\n", 1)[0].strip().lower()
    return HEADERS.get(first) or HEADERS.get(first.replace(",", "、"))


def sniff(path: Path, head: bytes) -> bool:
    if not sniff_xlsx(head):
        return False
    if re.match(r"\d{8}_\d+\.xlsx$", path.name):
        return True
    try:
        book = open_workbook(read_capped(path), str(path))
    except InputError:
        return False
    if not book.sheets:
        return False
    for number, row in book.sheets[0].rows():
        if number > 10:
            break
        if {"name", "aka", "wmd"} <= {_label(c) for c in row}:
            return True
    return False


def _names(entity: Entity, cell: Any, primary: bool) -> None:
    """Add the names of a name or AKA cell: bullet lines, bracketed kanji lines."""
    text = nfkc(cell)
    if not text or is_unknown(text):
        return
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        bullet = line.startswith("・")
        line = line.lstrip("・ ").strip()
        m = re.fullmatch(r"\((.+)\)", line)
        inner = m[1].strip() if m else line
        script = japanese_script(inner)
        if script is not None:
            entity.add_name(
                inner, NameKind.ORIGINAL_SCRIPT, script, "ja" if script != "Hang" else None
            )
        elif primary and not bullet and not any(n.kind == NameKind.PRIMARY for n in entity.names):
            entity.add_name(line, NameKind.PRIMARY)
        else:
            entity.add_name(line, NameKind.ALIAS)


def _published(path: Path) -> str | None:
    return date_in_name(path)


def parse(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    book = open_workbook(raw, source)
    entities: list[Entity] = []
    warnings: list[str] = []
    sheet = book.sheets[0]
    columns: dict[str, int] | None = None
    seen: set[str] = set()
    for line, row in sheet.rows():
        if columns is None:
            labels: dict[str, int] = {}
            for i, c in enumerate(row):
                key = _label(c)
                if key and key not in labels:
                    labels[key] = i
            if "name" in labels and "aka" in labels:
                columns = labels
                for required in REQUIRED:
                    if required not in columns:
                        raise InputError(
                            "missing required column of the METI End User List",
                            source=source,
                            line=line,
                            field=required,
                        )
            elif line > 10:
                raise InputError(
                    "no header row with 'Company or Organization' and 'Also Known As'",
                    source=source,
                    line=1,
                )
            continue

        values = {k: row[i] for k, i in columns.items() if i < len(row)}

        if all(c is None for c in row):
            continue
        name_cell = values.get("name")
        if nfkc(name_cell) is None:
            warnings.append(f"{source}: row {line}: entry without a name skipped")
            continue
        number = values.get("no")
        if isinstance(number, int | float):
            sid = str(int(number))
        elif isinstance(number, str) and number.strip().isdigit():
            sid = number.strip()
        else:  # "=ROW()-1" without a cached value, or blank: the formula's meaning
            sid = str(line - 1)
        if sid in seen:
            warnings.append(f"{source}: row {line}: duplicate No. {sid} skipped")
            continue
        seen.add(sid)
        entity = Entity(
            id=f"{LIST_ID}:{sid}",
            list=LIST_ID,
            source_id=sid,
            schema="Organization",
            programs=[PROGRAM],
        )
        _names(entity, name_cell, primary=True)
        _names(entity, values.get("aka"), primary=False)
        country_text = nfkc(values.get("country"))
        if country_text:
            lines = [p.strip() for p in country_text.split("\n") if p.strip()]
            code = None
            for part in lines:  # the Japanese line (a static table), then English
                code = country_in(part)
                if code:
                    break
            if code:
                entity.countries.append(code)
            else:
                warnings.append(f"{source}: row {line}: country {country_text!r} not recognised")
            entity.properties["country_text"] = lines
        wmd = nfkc(values.get("wmd"))
        if wmd:
            codes = [c for c in re.findall(r"[BCMN]", wmd.split("\n")[-1]) if c in WMD_CODES]
            if not codes:
                codes = [c for c in re.findall(r"[BCMN]", wmd) if c in WMD_CODES]
            entity.properties["wmd_concern"] = sorted(set(codes))
            entity.properties["wmd_concern_text"] = [WMD_CODES[c] for c in sorted(set(codes))]
        cw = nfkc(values.get("cw"))
        if cw:
            entity.properties["conventional_weapons"] = ["CW"]
        if not entity.names:
            warnings.append(f"{source}: row {line}: entry without a usable name skipped")
            continue
        entities.append(entity)
    if columns is None:
        raise InputError("no header row found (is this the METI End User List?)", source=source)
    return ParsedList(
        list=LIST_ID,
        format="meti-xlsx",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=_published(path),
        warnings=warnings,
    )


FORMAT = register(
    ListFormat(
        name="meti-xlsx",
        list=LIST_ID,
        description="Japan METI End User List (外国ユーザーリスト), Excel",
        sniff=sniff,
        parse=parse,
    )
)

"""UN Security Council Consolidated List (``<CONSOLIDATED_LIST dateGenerated=...>`` XML).

One ``<INDIVIDUAL>`` becomes a ``Person``, one ``<ENTITY>`` an ``Organization``. The source id is
the UN ``REFERENCE_NUMBER`` (``KPe.039``); ``DATAID`` is kept in ``properties``. The programme
label comes from the reference-number prefix through ``tradeguard/data/lists/un_regimes.yaml``.
Aliases of quality ``Good``/``a.k.a.`` are strong aliases, ``Low`` weak ones, ``f.k.a.`` former
names. Remarks (``COMMENTS1``) are kept whole; IMO numbers, "owned or controlled by ...",
"subsidiary of ..." and references to other UN entries ("(QDe.004)") are also extracted.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from lxml import etree

from tradeguard.errors import InputError
from tradeguard.lists.common import (
    clean,
    country_code,
    detect_script,
    iso_date,
    read_capped,
    sha256_of,
)
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import (
    Address,
    Entity,
    Identifier,
    NameKind,
    ParsedList,
)
from tradeguard.lists.name_notes import take_note
from tradeguard.lists.sources.un_remarks import extract_imo, extract_relations
from tradeguard.lists.xmlsafe import parse_xml

LIST_ID = "un_sc"
FORMAT = "un-xml"

_ALIAS_KINDS: dict[str, NameKind] = {
    "good": NameKind.ALIAS,
    "a.k.a.": NameKind.ALIAS,
    "aka": NameKind.ALIAS,
    "": NameKind.ALIAS,
    "low": NameKind.WEAK_ALIAS,
    "f.k.a.": NameKind.FORMER,
    "fka": NameKind.FORMER,
}


@lru_cache(maxsize=1)
def regimes() -> dict[str, dict[str, str]]:
    """The UN regimes table (``tradeguard/data/lists/un_regimes.yaml``) keyed by prefix."""
    text = (Path(__file__).resolve().parents[2] / "data" / "lists" / "un_regimes.yaml").read_text(
        encoding="utf-8"
    )
    data: dict[str, Any] = yaml.safe_load(text)
    return {str(r["prefix"]): {k: str(v) for k, v in r.items()} for r in data["regimes"]}


def programme_label(reference: str, list_type: str | None) -> str | None:
    """``KPe.053`` -> ``UN 1718 (DPRK)``; falls back to the UN_LIST_TYPE value."""
    regime = regimes().get(reference[:2].upper())
    if regime is not None:
        return regime["label"]
    if list_type:
        for regime in regimes().values():
            if regime["list_type"].lower() == list_type.lower():
                return regime["label"]
        return f"UN {list_type}"
    return None


def sniff(path: Path, head: bytes) -> bool:
    if path.is_dir():
        return False
    return b"<CONSOLIDATED_LIST" in head[:4096]


def _text(node: etree._Element | None) -> str | None:
    if node is None:
        return None
    return clean(node.text)


def _child(node: etree._Element, tag: str) -> str | None:
    return _text(node.find(tag))


def _values(node: etree._Element, tag: str) -> list[str]:
    """The ``<VALUE>`` texts under ``<tag>`` (NATIONALITY, TITLE, DESIGNATION ...)."""
    out: list[str] = []
    for holder in node.findall(tag):
        for value in holder.findall("VALUE"):
            text = _text(value)
            if text and text not in out:
                out.append(text)
    return out


# --- records -------------------------------------------------------------------------------


def _add_address(entity: Entity, node: etree._Element) -> None:
    street = _child(node, "STREET")
    city = _child(node, "CITY")
    region = _child(node, "STATE_PROVINCE")
    postal = _child(node, "ZIP_CODE")
    country_text = _child(node, "COUNTRY")
    note = _child(node, "NOTE")
    parts = [p for p in (street, city, region, postal, country_text) if p]
    if not parts and not note:
        return
    full = ", ".join(parts)
    if note:
        full = f"{full} ({note})" if full else note
    country = country_code(country_text)
    entity.addresses.append(Address(full, street, city, region, postal, country))
    if country and country not in entity.countries:
        entity.countries.append(country)


def _add_birth_date(entity: Entity, node: etree._Element) -> None:
    kind = (_child(node, "TYPE_OF_DATE") or "").upper()
    note = _child(node, "NOTE")
    dates: list[str] = []
    exact = iso_date(_child(node, "DATE"))
    if exact:
        dates.append(exact)
    year = iso_date(_child(node, "YEAR"))
    if year:
        dates.append(year)
    start, end = _child(node, "FROM_YEAR"), _child(node, "TO_YEAR")
    if start and end and start.isdigit() and end.isdigit():
        lo, hi = int(start), int(end)
        if 0 < hi - lo <= 20:
            dates.extend(str(y) for y in range(lo, hi + 1))
        else:
            dates.extend(dict.fromkeys((str(lo), str(hi))))
        entity.properties.setdefault("birth_date_range", []).append(f"{lo}..{hi}")
    for value in dates:
        if value not in entity.birth_dates:
            entity.birth_dates.append(value)
    if kind == "APPROXIMATELY" and dates:
        entity.properties.setdefault("birth_date_note", []).append(
            "approximately " + ", ".join(dates)
        )
    if note:
        entity.properties.setdefault("birth_date_note", []).append(note)


def _add_birth_place(entity: Entity, node: etree._Element) -> None:
    parts = [
        p
        for p in (
            _child(node, "CITY"),
            _child(node, "STATE_PROVINCE"),
            _child(node, "COUNTRY"),
            _child(node, "NOTE"),
        )
        if p
    ]
    if parts:
        place = ", ".join(parts)
        if place not in entity.birth_places:
            entity.birth_places.append(place)


def document_type(text: str | None) -> str:
    low = (text or "").lower()
    if "passport" in low or "passeport" in low or "pasaporte" in low:
        return "passport"
    if "identif" in low or "identity" in low or "id card" in low or "tazkira" in low:
        return "national_id"
    return "other"


def _add_document(entity: Entity, node: etree._Element) -> None:
    type1 = _child(node, "TYPE_OF_DOCUMENT")
    type2 = _child(node, "TYPE_OF_DOCUMENT2")
    number = _child(node, "NUMBER")
    country = country_code(_child(node, "ISSUING_COUNTRY") or _child(node, "COUNTRY_OF_ISSUE"))
    notes = [
        n
        for n in (
            type2,
            _child(node, "ISSUING_COUNTRY") if country is None else None,
            _child(node, "CITY_OF_ISSUE"),
            f"issued {_child(node, 'DATE_OF_ISSUE')}" if _child(node, "DATE_OF_ISSUE") else None,
            _child(node, "NOTE"),
        )
        if n
    ]
    if number is None:
        if type1 or notes:
            text = "; ".join(p for p in (type1, *notes) if p)
            entity.properties.setdefault("document_note", []).append(text)
        return
    kind = document_type(type1 or type2)
    split = re.fullmatch(r"(\S+)\s*\((.+)\)", number)
    if split:  # "381110042 (Expired 25 Jan. 2016)"
        number = split[1]
        notes.append(split[2])
    for ident in entity.identifiers:
        if ident.type == kind and ident.value == number:
            return  # the same document restated in another language
    entity.identifiers.append(Identifier(kind, number, country, "; ".join(notes) or None))


def _entity(node: etree._Element, schema: str, source: str) -> Entity:
    prefix = "INDIVIDUAL" if schema == "Person" else "ENTITY"
    ref = _child(node, "REFERENCE_NUMBER")
    if ref is None:
        raise InputError(
            f"<{prefix}> without REFERENCE_NUMBER",
            source=source,
            line=node.sourceline,
            field="REFERENCE_NUMBER",
        )
    entity = Entity(id=f"{LIST_ID}:{ref}", list=LIST_ID, source_id=ref, schema=schema)
    parts = [
        _child(node, tag) for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
    ]
    primary = " ".join(p for p in parts if p)
    if not primary:
        raise InputError(
            f"{ref}: entry without a name", source=source, line=node.sourceline, field="FIRST_NAME"
        )
    entity.add_name(primary, NameKind.PRIMARY, detect_script(primary))
    for original in node.findall("NAME_ORIGINAL_SCRIPT"):
        text = _text(original)
        if text:
            entity.add_name(text, NameKind.ORIGINAL_SCRIPT, detect_script(text))
    for alias in node.findall(f"{prefix}_ALIAS"):
        name = _child(alias, "ALIAS_NAME")
        name = take_note(entity, name) if name else None
        if not name:
            continue
        quality = (_child(alias, "QUALITY") or "").lower()
        kind = _ALIAS_KINDS.get(quality, NameKind.ALIAS)
        entity.add_name(name, kind, detect_script(name))
        dob = iso_date(_child(alias, "DATE_OF_BIRTH"))
        if dob and dob not in entity.birth_dates:
            entity.birth_dates.append(dob)
        for tag in ("CITY_OF_BIRTH", "COUNTRY_OF_BIRTH"):
            place = _child(alias, tag)
            if place and place not in entity.birth_places:
                entity.birth_places.append(place)
        alias_note = _child(alias, "NOTE")
        if alias_note:
            entity.properties.setdefault("alias_note", []).append(f"{name}: {alias_note}")

    list_type = _child(node, "UN_LIST_TYPE")
    label = programme_label(ref, list_type)
    if label:
        entity.programs.append(label)
    entity.properties["dataid"] = [v for v in [_child(node, "DATAID")] if v]
    if list_type:
        entity.properties["un_list_type"] = [list_type]
    entity.listed_on = iso_date(_child(node, "LISTED_ON"))
    updated = [d for d in (iso_date(v) for v in _values(node, "LAST_DAY_UPDATED")) if d]
    if updated:
        entity.properties["last_updated"] = updated
    gender = _child(node, "GENDER")
    if gender:
        entity.gender = gender.lower()
    titles = _values(node, "TITLE")
    if titles:
        entity.properties["title"] = titles
    entity.positions.extend(_values(node, "DESIGNATION"))
    for nationality in _values(node, "NATIONALITY"):
        code = country_code(nationality)
        if code:
            if code not in entity.nationalities:
                entity.nationalities.append(code)
        else:
            entity.properties.setdefault("nationality_text", []).append(nationality)
    for address in node.findall(f"{prefix}_ADDRESS"):
        _add_address(entity, address)
    for dob in node.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        _add_birth_date(entity, dob)
    for pob in node.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        _add_birth_place(entity, pob)
    for document in node.findall("INDIVIDUAL_DOCUMENT"):
        _add_document(entity, document)

    remarks = _child(node, "COMMENTS1")
    if remarks:
        entity.remarks = remarks
        for imo in extract_imo(remarks):
            entity.identifiers.append(Identifier("imo", imo, note="stated in remarks"))
        entity.relations.extend(extract_relations(remarks, ref))
        stated = re.search(r"\bGender:\s*(male|female)\b", remarks, re.IGNORECASE)
        if entity.gender is None and stated:
            entity.gender = stated[1].lower()
        if schema == "Organization" and re.match(
            r"\s*(?:the\s+)?(?:vessel|tanker|oil tanker|cargo ship)\b", remarks, re.I
        ):
            entity.schema = "Vessel"
    return entity


def parse(path: Path) -> ParsedList:
    source = str(path)
    raw = read_capped(path)
    root = parse_xml(raw, source)
    if root.tag != "CONSOLIDATED_LIST":
        raise InputError(
            f"expected a <CONSOLIDATED_LIST> root element, found <{root.tag}>", source=source
        )
    published = root.get("dateGenerated")
    entities: list[Entity] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for group, item, schema in (
        ("INDIVIDUALS", "INDIVIDUAL", "Person"),
        ("ENTITIES", "ENTITY", "Organization"),
    ):
        for holder in root.findall(group):
            for node in holder.findall(item):
                entity = _entity(node, schema, source)
                if entity.source_id in seen:
                    warnings.append(
                        f"line {node.sourceline}: duplicate REFERENCE_NUMBER "
                        f"{entity.source_id} skipped"
                    )
                    continue
                seen.add(entity.source_id)
                entities.append(entity)
    return ParsedList(
        list=LIST_ID,
        format=FORMAT,
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=published.strip() if published else None,
        warnings=warnings,
    )


register(
    ListFormat(
        name=FORMAT,
        list=LIST_ID,
        description="UN Security Council Consolidated List (XML)",
        sniff=sniff,
        parse=parse,
    )
)

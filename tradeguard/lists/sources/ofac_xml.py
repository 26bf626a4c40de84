"""OFAC ``sdnList`` XML: ``SDN.XML`` and the consolidated (non-SDN) ``CONSOLIDATED.XML``.

Both files share one schema (``sdnEntry`` with ``uid``, names, ``sdnType``, ``programList``,
``idList``, ``akaList``, ``addressList``, ``nationalityList``, ``citizenshipList``,
``dateOfBirthList``, ``placeOfBirthList``, ``vesselInfo``, ``remarks``) under one of two
namespaces: the historical ``http://tempuri.org/sdnList.xsd`` and the Sanctions List Service's
``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML``. Elements are
matched by local name, so either namespace (or none) is read.

Which list a file is: the file name says it (``sdn``/``cons``); otherwise the programmes do
(the non-SDN lists carry NS-PLC, FSE-*, 561-Related, NS-ISA, NS-MBS, CMIC programmes). A
``--list`` option overrides the choice (one format is registered per list).
"""

from __future__ import annotations

import re
from pathlib import Path

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
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, ParsedList, Relation
from tradeguard.lists.sources.ofac_remarks import apply_id, linked_to
from tradeguard.lists.xmlsafe import local, parse_xml

SDN, CONS = "us_ofac_sdn", "us_ofac_cons"
_FORMATS = {SDN: "ofac-xml", CONS: "ofac-cons-xml"}
_SCHEMAS = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
_NON_SDN_PROGRAMS = re.compile(
    rb"<program>(?:NS-PLC|FSE-[A-Z]+|561-Related|NS-ISA|NS-MBS|CMIC-EO13959)<"
)


def guess_list(path: Path, head: bytes) -> str:
    """``us_ofac_cons`` or ``us_ofac_sdn`` for an sdnList file, from its name, else content."""
    name = path.name.lower()
    if "cons" in name:
        return CONS
    if "sdn" in name:
        return SDN
    return CONS if _NON_SDN_PROGRAMS.search(head) else SDN


def _is_sdn_list(path: Path, head: bytes) -> bool:
    return not path.is_dir() and b"<sdnList" in head[:2048]


def _sniff_sdn(path: Path, head: bytes) -> bool:
    return _is_sdn_list(path, head) and guess_list(path, head) == SDN


def _sniff_cons(path: Path, head: bytes) -> bool:
    return _is_sdn_list(path, head) and guess_list(path, head) == CONS


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in node if local(child.tag) == name]


def _child(node: etree._Element, name: str) -> etree._Element | None:
    for child in node:
        if local(child.tag) == name:
            return child
    return None


def _text(node: etree._Element, name: str) -> str | None:
    child = _child(node, name)
    return clean(child.text) if child is not None else None


def _items(node: etree._Element, holder: str, item: str) -> list[etree._Element]:
    box = _child(node, holder)
    return _children(box, item) if box is not None else []


def person_name(node: etree._Element) -> str | None:
    """OFAC's own order, as in its CSV: ``LAST, First`` (or just the last name)."""
    last, first = _text(node, "lastName"), _text(node, "firstName")
    if last and first:
        return f"{last}, {first}"
    return last or first


def _entry(node: etree._Element, list_id: str, source: str) -> Entity:
    uid = _text(node, "uid")
    if uid is None:
        raise InputError("sdnEntry without uid", source=source, line=node.sourceline, field="uid")
    sdn_type = (_text(node, "sdnType") or "entity").lower()
    schema = _SCHEMAS.get(sdn_type)
    if schema is None:
        raise InputError(
            f"unknown sdnType {sdn_type!r}", source=source, line=node.sourceline, field="sdnType"
        )
    entity = Entity(id=f"{list_id}:{uid}", list=list_id, source_id=uid, schema=schema)
    primary = person_name(node)
    if primary is None:
        raise InputError(
            f"sdnEntry {uid} without a name", source=source, line=node.sourceline, field="lastName"
        )
    entity.add_name(primary, NameKind.PRIMARY, detect_script(primary))
    title = _text(node, "title")
    if title:
        entity.positions.append(title)
    for program in _items(node, "programList", "program"):
        value = clean(program.text)
        if value and value not in entity.programs:
            entity.programs.append(value)
    for aka in _items(node, "akaList", "aka"):
        name = person_name(aka)
        if name is None:
            continue
        category = (_text(aka, "category") or "strong").lower()
        kind_text = (_text(aka, "type") or "a.k.a.").lower()
        if category == "weak":
            kind = NameKind.WEAK_ALIAS
        elif kind_text.startswith("f.k.a"):
            kind = NameKind.FORMER
        else:
            kind = NameKind.ALIAS
        entity.add_name(name, kind, detect_script(name))
    for ident in _items(node, "idList", "id"):
        id_type, number = _text(ident, "idType"), _text(ident, "idNumber")
        if id_type and number:
            apply_id(
                entity,
                id_type,
                number,
                _text(ident, "idCountry"),
                _text(ident, "issueDate"),
                _text(ident, "expirationDate"),
            )
    for address in _items(node, "addressList", "address"):
        lines = [_text(address, f"address{i}") for i in (1, 2, 3)]
        street = ", ".join(p for p in lines if p) or None
        city, region = _text(address, "city"), _text(address, "stateOrProvince")
        postal, country_text = _text(address, "postalCode"), _text(address, "country")
        parts = [p for p in (street, city, region, postal, country_text) if p]
        if not parts:
            continue
        country = country_code(country_text)
        entity.addresses.append(Address(", ".join(parts), street, city, region, postal, country))
        if country and country not in entity.countries:
            entity.countries.append(country)
    for holder, item in (("nationalityList", "nationality"), ("citizenshipList", "citizenship")):
        for nat in _items(node, holder, item):
            text = _text(nat, "country")
            code = country_code(text)
            if code and code not in entity.nationalities:
                entity.nationalities.append(code)
            elif text and code is None:
                entity.properties.setdefault("nationality_text", []).append(text)
    for dob in _items(node, "dateOfBirthList", "dateOfBirthItem"):
        text = _text(dob, "dateOfBirth")
        if not text:
            continue
        value = iso_date(text.removeprefix("circa ").strip())
        if value and value not in entity.birth_dates:
            entity.birth_dates.append(value)
        if value is None or text.startswith("circa"):
            entity.properties.setdefault("birth_date_note", []).append(text)
    for pob in _items(node, "placeOfBirthList", "placeOfBirthItem"):
        text = _text(pob, "placeOfBirth")
        if text and text not in entity.birth_places:
            entity.birth_places.append(text)
    vessel = _child(node, "vesselInfo")
    if vessel is not None:
        _vessel(entity, vessel)
    remarks = _text(node, "remarks")
    if remarks:
        entity.remarks = remarks
        for target in linked_to(remarks):
            entity.relations.append(
                Relation("UnknownLink", "linked to", target_name=target, source="remarks")
            )
    return entity


def _vessel(entity: Entity, vessel: etree._Element) -> None:
    call_sign = _text(vessel, "callSign")
    if call_sign:
        entity.identifiers.append(Identifier("call_sign", call_sign))
    for tag, prop in (
        ("vesselType", "vessel_type"),
        ("tonnage", "tonnage"),
        ("grossRegisteredTonnage", "gross_registered_tonnage"),
    ):
        value = _text(vessel, tag)
        if value:
            entity.properties[prop] = [value]
    flag = _text(vessel, "vesselFlag")
    if flag:
        code = country_code(flag)
        entity.properties["flag"] = [code or flag]
        if code and code not in entity.countries:
            entity.countries.append(code)
    owner = _text(vessel, "vesselOwner")
    if owner:
        entity.relations.append(
            Relation("Ownership", "vessel owner", target_name=owner, source="vesselOwner")
        )


def parse_as(list_id: str, path: Path) -> ParsedList:
    source = str(path)
    raw = read_capped(path)
    root = parse_xml(raw, source)
    if local(root.tag) != "sdnList":
        raise InputError(
            f"expected an <sdnList> root element, found <{local(root.tag)}>", source=source
        )
    info = _child(root, "publshInformation")
    published = iso_date(_text(info, "Publish_Date")) if info is not None else None
    stated = _text(info, "Record_Count") if info is not None else None
    entities: list[Entity] = []
    warnings: list[str] = []
    seen: set[str] = set()
    for node in _children(root, "sdnEntry"):
        entity = _entry(node, list_id, source)
        if entity.source_id in seen:
            warnings.append(f"line {node.sourceline}: duplicate uid {entity.source_id} skipped")
            continue
        seen.add(entity.source_id)
        entities.append(entity)
    if stated and stated.isdigit() and int(stated) != len(entities):
        warnings.append(f"Record_Count states {stated} entries, the file holds {len(entities)}")
    return ParsedList(
        list=list_id,
        format=_FORMATS[list_id],
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=published,
        warnings=warnings,
    )


def parse_sdn(path: Path) -> ParsedList:
    return parse_as(SDN, path)


def parse_cons(path: Path) -> ParsedList:
    return parse_as(CONS, path)


# Order matters: the two content-guessing formats first; then, for an explicit --list, a
# format of each list that accepts any sdnList file (detect() only offers it when filtered).
register(ListFormat("ofac-xml", SDN, "OFAC SDN list, sdnList XML (SDN.XML)", _sniff_sdn, parse_sdn))
register(
    ListFormat(
        "ofac-cons-xml",
        CONS,
        "OFAC consolidated (non-SDN) list, sdnList XML (CONSOLIDATED.XML)",
        _sniff_cons,
        parse_cons,
    )
)
register(
    ListFormat("ofac-xml", SDN, "OFAC sdnList XML read as the SDN list", _is_sdn_list, parse_sdn)
)
register(
    ListFormat(
        "ofac-cons-xml",
        CONS,
        "OFAC sdnList XML read as the consolidated list",
        _is_sdn_list,
        parse_cons,
    )
)

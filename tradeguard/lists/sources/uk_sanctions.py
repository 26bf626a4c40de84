"""UK Sanctions List (FCDO), XML.

Built to the FCDO's published XML layout: ``<Designations>`` holding ``<Designation>`` with
``LastUpdated``, ``DateDesignated`` (``dd/mm/yyyy``), ``UniqueID`` (e.g. ``AFG0055``,
``RUS1000``; our ``source_id``), ``OFSIGroupID``, ``UNReferenceNumber``, ``Names/Name``
(``Name1``..``Name6``, Name6 being the family name or the whole entity name; ``NameType``
"Primary Name", "Primary Name Variation" or "Alias"; ``AliasStrength`` "Good quality a.k.a" /
"Low quality a.k.a"), ``NonLatinNames/NonLatinName`` (``NameNonLatinScript``,
``NonLatinScriptType``, ``NonLatinScriptLanguage``), ``Titles``, ``RegimeName``,
``IndividualEntityShip`` (Individual, Entity, Ship), ``DesignationSource``,
``SanctionsImposed``, ``OtherInformation``, ``UKStatementofReasons``, ``Addresses/Address``
(``AddressLine1``..``AddressLine6``, ``AddressPostalCode``, ``AddressCountry``),
``IndividualDetails/Individual`` (``DOBs/DOB`` with ``dd``/``mm`` placeholders for unknown
parts, ``Nationalities``, ``PassportDetails``, ``NationalIdentifierDetails``, ``Positions``,
``Genders``, ``BirthDetails/Location``), ``EntityDetails/Entity``
(``BusinessRegistrationNumbers``, ``ParentCompanies``, ``Subsidiaries``, ``TypeOfEntities``)
and ``ShipDetails/Ship`` (``IMONumbers``, ``CurrentOwnerOperators``,
``CurrentBelievedFlagOfShips`` ...). Not yet verified on a full published file: no copy was
available while it was written; the tests use a fixture that follows the layout.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from lxml import etree

from tradeguard.errors import InputError
from tradeguard.lists.common import clean, country_code, read_capped, sha256_of
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, ParsedList, Relation
from tradeguard.lists.sources._japan import japanese_script
from tradeguard.lists.xmlsafe import local, parse_xml

LIST_ID = "uk_sanctions"
SCHEMA_BY_TYPE = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}


def sniff(path: Path, head: bytes) -> bool:
    return b"<Designations" in head and b"<Designation" in head.split(b"<Designations", 1)[1]


def _child(node: etree._Element, name: str) -> etree._Element | None:
    for c in node:
        if isinstance(c.tag, str) and local(c.tag) == name:
            return c
    return None


def _children(node: etree._Element | None, *path: str) -> list[etree._Element]:
    nodes = [node] if node is not None else []
    for name in path:
        nodes = [c for n in nodes for c in n if isinstance(c.tag, str) and local(c.tag) == name]
    return nodes


def _text(node: etree._Element | None, *path: str) -> str | None:
    found = _children(node, *path)
    return clean(found[0].text) if found else None


def _texts(node: etree._Element | None, *path: str) -> list[str]:
    return [t for t in (clean(n.text) for n in _children(node, *path)) if t]


def uk_date(value: str | None) -> str | None:
    """``23/02/2001`` -> ``2001-02-23``; ``dd/mm/1971`` -> ``1971``; ``dd/10/1972`` ->
    ``1972-10``; None when there is no year."""
    if not value:
        return None
    m = re.fullmatch(r"\s*(\d{1,2}|dd)/(\d{1,2}|mm)/(\d{4})\s*", value, re.IGNORECASE)
    if not m:
        m2 = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})(?:T.*)?\s*", value)
        return f"{m2[1]}-{m2[2]}-{m2[3]}" if m2 else None
    day, month, year = m[1], m[2], m[3]
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return year
    if not day.isdigit():
        return f"{year}-{int(month):02d}"
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return f"{year}-{int(month):02d}"


def _entity(node: etree._Element, source: str, warnings: list[str]) -> Entity | None:
    line = node.sourceline
    uid = _text(node, "UniqueID")
    if not uid:
        warnings.append(f"{source}: line {line}: Designation without UniqueID skipped")
        return None
    kind = (_text(node, "IndividualEntityShip") or "").lower()
    entity = Entity(
        id=f"{LIST_ID}:{uid}",
        list=LIST_ID,
        source_id=uid,
        schema=SCHEMA_BY_TYPE.get(kind, "LegalEntity"),
    )
    regime = _text(node, "RegimeName")
    if regime:
        entity.programs.append(regime)
    entity.listed_on = uk_date(_text(node, "DateDesignated"))
    for tag, prop in (
        ("OFSIGroupID", "ofsi_group_id"),
        ("UNReferenceNumber", "un_reference"),
        ("DesignationSource", "designation_source"),
        ("LastUpdated", "last_updated"),
    ):
        value = _text(node, tag)
        if value:
            entity.properties[prop] = [uk_date(value) or value if tag == "LastUpdated" else value]
    imposed = _text(node, "SanctionsImposed")
    if imposed:
        entity.properties["sanctions_imposed"] = [
            p.strip() for p in imposed.split("|") if p.strip()
        ]
    _names(node, entity)
    titles = _texts(node, "Titles", "Title")
    if titles:
        entity.properties["title"] = titles
    _addresses(node, entity)
    individual = next(iter(_children(node, "IndividualDetails", "Individual")), None)
    if individual is not None:
        _individual(individual, entity, f"{source}: {uid}", warnings)
    org = next(iter(_children(node, "EntityDetails", "Entity")), None)
    if org is not None:
        _organisation(org, entity, uid)
    ship = next(iter(_children(node, "ShipDetails", "Ship")), None)
    if ship is not None:
        _ship(ship, entity, uid)
    remarks = [
        t for t in (_text(node, "OtherInformation"), _text(node, "UKStatementofReasons")) if t
    ]
    if remarks:
        entity.remarks = "\n".join(remarks)
    for tag, sub, prop in (
        ("PhoneNumbers", "PhoneNumber", "phone"),
        ("EmailAddresses", "EmailAddress", "email"),
        ("Websites", "Website", "website"),
    ):
        values = _texts(node, tag, sub)
        if values:
            entity.properties[prop] = values
    if not entity.names:
        warnings.append(f"{source}: line {line}: Designation {uid} without a name skipped")
        return None
    return entity


def _ship(ship: etree._Element, entity: Entity, uid: str) -> None:
    """A ship's IMO numbers, owners and operators, flags and particulars."""
    for imo in _texts(ship, "IMONumbers", "IMONumber"):
        digits = re.sub(r"\D", "", imo)
        entity.identifiers.append(Identifier("imo", digits or imo))
    for owner in _texts(ship, "CurrentOwnerOperators", "CurrentOwnerOperator"):
        entity.relations.append(
            Relation("Ownership", "current owner/operator", target_name=owner, source=uid)
        )
    for flag in _texts(ship, "CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip"):
        code = country_code(flag)
        if code and code not in entity.countries:
            entity.countries.append(code)
        entity.properties.setdefault("flag", []).append(flag)
    for tag, sub, prop in (
        ("PreviousFlags", "PreviousFlag", "previous_flag"),
        ("TypeOfShipDetails", "TypeOfShip", "ship_type"),
        ("TonnageOfShipDetails", "TonnageOfShip", "tonnage"),
        ("YearsBuilt", "YearBuilt", "year_built"),
        ("PreviousOwnerOperators", "PreviousOwnerOperator", "previous_owner_operator"),
    ):
        values = _texts(ship, tag, sub)
        if values:
            entity.properties[prop] = values


def _organisation(org: etree._Element, entity: Entity, uid: str) -> None:
    """An organisation's registration numbers, type, parent companies and subsidiaries."""
    for number in _texts(org, "BusinessRegistrationNumbers", "BusinessRegistrationNumber"):
        entity.identifiers.append(Identifier("registration", number))
    types = _texts(org, "TypeOfEntities", "TypeOfEntity")
    if types:
        entity.properties["type_of_entity"] = types
    for parent in _texts(org, "ParentCompanies", "ParentCompany"):
        entity.relations.append(
            Relation("Ownership", "parent company", target_name=parent, source=uid)
        )
    subsidiaries = _texts(org, "Subsidiaries", "Subsidiary")
    if subsidiaries:
        entity.properties["subsidiaries"] = subsidiaries


def _individual(
    individual: etree._Element, entity: Entity, where: str, warnings: list[str]
) -> None:
    """A person's birth dates and places, nationalities, passports and national ids, positions
    and gender."""
    for dob in _texts(individual, "DOBs", "DOB"):
        iso = uk_date(dob)
        if iso and iso not in entity.birth_dates:
            entity.birth_dates.append(iso)
    for nationality in _texts(individual, "Nationalities", "Nationality"):
        code = country_code(nationality)
        if code and code not in entity.nationalities:
            entity.nationalities.append(code)
        elif code is None:
            warnings.append(f"{where}: nationality {nationality!r} not recognised")
    for passport in _children(individual, "PassportDetails", "Passport"):
        number = _text(passport, "PassportNumber")
        if number:
            info = _text(passport, "PassportAdditionalInformation")
            identifier = Identifier("passport", number, _country_in(info), info)
            if identifier not in entity.identifiers:
                entity.identifiers.append(identifier)
    for nid in _children(individual, "NationalIdentifierDetails", "NationalIdentifier"):
        number = _text(nid, "NationalIdentifierNumber")
        if number:
            info = _text(nid, "NationalIdentifierAdditionalInformation")
            identifier = Identifier("national_id", number, _country_in(info), info)
            if identifier not in entity.identifiers:
                entity.identifiers.append(identifier)
    entity.positions.extend(_texts(individual, "Positions", "Position"))
    genders = _texts(individual, "Genders", "Gender")
    if genders:
        entity.gender = genders[0].lower()
    for location in _children(individual, "BirthDetails", "Location"):
        place = ", ".join(
            p for p in (_text(location, "TownOfBirth"), _text(location, "CountryOfBirth")) if p
        )
        if place and place not in entity.birth_places:
            entity.birth_places.append(place)


def _addresses(node: etree._Element, entity: Entity) -> None:
    """Addresses, their countries added to the entity's."""
    for addr in _children(node, "Addresses", "Address"):
        lines = [_text(addr, f"AddressLine{i}") for i in range(1, 7)]
        postal = _text(addr, "AddressPostalCode")
        country_name = _text(addr, "AddressCountry")
        full = ", ".join(p for p in [*lines, postal, country_name] if p)
        if not full:
            continue
        code = country_code(country_name)
        city = (
            next((p for p in reversed(lines) if p), None)
            if len([p for p in lines if p]) > 1
            else None
        )
        entity.addresses.append(Address(full, lines[0], city, None, postal, code))
        if code and code not in entity.countries:
            entity.countries.append(code)


def _names(node: etree._Element, entity: Entity) -> None:
    """The names (Latin and non-Latin script), the first alias made primary when no name is."""
    for name in _children(node, "Names", "Name"):
        parts = [_text(name, f"Name{i}") for i in range(1, 7)]
        whole = " ".join(p for p in parts if p)
        if not whole:
            continue
        name_type = (_text(name, "NameType") or "alias").lower()
        strength = (_text(name, "AliasStrength") or "").lower()
        script = japanese_script(whole)
        if script is not None:
            entity.add_name(whole, NameKind.ORIGINAL_SCRIPT, script)
        elif name_type == "primary name":
            entity.add_name(whole, NameKind.PRIMARY)
        elif "low" in strength:
            entity.add_name(whole, NameKind.WEAK_ALIAS)
        else:  # "Primary Name Variation", good-quality and unqualified aliases
            entity.add_name(whole, NameKind.ALIAS)
    for non_latin in _children(node, "NonLatinNames", "NonLatinName"):
        value = _text(non_latin, "NameNonLatinScript")
        if not value:
            continue
        language = _text(non_latin, "NonLatinScriptLanguage")
        entity.add_name(value, NameKind.ORIGINAL_SCRIPT, japanese_script(value))
        if language:
            languages = entity.properties.setdefault("name_language", [])
            if language not in languages:
                languages.append(language)
    if entity.names and not any(n.kind == NameKind.PRIMARY for n in entity.names):
        first = next((n for n in entity.names if n.kind == NameKind.ALIAS), None)
        if first is not None:
            first.kind = NameKind.PRIMARY


def _country_in(text: str | None) -> str | None:
    if not text:
        return None
    code = country_code(text)
    if code:
        return code
    m = re.match(r"([A-Z][a-zA-Z ]+?)\s+(?:diplomatic\s+)?(?:passport|national|id\b)", text, re.I)
    return country_code(m[1]) if m else None


def parse(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    root = parse_xml(raw, source)
    if local(root.tag) != "Designations":
        raise InputError(
            f"root element is <{local(root.tag)}>, expected <Designations>",
            source=source,
            field="Designations",
        )
    warnings: list[str] = []
    entities: list[Entity] = []
    seen: set[str] = set()
    for node in _children(root, "Designation"):
        entity = _entity(node, source, warnings)
        if entity is None:
            continue
        if entity.source_id in seen:
            warnings.append(f"{source}: line {node.sourceline}: duplicate UniqueID skipped")
            continue
        seen.add(entity.source_id)
        entities.append(entity)
    updates = [u for e in entities for u in e.properties.get("last_updated", []) if len(u) == 10]
    published = clean(root.get("dateGenerated")) or clean(root.get("DateGenerated"))
    return ParsedList(
        list=LIST_ID,
        format="uk-sanctions-xml",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        # The file's own generation stamp when present, else its latest LastUpdated date.
        published_at=published or (max(updates) if updates else None),
        warnings=warnings,
    )


FORMAT = register(
    ListFormat(
        name="uk-sanctions-xml",
        list=LIST_ID,
        description="UK Sanctions List (FCDO), XML",
        sniff=sniff,
        parse=parse,
    )
)

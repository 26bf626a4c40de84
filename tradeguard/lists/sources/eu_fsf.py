"""EU consolidated financial sanctions list, XML 1.1 (the Financial Sanctions Files "FSF").

Built to the published XML 1.1 layout (namespace ``http://eu.europa.ec/fpi/fsd/export``):
``<export generationDate=...>`` holding ``<sanctionEntity logicalId euReferenceNumber
unitedNationId designationDate designationDetails>`` with ``regulation`` (programme,
publicationDate, numberTitle, publicationUrl), ``subjectType code="person|enterprise"``,
``nameAlias`` (wholeName, firstName, middleName, lastName, function, gender, title,
nameLanguage, strong), ``citizenship``, ``birthdate`` (birthdate or year/monthOfYear/dayOfMonth,
city, place, countryIso2Code), ``identification`` (identificationTypeCode, number,
countryIso2Code, remark), ``address`` and ``remark``. Not yet verified on a full published
file: no copy was available while it was written; the tests use a fixture that follows the
layout.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from tradeguard.errors import InputError
from tradeguard.lists.common import clean, read_capped, sha256_of
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, ParsedList
from tradeguard.lists.registry import ListFormat, register
from tradeguard.lists.sources._japan import japanese_script
from tradeguard.lists.xmlsafe import local, parse_xml

LIST_ID = "eu_fsf"
SCHEMA_BY_CODE = {"person": "Person", "enterprise": "Organization", "vessel": "Vessel"}
ID_TYPES = {
    "passport": "passport",
    "id": "national_id",
    "regnumber": "registration",
    "fiscalcode": "tax",
    "swiftbic": "swift",
    "imo": "imo",
    "ssn": "national_id",
    "other": "other",
}


def sniff(path: Path, head: bytes) -> bool:
    return b"<export" in head and (b"sanctionEntity" in head or b"fpi/fsd/export" in head)


def _children(node: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in node if isinstance(c.tag, str) and local(c.tag) == name]


def _country(node: etree._Element) -> str | None:
    code = clean(node.get("countryIso2Code"))
    if not code or code == "00" or len(code) != 2:
        return None
    return code.upper()


def _remarks(node: etree._Element) -> list[str]:
    return [t for t in (clean(r.text) for r in _children(node, "remark")) if t]


def _entity(node: etree._Element, source: str, warnings: list[str]) -> Entity | None:
    logical_id = clean(node.get("logicalId"))
    line = node.sourceline
    if not logical_id:
        warnings.append(f"{source}: line {line}: sanctionEntity without logicalId skipped")
        return None
    subject = next(iter(_children(node, "subjectType")), None)
    code = (subject.get("code") or "").lower() if subject is not None else ""
    entity = Entity(
        id=f"{LIST_ID}:{logical_id}",
        list=LIST_ID,
        source_id=logical_id,
        schema=SCHEMA_BY_CODE.get(code, "LegalEntity"),
    )
    for key, prop in (
        ("euReferenceNumber", "eu_reference_number"),
        ("unitedNationId", "un_reference"),
        ("designationDetails", "designation_details"),
    ):
        value = clean(node.get(key))
        if value:
            entity.properties[prop] = [value]
    designated = clean(node.get("designationDate"))
    publication_dates: list[str] = []
    for reg in _children(node, "regulation"):
        programme = clean(reg.get("programme"))
        if programme and programme not in entity.programs:
            entity.programs.append(programme)
        published = clean(reg.get("publicationDate"))
        if published:
            publication_dates.append(published[:10])
        title = clean(reg.get("numberTitle"))
        if title:
            entity.properties.setdefault("regulation", []).append(title)
        url = next((clean(u.text) for u in _children(reg, "publicationUrl")), None)
        if url and entity.source_url is None:
            entity.source_url = url
    if designated:
        entity.listed_on = designated[:10]
    elif publication_dates:
        entity.listed_on = min(publication_dates)
    for alias in _children(node, "nameAlias"):
        whole = clean(alias.get("wholeName")) or " ".join(
            p
            for p in (
                clean(alias.get("firstName")),
                clean(alias.get("middleName")),
                clean(alias.get("lastName")),
            )
            if p
        )
        if not whole:
            continue
        lang = clean(alias.get("nameLanguage"))
        lang = lang.lower() if lang else None
        script = japanese_script(whole)
        strong = (alias.get("strong") or "true").lower() != "false"
        if script is not None:
            entity.add_name(whole, NameKind.ORIGINAL_SCRIPT, script, lang)
        elif not any(n.kind == NameKind.PRIMARY for n in entity.names):
            entity.add_name(whole, NameKind.PRIMARY, None, lang)
        else:
            entity.add_name(whole, NameKind.ALIAS if strong else NameKind.WEAK_ALIAS, None, lang)
        function = clean(alias.get("function"))
        if function and function not in entity.positions:
            entity.positions.append(function)
        gender = clean(alias.get("gender"))
        if gender and entity.gender is None:
            entity.gender = {"M": "male", "F": "female"}.get(gender.upper(), gender.lower())
        title = clean(alias.get("title"))
        if title:
            entity.properties.setdefault("title", []).append(title)
    for citizen in _children(node, "citizenship"):
        code = _country(citizen)
        if code and code not in entity.nationalities:
            entity.nationalities.append(code)
    for birth in _children(node, "birthdate"):
        full = clean(birth.get("birthdate"))
        year = clean(birth.get("year"))
        month = clean(birth.get("monthOfYear"))
        day = clean(birth.get("dayOfMonth"))
        iso: str | None = None
        if full:
            iso = full[:10]
        elif year and month and day:
            iso = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        elif year and month:
            iso = f"{int(year):04d}-{int(month):02d}"
        elif year:
            iso = f"{int(year):04d}"
        if iso and iso not in entity.birth_dates:
            entity.birth_dates.append(iso)
        place = ", ".join(
            p
            for p in (
                clean(birth.get("city")),
                clean(birth.get("place")),
                clean(birth.get("region")),
                clean(birth.get("countryDescription")) if _country(birth) else None,
            )
            if p
        )
        if place and place not in entity.birth_places:
            entity.birth_places.append(place)
    for ident in _children(node, "identification"):
        number = clean(ident.get("number")) or clean(ident.get("latinNumber"))
        if not number:
            continue
        kind = (ident.get("identificationTypeCode") or "other").lower()
        note = clean(ident.get("identificationTypeDescription"))
        remarks = _remarks(ident)
        if remarks:
            note = f"{note}; {'; '.join(remarks)}" if note else "; ".join(remarks)
        identifier = Identifier(ID_TYPES.get(kind, "other"), number, _country(ident), note)
        if identifier not in entity.identifiers:
            entity.identifiers.append(identifier)
    for addr in _children(node, "address"):
        parts = {
            k: clean(addr.get(k)) for k in ("street", "poBox", "city", "zipCode", "region", "place")
        }
        country = _country(addr)
        described = clean(addr.get("countryDescription")) if country else None
        full = ", ".join(
            v
            for v in (
                parts["street"],
                parts["poBox"],
                parts["city"],
                parts["zipCode"],
                parts["region"],
                parts["place"],
                described,
            )
            if v
        )
        if not full:
            continue
        entity.addresses.append(
            Address(
                full, parts["street"], parts["city"], parts["region"], parts["zipCode"], country
            )
        )
        if country and country not in entity.countries:
            entity.countries.append(country)
    remarks = _remarks(node)
    if remarks:
        entity.remarks = "\n".join(remarks)
    if not entity.names:
        warnings.append(
            f"{source}: line {line}: sanctionEntity {logical_id} without a name skipped"
        )
        return None
    return entity


def parse(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    root = parse_xml(raw, source)
    if local(root.tag) != "export":
        raise InputError(
            f"root element is <{local(root.tag)}>, expected <export>", source=source, field="export"
        )
    warnings: list[str] = []
    entities: list[Entity] = []
    seen: set[str] = set()
    for node in root:
        if not isinstance(node.tag, str) or local(node.tag) != "sanctionEntity":
            continue
        entity = _entity(node, source, warnings)
        if entity is None:
            continue
        if entity.source_id in seen:
            warnings.append(f"{source}: line {node.sourceline}: duplicate logicalId skipped")
            continue
        seen.add(entity.source_id)
        entities.append(entity)
    return ParsedList(
        list=LIST_ID,
        format="eu-fsf-xml",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=clean(root.get("generationDate")),
        warnings=warnings,
    )


FORMAT = register(
    ListFormat(
        name="eu-fsf-xml",
        list=LIST_ID,
        description="EU consolidated financial sanctions list, XML 1.1 (FSF)",
        sniff=sniff,
        parse=parse,
    )
)

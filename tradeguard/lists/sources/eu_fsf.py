"""EU consolidated financial sanctions list, XML 1.1 (the Financial Sanctions Files "FSF").

Built to the published XML 1.1 layout (namespace ``http://eu.europa.ec/fpi/fsd/export``):
``<export generationDate=...>`` holding ``<sanctionEntity logicalId euReferenceNumber
unitedNationId designationDate designationDetails>`` with ``regulation`` (programme,
publicationDate, numberTitle, publicationUrl), ``subjectType code="person|enterprise"``,
``nameAlias`` (wholeName, firstName, middleName, lastName, function, gender, title,
nameLanguage, strong), ``citizenship``, ``birthdate`` (birthdate, year/monthOfYear/dayOfMonth or yearRangeFrom/To,
city, place, countryIso2Code), ``identification`` (identificationTypeCode, number,
countryIso2Code, remark), ``address`` and ``remark``. Verified on the full published file of
2024-05-13 (4,811 ``sanctionEntity`` elements, 4,808 entries).

A ``logicalId`` may occur twice in one file: the file of 2024-05-13 repeats 547, 593 and
120128, each once under the ISIL/Al-Qaida programme TAQA and once under another programme
(AFG for the two Taliban-era persons, the UN listing UNLI for ISIL-K), with the same
``euReferenceNumber`` and different names, birth places, remarks and regulations. The records
describe one designation, so they are merged into one entry (:func:`merge`), never dropped.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from lxml import etree

from tradeguard.errors import InputError
from tradeguard.lists.common import clean, read_capped, sha256_of
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Address, Entity, Identifier, Name, NameKind, ParsedList
from tradeguard.lists.sources._japan import japanese_script
from tradeguard.lists.xmlsafe import local, parse_xml

_T = TypeVar("_T")
_LAST = 1 << 62

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


def _year_range(birth: etree._Element, entity: Entity) -> list[str]:
    """The years of a ``yearRangeFrom``..``yearRangeTo`` birth date (every year of a range of up
    to 20 years, else its two ends), as the UN reader does; the range is kept as stated."""
    start, end = clean(birth.get("yearRangeFrom")), clean(birth.get("yearRangeTo"))
    if not (start and end and start.isdigit() and end.isdigit()):
        return [start] if start and start.isdigit() and len(start) == 4 else []
    low, high = int(start), int(end)
    stated = f"{low}..{high}"
    ranges = entity.properties.setdefault("birth_date_range", [])
    if stated not in ranges:
        ranges.append(stated)
    if 0 < high - low <= 20:
        return [str(y) for y in range(low, high + 1)]
    return list(dict.fromkeys((str(low), str(high))))


def _choose_primary(entity: Entity, order: dict[str, int]) -> None:
    """Make one Latin-script name the primary name.

    The file marks no name as the main one and lists them in no set order, often opening with
    a translation or an alias (1,211 of the 4,808 entries of 2024-05-13 start with a Swedish,
    Slovak, Czech, French ... spelling, e.g. "Qoussaï Saddam Hussein Al-Tikriti" before
    "Qusay Saddam Hussein Al-Tikriti"; entry 29 opens with "Al-Kimawi" before "Ali Hassan
    Al-Majid Al-Tikriti"). The primary name is the strong name in English or without a stated
    language that was entered first (lowest ``nameAlias`` logicalId, ``order``), else the
    first strong name, else the first weak one.
    """
    strong = [n for n in entity.names if n.kind == NameKind.ALIAS]
    english = [n for n in strong if n.lang in (None, "en")]
    chosen = min(english, key=lambda n: order.get(n.value, _LAST), default=None)
    if chosen is None:
        weak = [n for n in entity.names if n.kind == NameKind.WEAK_ALIAS]
        chosen = next(iter(strong or weak), None)
    if chosen is not None:
        chosen.kind = NameKind.PRIMARY


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
    _regulations(node, entity)
    _names(node, entity)
    for citizen in _children(node, "citizenship"):
        code = _country(citizen)
        if code and code not in entity.nationalities:
            entity.nationalities.append(code)
    _births(node, entity)
    _identifiers(node, entity)
    _addresses(node, entity)
    remarks = _remarks(node)
    if remarks:
        entity.remarks = "\n".join(remarks)
    if not entity.names:
        warnings.append(
            f"{source}: line {line}: sanctionEntity {logical_id} without a name skipped"
        )
        return None
    return entity


def _addresses(node: etree._Element, entity: Entity) -> None:
    """Addresses, their countries added to the entity's."""
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


def _identifiers(node: etree._Element, entity: Entity) -> None:
    """Identification documents with their type, country and remarks."""
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


def _births(node: etree._Element, entity: Entity) -> None:
    """Birth dates (full, year-month, year or a year range) and places."""
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
        dates = [iso] if iso else _year_range(birth, entity)
        for value in dates:
            if value not in entity.birth_dates:
                entity.birth_dates.append(value)
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


def _names(node: etree._Element, entity: Entity) -> None:
    """The name aliases (original-script names apart) and what they carry: function, gender,
    title; the primary name chosen among them."""
    order: dict[str, int] = {}
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
        else:
            entity.add_name(whole, NameKind.ALIAS if strong else NameKind.WEAK_ALIAS, None, lang)
            alias_id = clean(alias.get("logicalId"))
            if alias_id and alias_id.isdigit():
                value = " ".join(whole.split())
                order[value] = min(order.get(value, _LAST), int(alias_id))
        function = clean(alias.get("function"))
        if function and function not in entity.positions:
            entity.positions.append(function)
        gender = clean(alias.get("gender"))
        if gender and entity.gender is None:
            entity.gender = {"M": "male", "F": "female"}.get(gender.upper(), gender.lower())
        title = clean(alias.get("title"))
        titles = entity.properties.setdefault("title", []) if title else []
        if title and title not in titles:
            titles.append(title)
    _choose_primary(entity, order)


def _regulations(node: etree._Element, entity: Entity) -> None:
    """Programmes, regulations, the source URL and the listing date (designation, else the
    earliest publication)."""
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


def _union(into: list[_T], more: list[_T]) -> None:
    for value in more:
        if value not in into:
            into.append(value)


def merge(into: Entity, other: Entity) -> None:
    """Fold a second ``sanctionEntity`` with the same ``logicalId`` into the first one.

    Names: every name of ``other`` is added unless ``into`` already has it (compared without
    case: the UN record of 120128 repeats the names in capitals); ``other``'s primary name becomes
    an alias, since an entry has one primary name. Programmes, nationalities, countries, birth
    dates and places, positions, identifiers, addresses, relations and every property (the
    regulations of both records, the UN reference ...) are united, first record first.
    ``listed_on`` is the earlier of the two dates (the date of first listing); remarks are
    joined; gender, source URL and schema are the first record's unless it has none.
    """
    known = {n.value.casefold() for n in into.names}
    has_primary = any(n.kind == NameKind.PRIMARY for n in into.names)
    for name in other.names:
        if name.value.casefold() in known:
            continue
        kind = NameKind.ALIAS if name.kind == NameKind.PRIMARY and has_primary else name.kind
        into.names.append(Name(name.value, kind, name.script, name.lang))
        known.add(name.value.casefold())
        has_primary = has_primary or kind == NameKind.PRIMARY
    for mine, theirs in (
        (into.programs, other.programs),
        (into.nationalities, other.nationalities),
        (into.countries, other.countries),
        (into.birth_dates, other.birth_dates),
        (into.birth_places, other.birth_places),
        (into.positions, other.positions),
    ):
        _union(mine, theirs)
    _union(into.identifiers, other.identifiers)
    _union(into.addresses, other.addresses)
    _union(into.relations, other.relations)
    for key, values in other.properties.items():
        _union(into.properties.setdefault(key, []), values)
    dates = [d for d in (into.listed_on, other.listed_on) if d]
    into.listed_on = min(dates) if dates else None
    remarks = [r for r in (into.remarks, other.remarks) if r]
    into.remarks = "\n".join(dict.fromkeys(remarks)) if remarks else None
    into.gender = into.gender or other.gender
    into.source_url = into.source_url or other.source_url
    if into.schema == "LegalEntity":
        into.schema = other.schema


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
    seen: dict[str, tuple[Entity, int | None]] = {}
    for node in root:
        if not isinstance(node.tag, str) or local(node.tag) != "sanctionEntity":
            continue
        entity = _entity(node, source, warnings)
        if entity is None:
            continue
        if entity.source_id in seen:
            first, first_line = seen[entity.source_id]
            merge(first, entity)
            warnings.append(
                f"{source}: line {node.sourceline}: logicalId {entity.source_id} repeats the "
                f"entry of line {first_line}: merged into it"
            )
            continue
        seen[entity.source_id] = (entity, node.sourceline)
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

"""How one row of the US Consolidated Screening List (a CSV dict or a JSON object) is read
into an entity: its sub-list and programmes, names by script, addresses, identifiers (typed from
the CSL's wording; informational lines become notes), birth data, remarks with their "Linked
To" parties, and the vessel's flag and owner."""

from __future__ import annotations

import re
from typing import Any

from tradeguard.lists.common import clean, country_code, detect_script, iso_date
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, Relation

# CSL ``ids`` types -> our identifier types. Anything else with a number-like value is kept as
# ``other`` with the source's wording in ``note``; dates and informational lines go to properties.
ID_TYPES = {
    "passport": "passport",
    "diplomatic passport": "passport",
    "national id no.": "national_id",
    "identification number": "national_id",
    "cedula no.": "national_id",
    "d.n.i.": "national_id",
    "c.u.r.p.": "national_id",
    "registration number": "registration",
    "registration id": "registration",
    "company number": "registration",
    "commercial registry number": "registration",
    "business registration number": "registration",
    "business registration document #": "registration",
    "unified social credit code (uscc)": "registration",
    "government gazette number": "registration",
    "trade license no.": "registration",
    "c.r. no.": "registration",
    "folio mercantil no.": "registration",
    "matricula mercantil no": "registration",
    "tax id no.": "tax",
    "nit #": "tax",
    "r.f.c.": "tax",
    "ruc #": "tax",
    "v.a.t. number": "tax",
    "swift/bic": "swift",
    "mmsi": "mmsi",
    "isin": "isin",
    "d-u-n-s number": "duns",
    "bik (ru)": "bik",
    "aircraft manufacturer's serial number (msn)": "aircraft_msn",
    "aircraft tail number": "aircraft_tail",
}
PROPERTY_TYPES = {
    "website": "website",
    "email address": "email",
    "phone number": "phone",
    "gender": "gender",
    "aircraft model": "aircraft_model",
    "aircraft operator": "aircraft_operator",
    "aircraft manufacture date": "aircraft_build_date",
    "former vessel flag": "former_vessel_flag",
    "target type": "target_type",
    "organization type:": "organization_type",
    "organization established date": "incorporation_date",
    "equity ticker": "ticker",
    "issuer name": "issuer_name",
}

_LINKED_TO = re.compile(r"\(Linked To: ([^)]+)\)")


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [p for p in (clean(x) for x in value.split(";")) if p]


def _as_list(value: Any) -> list[str]:
    """A CSV cell (``a; b``) or a JSON array/string as a list of cleaned strings."""
    if value is None:
        return []
    if isinstance(value, list):
        out: list[str] = []
        for item in value:
            text = clean(item) if not isinstance(item, dict) else None
            if text:
                out.append(text)
        return out
    return _split(str(value))


def _address(text: str) -> Address:
    # "street, city, postcode, CC": only the trailing ISO code is reliable enough to split off.
    parts = [p.strip() for p in text.split(",")]
    country = parts[-1] if parts and re.fullmatch(r"[A-Z]{2}", parts[-1]) else None
    return Address(full=text, country=country)


def _add_prop(entity: Entity, key: str, value: str) -> None:
    values = entity.properties.setdefault(key, [])
    if value not in values:
        values.append(value)


def _add_identifier(entity: Entity, identifier: Identifier) -> None:
    if identifier not in entity.identifiers:
        entity.identifiers.append(identifier)


def _add_id(entity: Entity, id_type: str, number: str, country: str | None) -> None:
    key = id_type.strip().lower()
    if key in PROPERTY_TYPES:
        prop = PROPERTY_TYPES[key]
        if prop == "gender":
            entity.gender = number.lower()
            return
        value = iso_date(number) if prop.endswith("date") else None
        _add_prop(entity, prop, value or number)
        return
    if key in ID_TYPES:
        _add_identifier(entity, Identifier(ID_TYPES[key], number, country, id_type))
        return
    if key == "vessel registration identification":
        m = re.fullmatch(r"IMO\s*(\d{7})", number)
        if m:
            _add_identifier(entity, Identifier("imo", m[1], None, id_type))
        else:
            _add_identifier(entity, Identifier("registration", number, country, id_type))
        return
    if key.startswith("digital currency address"):
        _add_identifier(entity, Identifier("crypto", number, None, id_type))
        return
    if key.endswith((":", "-")) or "date" in key or "information" in key:
        # Informational lines ("Secondary sanctions risk:", "Listing Date (CMIC)") -> notes.
        date_value = iso_date(number)
        _add_prop(entity, "sanction_notes", f"{id_type.rstrip(' :-')}: {date_value or number}")
        return
    _add_identifier(entity, Identifier("other", number, country, id_type))


def _ids_from_csv(entity: Entity, cell: str | None) -> None:
    for item in _split(cell):
        parts = [p.strip() for p in item.split(", ")]
        if len(parts) < 2:
            _add_prop(entity, "sanction_notes", item)
            continue
        id_type = parts[-1]
        country = None
        body = parts[:-1]
        if len(body) >= 2 and re.fullmatch(r"[A-Z]{2}", body[0]):
            country = body[0]
            body = body[1:]
        number = ", ".join(body)
        _add_id(entity, id_type, number, country)


def _ids_from_json(entity: Entity, items: Any) -> None:
    if not isinstance(items, list):
        return
    for item in items:
        if not isinstance(item, dict):
            continue
        id_type = clean(item.get("type")) or "other"
        number = clean(item.get("number"))
        if not number:
            continue
        _add_id(entity, id_type, number, country_code(clean(item.get("country"))))


def fill(entity: Entity, row: dict[str, Any], from_json: bool) -> None:
    """Merge one CSL row (CSV dict or JSON object) into ``entity``."""
    source = clean(row.get("source"))
    if source:
        if source not in entity.programs:
            entity.programs.append(source)
        subs = entity.properties.setdefault("csl_source", [])
        if source not in subs:
            subs.append(source)
    for program in _as_list(row.get("programs")):
        if program not in entity.programs:
            entity.programs.append(program)
    _names(entity, row)
    _addresses_and_ids(entity, row, from_json)
    _person(entity, row)
    _remarks(entity, row, source)
    _particulars(entity, row, source)


def _names(entity: Entity, row: dict[str, Any]) -> None:
    """The row's name and aliases, Latin-script ones as names, others as original script."""
    name = clean(row.get("name"))
    if name:
        script = detect_script(name)
        if script in ("Latn", "Zyyy"):
            entity.add_name(name, NameKind.PRIMARY)
        else:
            entity.add_name(name, NameKind.ORIGINAL_SCRIPT, script)
    for alias in _as_list(row.get("alt_names")):
        alias = re.sub(r"^and\s+", "", alias)
        script = detect_script(alias)
        if script in ("Latn", "Zyyy"):
            entity.add_name(alias, NameKind.ALIAS)
        else:
            entity.add_name(alias, NameKind.ORIGINAL_SCRIPT, script)


def _addresses_and_ids(entity: Entity, row: dict[str, Any], from_json: bool) -> None:
    """Addresses and identifiers, structured in JSON, ``;``-separated text in the CSV."""
    if from_json:
        for item in row.get("addresses") or []:
            if not isinstance(item, dict):
                continue
            bits = [clean(item.get(k)) for k in ("address", "city", "state", "postal_code")]
            ctry = clean(item.get("country"))
            full = ", ".join(b for b in [*bits, ctry] if b)
            if not full:
                continue
            addr = Address(
                full=full,
                street=bits[0],
                city=bits[1],
                region=bits[2],
                postal_code=bits[3],
                country=country_code(ctry),
            )
            if addr not in entity.addresses:
                entity.addresses.append(addr)
        _ids_from_json(entity, row.get("ids"))
    else:
        for text in _split(row.get("addresses")):
            addr = _address(text)
            if addr not in entity.addresses:
                entity.addresses.append(addr)
        _ids_from_csv(entity, row.get("ids"))


def _person(entity: Entity, row: dict[str, Any]) -> None:
    """Birth dates and places, nationalities and citizenships, title."""
    for dob in _as_list(row.get("dates_of_birth")):
        iso = iso_date(dob)
        if iso is None:
            _add_prop(entity, "birth_date_text", dob)
        elif iso not in entity.birth_dates:
            entity.birth_dates.append(iso)
    for place in _as_list(row.get("places_of_birth")):
        if place not in entity.birth_places:
            entity.birth_places.append(place)
    for key in ("nationalities", "citizenships"):
        for value in _as_list(row.get(key)):
            code = country_code(value)
            if code and code not in entity.nationalities:
                entity.nationalities.append(code)
    title = clean(row.get("title"))
    if title and title not in entity.positions:
        entity.positions.append(title)
    start = iso_date(clean(row.get("start_date")))
    if start and (entity.listed_on is None or start < entity.listed_on):
        entity.listed_on = start


def _remarks(entity: Entity, row: dict[str, Any], source: str | None) -> None:
    """The remarks, and each party they say the entry is linked to."""
    remarks = clean(row.get("remarks"))
    if remarks:
        if entity.remarks and remarks not in entity.remarks:
            entity.remarks = f"{entity.remarks}; {remarks}"
        elif not entity.remarks:
            entity.remarks = remarks
        for target in _LINKED_TO.findall(remarks):
            rel = Relation("UnknownLink", "linked to", target_name=target.strip(), source=source)
            if rel not in entity.relations:
                entity.relations.append(rel)


def _particulars(entity: Entity, row: dict[str, Any], source: str | None) -> None:
    """The source URL, the listing's particulars as properties, the vessel's flag and owner."""
    url = clean(row.get("source_list_url"))
    if url and entity.source_url is None:
        entity.source_url = url
    for key in (
        "entity_number",
        "federal_register_notice",
        "end_date",
        "standard_order",
        "license_requirement",
        "license_policy",
        "source_information_url",
        "call_sign",
        "vessel_type",
        "gross_tonnage",
        "gross_registered_tonnage",
    ):
        cell = clean(row.get(key))
        if cell is None:
            continue
        _add_prop(entity, key, (iso_date(cell) or cell) if key == "end_date" else cell)
    flag = clean(row.get("vessel_flag"))
    if flag:
        _add_prop(entity, "vessel_flag", flag)
        code = country_code(flag)
        if code and code not in entity.countries:
            entity.countries.append(code)
    owner = clean(row.get("vessel_owner"))
    if owner:
        rel = Relation("Ownership", "vessel owner", target_name=owner, source=source)
        if rel not in entity.relations:
            entity.relations.append(rel)

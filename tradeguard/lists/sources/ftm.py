"""FollowTheMoney (FtM) JSON lines read into entities.

In: an OpenSanctions-style export (``entities.ftm.json``: one entity a line,
``{"id", "schema", "properties": {...}, "datasets", "first_seen", "last_seen", ...}``) becomes
list ``opensanctions`` with ``source_id`` = the FtM id. Thing entities (Person, Organization,
Company, LegalEntity, PublicBody, Vessel, Airplane) become :class:`Entity`; the helper
entities are folded into them: ``Sanction`` (programme, listing date), ``Identification`` /
``Passport`` (identifiers with their country), ``Address`` (addresses); relation entities
(``Ownership``, ``Directorship``, ``Membership``, ``Family``, ``Associate``, ``UnknownLink``,
``Representation``, ``Employment``) become a :class:`Relation` on the owner / director / member
/ person / subject side, with ``target_id`` naming the other side.

Writing FtM is in :mod:`tradeguard.lists.sources.ftm_write`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError
from tradeguard.lists.common import decode_text, iso_date, read_capped, sha256_of
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import (
    Address,
    Entity,
    Identifier,
    NameKind,
    ParsedList,
    Relation,
)
from tradeguard.lists.sources._japan import japanese_script

LIST_ID = "opensanctions"

THING_SCHEMAS = {
    "Person": "Person",
    "Organization": "Organization",
    "Company": "Company",
    "LegalEntity": "LegalEntity",
    "PublicBody": "Organization",
    "Vessel": "Vessel",
    "Airplane": "Airplane",
    "CryptoWallet": "CryptoWallet",
}

# FtM relation schema -> (property of our side, property of the other side, default role)
RELATIONS: dict[str, tuple[str, str, str]] = {
    "Ownership": ("owner", "asset", "owner of"),
    "Directorship": ("director", "organization", "director of"),
    "Membership": ("member", "organization", "member of"),
    "Family": ("person", "relative", "relative of"),
    "Associate": ("person", "associate", "associate of"),
    "UnknownLink": ("subject", "object", "linked to"),
    "Representation": ("agent", "client", "agent of"),
    "Employment": ("employee", "employer", "employee of"),
}
ROLE_PROP = {"Family": "relationship", "Associate": "relationship"}

# identifier property <-> our identifier type
ID_PROPS: dict[str, str] = {
    "passportNumber": "passport",
    "idNumber": "national_id",
    "imoNumber": "imo",
    "mmsi": "mmsi",
    "registrationNumber": "registration",
    "taxNumber": "tax",
    "innCode": "tax",
    "vatCode": "tax",
    "swiftBic": "swift",
    "leiCode": "lei",
    "ogrnCode": "registration",
    "uscCode": "registration",
    "dunsCode": "duns",
    "serialNumber": "aircraft_msn",
}
ID_TYPE_TO_PROP: dict[str, str] = {
    "passport": "passportNumber",
    "national_id": "idNumber",
    "imo": "imoNumber",
    "mmsi": "mmsi",
    "registration": "registrationNumber",
    "tax": "taxNumber",
    "swift": "swiftBic",
    "lei": "leiCode",
    "duns": "dunsCode",
    "aircraft_msn": "serialNumber",
}
_HANDLED = {
    "name",
    "alias",
    "weakAlias",
    "previousName",
    "birthDate",
    "birthPlace",
    "nationality",
    "citizenship",
    "country",
    "jurisdiction",
    "mainCountry",
    "flag",
    "address",
    "addressEntity",
    "program",
    "notes",
    "gender",
    "position",
    "sourceUrl",
    *ID_PROPS,
}


def ftm_schema(name: str) -> Any:
    """The followthemoney schema of that name, or None (the package is imported on first use:
    it takes seconds to load, and most commands never need it)."""
    from followthemoney import model

    return model.get(name)


# --------------------------------------------------------------------------- reading


def sniff(path: Path, head: bytes) -> bool:
    line = head.split(b"\n", 1)[0].strip()
    if not line.startswith(b"{"):
        return False
    try:
        first = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return b'"schema"' in line and b'"properties"' in line
    return isinstance(first, dict) and "schema" in first and "properties" in first


def _read_lines(text: str, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    lines = text.splitlines()
    cut = not text.endswith(("\n", "\r"))  # an export ends each line with a line break
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            if cut and number == len(lines):
                raise InputError(
                    f"ends inside the record at line {number:,}, without a final line break "
                    f"(truncated?): {exc.msg}; nothing loaded",
                    source=source,
                    line=number,
                ) from None
            raise InputError(f"not a JSON object: {exc.msg}", source=source, line=number) from None
        if not isinstance(data, dict):
            raise InputError("not a JSON object", source=source, line=number)
        for key in ("id", "schema"):
            if not isinstance(data.get(key), str) or not data[key]:
                raise InputError("missing entity field", source=source, line=number, field=key)
        props = data.get("properties", {})
        if not isinstance(props, dict):
            raise InputError(
                "properties is not an object", source=source, line=number, field="properties"
            )
        for key, values in props.items():
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise InputError(
                    "property values must be a list of strings",
                    source=source,
                    line=number,
                    field=f"properties.{key}",
                )
        yield number, data


def _add_name(entity: Entity, value: str, kind: NameKind) -> None:
    script = japanese_script(value)
    if script is None:
        entity.add_name(value, kind)
    elif kind == NameKind.WEAK_ALIAS:
        entity.add_name(value, kind, script)
    else:
        entity.add_name(value, NameKind.ORIGINAL_SCRIPT, script)


def _country(value: str) -> str | None:
    code = value.strip().upper()
    return code if re.fullmatch(r"[A-Z]{2}", code) else None


def _add_identifier(entity: Entity, identifier: Identifier) -> None:
    for existing in entity.identifiers:
        if existing.value == identifier.value and existing.type == identifier.type:
            existing.country = existing.country or identifier.country
            existing.note = existing.note or identifier.note
            return
    entity.identifiers.append(identifier)


def entity_from_ftm(data: dict[str, Any], list_id: str = LIST_ID) -> Entity:
    """One FtM thing entity as our :class:`Entity` (helpers and relations not resolved)."""
    schema = THING_SCHEMAS[data["schema"]]
    props: dict[str, list[str]] = data.get("properties", {})
    entity = Entity(id=f"{list_id}:{data['id']}", list=list_id, source_id=data["id"], schema=schema)
    for value in props.get("name", []):
        _add_name(entity, value, NameKind.PRIMARY)
    for value in props.get("alias", []):
        _add_name(entity, value, NameKind.ALIAS)
    for value in props.get("weakAlias", []):
        _add_name(entity, value, NameKind.WEAK_ALIAS)
    for value in props.get("previousName", []):
        _add_name(entity, value, NameKind.FORMER)
    for value in props.get("birthDate", []):
        iso = iso_date(value) or value
        if iso not in entity.birth_dates:
            entity.birth_dates.append(iso)
    entity.birth_places.extend(p for p in props.get("birthPlace", []) if p)
    for key in ("nationality", "citizenship"):
        for value in props.get(key, []):
            code = _country(value)
            if code and code not in entity.nationalities:
                entity.nationalities.append(code)
    for key in ("country", "jurisdiction", "mainCountry", "flag"):
        for value in props.get(key, []):
            code = _country(value)
            if code and code not in entity.countries:
                entity.countries.append(code)
    for value in props.get("address", []):
        entity.addresses.append(Address(full=value))
    for prop, id_type in ID_PROPS.items():
        for value in props.get(prop, []):
            _add_identifier(entity, Identifier(id_type, value))
    for value in props.get("program", []):
        if value not in entity.programs:
            entity.programs.append(value)
    notes = props.get("notes", [])
    if notes:
        entity.remarks = "\n".join(notes)
    genders = props.get("gender", [])
    if genders:
        entity.gender = genders[0]
    entity.positions.extend(props.get("position", []))
    urls = props.get("sourceUrl", [])
    if urls:
        entity.source_url = urls[0]
    for key, values in props.items():
        if key not in _HANDLED and values:
            entity.properties[key] = list(values)
    for key in ("datasets", "referents"):
        listed = data.get(key)
        if isinstance(listed, list) and listed:
            entity.properties[key] = [str(v) for v in listed]
    for key in ("first_seen", "last_seen", "last_change"):
        stamp = data.get(key)
        if isinstance(stamp, str) and stamp:
            entity.properties[key] = [stamp]
    return entity


def _first(props: dict[str, list[str]], key: str) -> str | None:
    values = props.get(key) or []
    return values[0] if values else None


def parse_records(
    records: Iterable[tuple[int, dict[str, Any]]], source: str, list_id: str = LIST_ID
) -> tuple[list[Entity], list[str]]:
    """Fold an FtM entity stream into our entities (two passes: things, then helpers)."""
    warnings: list[str] = []
    things: dict[str, Entity] = {}
    address_refs: dict[str, list[str]] = {}
    helpers: list[tuple[int, dict[str, Any]]] = []
    for line, data in records:
        schema = data["schema"]
        if schema in THING_SCHEMAS:
            if data["id"] in things:
                warnings.append(f"{source}: line {line}: duplicate id {data['id']!r} skipped")
                continue
            things[data["id"]] = entity_from_ftm(data, list_id)
            address_refs[data["id"]] = list(data.get("properties", {}).get("addressEntity", []))
        elif ftm_schema(schema) is None:
            raise InputError(
                f"unknown FtM schema {schema!r}", source=source, line=line, field="schema"
            )
        else:
            helpers.append((line, data))
    addresses = _addresses(helpers)
    for thing_id, entity in things.items():
        for ref in address_refs.get(thing_id, []):
            addr = addresses.get(ref)
            if addr is not None and addr not in entity.addresses:
                entity.addresses.append(addr)
    for line, data in helpers:
        schema = data["schema"]
        props = data.get("properties", {})
        if schema == "Sanction":
            _fold_sanction(props, things)
        elif schema in ("Identification", "Passport"):
            number = _first(props, "number") or _first(props, "passportNumber")
            if not number:
                continue
            id_type = "passport" if schema == "Passport" else "national_id"
            country = _first(props, "country")
            for ref in props.get("holder", []):
                target = things.get(ref)
                if target is not None:
                    _add_identifier(
                        target,
                        Identifier(
                            id_type,
                            number,
                            _country(country) if country else None,
                            _first(props, "type"),
                        ),
                    )
        elif schema in RELATIONS:
            _fold_relation(data, things, list_id, f"{source}: line {line}", warnings)
    return list(things.values()), warnings


def _addresses(helpers: list[tuple[int, dict[str, Any]]]) -> dict[str, Address]:
    """The Address entities of the stream, by their FtM id."""
    addresses: dict[str, Address] = {}
    for _, data in helpers:
        if data["schema"] == "Address":
            props = data.get("properties", {})
            full = _first(props, "full") or ", ".join(
                v
                for v in (
                    _first(props, "street"),
                    _first(props, "city"),
                    _first(props, "postalCode"),
                    _first(props, "country"),
                )
                if v
            )
            country = _first(props, "country")
            addresses[data["id"]] = Address(
                full=full,
                street=_first(props, "street"),
                city=_first(props, "city"),
                region=_first(props, "region"),
                postal_code=_first(props, "postalCode"),
                country=_country(country) if country else None,
            )
    return addresses


def _fold_sanction(props: dict[str, list[str]], things: dict[str, Entity]) -> None:
    """A Sanction's programmes, earliest listing date and authority, onto its entities."""
    for ref in props.get("entity", []):
        target = things.get(ref)
        if target is None:
            continue
        for value in props.get("program", []) + props.get("programId", []):
            if value not in target.programs:
                target.programs.append(value)
        for key in ("startDate", "listingDate"):
            for value in props.get(key, []):
                iso = iso_date(value)
                if iso and (target.listed_on is None or iso < target.listed_on):
                    target.listed_on = iso
        for value in props.get("authority", []):
            values = target.properties.setdefault("sanction_authority", [])
            if value not in values:
                values.append(value)


def _fold_relation(
    data: dict[str, Any], things: dict[str, Entity], list_id: str, where: str, warnings: list[str]
) -> None:
    """A relation entity as a :class:`Relation` on its owner side, naming the other side."""
    schema = data["schema"]
    props = data.get("properties", {})
    ours, theirs, default_role = RELATIONS[schema]
    role = _first(props, ROLE_PROP.get(schema, "role")) or default_role
    pct = _first(props, "percentage")
    share: float | None = None
    if pct:
        try:
            share = float(pct.rstrip("%").replace(",", "."))
        except ValueError:
            warnings.append(f"{where}: percentage {pct!r} not a number")
    for ref in props.get(ours, []):
        owner = things.get(ref)
        if owner is None:
            continue
        for other in props.get(theirs, []):
            relation = Relation(
                schema=schema,
                role=role,
                target_id=f"{list_id}:{other}",
                target_name=things[other].caption if other in things else None,
                share_pct=share,
                start_date=iso_date(_first(props, "startDate")),
                end_date=iso_date(_first(props, "endDate")),
                source=data["id"],
            )
            if relation not in owner.relations:
                owner.relations.append(relation)


def parse(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    text = decode_text(raw, source)
    entities, warnings = parse_records(_read_lines(text, source), source)
    stamps = [s for e in entities for s in e.properties.get("last_change", [])]
    return ParsedList(
        list=LIST_ID,
        format="ftm-jsonl",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        # FtM exports state no file date; the latest entity change is the closest statement.
        published_at=max(stamps) if stamps else None,
        warnings=warnings,
    )


FORMAT = register(
    ListFormat(
        name="ftm-jsonl",
        list=LIST_ID,
        description="FollowTheMoney JSON lines (OpenSanctions entities.ftm.json)",
        sniff=sniff,
        parse=parse,
    )
)

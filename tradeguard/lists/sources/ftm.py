"""FollowTheMoney (FtM) JSON lines, in and out.

In: an OpenSanctions-style export (``entities.ftm.json``: one entity a line,
``{"id", "schema", "properties": {...}, "datasets", "first_seen", "last_seen", ...}``) becomes
list ``opensanctions`` with ``source_id`` = the FtM id. Thing entities (Person, Organization,
Company, LegalEntity, PublicBody, Vessel, Airplane) become :class:`Entity`; the helper
entities are folded into them: ``Sanction`` (programme, listing date), ``Identification`` /
``Passport`` (identifiers with their country), ``Address`` (addresses); relation entities
(``Ownership``, ``Directorship``, ``Membership``, ``Family``, ``Associate``, ``UnknownLink``,
``Representation``, ``Employment``) become a :class:`Relation` on the owner / director / member
/ person / subject side, with ``target_id`` naming the other side.

Out: :func:`entity_to_ftm` turns one of our entities into an FtM entity dict and
:func:`write_ftm` writes entities as FtM JSON lines, each relation as its own FtM relation
entity with a deterministic id. Property names are checked against the ``followthemoney``
model: a value whose property the schema lacks goes to ``notes`` instead of being dropped.
FtM ids allow only ``[0-9a-zA-Z.-]``: entities of list ``opensanctions`` keep their FtM id;
others get ``tg-{list}-{source_id}`` (``_`` in the list id becomes ``-``; a source id with other
characters has them replaced by ``-`` and gets a short hash of the original id appended).
A relation whose other side is only named becomes a ``LegalEntity`` stub ``tg-name-...``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from tradeguard.errors import InputError
from tradeguard.lists.common import decode_text, iso_date, read_capped, sha256_of
from tradeguard.lists.model import (
    SCHEMAS,
    Address,
    Entity,
    Identifier,
    NameKind,
    ParsedList,
    Relation,
)
from tradeguard.lists.registry import ListFormat, register
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
_ROLE_PROP = {"Family": "relationship", "Associate": "relationship"}

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
# Roles stated from the owned side: the other side is the owner / director.
_REVERSE_ROLE = re.compile(
    r"\b(owned|controlled|directed|managed|operated)\b.*\bby\b"
    r"|vessel owner|parent company|owner/operator",
    re.I,
)
_FTM_ID_OK = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")


def _ftm_schema(name: str) -> Any:
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
        elif _ftm_schema(schema) is None:
            raise InputError(
                f"unknown FtM schema {schema!r}", source=source, line=line, field="schema"
            )
        else:
            helpers.append((line, data))
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
    for thing_id, entity in things.items():
        for ref in address_refs.get(thing_id, []):
            addr = addresses.get(ref)
            if addr is not None and addr not in entity.addresses:
                entity.addresses.append(addr)
    for line, data in helpers:
        schema = data["schema"]
        props = data.get("properties", {})
        if schema == "Sanction":
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
            ours, theirs, default_role = RELATIONS[schema]
            role = _first(props, _ROLE_PROP.get(schema, "role")) or default_role
            pct = _first(props, "percentage")
            share: float | None = None
            if pct:
                try:
                    share = float(pct.rstrip("%").replace(",", "."))
                except ValueError:
                    warnings.append(f"{source}: line {line}: percentage {pct!r} not a number")
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
    return list(things.values()), warnings


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


# --------------------------------------------------------------------------- writing


def ftm_id(entity_id: str) -> str:
    """The FtM id of one of our entity ids (``"{list}:{source_id}"``), deterministic."""
    list_id, _, source_id = entity_id.partition(":")
    if list_id == LIST_ID and _FTM_ID_OK.match(source_id):
        return source_id
    safe = re.sub(r"[^0-9a-zA-Z.\-]+", "-", source_id).strip("-.")
    slug = f"tg-{list_id.replace('_', '-')}-{safe}".strip("-.")
    if safe != source_id:
        slug = f"{slug}-{hashlib.sha1(entity_id.encode('utf-8')).hexdigest()[:8]}"
    return slug


def _put(props: dict[str, list[str]], schema: Any, prop: str, value: str | None) -> bool:
    """Add a value if ``schema`` has the property; False when it does not."""
    if value is None or value == "":
        return True
    if schema.get(prop) is None:
        return False
    values = props.setdefault(prop, [])
    if value not in values:
        values.append(value)
    return True


def entity_to_ftm(entity: Entity) -> dict[str, Any]:
    """Our entity as an FtM entity dict (relations are written by :func:`relations_to_ftm`)."""
    schema_name = entity.schema if entity.schema in SCHEMAS else "LegalEntity"
    schema = _ftm_schema(schema_name)
    if schema is None:  # pragma: no cover - every name in SCHEMAS exists in FtM
        schema_name, schema = "LegalEntity", _ftm_schema("LegalEntity")
    props: dict[str, list[str]] = {}
    notes: list[str] = []
    name_prop = {
        NameKind.PRIMARY: "name",
        NameKind.ALIAS: "alias",
        NameKind.WEAK_ALIAS: "weakAlias",
        NameKind.ORIGINAL_SCRIPT: "alias",
        NameKind.FORMER: "previousName",
    }
    for name in entity.names:
        _put(props, schema, name_prop[name.kind], name.value)
    for value in entity.birth_dates:
        if not _put(props, schema, "birthDate", value):
            notes.append(f"birth date: {value}")
    for value in entity.birth_places:
        _put(props, schema, "birthPlace", value)
    for code in entity.nationalities:
        if not _put(props, schema, "nationality", code.lower()):
            _put(props, schema, "country", code.lower())
    for code in entity.countries:
        _put(props, schema, "country", code.lower())
    for addr in entity.addresses:
        _put(props, schema, "address", addr.full)
    for identifier in entity.identifiers:
        prop = ID_TYPE_TO_PROP.get(identifier.type)
        if prop is not None and _put(props, schema, prop, identifier.value):
            continue
        if not _put(props, schema, "idNumber", identifier.value) and not _put(
            props, schema, "registrationNumber", identifier.value
        ):
            notes.append(f"{identifier.note or identifier.type}: {identifier.value}")
    for program in entity.programs:
        _put(props, schema, "program", program)
    if entity.gender:
        _put(props, schema, "gender", entity.gender)
    for position in entity.positions:
        if not _put(props, schema, "position", position):
            notes.append(position)
    if entity.remarks:
        notes.insert(0, entity.remarks)
    for note in notes:
        _put(props, schema, "notes", note)
    if entity.source_url:
        _put(props, schema, "sourceUrl", entity.source_url)
    return {
        "id": ftm_id(entity.id),
        "schema": schema_name,
        "properties": props,
        "datasets": [entity.list],
    }


def _identification_entities(entity: Entity) -> Iterator[dict[str, Any]]:
    """Passport / Identification entities carrying an identifier's country and kind."""
    holder = ftm_id(entity.id)
    for identifier in entity.identifiers:
        if identifier.type not in ("passport", "national_id") or not identifier.country:
            continue
        schema = "Passport" if identifier.type == "passport" else "Identification"
        basis = f"{entity.id}|{identifier.type}|{identifier.value}|{identifier.country}"
        props: dict[str, list[str]] = {
            "holder": [holder],
            "number": [identifier.value],
            "country": [identifier.country.lower()],
        }
        if identifier.note:
            props["type"] = [identifier.note]
        yield {
            "id": f"tg-id-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:16]}",
            "schema": schema,
            "properties": props,
            "datasets": [entity.list],
        }


def _sanction_entity(entity: Entity) -> Iterator[dict[str, Any]]:
    """A Sanction entity carrying the programmes and the listing date."""
    if not entity.programs and not entity.listed_on:
        return
    props: dict[str, list[str]] = {"entity": [ftm_id(entity.id)]}
    if entity.programs:
        props["program"] = list(entity.programs)
    if entity.listed_on:
        props["listingDate"] = [entity.listed_on]
    basis = f"{entity.id}|sanction"
    yield {
        "id": f"tg-sanction-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:16]}",
        "schema": "Sanction",
        "properties": props,
        "datasets": [entity.list],
    }


def relations_to_ftm(entity: Entity) -> Iterator[dict[str, Any]]:
    """Each of the entity's relations as an FtM relation entity (plus a named stub entity for
    a target the source names without an identifier)."""
    me = ftm_id(entity.id)
    for relation in entity.relations:
        schema_name = relation.schema if relation.schema in RELATIONS else "UnknownLink"
        ours, theirs, default_role = RELATIONS[schema_name]
        if relation.target_id:
            other = ftm_id(relation.target_id)
        elif relation.target_name:
            stub_basis = f"{entity.list}|{relation.target_name}"
            other = f"tg-name-{hashlib.sha1(stub_basis.encode('utf-8')).hexdigest()[:16]}"
            yield {
                "id": other,
                "schema": "LegalEntity",
                "properties": {"name": [relation.target_name]},
                "datasets": [entity.list],
            }
        else:
            continue
        reverse = bool(_REVERSE_ROLE.search(relation.role or ""))
        if reverse and schema_name in ("Ownership", "Directorship", "Membership", "Employment"):
            sides = {ours: [other], theirs: [me]}
        else:
            sides = {ours: [me], theirs: [other]}
            reverse = False
        props: dict[str, list[str]] = dict(sides)
        role_prop = _ROLE_PROP.get(schema_name, "role")
        if relation.role and not reverse and relation.role != default_role:
            props[role_prop] = [relation.role]
        elif relation.role and reverse:
            props["description"] = [relation.role]
        if relation.share_pct is not None and schema_name == "Ownership":
            props["percentage"] = [f"{relation.share_pct:g}"]
        if relation.start_date:
            props["startDate"] = [relation.start_date]
        if relation.end_date:
            props["endDate"] = [relation.end_date]
        basis = "|".join(
            str(x) for x in (entity.id, schema_name, relation.role, other, relation.share_pct)
        )
        yield {
            "id": f"tg-rel-{hashlib.sha1(basis.encode('utf-8')).hexdigest()[:16]}",
            "schema": schema_name,
            "properties": props,
            "datasets": [entity.list],
        }


def iter_ftm(entities: Iterable[Entity]) -> Iterator[dict[str, Any]]:
    """FtM dicts for entities: each entity, its identification and relation entities."""
    seen: set[str] = set()
    for entity in entities:
        for data in (
            entity_to_ftm(entity),
            *_sanction_entity(entity),
            *_identification_entities(entity),
            *relations_to_ftm(entity),
        ):
            if data["id"] in seen:
                continue
            seen.add(data["id"])
            yield data


def write_ftm(entities: Iterable[Entity], stream: IO[str]) -> int:
    """Write entities as FtM JSON lines to a text stream; returns the number of lines."""
    count = 0
    for data in iter_ftm(entities):
        stream.write(json.dumps(data, ensure_ascii=False, sort_keys=True))
        stream.write("\n")
        count += 1
    return count


FORMAT = register(
    ListFormat(
        name="ftm-jsonl",
        list=LIST_ID,
        description="FollowTheMoney JSON lines (OpenSanctions entities.ftm.json)",
        sniff=sniff,
        parse=parse,
    )
)

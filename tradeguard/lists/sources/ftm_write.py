"""FollowTheMoney (FtM) JSON lines out: :func:`entity_to_ftm` turns one of our entities into an
FtM entity dict and :func:`write_ftm` writes entities as FtM JSON lines, each relation as its
own FtM relation entity with a deterministic id. Property names are checked against the
``followthemoney`` model: a value whose property the schema lacks goes to ``notes`` instead of
being dropped. FtM ids allow only ``[0-9a-zA-Z.-]``: entities of list ``opensanctions`` keep
their FtM id; others get ``tg-{list}-{source_id}`` (see :func:`ftm_id`). A relation whose other
side is only named becomes a ``LegalEntity`` stub ``tg-name-...``. Reading is in
:mod:`tradeguard.lists.sources.ftm`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any

from tradeguard.lists.model import SCHEMAS, Entity, NameKind
from tradeguard.lists.sources.ftm import (
    ID_TYPE_TO_PROP,
    LIST_ID,
    RELATIONS,
    ROLE_PROP,
    ftm_schema,
)

#: Roles stated from the owned side: the other side is the owner / director.
_REVERSE_ROLE = re.compile(
    r"\b(owned|controlled|directed|managed|operated)\b.*\bby\b"
    r"|vessel owner|parent company|owner/operator",
    re.I,
)
_FTM_ID_OK = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$")


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
    schema = ftm_schema(schema_name)
    if schema is None:  # pragma: no cover - every name in SCHEMAS exists in FtM
        schema_name, schema = "LegalEntity", ftm_schema("LegalEntity")
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
        role_prop = ROLE_PROP.get(schema_name, "role")
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

"""US Consolidated Screening List (trade.gov): ``consolidated.csv`` (optionally gzipped) and the
CSL API / JSON download (``{"results": [...]}``).

One row of the CSL is one entry on one sub-list (``source``: "Entity List (EL) - Bureau of
Industry and Security", "Specially Designated Nationals (SDN) - Treasury Department", ...).
OFAC entries that are on several Treasury sub-lists (SDN and CAPTA, SDN and SSI) share their
``_id``; they become one entity whose ``programs`` and ``properties["csl_source"]`` name every
sub-list. Rows without ``_id`` (older CSV exports) get a stable hash of sub-list, name and
start date.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tradeguard.errors import InputError
from tradeguard.lists.common import (
    check_csv_complete,
    clean,
    country_code,
    decode_text,
    detect_script,
    gunzip_capped,
    iso_date,
    read_capped,
    sha256_of,
)
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, ParsedList, Relation
from tradeguard.lists.registry import ListFormat, register

LIST_ID = "us_csl"

REQUIRED_COLUMNS = ("source", "name", "type", "alt_names", "addresses", "ids")

SCHEMA_BY_TYPE = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}

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


def sub_list_code(source: str) -> str:
    """The short code of a CSL sub-list: ``"Entity List (EL) - Bureau ..."`` -> ``"EL"``."""
    m = re.search(r"\(([^()]+)\)", source)
    if not m:
        return source
    return m[1].replace(" List", "").strip()


def source_counts(parsed: ParsedList) -> dict[str, int]:
    """Entries per CSL sub-list (an entity on two sub-lists counts for both)."""
    out: dict[str, int] = {}
    for entity in parsed.entities:
        for src in entity.properties.get("csl_source", []):
            out[src] = out.get(src, 0) + 1
    return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))


# --------------------------------------------------------------------------- reading


def _head_text(head: bytes) -> str:
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 8192)
        except zlib.error:
            return ""
    return head[:8192].decode("utf-8", errors="replace").lstrip("\ufeff")


def sniff_csv(path: Path, head: bytes) -> bool:
    first = _head_text(head).split("\n", 1)[0].lower()
    cols = {c.strip().strip('"') for c in first.split(",")}
    return {"source", "name", "alt_names", "source_list_url"} <= cols


def sniff_json(path: Path, head: bytes) -> bool:
    text = _head_text(head).lstrip()
    return (
        text.startswith("{")
        and '"results"' in text
        and ('"source_list_url"' in text or '"alt_names"' in text or '"sources_used"' in text)
    )


# --------------------------------------------------------------------------- mapping


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


def _source_id(row: dict[str, Any]) -> str:
    sid = clean(row.get("_id")) or clean(row.get("id"))
    if sid:
        return sid
    basis = "|".join(
        str(clean(row.get(k)) or "") for k in ("source", "name", "start_date", "entity_number")
    )
    return "h" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


def _fill(entity: Entity, row: dict[str, Any], from_json: bool) -> None:
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


def _schema(row: dict[str, Any]) -> str:
    kind = (clean(row.get("type")) or "").lower()
    return SCHEMA_BY_TYPE.get(kind, "LegalEntity")


def _build(
    rows: Iterable[tuple[int, dict[str, Any]]], source: str, from_json: bool
) -> tuple[list[Entity], list[str]]:
    entities: dict[str, Entity] = {}
    warnings: list[str] = []
    for line, row in rows:
        name = clean(row.get("name"))
        if not name:
            warnings.append(f"{source}: line {line}: entry without a name skipped")
            continue
        sid = _source_id(row)
        entity = entities.get(sid)
        if entity is None:
            entity = Entity(id=f"{LIST_ID}:{sid}", list=LIST_ID, source_id=sid, schema=_schema(row))
            entities[sid] = entity
        elif entity.schema == "LegalEntity":
            entity.schema = _schema(row)
        _fill(entity, row, from_json)
    return list(entities.values()), warnings


def _csv_rows(text: str, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        raise InputError("no header row", source=source, line=1)
    reader.fieldnames = header
    for column in REQUIRED_COLUMNS:
        if column not in header:
            raise InputError(
                "missing required column of the Consolidated Screening List CSV",
                source=source,
                line=1,
                field=column,
            )
    try:
        for row in reader:
            if None in row:
                raise InputError(
                    f"row has {len(header) + len(row[None])} fields, header has {len(header)}",
                    source=source,
                    line=reader.line_num,
                )
            yield reader.line_num, row
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", source=source, line=reader.line_num) from None


def parse_csv(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    data = gunzip_capped(raw, source) if raw[:2] == b"\x1f\x8b" else raw
    text = decode_text(data, source)
    if not text.strip():
        raise InputError("file is empty", source=source)
    check_csv_complete(text, source)
    entities, warnings = _build(_csv_rows(text, source), source, from_json=False)
    return ParsedList(
        list=LIST_ID,
        format="csl-csv",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=None,
        warnings=warnings,
    )


def parse_json(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    data = gunzip_capped(raw, source) if raw[:2] == b"\x1f\x8b" else raw
    text = decode_text(data, source)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON: {exc.msg}", source=source, line=exc.lineno) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("results"), list):
        raise InputError("expected a JSON object with a 'results' array", source=source)
    results = doc["results"]
    total = doc.get("total")
    if isinstance(total, int) and not isinstance(total, bool) and total != len(results):
        raise InputError(
            f"states {total:,} results but holds {len(results):,} (a partial download, or one "
            "page of a search?); nothing loaded",
            source=source,
            field="total",
        )
    rows: list[tuple[int, dict[str, Any]]] = []
    for index, item in enumerate(results):
        if not isinstance(item, dict):
            raise InputError("result is not an object", source=source, field=f"results[{index}]")
        if "name" not in item or "source" not in item:
            missing = "name" if "name" not in item else "source"
            raise InputError(
                "result lacks a required field", source=source, field=f"results[{index}].{missing}"
            )
        rows.append((index + 1, item))
    entities, warnings = _build(rows, source, from_json=True)
    published = None
    stamps = [
        iso
        for s in doc.get("sources_used") or []
        if isinstance(s, dict)
        for iso in [clean(s.get("last_imported"))]
        if iso
    ]
    if stamps:
        published = max(stamps)
    return ParsedList(
        list=LIST_ID,
        format="csl-json",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=published,
        warnings=warnings,
    )


CSV_FORMAT = register(
    ListFormat(
        name="csl-csv",
        list=LIST_ID,
        description="US Consolidated Screening List, consolidated.csv (plain or .gz)",
        sniff=sniff_csv,
        parse=parse_csv,
    )
)
JSON_FORMAT = register(
    ListFormat(
        name="csl-json",
        list=LIST_ID,
        description="US Consolidated Screening List, trade.gov JSON ({'results': [...]})",
        sniff=sniff_json,
        parse=parse_json,
    )
)

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
    decode_text,
    gunzip_capped,
    read_capped,
    sha256_of,
)
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Entity, ParsedList
from tradeguard.lists.sources.us_csl_rows import fill

LIST_ID = "us_csl"

REQUIRED_COLUMNS = ("source", "name", "type", "alt_names", "addresses", "ids")

SCHEMA_BY_TYPE = {
    "individual": "Person",
    "entity": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}


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


def _source_id(row: dict[str, Any]) -> str:
    sid = clean(row.get("_id")) or clean(row.get("id"))
    if sid:
        return sid
    basis = "|".join(
        str(clean(row.get(k)) or "") for k in ("source", "name", "start_date", "entity_number")
    )
    return "h" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:20]


#: a name that says the party is a person: "Ri Sung Chol (aka Ri Su'ng-ch'o'l) (DPRK
#: individual)", "Rim Ryong Nam [...] (North Korean individual in China)"
_INDIVIDUAL = re.compile(r"\((?:[^()]*\s)?individual(?:\s[^()]*)?\)\s*$", re.IGNORECASE)


def _schema(row: dict[str, Any]) -> str:
    kind = (clean(row.get("type")) or "").lower()
    return SCHEMA_BY_TYPE.get(kind, "LegalEntity")


def _a_person(entity: Entity, names: list[str]) -> bool:
    """Whether an entry of no stated type (the State Department's and BIS's rows do not say
    person or organisation) has a person's own data: a birth date or place, a nationality or
    citizenship, a gender, a title, or a name that says "individual"."""
    return bool(
        entity.birth_dates
        or entity.birth_places
        or entity.nationalities
        or entity.gender
        or entity.positions
        or entity.properties.get("birth_date_text")
        or any(_INDIVIDUAL.search(n) for n in names)
    )


def _build(
    rows: Iterable[tuple[int, dict[str, Any]]], source: str, from_json: bool
) -> tuple[list[Entity], list[str]]:
    entities: dict[str, Entity] = {}
    written: dict[str, list[str]] = {}
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
        fill(entity, row, from_json)
        written.setdefault(sid, []).append(name)
    for sid, entity in entities.items():
        if entity.schema == "LegalEntity" and _a_person(entity, written[sid]):
            entity.schema = "Person"
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

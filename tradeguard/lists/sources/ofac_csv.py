"""OFAC legacy CSV file sets: the SDN list (``sdn.csv``, ``add.csv``, ``alt.csv``,
``sdn_comments.csv``) and the non-SDN consolidated list (``cons_prim.csv``, ``cons_add.csv``,
``cons_alt.csv``, ``cons_comments.csv``).

The files have no header row; fields are fixed by OFAC's data specification:

- ``sdn.csv``: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
  GRT, Vess_flag, Vess_owner, Remarks
- ``add.csv``: ent_num, Add_num, Address, City/State/Province/Postal Code, Country, Add_remarks
- ``alt.csv``: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks
- ``sdn_comments.csv``: ent_num, Remarks_Extended (the continuation of a Remarks value that
  exceeds the field's length)

``-0-`` marks an empty field. The text is ASCII/Windows-1252; the SDN file ends with CRLF and
a DOS end-of-file byte (0x1A). An input is a directory holding a set, the main file of a set
(its siblings are read when present), or a lone main file (then only the remarks give aliases,
which are the weak ones; see :mod:`ofac_remarks`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tradeguard.errors import InputError
from tradeguard.lists.common import (
    OFAC_EOF,
    check_csv_complete,
    check_ends_with,
    clean,
    country_code,
    decode_text,
    detect_script,
    read_capped,
    sha256_of,
)
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, ParsedList, Relation
from tradeguard.lists.sources.ofac_remarks import apply_remarks


@dataclass(frozen=True)
class FileSet:
    list_id: str
    format: str
    main: str
    add: str
    alt: str
    comments: str


SDN_SET = FileSet(
    "us_ofac_sdn", "ofac-sdn-csv", "sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"
)
CONS_SET = FileSet(
    "us_ofac_cons",
    "ofac-cons-csv",
    "cons_prim.csv",
    "cons_add.csv",
    "cons_alt.csv",
    "cons_comments.csv",
)

_SCHEMAS = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}
_ALT_KINDS = {"aka": NameKind.ALIAS, "nka": NameKind.ALIAS, "fka": NameKind.FORMER}
_FIRST_ROW = re.compile(rb'^\s*\d+,"[^"\r\n]*",(?:-0- ?|"[A-Za-z]*"),')


def _find(directory: Path, name: str) -> Path | None:
    """A file of the set in ``directory``, matched case-insensitively (OFAC ships SDN.CSV too)."""
    exact = directory / name
    if exact.is_file():
        return exact
    lowered = name.lower()
    for child in directory.iterdir():
        if child.is_file() and child.name.lower() == lowered:
            return child
    return None


def _looks_like_main(head: bytes) -> bool:
    return bool(_FIRST_ROW.match(head))


def _sniff(fileset: FileSet, path: Path, head: bytes) -> bool:
    if path.is_dir():
        has_main = _find(path, fileset.main) is not None
        if fileset is SDN_SET:
            # a set without its sdn.csv is still recognised, to be refused clearly by parse
            return has_main or (
                _find(path, fileset.add) is not None and _find(path, fileset.alt) is not None
            )
        return has_main
    if not _looks_like_main(head):
        return False
    if fileset is SDN_SET:
        return not path.name.lower().startswith("cons")
    return True  # an SDN-shaped file is read as the consolidated list when --list says so


def _rows(
    path: Path, raw: bytes, width: int, *, eof_mark: bool = True
) -> Iterator[tuple[int, list[str]]]:
    """The rows of one headerless OFAC CSV file with their line numbers; each must have
    ``width`` fields. OFAC ends its files with CR LF and a DOS EOF byte (0x1A): a file without
    them is cut short and refused (``eof_mark=False`` for ``sdn_comments.csv``, which some
    published sets end with a bare CR LF), as is one whose last record is incomplete."""
    source = str(path)
    head = raw[:4096]
    if head.count(b"\x00") * 4 > len(head):  # UTF-16; a stray NUL is refused by the model
        raise InputError(
            "contains NUL bytes: not an ASCII/Windows-1252 CSV (UTF-16?)", source=source, line=1
        )
    text = decode_text(raw, source, ("utf-8", "cp1252"))
    if eof_mark:
        check_ends_with(raw, OFAC_EOF, source, "OFAC's end-of-file mark (CR LF 0x1A)")
    check_csv_complete(text.removesuffix("\x1a"), source, width=width)
    text = text.rstrip("\x1a\r\n \t")
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    try:
        for row in reader:
            start = line
            line = reader.line_num + 1
            if not row or (len(row) == 1 and not row[0].strip(" \x1a")):
                continue
            if len(row) != width:
                raise InputError(
                    f"expected {width} comma-separated fields, found {len(row)}",
                    source=source,
                    line=start,
                )
            yield start, row
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", source=source, line=line) from None


def _ent_num(value: str, path: Path, line: int, field: str = "ent_num") -> str:
    text = value.strip()
    if not text.isdigit():
        raise InputError(
            f"expected a numeric entry number, found {text[:30]!r}",
            source=str(path),
            line=line,
            field=field,
        )
    return text


def _entity(list_id: str, row: list[str], path: Path, line: int) -> Entity:
    ent_num = _ent_num(row[0], path, line)
    name = clean(row[1])
    if name is None:
        raise InputError("entry without a name", source=str(path), line=line, field="SDN_Name")
    sdn_type = (clean(row[2]) or "").lower()
    schema = _SCHEMAS.get(sdn_type)
    if schema is None:
        raise InputError(
            f"unknown SDN_Type {sdn_type!r}; expected individual, vessel, aircraft or blank",
            source=str(path),
            line=line,
            field="SDN_Type",
        )
    entity = Entity(id=f"{list_id}:{ent_num}", list=list_id, source_id=ent_num, schema=schema)
    entity.add_name(name, NameKind.PRIMARY, detect_script(name))
    program = clean(row[3])
    if program:
        for item in re.split(r"\]\s*\[", program.strip("[] ")):
            if item.strip() and item.strip() not in entity.programs:
                entity.programs.append(item.strip())
    title = clean(row[4])
    if title:
        entity.positions.append(title)
    call_sign = clean(row[5])
    if call_sign:
        entity.identifiers.append(Identifier("call_sign", call_sign))
    for index, prop in ((6, "vessel_type"), (7, "tonnage"), (8, "gross_registered_tonnage")):
        value = clean(row[index])
        if value:
            entity.properties[prop] = [value]
    flag = clean(row[9])
    if flag:
        code = country_code(flag)
        entity.properties["flag"] = [code or flag]
        if code and code not in entity.countries:
            entity.countries.append(code)
    owner = clean(row[10])
    if owner:
        entity.relations.append(
            Relation("Ownership", "vessel owner", target_name=owner, source="Vess_owner")
        )
    return entity


def parse_set(fileset: FileSet, path: Path) -> ParsedList:
    """Parse a directory holding the set, the set's main file, or a lone main file."""
    if path.is_dir():
        directory = path
        main = _find(directory, fileset.main)
        if main is None:
            raise InputError(
                f"{fileset.main} is missing: the set needs its main file", source=str(path)
            )
        siblings = True
    else:
        directory = path.parent
        main = path
        siblings = path.name.lower() == fileset.main
    extra: dict[str, Path | None] = {
        kind: (_find(directory, getattr(fileset, kind)) if siblings else None)
        for kind in ("add", "alt", "comments")
    }
    raws: list[bytes] = [read_capped(main)]
    warnings: list[str] = []
    entities: dict[str, Entity] = {}
    remarks: dict[str, str] = {}
    for line, row in _rows(main, raws[0], 12):
        entity = _entity(fileset.list_id, row, main, line)
        if entity.source_id in entities:
            warnings.append(
                f"{main.name} line {line}: duplicate ent_num {entity.source_id} skipped"
            )
            continue
        entities[entity.source_id] = entity
        text = clean(row[11])
        if text:
            remarks[entity.source_id] = text

    comments = extra["comments"]
    if comments is not None:
        raw = read_capped(comments)
        raws.append(raw)
        for line, row in _rows(comments, raw, 2, eof_mark=False):
            ent = _ent_num(row[0], comments, line)
            more = row[1].strip()
            if ent not in entities:
                warnings.append(f"{comments.name} line {line}: unknown ent_num {ent} skipped")
            elif more and more != "-0-":
                # the continuation of a Remarks value cut at the field's length
                remarks[ent] = remarks.get(ent, "") + more
    for ent, text in remarks.items():
        apply_remarks(entities[ent], text)

    for extra_file, read in ((extra["alt"], _read_alt), (extra["add"], _read_add)):
        if extra_file is not None:
            raw = read_capped(extra_file)
            raws.append(raw)
            read(extra_file, raw, entities, warnings)

    if not siblings or (extra["alt"] is None and extra["add"] is None):
        warnings.append(
            f"{main.name} read without {fileset.alt}/{fileset.add}: strong aliases and "
            "addresses are not in the main file"
        )
    names = [main.name] + [p.name for p in (extra["comments"], extra["alt"], extra["add"]) if p]
    return ParsedList(
        list=fileset.list_id,
        format=fileset.format,
        source=", ".join(names),
        sha256=sha256_of(raws),
        entities=list(entities.values()),
        published_at=None,  # the legacy CSV files state no publication date
        warnings=warnings,
    )


def _known_rows(
    path: Path, raw: bytes, width: int, entities: dict[str, Entity], warnings: list[str]
) -> Iterator[tuple[Entity, list[str]]]:
    """The rows of a file of the set with the entity their ent_num names; a row naming no
    entity of the main file is reported and skipped."""
    for line, row in _rows(path, raw, width):
        ent = _ent_num(row[0], path, line)
        target = entities.get(ent)
        if target is None:
            warnings.append(f"{path.name} line {line}: unknown ent_num {ent} skipped")
            continue
        yield target, row


def _read_alt(alt: Path, raw: bytes, entities: dict[str, Entity], warnings: list[str]) -> None:
    """The alternate names file: each name with its kind (a.k.a., f.k.a., n.k.a.) and note."""
    for target, row in _known_rows(alt, raw, 5, entities, warnings):
        alt_type = (clean(row[2]) or "aka").lower()
        kind = _ALT_KINDS.get(alt_type, NameKind.ALIAS)
        alias = clean(row[3])
        if alias is None:
            continue
        target.add_name(alias, kind, detect_script(alias))
        note = clean(row[4])
        if note:
            target.properties.setdefault("alias_note", []).append(f"{alias}: {note}")


def _read_add(add: Path, raw: bytes, entities: dict[str, Entity], warnings: list[str]) -> None:
    """The addresses file: each address with its country, added to the entity's countries."""
    for target, row in _known_rows(add, raw, 6, entities, warnings):
        street, city, country_text, note = (clean(v) for v in row[2:6])
        parts = [p for p in (street, city, country_text) if p]
        if not parts:
            continue
        full = ", ".join(parts) + (f" ({note})" if note else "")
        country = country_code(country_text)
        target.addresses.append(Address(full, street, city, None, None, country))
        if country and country not in target.countries:
            target.countries.append(country)


def parse_sdn(path: Path) -> ParsedList:
    return parse_set(SDN_SET, path)


def parse_cons(path: Path) -> ParsedList:
    return parse_set(CONS_SET, path)


register(
    ListFormat(
        name=SDN_SET.format,
        list=SDN_SET.list_id,
        description="OFAC SDN list, legacy CSV (sdn.csv with add/alt/sdn_comments)",
        sniff=partial(_sniff, SDN_SET),
        parse=parse_sdn,
    )
)
register(
    ListFormat(
        name=CONS_SET.format,
        list=CONS_SET.list_id,
        description="OFAC consolidated (non-SDN) list, legacy CSV (cons_prim.csv with cons_*)",
        sniff=partial(_sniff, CONS_SET),
        parse=parse_cons,
    )
)

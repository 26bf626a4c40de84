"""UK HM Treasury / OFSI consolidated list in its pre-2022 CSV layout (``sanctionsconlist.csv``).

The file opens with ``Last Updated,dd/mm/yyyy`` (the publication date), then a 29-column header
(``Name 6, Name 1 … Name 5, Title, DOB, Town of Birth, Country of Birth, Nationality,
Passport Details, NI Number, Position, Address 1 … 6, Post/Zip Code, Country, Other
Information, Group Type, Alias Type, Regime, Listed On, Last Updated, Group ID``) and one row
per name, and per birth date of a name: the rows of one designation share its ``Group ID``,
which becomes the ``source_id`` (``uk_sanctions:13349``; the FCDO XML reader uses the newer
``UniqueID`` and keeps the group id as ``properties["ofsi_group_id"]``, as this reader does).
Read and tested on the published file of 2018-04-13 (9,487 rows, 2,106 designations, Windows-1252).

A group's rows are merged: ``Alias Type`` "Prime Alias" gives the primary name, "AKA" an alias
and "FKA" a former name (Name 1–5 are the given names, Name 6 the family or entity name); birth
dates (``00`` for an unknown day or month), places, nationalities (demonyms and enumerations
such as ``(1) Somali (2) Swedish``), addresses, positions, titles and regimes are united;
``listed_on`` is the earliest ``Listed On``. The free-text ``Passport Details`` and ``NI
Number`` are kept as written and give one identifier per document number found in them;
``Other Information`` is the remarks, and its UN reference, IMO and MMSI numbers are taken out.
An ``Entity`` whose information states a valid ship IMO number (check digit) is a ``Vessel``.

The layout has no record count or end marker: a file cut inside a row (the last line not
ending in a line break, a short row, an open quote, a missing ``Group ID``) is refused; a cut
exactly between two rows cannot be told from a shorter list.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from tradeguard.errors import InputError
from tradeguard.lists.common import clean, country_code, decode_text, read_capped, sha256_of
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Address, Entity, Identifier, NameKind, ParsedList
from tradeguard.lists.sources._japan import japanese_script
from tradeguard.lists.sources.uk_sanctions import uk_date

LIST_ID = "uk_sanctions"
COLUMNS: tuple[str, ...] = (
    "Name 6",
    *(f"Name {i}" for i in range(1, 6)),
    "Title",
    "DOB",
    "Town of Birth",
    "Country of Birth",
    "Nationality",
    "Passport Details",
    "NI Number",
    "Position",
    *(f"Address {i}" for i in range(1, 7)),
    "Post/Zip Code",
    "Country",
    "Other Information",
    "Group Type",
    "Alias Type",
    "Regime",
    "Listed On",
    "Last Updated",
    "Group ID",
)
# spellings of the list that the country helper does not know
_SPELLINGS = {"qatarian": "QA"}
_HEADER_START = b"Name 6,Name 1,Name 2"
SCHEMA_BY_TYPE = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
KIND_BY_ALIAS = {"prime alias": NameKind.PRIMARY, "aka": NameKind.ALIAS, "fka": NameKind.FORMER}

# "(1) ", "1) ", "(a) ", "a) ", "A) " — the enumerations the free-text fields use
_ENUMERATION = re.compile(r"\(?\b(?:\d{1,2}|[a-hA-H])\)\s*")
_UN_REF = re.compile(r"(?i:\bUN\s*Ref)\.?\s*:?\s*([A-Za-z]{2,3}\.[A-Za-z0-9]+(?:\.[0-9]+)*)")
_IMO = re.compile(r"\bIMO(?:\s+number)?\s*:?\s*\(?\s*(\d{7})\b", re.IGNORECASE)
_MMSI = re.compile(r"\bMMSI\s*:?\s*(\d{9})\b")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9/-]*")
_LEADING = re.compile(
    r"^(?:also\s+)?(?:believed\s+to\s+(?:hold|be)\s+)?(?:possibly\s+|in\s+)?", re.I
)
_TRAILING = re.compile(
    r"\s+(?:citizenship|citizen|nationals?|nationality|nationalities|by birth|as at|as of|"
    r"since|until|from)\b.*$",
    re.IGNORECASE,
)


def sniff(path: Path, head: bytes) -> bool:
    text = head.removeprefix(b"\xef\xbb\xbf")
    if text.startswith(b"Last Updated,"):
        text = text.partition(b"\n")[2]
    return text.startswith(_HEADER_START)


def is_ship_imo(number: str) -> bool:
    """A ship's IMO number: seven digits, the last the check digit (the first six weighted
    7..2, summed, modulo 10). IMO company numbers, also seven digits, fail it."""
    if len(number) != 7 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(number[6])


def country_of(text: str | None) -> str | None:
    """ISO alpha-2 code of a country or nationality as the list writes it ("Afghan",
    "Pakistan (as at Apr 2009)", "Kuwaiti citizenship", "In Syria as at June 2013")."""
    if not text:
        return None
    code = _SPELLINGS.get(text.lower()) or country_code(text)
    if code:
        return code
    bare = re.sub(r"\([^)]*\)?", " ", text)
    bare = _TRAILING.sub("", _LEADING.sub("", " ".join(bare.split()).strip(" .,;")))
    return country_code(bare) if bare else None


def pieces(text: str) -> list[str]:
    """The items of an enumerated free-text cell: ``(1) Somali (2) Swedish``, ``a) French, b)
    Tunisian``, ``DRC and Belgian nationalities``."""
    out: list[str] = []
    for part in _ENUMERATION.split(text):
        for item in re.split(r",|;|/|\.\s|\band\b", part):
            item = item.strip(" .")
            if item.startswith("(") and ")" not in item:
                item = item[1:].strip()
            if item.endswith(")") and "(" not in item:
                item = item[:-1].strip()
            if item.startswith("(") and item.endswith(")") and item.count("(") == 1:
                item = item[1:-1].strip()
            if item:
                out.append(item)
    return out


def document_numbers(text: str) -> list[tuple[str, str]]:
    """(number, the text it was found in) for each enumerated item of a passport or national
    id cell: the first token with five or more digits, joined to a one- or two-letter series
    written before it (``D 0001203`` -> ``D0001203``)."""
    found: list[tuple[str, str]] = []
    for part in _ENUMERATION.split(text):
        part = part.strip(" .,;")
        tokens = list(_TOKEN.finditer(part))
        for i, token in enumerate(tokens):
            if sum(c.isdigit() for c in token[0]) < 5:
                continue
            number = token[0].strip("/-")
            if i and re.fullmatch(r"[A-Z]{1,2}", tokens[i - 1][0]):
                gap = part[tokens[i - 1].end() : token.start()]
                if gap in (" ", "-", "/"):
                    number = tokens[i - 1][0] + number
            if number not in (n for n, _ in found):
                found.append((number, part))
            break
    return found


@dataclass
class _Group:
    group_id: str
    line: int
    rows: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)


def _add(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _entity(group: _Group, source: str, warnings: list[str]) -> Entity:
    first = group.rows[0][1]
    kind = (first["Group Type"] or "").lower()
    entity = Entity(
        id=f"{LIST_ID}:{group.group_id}",
        list=LIST_ID,
        source_id=group.group_id,
        schema=SCHEMA_BY_TYPE.get(kind, "LegalEntity"),
    )
    if kind not in SCHEMA_BY_TYPE:
        warnings.append(
            f"{source}: line {group.line}: Group Type {first['Group Type']!r} "
            f"of group {group.group_id} not recognised: read as LegalEntity"
        )
    entity.properties["ofsi_group_id"] = [group.group_id]
    named: list[tuple[str, NameKind]] = []
    listed: list[str] = []
    updated: list[str] = []
    remarks: list[str] = []
    for line, row in group.rows:
        whole = " ".join(p for p in (row[f"Name {i}"] for i in (1, 2, 3, 4, 5, 6)) if p)
        if whole:
            alias_type = (row["Alias Type"] or "").lower()
            named.append((whole, KIND_BY_ALIAS.get(alias_type, NameKind.ALIAS)))
        _add(entity.properties.setdefault("title", []), row["Title"])
        dob = row["DOB"]
        if dob:
            iso = uk_date(dob)
            if iso:
                _add(entity.birth_dates, iso)
            else:
                warnings.append(f"{source}: line {line}: DOB {dob!r} is not a dd/mm/yyyy date")
        place = ", ".join(p for p in (row["Town of Birth"], row["Country of Birth"]) if p)
        _add(entity.birth_places, place)
        _nationalities(entity, row["Nationality"], f"{source}: line {line}", warnings)
        _add(entity.positions, row["Position"])
        lines = [row[f"Address {i}"] for i in range(1, 7)]
        postal, country_name = row["Post/Zip Code"], row["Country"]
        full = ", ".join(p for p in [*lines, postal, country_name] if p)
        if full:
            code = country_of(country_name)
            present = [p for p in lines if p]
            address = Address(
                full, present[0] if present else None, present[-1] if len(present) > 1 else None,
                None, postal, code,
            )  # fmt: skip
            if address not in entity.addresses:
                entity.addresses.append(address)
            _add(entity.countries, code)
        regime = row["Regime"]
        _add(entity.programs, regime)
        for value, into in ((row["Listed On"], listed), (row["Last Updated"], updated)):
            iso = uk_date(value)
            if iso:
                into.append(iso)
        _add(remarks, row["Other Information"])
    for cell, id_type, prop in (
        ("Passport Details", "passport", "passport_details"),
        ("NI Number", "national_id", "national_id_details"),
    ):
        cells = [r[cell] for _, r in group.rows]
        for text in dict.fromkeys(c for c in cells if c):
            entity.properties.setdefault(prop, []).append(text)
            for number, context in document_numbers(text):
                identifier = Identifier(id_type, number, _document_country(context), context)
                if identifier not in entity.identifiers:
                    entity.identifiers.append(identifier)
    if not entity.properties["title"]:
        del entity.properties["title"]
    _add_names(entity, named)
    _remark_identifiers(entity, remarks)
    entity.remarks = "\n".join(remarks) or None
    entity.listed_on = min(listed) if listed else None
    if updated:
        entity.properties["last_updated"] = [max(updated)]
    return entity


def _nationalities(
    entity: Entity, nationality: str | None, where: str, warnings: list[str]
) -> None:
    """The nationalities of a row's cell; a text that names no country is kept and reported."""
    if not nationality:
        return
    for item in pieces(nationality):
        code = country_of(item)
        if code:
            _add(entity.nationalities, code)
        elif item.lower() not in _NOT_PLACES:
            texts = entity.properties.setdefault("nationality_text", [])
            if item not in texts:
                texts.append(item)
                warnings.append(f"{where}: nationality {item!r} not recognised")


def _remark_identifiers(entity: Entity, remarks: list[str]) -> None:
    """UN reference numbers, IMO numbers (a ship's or a company's) and MMSIs named in the
    remarks; an organisation with a ship's IMO number is a vessel."""
    for remark in remarks:
        for ref in _UN_REF.findall(remark):
            _add(entity.properties.setdefault("un_reference", []), ref)
        imos = [n for n in _IMO.findall(remark) if n]
        if imos and entity.schema == "Organization" and is_ship_imo(imos[0]):
            entity.schema = "Vessel"
        for number in imos:
            ship = is_ship_imo(number)
            identifier = Identifier(
                "imo" if ship else "registration", number, None,
                None if ship else "IMO company number",
            )  # fmt: skip
            if identifier not in entity.identifiers:
                entity.identifiers.append(identifier)
        for number in _MMSI.findall(remark):
            identifier = Identifier("mmsi", number)
            if identifier not in entity.identifiers:
                entity.identifiers.append(identifier)


def _add_names(entity: Entity, named: list[tuple[str, NameKind]]) -> None:
    """The first "Prime Alias" is the primary name (the first "AKA" when a group has none);
    further prime names are aliases, "FKA" names former names, names in their own script
    original-script names."""
    latin = [(v, k) for v, k in named if japanese_script(v) is None]
    primary = next((v for v, k in latin if k == NameKind.PRIMARY), None)
    if primary is None:
        primary = next((v for v, k in latin if k == NameKind.ALIAS), None)
    if primary is not None:
        entity.add_name(primary, NameKind.PRIMARY)
    for value, kind in named:
        if value == primary:
            continue
        script = japanese_script(value)
        if script is not None:
            entity.add_name(value, NameKind.ORIGINAL_SCRIPT, script)
        else:
            entity.add_name(value, NameKind.FORMER if kind == NameKind.FORMER else NameKind.ALIAS)


_NOT_PLACES = {"citizen", "citizenship", "national", "nationality", "nationalities", "dual"}


def _document_country(text: str) -> str | None:
    for group in re.findall(r"\(([^)]*)\)", text):
        code = country_of(group)
        if code:
            return code
    m = re.search(
        r"([A-Z][a-zA-Z-]+(?: [A-Z][a-zA-Z-]+)*)\s+"
        r"(?i:(?:diplomatic\s+)?(?:passport|national|identi|id\b|travel))",
        text,
    )
    return country_of(m[1]) if m else None


def _truncated(source: str, line: int, what: str) -> InputError:
    return InputError(f"{what}: the file is truncated or damaged", source=source, line=line)


def parse(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    text = decode_text(raw, source, ("utf-8-sig", "cp1252"))
    lines = text.count("\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError("NUL byte in the file", source=source, line=line)
    if not text.endswith("\n"):
        raise _truncated(source, lines + 1, "the last line does not end with a line break")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    published: str | None = None
    groups: dict[str, _Group] = {}
    header_seen = False
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if not header_seen:
                if line == 1 and row[0].strip() == "Last Updated":
                    published = uk_date(row[1] if len(row) > 1 else None)
                    if published is None or len(published) != 10:
                        raise InputError(
                            "expected 'Last Updated,dd/mm/yyyy'",
                            source=source,
                            line=1,
                            field="Last Updated",
                        )
                    continue
                header = tuple(cell.strip() for cell in row)
                if header != COLUMNS:
                    missing = [c for c in COLUMNS if c not in header]
                    raise InputError(
                        "not the OFSI consolidated list CSV header"
                        + (f" (missing {', '.join(missing)})" if missing else " (column order)"),
                        source=source,
                        line=line,
                    )
                header_seen = True
                continue
            if len(row) != len(COLUMNS):
                raise _truncated(source, line, f"{len(row)} fields, expected {len(COLUMNS)}")
            record = {name: clean(cell) for name, cell in zip(COLUMNS, row, strict=True)}
            group_id = record["Group ID"]
            if not group_id or not group_id.isdigit():
                raise InputError(
                    f"Group ID {group_id or ''!r} is not a number",
                    source=source,
                    line=line,
                    field="Group ID",
                )
            group = groups.setdefault(group_id, _Group(group_id, line))
            group.rows.append((line, record))
    except csv.Error as exc:
        raise _truncated(source, reader.line_num, f"malformed CSV ({exc})") from None
    if not header_seen:
        raise InputError("no header row found", source=source)
    warnings: list[str] = []
    entities: list[Entity] = []
    for group in groups.values():
        entity = _entity(group, source, warnings)
        if entity.names:
            entities.append(entity)
        else:
            warnings.append(
                f"{source}: line {group.line}: group {group.group_id} has no name: skipped"
            )
    return ParsedList(
        list=LIST_ID,
        format="uk-ofsi-csv",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=entities,
        published_at=published,
        warnings=warnings,
    )


FORMAT = register(
    ListFormat(
        name="uk-ofsi-csv",
        list=LIST_ID,
        description="UK HM Treasury / OFSI consolidated list, pre-2022 CSV",
        sniff=sniff,
        parse=parse,
    )
)

"""BIS Denied Persons List, the tab-delimited ``dpl.txt`` published by the US Commerce
Department's Bureau of Industry and Security.

The file has one line per (person, address): a denial order naming one party at three
addresses gives three lines. Lines with the same name and effective date are one entity.
There is no identifier in the file, so ``source_id`` is ``dpl:`` plus a hash of the upper-cased
name and the order's effective date: stable across versions of the file as long as BIS does not
rename the party or re-date the order. Entities go to their own list ``us_bis_dpl`` (the CSL
also carries the DPL as a sub-list, but loading dpl.txt must not replace the whole CSL version)
with programme "BIS Denied Persons List".
"""

from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

from tradeguard.errors import InputError
from tradeguard.lists.common import (
    check_csv_complete,
    clean,
    country_code,
    decode_text,
    iso_date,
    read_capped,
    sha256_of,
)
from tradeguard.lists.formats import ListFormat, register
from tradeguard.lists.model import Address, Entity, NameKind, ParsedList

LIST_ID = "us_bis_dpl"
PROGRAM = "BIS Denied Persons List"
COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)
REQUIRED = ("Name", "Street_Address", "City", "Country", "Effective_Date", "FR_Citation")


def sniff(path: Path, head: bytes) -> bool:
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace").lstrip("\ufeff")
    cols = {c.strip().strip('"') for c in first.split("\t")}
    return {"Name", "Effective_Date", "FR_Citation"} <= cols


def stable_id(name: str, effective: str | None) -> str:
    basis = f"{' '.join(name.upper().split())}|{effective or ''}"
    return "dpl:" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def parse(path: Path) -> ParsedList:
    raw = read_capped(path)
    source = str(path)
    text = decode_text(raw, source)
    if not text.strip():
        raise InputError("file is empty", source=source)
    check_csv_complete(text, source, delimiter="\t")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t")
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    for column in REQUIRED:
        if column not in header:
            raise InputError(
                "missing required column of the BIS Denied Persons List",
                source=source,
                line=1,
                field=column,
            )
    entities: dict[str, Entity] = {}
    warnings: list[str] = []
    try:
        for row in reader:
            line = reader.line_num
            name = clean(row.get("Name"))
            if not name:
                warnings.append(f"{source}: line {line}: row without a name skipped")
                continue
            effective = iso_date(clean(row.get("Effective_Date")))
            raw_effective = clean(row.get("Effective_Date"))
            if raw_effective and effective is None:
                raise InputError(
                    f"not a date: {raw_effective!r}",
                    source=source,
                    line=line,
                    field="Effective_Date",
                )
            sid = stable_id(name, effective)
            entity = entities.get(sid)
            if entity is None:
                entity = Entity(
                    id=f"{LIST_ID}:{sid}",
                    list=LIST_ID,
                    source_id=sid,
                    schema="LegalEntity",
                    programs=[PROGRAM],
                    listed_on=effective,
                    properties={"csl_source": [PROGRAM]},
                )
                entity.add_name(name, NameKind.PRIMARY)
                entities[sid] = entity
            street = clean(row.get("Street_Address"))
            city = clean(row.get("City"))
            state = clean(row.get("State"))
            postal = clean(row.get("Postal_Code"))
            ctry_text = clean(row.get("Country"))
            ctry = country_code(ctry_text)
            full = ", ".join(p for p in (street, city, state, postal, ctry_text) if p)
            if full:
                addr = Address(full, street, city, state, postal, ctry)
                if addr not in entity.addresses:
                    entity.addresses.append(addr)
            if ctry and ctry not in entity.countries:
                entity.countries.append(ctry)
            for key, value in (
                ("expiration_date", iso_date(clean(row.get("Expiration_Date")))),
                ("standard_order", clean(row.get("Standard_Order"))),
                ("last_update", iso_date(clean(row.get("Last_Update")))),
                ("action", clean(row.get("Action"))),
                ("federal_register_notice", clean(row.get("FR_Citation"))),
            ):
                if value:
                    values = entity.properties.setdefault(key, [])
                    if value not in values:
                        values.append(value)
    except csv.Error as exc:
        raise InputError(f"malformed file: {exc}", source=source, line=reader.line_num) from None
    return ParsedList(
        list=LIST_ID,
        format="bis-dpl-txt",
        source=path.name,
        sha256=sha256_of([raw]),
        entities=list(entities.values()),
        # The file states no publication date (its "Last_Update" column holds typos such as
        # 3033-09-30, so it is not used as one).
        published_at=None,
        warnings=warnings,
    )


FORMAT = register(
    ListFormat(
        name="bis-dpl-txt",
        list=LIST_ID,
        description="BIS Denied Persons List, tab-delimited dpl.txt",
        sniff=sniff,
        parse=parse,
    )
)

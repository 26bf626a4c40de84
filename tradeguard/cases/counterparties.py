"""The organisation's counterparties: the parties monitoring screens again and again.

``import_file`` reads a CSV or XLSX file (header row) or JSON (a list of objects) whose
rows are read as every face reads a row of parties (:mod:`tradeguard.screening.rows`: ``id``,
``name``, ``type``, ``countries``, ``birth_date``, ``identifiers``).
Each counterparty's screenable data has a digest; a changed digest means a changed party.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tradeguard import audit
from tradeguard.accounts.users import Actor
from tradeguard.cases.tables import CounterpartyRow
from tradeguard.errors import InputError, NotFoundError, RowError
from tradeguard.screening.rows import PartyRow, party_row

if TYPE_CHECKING:
    from tradeguard.store import Store

MAX_ROWS = 200_000
MAX_BYTES = 64 * 1024 * 1024
#: The first bytes of a zip archive's first member: an XLSX workbook.
ZIP_MAGIC = b"PK\x03\x04"


@dataclass(slots=True)
class Counterparty(PartyRow):
    """A party the organisation deals with: a row of parties, kept and screened again."""

    def data(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "schema": self.schema,
            "countries": self.countries,
            "birth_date": self.birth_date,
            "identifiers": self.identifiers,
        }

    def digest(self) -> str:
        return hashlib.sha256(audit.canonical_json(self.data()).encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, **self.data(), "digest": self.digest()}


def parse_record(raw: dict[str, Any], source: str, line: int | None) -> Counterparty:
    """The counterparty of one record, read as every face reads a row of parties
    (:func:`tradeguard.screening.rows.party_row`)."""
    row = party_row(raw, source=source, line=line)
    return Counterparty(
        row.id, row.name, row.schema, row.countries, row.birth_date, row.identifiers
    )


def parse_bytes(data: bytes, source: str) -> list[Counterparty]:
    """The counterparties of a CSV or JSON file, all or none: the first bad row refuses the
    file (an import stores every row or nothing)."""
    parties, bad = parse_rows(data, source)
    if bad:
        first = bad[0]
        raise InputError(first.message, source=source, line=first.line, field=first.field)
    return parties


@dataclass(frozen=True, slots=True)
class Upload:
    """A file of parties as read (:func:`read_upload`): its parties, the rows that are none,
    and the encoding its text was read in (None for a workbook) and whether it was detected
    (else the user gave it)."""

    parties: list[Counterparty]
    bad: list[RowError]
    encoding: str | None
    encoding_detected: bool


def parse_rows(data: bytes, source: str) -> tuple[list[Counterparty], list[RowError]]:
    """The parties and the bad rows of :func:`read_upload`, the encoding detected."""
    upload = read_upload(data, source)
    return upload.parties, upload.bad


def read_upload(data: bytes, source: str, encoding: str | None = None) -> Upload:
    """The counterparties of a CSV, XLSX or JSON file (told by content, not by name) and the
    rows that are not one (line, field, reason: no name, an unknown country, a birth date that
    is no date, a NUL character, an id seen before), for batch screening to screen the good
    rows and report the others. A CSV or JSON file's text is read in ``encoding`` (else the
    one detected: UTF-8, CP932 or CP949). A file that cannot be read as a whole (text not in
    the encoding, a row cut short, no header, a damaged workbook or one over the expansion
    caps) is refused."""
    if len(data) > MAX_BYTES:
        raise InputError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB", source=source)
    records, read_in = _records(data, source, encoding)
    if len(records) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS} counterparties in one file", source=source)
    out: list[Counterparty] = []
    bad: list[RowError] = []
    seen: set[str] = set()
    for line, raw in records:
        try:
            if not isinstance(raw, dict):
                raise InputError("expected an object", source=source, line=line)
            cp = parse_record(raw, source, line)
            if cp.id in seen:
                raise InputError(f"duplicate id {cp.id!r}", source=source, line=line, field="id")
        except InputError as exc:
            bad.append(RowError.of(exc, line))
            continue
        seen.add(cp.id)
        out.append(cp)
    return Upload(out, bad, read_in, encoding is None)


def _records(
    data: bytes, source: str, encoding: str | None = None
) -> tuple[list[tuple[int, Any]], str | None]:
    """(line, record) of each row of a file of counterparties: a workbook (told by its zip
    header) or CSV file read whole by the batch reader, or a JSON list of objects; and the
    encoding of the file's text (None for a workbook)."""
    from tradeguard.tabular.read import LINE, decode_text, read_csv_bytes, read_workbook_bytes

    read_in = None
    if data.startswith(ZIP_MAGIC):  # an XLSX workbook is a zip archive
        if encoding is not None:
            raise InputError(
                "an encoding is given for CSV and JSON files only, not for a workbook",
                source=source,
                field="encoding",
            )
        # read whole or refused as a workbook of a batch: caps, sheet, header, field size
        table = read_workbook_bytes(data, source, ("name",), nul_in_rows=True, max_rows=MAX_ROWS)
    else:
        text, read_in = decode_text(data, source, encoding)
        if text.lstrip().startswith(("[", "{")):
            return _json_records(text, source), read_in
        # read whole or refused as a batch file: header, field count, line break, field size
        table = read_csv_bytes(data, source, ("name",), nul_in_rows=True, encoding=read_in)
    rows = [(raw.pop(LINE), raw) for batch in table.to_batches() for raw in batch.to_pylist()]
    return rows, read_in


def _json_records(text: str, source: str) -> list[tuple[int, Any]]:
    try:
        rows = json.loads(text)
    except (ValueError, RecursionError):
        raise InputError("the file is not valid JSON", source=source) from None
    if isinstance(rows, dict):
        rows = rows.get("counterparties")
    if not isinstance(rows, list):
        raise InputError("expected a JSON list of counterparties", source=source)
    return list(enumerate(rows, 1))


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import of counterparties did: how many were new, changed or the same."""

    source: str
    added: int
    changed: int
    unchanged: int
    total: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "total": self.total,
        }


def import_counterparties(
    store: Store, actor: Actor, parties: list[Counterparty], source: str
) -> ImportSummary:
    """Insert new counterparties and update changed ones; returns counts."""
    actor.require("counterparties")
    added = changed = unchanged = 0
    now = datetime.now(UTC)
    with store.session() as session, session.begin():
        existing = {row.id: row for row in session.execute(select(CounterpartyRow)).scalars()}
        for cp in parties:
            digest = cp.digest()
            row = existing.get(cp.id)
            if row is None:
                session.add(
                    CounterpartyRow(
                        id=cp.id,
                        name=cp.name,
                        schema=cp.schema,
                        data=audit.canonical_json(cp.data()),
                        digest=digest,
                        updated_at=now,
                    )
                )
                added += 1
            elif row.digest != digest:
                row.name, row.schema = cp.name, cp.schema
                row.data, row.digest, row.updated_at = audit.canonical_json(cp.data()), digest, now
                changed += 1
            else:
                unchanged += 1
        summary = ImportSummary(source, added, changed, unchanged, len(parties))
        audit.append(
            session, actor.name, "counterparties.import", "counterparties", summary.to_dict()
        )
    return summary


def import_file(store: Store, actor: Actor, path: Path) -> ImportSummary:
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    return import_counterparties(store, actor, parse_bytes(data, path.name), path.name)


def _from_row(row: CounterpartyRow) -> Counterparty:
    data = json.loads(row.data)
    return Counterparty(
        id=row.id,
        name=data["name"],
        schema=data.get("schema"),
        countries=list(data.get("countries", [])),
        birth_date=data.get("birth_date"),
        identifiers=list(data.get("identifiers", [])),
    )


def list_counterparties(store: Store, limit: int = 100, offset: int = 0) -> list[Counterparty]:
    with store.session() as session:
        rows = session.execute(
            select(CounterpartyRow).order_by(CounterpartyRow.id).limit(limit).offset(offset)
        ).scalars()
        return [_from_row(r) for r in rows]


def get_counterparty(store: Store, counterparty_id: str) -> Counterparty:
    with store.session() as session:
        row = session.get(CounterpartyRow, counterparty_id)
        if row is None:
            raise NotFoundError(f"no counterparty {counterparty_id!r}")
        return _from_row(row)

"""The organisation's counterparties: the parties monitoring screens again and again.

``import_file`` reads a CSV (header row) or JSON (a list of objects) with the fields ``id``,
``name`` and optionally ``type`` (Person, Organization, Company, Vessel ...), ``countries``
(ISO alpha-2, ``;``-separated in CSV), ``birth_date`` and ``identifiers`` (``;``-separated).
Each counterparty's screenable data has a digest; a changed digest means a changed party.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tradeguard import audit
from tradeguard.accounts.users import Actor
from tradeguard.cases.tables import CounterpartyRow
from tradeguard.errors import InputError, NotFoundError
from tradeguard.screening.model import birth_date as query_birth_date

if TYPE_CHECKING:
    from tradeguard.store import Store

MAX_ROWS = 200_000
MAX_BYTES = 64 * 1024 * 1024
SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")


@dataclass(slots=True)
class Counterparty:
    id: str
    name: str
    schema: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_date: str | None = None
    identifiers: list[str] = field(default_factory=list)

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


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace(",", ";").split(";") if v.strip()]


def parse_record(raw: dict[str, Any], source: str, line: int | None) -> Counterparty:
    def get(*keys: str) -> Any:
        for key in keys:
            if key in raw and raw[key] not in (None, ""):
                return raw[key]
        return None

    ident = get("id", "external_id", "counterparty_id")
    name = get("name")
    if ident is None:
        raise InputError("missing id", source=source, line=line, field="id")
    if not isinstance(name, str) or not name.strip():
        raise InputError("missing name", source=source, line=line, field="name")
    ident = str(ident).strip()
    if len(ident) > 200:
        raise InputError("an id has at most 200 characters", source=source, line=line, field="id")
    if len(name) > 1000:
        raise InputError(
            "a name has at most 1000 characters", source=source, line=line, field="name"
        )
    schema = get("type", "schema")
    if schema is not None:
        match = [s for s in SCHEMAS if s.lower() == str(schema).strip().lower()]
        if not match:
            raise InputError(
                f"unknown type {schema!r}; expected one of {', '.join(SCHEMAS)}",
                source=source,
                line=line,
                field="type",
            )
        schema = match[0]
    countries = []
    for code in _split(get("countries", "country")):
        if len(code) != 2 or not code.isalpha():
            raise InputError(
                f"{code!r} is not an ISO 3166-1 alpha-2 country code",
                source=source,
                line=line,
                field="countries",
            )
        countries.append(code.upper())
    birth = get("birth_date", "dob")
    try:
        # refused here, as screening would refuse it at every monitoring run
        birth = query_birth_date(None if birth is None else str(birth), "birth_date")
    except InputError as exc:
        raise InputError(exc.message, source=source, line=line, field="birth_date") from None
    return Counterparty(
        id=ident,
        name=" ".join(name.split()),
        schema=schema,
        countries=countries,
        birth_date=birth,
        identifiers=_split(get("identifiers", "identifier")),
    )


def parse_bytes(data: bytes, source: str) -> list[Counterparty]:
    if len(data) > MAX_BYTES:
        raise InputError(f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB", source=source)
    from tradeguard.tabular.read import LINE, decode_utf8, read_csv_bytes

    text = decode_utf8(data, source)
    out: list[Counterparty] = []
    if text.lstrip().startswith(("[", "{")):
        try:
            rows = json.loads(text)
        except (ValueError, RecursionError):
            raise InputError("the file is not valid JSON", source=source) from None
        if isinstance(rows, dict):
            rows = rows.get("counterparties")
        if not isinstance(rows, list):
            raise InputError("expected a JSON list of counterparties", source=source)
        for i, raw in enumerate(rows, 1):
            if not isinstance(raw, dict):
                raise InputError("expected an object", source=source, line=i)
            out.append(parse_record(raw, source, i))
    else:
        # read whole or refused as a batch file: header, field count, line break, field size
        for batch in read_csv_bytes(data, source, ("name",)).to_batches():
            for raw in batch.to_pylist():
                out.append(parse_record(raw, source, raw.pop(LINE)))
    if len(out) > MAX_ROWS:
        raise InputError(f"more than {MAX_ROWS} counterparties in one file", source=source)
    seen: set[str] = set()
    for cp in out:
        if cp.id in seen:
            raise InputError(f"duplicate id {cp.id!r}", source=source, field="id")
        seen.add(cp.id)
    return out


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

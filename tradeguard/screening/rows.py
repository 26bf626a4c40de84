"""One row of a file of parties, read the same way on every face: the command line's
``screen-batch``, the batch uploads of the API and the web, and the counterparty files that
monitoring screens again and again.

A row has ``id`` (or ``external_id``, ``counterparty_id``), ``name`` and optionally ``type``
(or ``schema``: Person, Organization, Company, LegalEntity, Vessel, Airplane, or their Japanese
and Korean words), ``country`` (or
``countries``: codes or names, several separated by ``;``), ``birth_date`` (or ``dob``; also
as Japanese and Korean spreadsheets write dates, :mod:`tradeguard.tabular.values`) and
``identifier`` (or ``identifiers``, several separated by ``;``). A row without a name is
screened by its identifiers; a row with neither is refused. Every refusal is an
:class:`~tradeguard.errors.InputError` naming the field as the file names it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tradeguard.countries import resolve_countries
from tradeguard.errors import InputError
from tradeguard.screening.model import Query, birth_date
from tradeguard.tabular.values import FORMS, cell_key, local_date, type_words

SCHEMAS = ("Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
MAX_ID = 200
MAX_NAME = 1000
#: the key a table reader sets on a row it could not read whole (the row's own fault)
ROW_ERROR = "__error__"


@dataclass(slots=True)
class PartyRow:
    """The screenable data of one row."""

    id: str
    name: str
    schema: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_date: str | None = None
    identifiers: list[str] = field(default_factory=list)

    def query(self) -> Query:
        return Query(
            self.name, self.schema, list(self.countries), self.birth_date, list(self.identifiers)
        )


def _present(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list):
        return any(_present(v) for v in value)
    return True


def _get(raw: Mapping[str, Any], *keys: str) -> tuple[str, Any]:
    """The first of ``keys`` the row has a value for, and that value (the first key and None
    when it has none): the field an error names, as the file names it."""
    for key in keys:
        if _present(raw.get(key)):
            return key, raw[key]
    return keys[0], None


def _split(value: Any) -> list[str]:
    """The parts of a ``;``-separated text, or the items of a JSON list."""
    if value is None:
        return []
    parts = value if isinstance(value, list) else str(value).split(";")
    return [str(p).strip() for p in parts if str(p).strip()]


def _schema(value: Any) -> str | None:
    """The type a cell names: an English type name in any case, or its Japanese or Korean
    word (個人, 法人, 단체 …: ``tradeguard/data/tabular/column_headers.yaml``)."""
    if value is None:
        return None
    word = cell_key(str(value))
    found = [s for s in SCHEMAS if s.lower() == word] or [
        s for s in SCHEMAS if type_words().get(word) == s
    ]
    if not found:
        raise InputError(
            f"unknown type {str(value).strip()!r}; expected one of {', '.join(SCHEMAS)} "
            "(or 個人, 団体, 会社, 法人, 船舶, 航空機 / 개인, 단체, 회사, 법인, 선박, 항공기)",
            field="type",
        )
    return found[0]


def _birth_date(value: Any, field: str) -> str | None:
    """A cell's date of birth, also as Japanese and Korean spreadsheets write it; an error
    quotes the cell as written, not as read."""
    if value is None:
        return None
    written = str(value).strip()
    read = local_date(written, field)
    try:
        return birth_date(read, field)
    except InputError as exc:
        if "is not YYYY" in exc.message:
            message = f"birth date {written!r} is not a date this reads ({FORMS})"
        else:
            message = exc.message.replace(repr(read), repr(written))
        raise InputError(message, field=field) from None


def _parse(raw: Mapping[str, Any]) -> PartyRow:
    if ROW_ERROR in raw:
        raise InputError(str(raw[ROW_ERROR]))
    for key, value in raw.items():
        if isinstance(value, str) and "\x00" in value:
            raise InputError("contains a NUL character (U+0000), which no text may hold", field=key)
    where, ident = _get(raw, "id", "external_id", "counterparty_id")
    if ident is None:
        raise InputError("missing id", field="id")
    row_id = str(ident).strip()
    if len(row_id) > MAX_ID:
        raise InputError(f"an id has at most {MAX_ID} characters", field=where)
    where, name = _get(raw, "name")
    text = "" if name is None else " ".join(str(name).split())
    if len(text) > MAX_NAME:
        raise InputError(f"a name has at most {MAX_NAME} characters", field=where)
    _, ids = _get(raw, "identifier", "identifiers")
    identifiers = _split(ids)
    if not text and not identifiers:
        raise InputError("missing name", field="name")
    where, schema = _get(raw, "type", "schema")
    try:
        kind = _schema(schema)
    except InputError as exc:
        raise InputError(exc.message, field=where) from None
    where, country = _get(raw, "country", "countries")
    countries: list[str] = []
    for part in _split(country):  # each part a code, a name (with its comma) or "JP, CN"
        countries.extend(resolve_countries(part, field=where))
    where, birth = _get(raw, "birth_date", "dob")
    born = _birth_date(birth, where)
    return PartyRow(row_id, text, kind, list(dict.fromkeys(countries)), born, identifiers)


def party_row(
    raw: Mapping[str, Any], *, source: str | None = None, line: int | None = None
) -> PartyRow:
    """The party of one row; raises :class:`~tradeguard.errors.InputError` naming the source,
    the line and the field at fault."""
    try:
        return _parse(raw)
    except InputError as exc:
        raise InputError(
            exc.message, source=source or exc.source, line=line or exc.line, field=exc.field
        ) from None

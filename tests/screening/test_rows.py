"""One parser for a row of parties: the CLI's screen-batch (``row_query``) and the uploads and
counterparty files (``parse_record``) read every row alike and refuse the same rows with the
same field and reason."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.cases.counterparties import parse_record
from tradeguard.errors import InputError
from tradeguard.screening.batch import row_query
from tradeguard.screening.rows import party_row

GOOD: list[tuple[dict[str, Any], dict[str, Any]]] = [
    (
        {"id": "C1", "name": "  Korea   Ryonbong General Corporation ", "country": "KP"},
        {"name": "Korea Ryonbong General Corporation", "countries": ["KP"], "schema": None},
    ),
    (
        {"id": "C2", "name": "Kim Jong Sik", "type": "person", "dob": "1969", "countries": "KP"},
        {"schema": "Person", "birth_date": "1969", "countries": ["KP"]},
    ),
    (  # a country's name with a comma stays one country; names in Japanese and Korean
        {"id": "C3", "name": "Hanbit", "countries": "Korea, Republic of; 日本; 북한"},
        {"countries": ["KR", "JP", "KP"]},
    ),
    (  # no name, screened by its identifiers
        {"id": "C4", "name": "", "identifier": "IMO 9000001; 5020123456"},
        {"name": "", "identifiers": ["IMO 9000001", "5020123456"]},
    ),
    (  # a JSON record: lists and the other spellings of the keys
        {"external_id": 7, "name": "Acme", "schema": "Company", "countries": ["JP", "CN"]},
        {"countries": ["JP", "CN"], "schema": "Company"},
    ),
]

BAD: list[tuple[dict[str, Any], str, str]] = [
    ({"id": "B1", "name": "Acme\x00"}, "name", "NUL"),
    ({"id": "B2", "name": " "}, "name", "missing name"),
    ({"name": "Acme"}, "id", "missing id"),
    ({"id": "x" * 201, "name": "Acme"}, "id", "at most 200"),
    ({"id": "B5", "name": "Acme", "country": "Narnia"}, "country", "Narnia"),
    ({"id": "B6", "name": "Acme", "countries": "XX"}, "countries", "XX"),
    ({"id": "B7", "name": "Acme", "dob": "1960-13-45"}, "dob", "1960-13-45"),
    ({"id": "B8", "name": "Acme", "type": "Ship"}, "type", "unknown type 'Ship'"),
    ({"id": "B9", "name": "Acme", "schema": "Ship"}, "schema", "unknown type 'Ship'"),
]


@pytest.mark.parametrize(("raw", "expected"), GOOD)
def test_every_face_reads_a_row_alike(raw: dict[str, Any], expected: dict[str, Any]) -> None:
    row_id, query = row_query(dict(raw))
    counterparty = parse_record(dict(raw), "parties.csv", 2)
    assert row_id == counterparty.id == str(raw.get("id", raw.get("external_id")))
    assert query.name == counterparty.name
    assert query.schema == counterparty.schema
    assert query.countries == counterparty.countries
    assert query.birth_date == counterparty.birth_date
    assert query.identifiers == counterparty.identifiers
    for key, value in expected.items():
        assert getattr(query, key) == value, key


@pytest.mark.parametrize(("raw", "field", "reason"), BAD)
def test_every_face_refuses_a_bad_row_alike(raw: dict[str, Any], field: str, reason: str) -> None:
    with pytest.raises(InputError) as cli:
        row_query(dict(raw))
    with pytest.raises(InputError) as upload:
        parse_record(dict(raw), "parties.csv", 4)
    assert cli.value.field == upload.value.field == field
    assert cli.value.message == upload.value.message
    assert reason in cli.value.message
    assert (upload.value.source, upload.value.line) == ("parties.csv", 4)


TEXT = st.one_of(st.none(), st.text(max_size=30), st.integers(), st.lists(st.text(max_size=8)))
KEYS = st.sampled_from(["id", "name", "type", "country", "countries", "dob", "identifier"])


@given(st.dictionaries(KEYS, TEXT, max_size=7))
def test_any_row_is_read_or_refused_with_a_field(raw: dict[str, Any]) -> None:
    try:
        row = party_row(raw, source="f.csv", line=3)
    except InputError as exc:
        assert exc.line == 3 and exc.source == "f.csv" and exc.message
        return
    assert row.id and (row.name or row.identifiers)
    assert "\x00" not in row.name

"""Queries and list names too short to mean anything are refused or not indexed."""

from __future__ import annotations

import pytest

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, Name, NameKind
from tradeguard.screening import Query, Screener


def _screener() -> Screener:
    person = Entity("custom:1", "custom", "1", "Person")
    person.names = [Name("AHMED KHALFAN GHAILANI"), Name("A", NameKind.ALIAS)]
    return Screener.from_entities([person])


def test_one_character_query_is_refused() -> None:
    with pytest.raises(InputError, match="single letter"):
        _screener().screen(Query("A"))


def test_one_character_list_name_is_not_indexed() -> None:
    matches = _screener().screen(Query("A B"), threshold=0.5)
    assert all(m.matched_name != "A" for m in matches)


def test_empty_schema_means_any_schema() -> None:
    matches = _screener().screen(Query("Ahmed Khalfan Ghailani", schema=""))
    assert matches and matches[0].entity_id == "custom:1"

"""Property-based tests of every operation in the published OpenAPI spec: whatever schemathesis
generates, the server answers with a documented status and content type, never a 5xx."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..conftest import FIXTURES, _reset_postgres
from .conftest import Api, make_api

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
#: No network in tests: the publishers' servers are never fetched from here.
#: POST /logout revokes the token the run itself uses (tested in test_accounts_api).
SKIP = {("POST", "/lists/update"), ("POST", "/logout")}


@pytest.fixture
def fuzz_api(sqlite_store: Store) -> Iterator[Api]:
    sqlite_store.load(
        parse_path(FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml")
    )
    yield from make_api(sqlite_store)


def test_openapi_operations(fuzz_api: Api) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzz_api.client.app)
    tested: list[str] = []
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        token = fuzz_api.tokens["rob" if operation.path.endswith("/review") else "adam"]
        headers = {"Authorization": f"Bearer {token}"}

        name = f"{operation.method.upper()} {operation.path}"
        try:
            _fuzz(operation, headers)
        except Exception as exc:
            failures.append(f"{name}: {exc}")
        tested.append(name)
    assert not failures, "\n\n".join(failures)
    assert len(tested) >= 30


def _fuzz(
    operation: schemathesis.APIOperation,
    headers: dict[str, str],
    checks: list[Any] = CHECKS,
    examples: int = 8,
) -> None:
    @given(case=operation.as_strategy())
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(headers=headers, checks=checks)

    run()


@pytest.fixture
def postgres_fuzz_api(postgres_server_url: str) -> Iterator[Api]:
    _reset_postgres(postgres_server_url)
    store = Store.open(postgres_server_url)
    store.load(parse_path(FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"))
    try:
        yield from make_api(store)
    finally:
        store.close()


@pytest.mark.postgres
def test_no_server_error_on_postgres(postgres_fuzz_api: Api) -> None:
    """PostgreSQL refuses what SQLite stores (NUL characters, strings longer than a column,
    integers beyond 32 bits): valid and invalid inputs (NUL bytes allowed, lengths and
    ranges broken) never get a 5xx."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", postgres_fuzz_api.client.app)
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], allow_x00=True, codec="utf-8"
    )
    failures: list[str] = []
    tested = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIP:
            continue
        token = postgres_fuzz_api.tokens["rob" if operation.path.endswith("/review") else "adam"]
        try:
            _fuzz(operation, {"Authorization": f"Bearer {token}"}, [not_a_server_error], 6)
        except Exception as exc:
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
        tested += 1
    assert not failures, "\n\n".join(failures)
    assert tested >= 30

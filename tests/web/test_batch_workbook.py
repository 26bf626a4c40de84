"""A workbook uploaded to the batch page is read to its last row, whatever its sheet claims."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.tabular.workbooks import understated_workbook
from tradeguard import jobs
from tradeguard.store import Store

from .helpers import log_in, page_client

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def test_rows_past_an_understated_dimension_are_screened(
    client: TestClient, loaded_store: Store
) -> None:
    names = ["Acme Trading", "Korea Ryonbong General Corporation", "Mikron JSC", "Tokyo Tools"]
    book = understated_workbook([["id", "name"], *([str(n), name] for n, name in enumerate(names))])
    csrf = log_in(client)
    r = client.post(
        "/ui/batch",
        data={"csrf": csrf},
        files={"file": ("parties.xlsx", book, XLSX)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    job_id = r.headers["location"].rsplit("/", 1)[1]
    assert jobs.get_job(loaded_store, job_id).total == len(names)


def test_a_refused_workbook_is_named_as_uploaded(client: TestClient) -> None:
    book = understated_workbook([["id", "nom"], ["1", "Acme Trading"]])  # no name column
    csrf = log_in(client)
    r = client.post(
        "/ui/batch",
        data={"csrf": csrf},
        files={"file": ("badhdr.xlsx", book, XLSX)},
        follow_redirects=False,
    )
    assert r.status_code == 422
    assert "badhdr.xlsx" in r.text and "badhdr.csv" not in r.text

"""The web download of batch results: no formula reaches the spreadsheet that opens it."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard import jobs
from tradeguard.store import Store
from tradeguard.tabular.write import FORMULA_STARTS

from ..cases.helpers import PASSWORD
from .helpers import page_client

LINK = '=HYPERLINK("http://evil.example/","KOREA RYONBONG")'


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def test_batch_download_neutralises_formulas(client: TestClient, loaded_store: Store) -> None:
    job_id = jobs.create_job(loaded_store, "screen.batch", 2, "ana")
    match = {
        "entity_id": "un_sc:KPe.029",
        "list": "un_sc",
        "caption": "@KOREA RYONBONG GENERAL CORPORATION",
        "matched_name": "=cmd|' /C calc'!A0",
        "score": 0.97,
    }
    jobs.finish(
        loaded_store,
        job_id,
        [
            {"id": "-7", "query": {"name": LINK}, "matches": [match]},
            {"id": "8", "query": {"name": "+81 Trading"}, "matches": []},
        ],
    )
    r = client.post("/ui/login", data={"username": "ana", "password": PASSWORD})
    assert r.status_code == 200
    r = client.get(f"/ui/batch/{job_id}/download.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    _header, *rows = list(csv.reader(io.StringIO(r.text, newline="")))
    assert all(not c.startswith(FORMULA_STARTS) for row in rows for c in row)
    assert rows[0][:2] == ["'-7", "'" + LINK]
    assert rows[0][4:7] == ["'@KOREA RYONBONG GENERAL CORPORATION", "'=cmd|' /C calc'!A0", "0.97"]
    assert rows[1][:2] == ["8", "'+81 Trading"]

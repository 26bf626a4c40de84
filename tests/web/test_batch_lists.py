"""A batch job records the lists it screened against (each list's version id, publication date
and sha256) when it starts, and shows them on its page, in its CSV, in the API and in its audit
record, as a single screening does, so that its result can be reproduced and audited later. On
the bundled snapshot of real lists."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard import audit, jobs
from tradeguard.language import i18n
from tradeguard.lists.consequences import list_info
from tradeguard.store import Store

from ..cases.helpers import token
from .helpers import log_in, page_client

PARTIES = b"id,name\n1,Korea Ryonbong General Corporation\n2,Tokyo Office Furniture KK\n"


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def _finished(job_id: str) -> None:
    """Wait for the job's thread to end (a join, not a pause)."""
    for thread in threading.enumerate():
        if thread.name == f"screen-batch-{job_id}":
            thread.join()


def test_a_batch_job_keeps_and_shows_its_lists(client: TestClient, loaded_store: Store) -> None:
    versions = {v.list: v for v in loaded_store.current_versions()}
    assert versions
    csrf = log_in(client)
    r = client.post(
        "/ui/batch",
        data={"csrf": csrf},
        files={"file": ("parties.csv", PARTIES, "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    job_id = r.headers["location"].rsplit("/", 1)[1]
    _finished(job_id)
    job = jobs.get_job(loaded_store, job_id)
    assert job.status == "done" and job.lists is not None
    assert {x["list"]: (x["version_id"], x["sha256"]) for x in job.lists} == {
        name: (v.id, v.sha256) for name, v in versions.items()
    }
    # the audit record of the job names them too
    [record] = audit.records(loaded_store, subject=f"job:{job_id}", action="screen.batch")
    assert record.payload["request"]["lists"] == job.lists
    # the API
    bearer = {"Authorization": f"Bearer {token(loaded_store, 'ana').token}"}
    answer = client.get(f"/jobs/{job_id}", headers=bearer).json()
    assert answer["lists"] == job.lists
    # the page, in each language: every list by its name
    for lang in ("en", "ja"):
        client.cookies.set("tg_lang", lang)
        page = client.get(f"/ui/batch/{job_id}").text
        said = page.split('id="job-lists">', 1)[1].split("</p>", 1)[0]
        for name in versions:
            assert list_info(name).name(lang) in said, (lang, name)
        token_ = i18n.use(lang)
        try:
            assert i18n.gettext("Screened against: %(lists)s").split("%(lists)s")[0] in said
        finally:
            i18n.reset(token_)
    # the CSV: each row names the lists screened against, a match its list's version
    text = client.get(f"/ui/batch/{job_id}/download.csv").text
    header, *rows = list(csv.reader(io.StringIO(text, newline="")))
    assert header[-2:] == ["list_version_id", "screened_against"]
    against = rows[0][-1]
    for name, v in versions.items():
        assert f"{name}:{v.id}:" in against
    hit = next(row for row in rows if row[3])
    assert hit[-2] == str(versions[hit[3]].id)
    assert all(row[-1] == against for row in rows)


def test_a_job_made_before_says_its_lists_are_not_recorded(
    client: TestClient, loaded_store: Store
) -> None:
    job_id = jobs.create_job(loaded_store, "screen.batch", 0, "ana")
    jobs.finish(loaded_store, job_id, [])
    log_in(client)
    page = client.get(f"/ui/batch/{job_id}").text
    assert "were not recorded" in page.split('id="job-lists">', 1)[1]

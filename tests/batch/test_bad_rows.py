"""Bad rows, settled one way on every face: the same file of real parties plus one row for
each kind of fault (a NUL character, no name, an unknown country, a birth date that is no
date) is screened by ``screen-batch`` in process and on a Dask cluster, by the API's batch
job and by the batch page. Each screens the good rows, names every bad row with the same
line, field and reason, and signals the failure: exit code 2, ``bad_rows`` in the job, the
page's table of the rows not screened."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client
from fastapi.testclient import TestClient

from tests.api.conftest import Api, make_api
from tests.cli import tg
from tests.conftest import FIXTURES
from tests.threads import finish_job
from tests.web.helpers import log_in, page_client
from tradeguard.cases import counterparties as cps
from tradeguard.errors import InputError
from tradeguard.screening import batch as screening_batch
from tradeguard.store import Store

PARTIES = FIXTURES / "docs/parties.csv"  # header, then five real parties on lines 2 to 6
BAD_ROWS = (
    "6,Korea Ryon\x00bong General Corporation,Organization,KP,,\n"
    "7,,Organization,KP,,\n"
    "8,Korea Tangun Trading Corporation,Organization,Narnia,,\n"
    "9,Jong-sik Kim,Person,KP,1960-13-45,\n"
)
#: (line, field) of each bad row, in file order
WHERE = [(7, "name"), (8, "name"), (9, "country"), (10, "birth_date")]
GOOD_IDS = {"1", "2", "3", "4", "5"}


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "parties.csv"
    path.write_text(PARTIES.read_text(encoding="utf-8") + BAD_ROWS, encoding="utf-8")
    return path


def _where(rows: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(r["line"], r["field"]) for r in rows]


def _reasons(rows: list[dict[str, Any]]) -> list[str]:
    return [r["message"] for r in rows]


def _ids(path: Path) -> set[str]:
    return {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}


@pytest.fixture
def in_process(loaded_home: Path, tmp_path: Path) -> dict[str, Any]:
    """The in-process run's JSON (the reference the other faces are held to)."""
    out = tmp_path / "in-process.jsonl"
    run = tg("screen-batch", _file(tmp_path), "-o", out, "--json", home=loaded_home)
    assert run.returncode == 2, run.stderr
    assert _ids(out) == GOOD_IDS
    summary: dict[str, Any] = json.loads(run.stdout)
    summary["stderr"] = run.stderr
    return summary


def test_cli_in_process(in_process: dict[str, Any]) -> None:
    assert in_process["rows"] == 9 and in_process["screened"] == 5
    assert _where(in_process["bad_rows"]) == WHERE
    reasons = _reasons(in_process["bad_rows"])
    assert "NUL" in reasons[0] and reasons[1] == "missing name"
    assert "Narnia" in reasons[2] and "1960-13-45" in reasons[3]
    assert "line 9, field 'country': unknown country 'Narnia'" in in_process["stderr"]
    assert "4 of 9 rows were not screened" in in_process["stderr"]


def test_cli_on_a_cluster(
    in_process: dict[str, Any], client: Client, loaded_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "cluster.jsonl"
    address = str(client.scheduler_info()["address"])
    run = tg(
        "screen-batch", _file(tmp_path), "-o", out, "--cluster", address, "--json", home=loaded_home
    )
    assert run.returncode == 2, run.stderr  # as in process: a row not screened fails the run
    assert json.loads(run.stdout)["errors"] == in_process["bad_rows"]
    assert _ids(out) == GOOD_IDS
    assert "4 of 9 rows were not screened" in run.stderr


@pytest.fixture
def api(loaded_store: Store) -> Iterator[Api]:
    yield from make_api(loaded_store)


def test_api_batch_job(api: Api, in_process: dict[str, Any], tmp_path: Path) -> None:
    data = _file(tmp_path).read_bytes()
    h = api.auth("ana")
    r = api.client.post("/screen/batch", files={"file": ("parties.csv", data)}, headers=h)
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["total"] == 5 and job["bad_rows"] == in_process["bad_rows"]
    finish_job(job["id"])
    done = api.client.get(f"/jobs/{job['id']}/result", headers=h).json()
    assert done["status"] == "done" and done["bad_rows"] == in_process["bad_rows"]
    assert {row["id"] for row in done["result"]} == GOOD_IDS
    assert api.client.get(f"/jobs/{job['id']}", headers=h).json()["bad_rows"] == job["bad_rows"]


@pytest.fixture
def pages(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def test_batch_page(pages: TestClient, in_process: dict[str, Any], tmp_path: Path) -> None:
    csrf = log_in(pages)
    data = _file(tmp_path).read_bytes()
    r = pages.post(
        "/ui/batch",
        data={"csrf": csrf},
        files={"file": ("parties.csv", data, "text/csv")},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text[:500]
    job_url = r.headers["location"]
    finish_job(job_url.rsplit("/", 1)[1])
    page = pages.get(job_url).text
    table = page[page.index('<table id="bad-rows">') :]
    table = table[: table.index("</table>")]
    cells = re.findall(r"<tr><td>(\d+)</td><td translate=\"no\"><code>(\w+)</code>", table)
    assert [(int(line), field) for line, field in cells] == WHERE
    for reason in _reasons(in_process["bad_rows"]):
        assert reason.replace("'", "&#39;") in table
    assert "4 rows of the file could not be screened" in page
    results = page[page.index("</table>") :]  # the results of the good rows follow
    assert "Korea Ryonbong General Corporation" in results and "Jong-sik Kim" in results
    assert "Korea Tangun Trading Corporation" not in results


def test_import_stays_all_or_nothing(tmp_path: Path) -> None:
    """An import of counterparties stores every row or none: its first bad row refuses it."""
    with pytest.raises(InputError) as refused:
        cps.parse_bytes(_file(tmp_path).read_bytes(), "parties.csv")
    assert (refused.value.line, refused.value.field) == WHERE[0]


def test_output_file_is_whole_or_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails part-way leaves neither the output nor a partial file behind."""
    out = tmp_path / "results" / "out.csv"

    def broken(path: Path, fmt: str, rows: list[dict[str, Any]]) -> None:
        path.write_text("id,party_id\n1,", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(screening_batch, "_write_rows", broken)
    with pytest.raises(OSError, match="disk full"):
        screening_batch.write_rows(out, [])
    assert list(out.parent.iterdir()) == []

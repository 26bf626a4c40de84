"""One workbook, one answer on every face: the same XLSX file of real parties is given to
``tradeguard screen-batch``, to ``POST /screen/batch`` and to the batch page ``/ui/batch``, and
each face reads it with the same reader (:func:`tradeguard.tabular.workbook.workbook_rows`). A
sheet whose ``<dimension>`` understates it is read to its last row everywhere; its bad rows
are named with the same line, field and reason; a workbook that is refused (a field over the
length limit, a zip bomb, a sheet whose XML is cut short) is refused with the same message."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.conftest import Api, make_api
from tests.cli import tg
from tests.conftest import FIXTURES
from tests.tabular.workbooks import understated_workbook
from tests.threads import finish_job
from tests.web.helpers import log_in
from tradeguard.errors import InputError
from tradeguard.store import Store

NAME = "parties.xlsx"
#: the five real parties of the documentation's example file (lines 2 to 6 of the sheet)
PARTIES = [
    row.split(",") for row in (FIXTURES / "docs/parties.csv").read_text("utf-8").splitlines()
]
#: rows that are no party: no name, an unknown country, a birth date that is no date
BAD_ROWS = [
    ["6", "", "Organization", "KP", "", ""],
    ["7", "Korea Tangun Trading Corporation", "Organization", "Narnia", "", ""],
    ["8", "Jong-sik Kim", "Person", "KP", "1960-13-45", ""],
]
WHERE = [(7, "name"), (8, "country"), (9, "birth_date")]


def _with_member(book: bytes, member: str, edit: Any) -> bytes:
    """``book`` with one member rewritten by ``edit`` (bytes to bytes; a new member if absent)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(book)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        names = source.namelist()
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, edit(data) if info.filename == member else data)
        if member not in names:
            target.writestr(member, edit(b""))
    return out.getvalue()


def _cut_sheet(data: bytes) -> bytes:
    """The sheet's XML cut inside the fourth row, as a copy that stopped short leaves it."""
    return data[: data.index(b'<row r="4"') + 30]


REFUSED = {
    "over-long field": (
        understated_workbook([PARTIES[0], PARTIES[1], ["2", "K" * 5000, "", "", "", ""]]),
        "line 3, field 'name': 5,000 characters, over the 4,096-character limit",
    ),
    "zip bomb": (
        _with_member(
            understated_workbook(PARTIES), "xl/media/padding.bin", lambda _: b"\0" * 2**23
        ),
        "refused as a zip bomb",
    ),
    "sheet cut short": (
        _with_member(understated_workbook(PARTIES), "xl/worksheets/sheet1.xml", _cut_sheet),
        "line 4: not a readable XLSX workbook (sheet 'Sheet': ParseError",
    ),
}


@pytest.fixture
def api(loaded_store: Store) -> Iterator[Api]:
    yield from make_api(loaded_store)


def _cli(book: bytes, home: Path, tmp_path: Path) -> tuple[int, dict[str, Any] | None, str]:
    """Exit code, ``--json`` summary (None when refused) and stderr of ``screen-batch``, run
    where the workbook is so that the file is named as the uploads name it."""
    (tmp_path / NAME).write_bytes(book)
    run = tg("screen-batch", NAME, "-o", "out.jsonl", "--json", home=home, cwd=tmp_path)
    assert "Traceback" not in run.stderr, run.stderr
    return run.returncode, json.loads(run.stdout) if run.stdout.strip() else None, run.stderr


def _api(api: Api, book: bytes) -> tuple[int, dict[str, Any]]:
    r = api.client.post("/screen/batch", files={"file": (NAME, book)}, headers=api.auth("ana"))
    if r.status_code == 202:
        finish_job(r.json()["id"])
    return r.status_code, r.json()


def _page(api: Api, book: bytes) -> tuple[int, str]:
    """Status and text (entities unescaped) of the batch page's answer to the upload: the
    refusal, or the job's page once the job has run."""
    csrf = log_in(api.client)
    r = api.client.post(
        "/ui/batch", data={"csrf": csrf}, files={"file": (NAME, book)}, follow_redirects=False
    )
    if r.status_code == 303:
        finish_job(r.headers["location"].rsplit("/", 1)[1])
        r = api.client.get(r.headers["location"])
    return r.status_code, html.unescape(r.text)


def _page_refusal(text: str) -> str:
    match = re.search(r'<p role="alert" class="error">(.*?)</p>', text, re.S)
    assert match, text[:500]
    return match.group(1)


@pytest.mark.parametrize("fault", list(REFUSED))
def test_a_refused_workbook_says_the_same_on_every_face(
    fault: str, api: Api, loaded_home: Path, tmp_path: Path
) -> None:
    book, says = REFUSED[fault]
    code, _, stderr = _cli(book, loaded_home, tmp_path)
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and lines[0].startswith("error: "), stderr
    cli = lines[0].removeprefix("error: ")
    status, problem = _api(api, book)
    assert status == 422, problem
    from_api = InputError(
        problem["detail"],
        source=problem.get("source"),
        line=problem.get("line"),
        field=problem.get("field"),
    ).describe()
    status, text = _page(api, book)
    assert status == 422
    assert cli == from_api == _page_refusal(text)
    assert cli.startswith(NAME) and says in cli


def test_an_understated_sheet_with_bad_rows_is_read_alike(
    api: Api, loaded_home: Path, tmp_path: Path
) -> None:
    book = understated_workbook([*PARTIES, *BAD_ROWS])  # the sheet claims A1:B2
    code, summary, stderr = _cli(book, loaded_home, tmp_path)
    assert code == 2 and summary is not None, stderr  # a row not screened fails the run
    assert (summary["rows"], summary["screened"]) == (8, 5)
    cli = [(b["line"], b["field"], b["message"]) for b in summary["bad_rows"]]
    assert [(line, field) for line, field, _ in cli] == WHERE
    assert "line 8, field 'country': unknown country 'Narnia'" in stderr
    status, job = _api(api, book)
    assert status == 202 and job["total"] == 5
    assert [(b["line"], b["field"], b["message"]) for b in job["bad_rows"]] == cli
    status, text = _page(api, book)
    assert status == 200
    table = text[text.index('<table id="bad-rows">') :]
    table = table[: table.index("</table>")]
    cells = re.findall(
        r"<tr><td>(\d+)</td><td translate=\"no\"><code>(\w+)</code></td><td>(.*?)</td>", table
    )
    assert [(int(line), field, message) for line, field, message in cells] == cli
    results = text[text.index("</table>") :]  # the five parties, the last past the dimension
    assert "Korea Ryonbong General Corporation" in results and "Jong-sik Kim" in results

"""Batch files sent to the API and the web page: a damaged file is a 422 naming its line, the
same as the CLI says; no job starts for it."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from ..cases.helpers import PASSWORD
from .conftest import Api

BAD = [
    (b"id,name\nA-1,KOREA RYONBONG\nA-2,Kor", 3, "no line break after the last row"),
    (b"id,name\nA-1,M\xfcller GmbH\n", 2, "not UTF-8 text (byte 0xfc at byte offset 13)"),
    (b"A-1,KOREA RYONBONG\n", 1, "the first row must be a header"),
    (b"id,name,country\nA-1,KOREA RYONBONG\n", 2, "2 fields where the header has 3"),
    (b"id,name\nA-1," + b"K" * 200_000 + b"\n", 2, "4,096-character limit"),
]


@pytest.mark.parametrize(("data", "line", "says"), BAD)
def test_api_refuses_damaged_batch(api: Api, data: bytes, line: int, says: str) -> None:
    r = api.client.post(
        "/screen/batch", files={"file": ("p.csv", data, "text/csv")}, headers=api.auth("ana")
    )
    assert r.status_code == 422, r.text
    problem = r.json()
    assert says in problem["detail"] and problem["line"] == line
    assert not jobs_started(api)


def jobs_started(api: Api) -> bool:
    from sqlalchemy import func, select

    from tradeguard.jobs.tables import JobRow

    with api.store.session() as session:
        return bool(session.execute(select(func.count()).select_from(JobRow)).scalar())


def test_web_upload_of_a_workbook_bomb_is_refused(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "name"])
    sheet.append(["A-1", "KOREA RYONBONG"])
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * (8 * 2**20))  # 8 MiB, 8 KiB packed
    monkeypatch.setenv("TRADEGUARD_MAX_INPUT_BYTES", str(4 * 2**20))
    c = api.client
    c.cookies.clear()
    page = c.post("/ui/login", data={"username": "ana", "password": PASSWORD})
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match
    r = c.post(
        "/ui/batch",
        data={"csrf": match.group(1)},
        files={"file": ("p.xlsx", out.getvalue(), "application/octet-stream")},
        follow_redirects=False,
    )
    assert (
        r.status_code == 422
        and "over the 4,194,304-byte cap (TRADEGUARD_MAX_INPUT_BYTES)" in r.text
    )
    assert not jobs_started(api)


# A hand-made CSV file as Japanese Excel saves it (CP932), and as Korean Excel does (CP949).
SJIS = "id,名称,国名\r\n1,朝鮮鉱業開発貿易会社,北朝鮮\r\n2,ﾁｮｳｾﾝｺｳｷﾞｮｳ,KP\r\n".encode("cp932")
UHC = "id,이름,국가\r\n1,조선련봉총회사,KP\r\n".encode("cp949")


def _upload(api: Api, data: bytes, **form: str) -> dict[str, object]:
    r = api.client.post(
        "/screen/batch",
        files={"file": ("p.csv", data, "text/csv")},
        data=form,
        headers=api.auth("ana"),
    )
    body: dict[str, object] = r.json()
    body["status_code"] = r.status_code
    return body


def test_the_api_reads_a_batch_in_the_encoding_given_or_detected_and_says_which(
    api: Api,
) -> None:
    for data, form, encoding, detected in (
        (SJIS, {}, "cp932", True),
        (SJIS, {"encoding": "cp932"}, "cp932", False),
        (SJIS, {"encoding": "Shift_JIS"}, "shift_jis", False),
        (UHC, {}, "cp949", True),
        (b"id,name\n1,Kim\n", {"encoding": ""}, "utf-8", True),  # an empty field: detected
    ):
        job = _upload(api, data, **form)
        assert job["status_code"] == 202, job
        assert (job["encoding"], job["encoding_detected"]) == (encoding, detected), form
        again = api.client.get(f"/jobs/{job['id']}", headers=api.auth("ana")).json()
        assert (again["encoding"], again["encoding_detected"]) == (encoding, detected)


def test_the_api_refuses_an_encoding_that_is_none_or_that_the_file_is_not_in(api: Api) -> None:
    unknown = _upload(api, SJIS, encoding="sjis2")
    assert unknown["status_code"] == 422 and unknown["field"] == "encoding"
    assert "unknown encoding 'sjis2'" in str(unknown["detail"])
    wrong = _upload(api, SJIS, encoding="utf-8")
    assert wrong["status_code"] == 422 and wrong["line"] == 1
    assert "not UTF-8 text (byte 0x96 at byte offset 3)" in str(wrong["detail"])
    assert not jobs_started(api)

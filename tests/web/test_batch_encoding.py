"""The batch page: a CSV file's text encoding chosen (or detected), and the job's page naming
the encoding its file was read in, in the page's language; a wrong choice refused naming the
line and byte offset. Hand-made CP932 and CP949 files, as Japanese and Korean Excel save them."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard import audit, jobs
from tradeguard.store import Store

from .helpers import log_in, page_client

SJIS = "id,名称\r\n1,朝鮮鉱業開発貿易会社\r\n".encode("cp932")
UHC = "id,이름\r\n1,조선련봉총회사\r\n".encode("cp949")


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def _start(client: TestClient, csrf: str, data: bytes, encoding: str) -> tuple[int, str]:
    r = client.post(
        "/ui/batch",
        data={"csrf": csrf, "encoding": encoding},
        files={"file": ("parties.csv", data, "text/csv")},
        follow_redirects=False,
    )
    if r.status_code != 303:
        return r.status_code, r.text
    job_id = r.headers["location"].rsplit("/", 1)[1]
    for thread in threading.enumerate():  # wait for the job's thread to end (a join)
        if thread.name == f"screen-batch-{job_id}":
            thread.join()
    return r.status_code, job_id


@pytest.mark.parametrize(
    ("data", "encoding", "lang", "said"),
    [
        (SJIS, "", "ja", "ファイルの文字コード：cp932（自動判別）"),
        (SJIS, "cp932", "ja", "ファイルの文字コード：cp932（指定どおり）"),
        (UHC, "", "ko", "파일의 문자 인코딩: cp949 (자동 감지)"),
        (UHC, "cp949", "en", "The file's text was read as cp949 (as given)."),
    ],
)
def test_the_job_page_names_the_encoding(
    client: TestClient, loaded_store: Store, data: bytes, encoding: str, lang: str, said: str
) -> None:
    csrf = log_in(client)
    form = client.get("/ui/batch").text
    assert 'name="encoding"' in form and 'value="cp932"' in form and 'value="cp949"' in form
    status, job_id = _start(client, csrf, data, encoding)
    assert status == 303, job_id
    job = jobs.get_job(loaded_store, job_id)
    assert job.status == "done" and job.encoding == ("cp932" if data == SJIS else "cp949")
    [record] = audit.records(loaded_store, subject=f"job:{job_id}", action="screen.batch")
    assert record.payload["request"]["encoding"] == job.encoding
    client.cookies.set("tg_lang", lang)
    page = client.get(f"/ui/batch/{job_id}").text
    assert said in page.split('id="job-encoding">', 1)[1].split("</p>", 1)[0]


def test_a_wrong_encoding_is_refused_naming_line_and_offset(client: TestClient) -> None:
    csrf = log_in(client)
    kana = "id,名称\r\n1,ﾁｮｳｾﾝｺｳｷﾞｮｳ\r\n".encode("cp932")  # half-width katakana: no CP949
    status, page = _start(client, csrf, kana, "cp949")
    assert status == 422
    assert "parties.csv, line 2" in page and "byte offset" in page
    status, page = _start(client, csrf, SJIS, "klingon")
    assert status == 422 and "unknown encoding &#39;klingon&#39;" in page

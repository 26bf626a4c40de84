"""`lists update` against a local HTTP server on 127.0.0.1 serving the real list files."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tradeguard.lists.update import (
    DownloadError,
    FetchOptions,
    ListSource,
    SourceFile,
    load_sources,
    update_lists,
)
from tradeguard.store import Store

from ..conftest import FIXTURES

UN_OLD = FIXTURES / "lists/un_diff/consolidated-2025-11-20-diff-extract.xml"
UN_NEW = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"
FAST = FetchOptions(timeout=5, retries=2, backoff=0.01, max_bytes=10_000_000)


class ListServer:
    """Serves files by path with ETag/Last-Modified, plus broken routes."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.hits: dict[str, int] = {}
        self.fail_first: dict[str, int] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                path = self.path
                server.hits[path] = server.hits.get(path, 0) + 1
                if path == "/always-500":
                    self.send_error(500)
                    return
                if server.fail_first.get(path, 0) > 0:
                    server.fail_first[path] -= 1
                    self.send_error(503)
                    return
                body = server.files.get(path.replace("/truncated", ""))
                if body is None:
                    self.send_error(404)
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", "Fri, 27 Feb 2026 00:00:09 GMT")
                self.end_headers()
                if path.startswith("/truncated"):
                    self.wfile.write(body[: len(body) // 2])  # then the connection closes
                    self.close_connection = True
                    return
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[ListServer]:
    s = ListServer()
    try:
        yield s
    finally:
        s.close()


def _un_source(url: str) -> dict[str, ListSource]:
    return {"un_sc": ListSource("un_sc", "UN", (SourceFile("consolidated.xml", url),))}


def test_update_downloads_loads_and_skips_unchanged(server: ListServer, store: Store) -> None:
    server.files["/un.xml"] = UN_OLD.read_bytes()
    sources = _un_source(server.url + "/un.xml")
    [first] = update_lists(store, ["un_sc"], options=FAST, sources=sources)
    assert first.status == "loaded", first.message
    assert store.current_version("un_sc") is not None
    # the publisher answers 304 to the ETag we keep: no new version
    [again] = update_lists(store, ["un_sc"], options=FAST, sources=sources)
    assert again.status == "not-modified"
    # a new publication is fetched and becomes current
    server.files["/un.xml"] = UN_NEW.read_bytes()
    [newer] = update_lists(store, ["un_sc"], options=FAST, sources=sources)
    assert newer.status == "loaded"
    assert [v.id for v in store.versions("un_sc")] == [1, 2]
    # same bytes from another URL (no ETag known for it): hash check, no new version
    server.files["/mirror.xml"] = UN_NEW.read_bytes()
    [same] = update_lists(
        store, ["un_sc"], options=FAST, sources=_un_source(server.url + "/mirror.xml")
    )
    assert same.status == "unchanged"
    assert len(store.versions("un_sc")) == 2


def test_truncated_and_failing_downloads_leave_the_store_intact(
    server: ListServer, store: Store
) -> None:
    server.files["/un.xml"] = UN_OLD.read_bytes()
    update_lists(store, ["un_sc"], options=FAST, sources=_un_source(server.url + "/un.xml"))
    before = store.current_version("un_sc")
    [truncated] = update_lists(
        store, ["un_sc"], options=FAST, sources=_un_source(server.url + "/truncated/un.xml")
    )
    assert truncated.status == "failed"
    assert "truncated" in truncated.message or "attempts" in truncated.message
    assert server.hits["/truncated/un.xml"] == FAST.retries + 1
    [failing] = update_lists(
        store, ["un_sc"], options=FAST, sources=_un_source(server.url + "/always-500")
    )
    assert failing.status == "failed" and "HTTP 500" in failing.message
    [missing] = update_lists(
        store, ["un_sc"], options=FAST, sources=_un_source(server.url + "/nothing-here")
    )
    assert missing.status == "failed" and "HTTP 404" in missing.message
    assert store.current_version("un_sc") == before
    assert len(store.versions("un_sc")) == 1


def test_transient_errors_are_retried(server: ListServer, sqlite_store: Store) -> None:
    server.files["/un.xml"] = UN_NEW.read_bytes()
    server.fail_first["/un.xml"] = 2
    [result] = update_lists(
        sqlite_store, ["un_sc"], options=FAST, sources=_un_source(server.url + "/un.xml")
    )
    assert result.status == "loaded"
    assert server.hits["/un.xml"] == 3


def test_size_cap_and_malformed_content(server: ListServer, sqlite_store: Store) -> None:
    server.files["/un.xml"] = UN_NEW.read_bytes()
    tiny = FetchOptions(timeout=5, retries=0, backoff=0, max_bytes=1000)
    [capped] = update_lists(
        sqlite_store, ["un_sc"], options=tiny, sources=_un_source(server.url + "/un.xml")
    )
    assert capped.status == "failed" and "cap" in capped.message
    server.files["/bad.xml"] = b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIV"
    [bad] = update_lists(
        sqlite_store, ["un_sc"], options=FAST, sources=_un_source(server.url + "/bad.xml")
    )
    assert bad.status == "failed"
    assert sqlite_store.is_empty()


def test_file_sets_and_overrides(tmp_path: Path, _isolated_home: Path) -> None:
    sources = load_sources()
    assert [f.name for f in sources["us_ofac_sdn"].files][:3] == ["sdn.csv", "add.csv", "alt.csv"]
    assert sources["un_sc"].files[0].url and sources["un_sc"].files[0].url.startswith("https://")
    (_isolated_home / "sources.json").write_text(
        json.dumps({"lists": {"jp_meti_eul": {"files": [{"name": "eul.xlsx", "url": "http://x"}]}}})
    )
    assert load_sources()["jp_meti_eul"].files[0].url == "http://x"
    (_isolated_home / "sources.json").write_text("{not json")
    from tradeguard.errors import InputError

    with pytest.raises(InputError, match=r"sources\.json"):
        load_sources()


def test_unconfigured_list_is_reported(sqlite_store: Store) -> None:
    sources = {"jp_mof": ListSource("jp_mof", "MOF", (SourceFile("x.xlsx", None),))}
    [result] = update_lists(sqlite_store, ["jp_mof"], options=FAST, sources=sources)
    assert result.status == "not-configured"


def test_download_error_type() -> None:
    assert DownloadError.exit_code == 5


def test_an_update_that_shrinks_the_list_is_refused_unless_allowed(
    server: ListServer, store: Store
) -> None:
    from tradeguard import audit

    full = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"  # 209 entries
    server.files["/un.xml"] = full.read_bytes()
    sources = _un_source(server.url + "/un.xml")
    [first] = update_lists(
        store, ["un_sc"], options=FAST, sources=sources, record=audit.list_load_record("cron")
    )
    assert first.status == "loaded"
    server.files["/un.xml"] = UN_NEW.read_bytes()  # 13 of them
    [refused] = update_lists(
        store, ["un_sc"], options=FAST, sources=sources, record=audit.list_load_record("cron")
    )
    assert refused.status == "failed" and "94% fewer" in refused.message
    assert store.current_version("un_sc").id == first.version_id  # type: ignore[union-attr]
    [allowed] = update_lists(
        store,
        ["un_sc"],
        options=FAST,
        sources=sources,
        record=audit.list_load_record("cron"),
        allow_shrink=True,
    )
    assert allowed.status == "loaded"
    records = audit.records(store, action="lists.load")
    assert [(r.actor, r.payload["version"]["id"]) for r in records] == [
        ("cron", first.version_id),
        ("cron", allowed.version_id),
    ]
    assert records[-1].payload["shrink_allowed"]["entities"] == 13

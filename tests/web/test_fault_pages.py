"""A fault on a page (an unexpected error) answers an HTML error page in the page's language
with its status; the API's paths keep their problem body. (The store outage's 503 page is
checked with the outage itself, in tests/api/test_outage.py.)"""

from __future__ import annotations

from fastapi.testclient import TestClient

from tradeguard.server import create_app
from tradeguard.store import Store


def _boom() -> None:
    raise RuntimeError("a bug")


def test_an_unexpected_error_on_a_page_is_a_page() -> None:
    store = Store.open("sqlite://")
    app = create_app(store, schedule=False, warm=False)
    app.add_api_route("/ui/boom", _boom)
    app.add_api_route("/boom", _boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        page = client.get("/ui/boom", headers={"Accept-Language": "ko"})
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert '<html lang="ko">' in page.text and "서버가 요청을 처리하지 못했습니다" in page.text
        assert "a bug" not in page.text and "Traceback" not in page.text
        api = client.get("/boom")
        assert api.status_code == 500
        assert api.headers["content-type"].startswith("application/problem+json")

"""Accounts in the browser pages: server-side sessions (a copied cookie dies at logout, at a
password change elsewhere and when the user is disabled), throttled log-in, password page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.accounts import tokens, users
from tradeguard.accounts.errors import AuthError
from tradeguard.server import create_app
from tradeguard.store import Store

from ..cases.helpers import ADMIN, PASSWORD, make_users


@pytest.fixture
def app_store(store: Store) -> Iterator[tuple[TestClient, Store]]:
    make_users(store)
    app = create_app(store, schedule=False, warm=False)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client, store


def _login(client: TestClient, who: str, password: str = PASSWORD) -> tuple[str, str]:
    """Log in on the password page; returns (the cookie, the page's CSRF token)."""
    client.cookies.clear()
    r = client.post(
        "/ui/login", data={"username": who, "password": password, "next": "/ui/password"}
    )
    assert r.status_code == 200 and r.url.path == "/ui/password", r.text
    match = re.search(r'name="csrf" value="([^"]+)"', r.text)
    assert match
    cookie = client.cookies.get("tg_session")
    assert cookie
    return cookie, match.group(1)


def _alive(client: TestClient, cookie: str) -> bool:
    client.cookies.clear()
    client.cookies.set("tg_session", cookie, path="/ui")
    r = client.get("/ui/password", follow_redirects=False)
    return r.status_code == 200


def test_a_copied_cookie_stops_working_at_logout(app_store: tuple[TestClient, Store]) -> None:
    client, _ = app_store
    cookie, csrf = _login(client, "ana")
    assert _alive(client, cookie)
    r = client.post("/ui/logout", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert not _alive(client, cookie)  # the captured cookie, sent again


def test_logging_in_again_ends_the_session_the_browser_came_with(
    app_store: tuple[TestClient, Store],
) -> None:
    """Another user (or the same one) logging in in the same browser: the old cookie dies and
    the new session has another id."""
    client, _ = app_store
    for first, second in (("ana", "rita"), ("rita", "rita")):
        old, _ = _login(client, first)  # the browser keeps its cookie
        r = client.post(
            "/ui/login", data={"username": second, "password": PASSWORD, "next": "/ui/password"}
        )
        assert r.status_code == 200 and r.url.path == "/ui/password", r.text
        new = client.cookies.get("tg_session")
        assert new and new != old
        assert _alive(client, new)
        assert not _alive(client, old)


def test_disabling_ends_the_session(app_store: tuple[TestClient, Store]) -> None:
    client, store = app_store
    cookie, _ = _login(client, "rita")
    users.set_active(store, ADMIN, "rita", False)
    users.set_active(store, ADMIN, "rita", True)
    assert not _alive(client, cookie)


def test_the_password_page(app_store: tuple[TestClient, Store]) -> None:
    client, store = app_store
    elsewhere, _ = _login(client, "ana")
    api_token = tokens.login_token(store, "ana", PASSWORD, address="x", face="api").token
    cookie, csrf = _login(client, "ana")
    form = {
        "current_password": PASSWORD,
        "new_password": "my fresh long phrase",
        "confirm_password": "my fresh long phrase",
    }
    assert client.post("/ui/password", data=form).status_code == 403  # no CSRF token
    r = client.post("/ui/password", data=form | {"csrf": csrf, "current_password": "nope"})
    assert r.status_code == 401 and "current password is wrong" in r.text
    r = client.post("/ui/password", data=form | {"csrf": csrf, "confirm_password": "other"})
    assert r.status_code == 422 and "differ" in r.text
    weak = {"new_password": "qwerty123456", "confirm_password": "qwerty123456"}
    r = client.post("/ui/password", data=form | weak | {"csrf": csrf})
    assert r.status_code == 422 and "most common" in r.text
    r = client.post("/ui/password", data=form | {"csrf": csrf})
    assert r.status_code == 200 and "Password changed" in r.text
    assert _alive(client, cookie)  # this session stays
    assert not _alive(client, elsewhere)  # the other one ended
    with pytest.raises(AuthError, match="revoked"):
        tokens.authenticate(store, api_token)
    client.cookies.clear()
    r = client.post("/ui/login", data={"username": "ana", "password": PASSWORD})
    assert r.status_code == 401
    _login(client, "ana", "my fresh long phrase")


def test_web_login_is_throttled(
    app_store: tuple[TestClient, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store = app_store
    monkeypatch.setenv("TRADEGUARD_LOGIN_MAX_FAILURES", "2")
    for _ in range(2):
        r = client.post("/ui/login", data={"username": "rob", "password": "a wrong one"})
        assert r.status_code == 401 and "wrong user name or password" in r.text
    r = client.post("/ui/login", data={"username": "rob", "password": PASSWORD})
    assert r.status_code == 429 and int(r.headers["Retry-After"]) >= 1
    assert "too many failed log-ins" in r.text
    from tradeguard import audit

    fails = audit.records(store, action="login.fail")
    assert [f.payload["via"] for f in fails] == ["web", "web"]


def test_a_log_in_posted_from_another_site_is_refused(
    app_store: tuple[TestClient, Store],
) -> None:
    # login CSRF: another site's page posts the attacker's credentials from the victim's browser
    client, _ = app_store
    form = {"username": "ana", "password": PASSWORD}
    for headers in (
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "https://attacker.example"},
        {"Origin": "null"},
    ):
        client.cookies.clear()
        refused = client.post("/ui/login", data=form, headers=headers)
        assert refused.status_code == 403, headers
        assert "another site" in refused.text and not client.cookies
    for headers in ({"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://testserver"}, {}):
        client.cookies.clear()
        done = client.post("/ui/login", data=form, headers=headers)
        assert done.status_code == 200 and done.url.path == "/ui/", headers

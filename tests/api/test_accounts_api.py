"""Accounts through the API: log-in for tokens (throttled, audited), no minting for others,
four-eyes across accounts an admin created, password change, logout, expiry, disabling."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tradeguard import audit
from tradeguard.accounts import users

from ..cases.helpers import PASSWORD, screening_case
from .conftest import Api


def _login(api: Api, who: str, password: str = PASSWORD, **extra: object) -> dict[str, object]:
    r = api.client.post("/login", json={"username": who, "password": password, **extra})
    assert r.status_code == 201, r.text
    body: dict[str, object] = r.json()
    return body


def _bearer(token: object) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_an_admin_cannot_approve_through_a_token_or_an_account_she_made(api: Api) -> None:
    adam = api.auth("adam")
    # no route mints a token for someone else
    r = api.client.post("/users/rita/tokens", json={"label": "x"}, headers=adam)
    assert r.status_code in (404, 405)
    case_id = screening_case(api.store)
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        json={"proposal": "false_positive", "comment": "a different company"},
        headers=adam,
    )
    assert r.status_code == 200
    body = {"username": "second", "password": "another reviewer phrase", "role": "reviewer"}
    assert api.client.post("/users", json=body, headers=adam).status_code == 201
    second = _bearer(_login(api, "second", "another reviewer phrase")["token"])
    r = api.client.post(f"/cases/{case_id}/review", json={"decision": "approve"}, headers=second)
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "four-eyes" in r.json()["detail"] and "'adam'" in r.json()["detail"]
    r = api.client.post(
        f"/cases/{case_id}/review", json={"decision": "approve"}, headers=api.auth("rita")
    )
    assert r.status_code == 200 and r.json()["status"] == "closed"
    added = audit.records(api.store, action="user.add", subject="user:second")[0]
    assert added.actor == "adam" and added.payload["created_by"] == "adam"
    listed = {u["username"]: u for u in api.client.get("/users", headers=adam).json()}
    assert listed["second"]["created_by"] == "adam"


def test_two_accounts_one_admin_made_cannot_propose_and_approve(api: Api) -> None:
    adam = api.auth("adam")
    for name, role in (("sib-a", "analyst"), ("sib-r", "reviewer")):
        body = {"username": name, "password": f"own long phrase {role}", "role": role}
        assert api.client.post("/users", json=body, headers=adam).status_code == 201
    analyst = _bearer(_login(api, "sib-a", "own long phrase analyst")["token"])
    reviewer = _bearer(_login(api, "sib-r", "own long phrase reviewer")["token"])
    case_id = screening_case(api.store)
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        json={"proposal": "false_positive", "comment": "a different company"},
        headers=analyst,
    )
    assert r.status_code == 200
    r = api.client.post(f"/cases/{case_id}/review", json={"decision": "approve"}, headers=reviewer)
    assert r.status_code == 403
    assert "both created" in r.json()["detail"] and "'adam'" in r.json()["detail"]


def test_login_is_throttled_audited_and_unlocked_by_an_admin(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEGUARD_LOGIN_MAX_FAILURES", "3")
    wrong = {"username": "ana", "password": "not her password"}
    unknown = {"username": "anna", "password": "not her password"}
    bodies = []
    for body in (wrong, unknown, wrong, wrong):
        r = api.client.post("/login", json=body)
        assert r.status_code == 401
        bodies.append(r.json()["detail"])
    assert set(bodies) == {"wrong user name or password"}  # unknown or not: the same answer
    r = api.client.post("/login", json={"username": "ana", "password": PASSWORD})
    assert r.status_code == 429
    assert r.headers["content-type"].startswith("application/problem+json")
    assert 1 <= int(r.headers["Retry-After"]) <= 900 and r.json()["status"] == 429
    locked = api.client.get("/logins/locked", headers=api.auth("adam")).json()
    assert [(lock["scope"], lock["key"]) for lock in locked] == [("account", "ana")]
    assert api.client.post("/users/ana/unlock", headers=api.auth("ana")).status_code == 403
    r = api.client.post("/users/ana/unlock", headers=api.auth("adam"))
    assert r.status_code == 200
    assert r.json()["lifted"] == [{"scope": "account", "key": "ana", "cleared": True}]
    assert _login(api, "ana")["username"] == "ana"
    fails = audit.records(api.store, action="login.fail", limit=100)
    assert [f.payload["username"] for f in fails] == ["ana", "anna", "ana", "ana"]
    assert {f.payload["address"] for f in fails} == {"testclient"}
    assert [r.actor for r in audit.records(api.store, action="login.unlock")] == ["adam"]


def test_password_change_logout_expiry_and_disabling(api: Api) -> None:
    first = _login(api, "rob", label="laptop", days=30)
    assert first["expires_at"] and first["label"] == "laptop"
    other = _login(api, "rob")
    me = _bearer(first["token"])
    r = api.client.post(
        "/me/password",
        json={"current_password": "a wrong guess", "new_password": "rob's next phrase"},
        headers=me,
    )
    assert r.status_code == 401
    r = api.client.post(
        "/me/password",
        json={"current_password": PASSWORD, "new_password": "password1234"},
        headers=me,
    )
    assert r.status_code == 422 and r.json()["field"] == "new_password"
    r = api.client.post(
        "/me/password",
        json={"current_password": PASSWORD, "new_password": "the next phrase of mine"},
        headers=me,
    )
    assert r.status_code == 200 and r.json()["tokens_revoked"] == 2  # the fixture's and other
    assert api.client.get("/me", headers=me).status_code == 200
    assert api.client.get("/me", headers=_bearer(other["token"])).status_code == 401
    r = api.client.post("/login", json={"username": "rob", "password": PASSWORD})
    assert r.status_code == 401
    # logout revokes the token of the request
    assert api.client.post("/logout", headers=me).status_code == 200
    assert api.client.get("/me", headers=me).status_code == 401
    # a token past its expiry is refused (checked on every request)
    fresh = _login(api, "rob", "the next phrase of mine")
    with api.store.engine.begin() as conn:
        conn.execute(
            text("UPDATE api_tokens SET expires_at = created_at WHERE id = :i"),
            {"i": fresh["id"]},
        )
    r = api.client.get("/me", headers=_bearer(fresh["token"]))
    assert r.status_code == 401 and "expired" in r.json()["detail"]
    # disabled, then enabled: old tokens stay dead
    kept = _login(api, "rob", "the next phrase of mine")
    adam = api.auth("adam")
    assert api.client.post("/users/rob/disable", headers=adam).status_code == 200
    assert api.client.post("/users/rob/enable", headers=adam).status_code == 200
    assert api.client.get("/me", headers=_bearer(kept["token"])).status_code == 401
    assert users.get_user(api.store, "rob").active


def test_login_input_is_checked(api: Api) -> None:
    r = api.client.post("/login", json={"username": "ana"})
    assert r.status_code == 422 and r.json()["field"] == "password"
    r = api.client.post("/login", json={"username": "ana", "password": PASSWORD, "days": 0})
    assert r.status_code == 422 and r.json()["field"] == "days"
    r = api.client.post("/login", json={"username": "ana", "password": PASSWORD, "days": 400})
    assert r.status_code == 422 and "1 to 90 days" in r.json()["detail"]
    r = api.client.post("/login", json={"username": "x" * 100, "password": "p"})
    assert r.status_code == 401


def test_any_user_lists_and_revokes_their_own_tokens_by_id(api: Api) -> None:
    """An analyst lists and revokes her own tokens by id (another one than the request's, and
    the request's own); another user's token is refused (403) and left alone; an admin revokes
    anyone's."""
    laptop = _login(api, "ana", label="laptop")
    phone = _login(api, "ana", label="phone")
    rita = _login(api, "rita", label="desk")
    ana = _bearer(laptop["token"])
    mine = api.client.get("/tokens", headers=ana).json()
    assert {t["username"] for t in mine} == {"ana"} and len(mine) == 3  # the fixture's too
    r = api.client.delete(f"/tokens/{phone['id']}", headers=ana)
    assert r.status_code == 200 and r.json() == {"id": phone["id"], "revoked": True}
    assert api.client.get("/me", headers=_bearer(phone["token"])).status_code == 401
    r = api.client.delete(f"/tokens/{rita['id']}", headers=ana)
    assert r.status_code == 403 and "may not manage users" in r.json()["detail"]
    assert api.client.get("/me", headers=_bearer(rita["token"])).status_code == 200
    r = api.client.delete(f"/tokens/{laptop['id']}", headers=ana)
    assert r.status_code == 200
    assert api.client.get("/me", headers=ana).status_code == 401
    r = api.client.delete(f"/tokens/{rita['id']}", headers=api.auth("adam"))
    assert r.status_code == 200
    revokes = audit.records(api.store, action="token.revoke")
    assert [(r.actor, r.subject) for r in revokes] == [
        ("ana", "user:ana"),
        ("ana", "user:ana"),
        ("adam", "user:rita"),
    ]

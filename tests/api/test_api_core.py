"""The API's auth, roles, problem bodies, body guards, cases and audit routes."""

from __future__ import annotations

import pytest

from tradeguard import audit
from tradeguard.lists.registry import parse_path

from ..cases.helpers import screening_case
from ..conftest import FIXTURES
from .conftest import Api

UN = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"


def test_health_is_open_everything_else_needs_a_token(api: Api) -> None:
    r = api.client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "empty"
    for path in ("/lists", "/cases", "/audit", "/users", "/me", "/entities/un_sc:KPe.039"):
        r = api.client.get(path)
        assert r.status_code == 401, path
        assert r.headers["content-type"].startswith("application/problem+json")
        assert r.json()["status"] == 401
    r = api.client.get("/lists", headers={"Authorization": "Bearer tg_not-a-real-token"})
    assert r.status_code == 401
    assert api.client.get("/openapi.json").status_code == 200


def test_roles_are_checked(api: Api) -> None:
    assert api.client.get("/me", headers=api.auth("ana")).json()["role"] == "analyst"
    assert api.client.get("/users", headers=api.auth("ana")).status_code == 403
    assert api.client.get("/audit", headers=api.auth("ana")).status_code == 403
    assert api.client.get("/audit", headers=api.auth("rita")).status_code == 200
    assert api.client.get("/users", headers=api.auth("adam")).status_code == 200
    r = api.client.put(
        "/config/monitor.interval_minutes", json={"value": 5}, headers=api.auth("rita")
    )
    assert r.status_code == 403
    r = api.client.put(
        "/config/monitor.interval_minutes", json={"value": 5}, headers=api.auth("adam")
    )
    assert r.status_code == 200 and r.json()["monitor.interval_minutes"] == 5
    r = api.client.put(
        "/config/monitor.interval_minutes", json={"value": "x"}, headers=api.auth("adam")
    )
    assert r.status_code == 422 and r.json()["field"] == "value"
    assert audit.records(api.store, action="config.set")[0].actor == "adam"


def test_user_admin_and_token_revocation(api: Api) -> None:
    h = api.auth("adam")
    r = api.client.post(
        "/users",
        json={"username": "nina", "password": "Nana's long enough pw", "role": "analyst"},
        headers=h,
    )
    assert r.status_code == 201
    r = api.client.post(
        "/users", json={"username": "nina", "password": "x", "role": "analyst"}, headers=h
    )
    assert r.status_code == 422 and r.json()["field"] == "password"
    r = api.client.post(
        "/users",
        json={"username": "nina", "password": "Nana's long enough pw", "role": "analyst"},
        headers=h,
    )
    assert r.status_code == 409
    login = {"username": "nina", "password": "Nana's long enough pw"}
    token = api.client.post("/login", json=login | {"label": "cli"}).json()
    nina = {"Authorization": f"Bearer {token['token']}"}
    assert api.client.get("/me", headers=nina).json()["username"] == "nina"
    assert api.client.delete(f"/tokens/{token['id']}", headers=nina).status_code == 200
    assert api.client.get("/me", headers=nina).status_code == 401
    token = api.client.post("/login", json=login).json()
    nina = {"Authorization": f"Bearer {token['token']}"}
    assert api.client.post("/users/nina/disable", headers=h).status_code == 200
    assert api.client.get("/me", headers=nina).status_code == 401
    actions = [r.action for r in audit.records(api.store, subject="user:nina")]
    assert actions == ["user.add", "token.issue", "token.revoke", "token.issue", "user.disable"]


def test_bad_input_is_a_problem_naming_the_field(api: Api) -> None:
    h = api.auth("ana")
    case_id = screening_case(api.store)
    r = api.client.post(
        f"/cases/{case_id}/proposal", json={"proposal": "maybe", "comment": "x"}, headers=h
    )
    assert r.status_code == 422
    body = r.json()
    assert body["field"] == "proposal" and body["title"] == "Invalid input"
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        content=b"{not json",
        headers={**h, "content-type": "application/json"},
    )
    assert r.status_code == 422
    deep = b"[" * 5000 + b"]" * 5000
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        content=deep,
        headers={**h, "content-type": "application/json"},
    )
    assert r.status_code == 422 and "nested" in r.json()["detail"]
    big = b'{"proposal": "escalate", "comment": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    r = api.client.post(
        f"/cases/{case_id}/proposal", content=big, headers={**h, "content-type": "application/json"}
    )
    assert r.status_code == 413
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        json={
            "proposal": "escalate",
            "comment": "'; DROP TABLE cases; -- <script>alert(1)</script>",
        },
        headers=h,
    )
    assert r.status_code == 200
    assert "DROP TABLE" in api.client.get(f"/cases/{case_id}", headers=h).json()["proposal_comment"]
    assert api.client.get("/cases/999999", headers=h).status_code == 404


def test_four_eyes_through_the_api(api: Api) -> None:
    case_id = screening_case(api.store)
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        json={"proposal": "false_positive", "comment": "other birth date"},
        headers=api.auth("rita"),
    )
    assert r.status_code == 200 and r.json()["status"] == "proposed"
    r = api.client.post(
        f"/cases/{case_id}/review", json={"decision": "approve"}, headers=api.auth("rita")
    )
    assert r.status_code == 403 and "four-eyes" in r.json()["detail"]
    r = api.client.post(
        f"/cases/{case_id}/review", json={"decision": "approve"}, headers=api.auth("ana")
    )
    assert r.status_code == 403
    r = api.client.post(
        f"/cases/{case_id}/review", json={"decision": "approve"}, headers=api.auth("adam")
    )
    assert r.status_code == 403
    r = api.client.post(
        f"/cases/{case_id}/review", json={"decision": "approve"}, headers=api.auth("rob")
    )
    assert r.status_code == 200 and r.json()["outcome"] == "false_positive"
    r = api.client.post(
        f"/cases/{case_id}/review",
        json={"decision": "reject", "comment": "late"},
        headers=api.auth("rob"),
    )
    assert r.status_code == 409
    assert len(api.client.get("/suppressions", headers=api.auth("ana")).json()) == 1
    evidence = api.client.get(f"/cases/{case_id}/evidence", headers=api.auth("rita")).json()
    assert [r["action"] for r in evidence["audit_records"]] == [
        "case.open",
        "case.propose",
        "case.review",
    ]
    assert evidence["chain"]["ok"]
    verify = api.client.get("/audit/verify", headers=api.auth("rita")).json()
    assert verify["ok"] and verify["records"] >= 3


@pytest.mark.parametrize("who,status", [("adam", 200), ("rita", 403)])
def test_lists_and_entities(api: Api, who: str, status: int) -> None:
    with UN.open("rb") as fh:
        r = api.client.post(
            "/lists/load", files={"file": (UN.name, fh, "application/xml")}, headers=api.auth(who)
        )
    assert r.status_code == status
    if status != 200:
        return
    assert r.json()["status"] == "loaded"
    assert audit.records(api.store, action="lists.load")[0].subject == "list:un_sc"
    rows = api.client.get("/lists", headers=api.auth("ana")).json()
    assert [row["list"] for row in rows] == ["un_sc"]
    [row] = rows  # its staleness, by the UN list's usual cadence unless a setting says else
    assert row["stale"] == (row["age_days"] > row["stale_after_days"])
    assert row["limit_from"] in ("cadence", "setting") and row["cadence"]
    e = api.client.get("/entities/un_sc:KPe.039", headers=api.auth("ana")).json()
    assert e["caption"] == "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"
    r = api.client.get("/entities/nolist", headers=api.auth("ana"))
    assert r.status_code == 422 and r.json()["field"] == "id"
    with UN.open("rb") as fh:
        r = api.client.post(
            "/lists/load",
            files={"file": ("x.txt", b"garbage", "text/plain")},
            headers=api.auth("adam"),
        )
    assert r.status_code == 422
    [health] = api.client.get("/health").json()["lists"]
    assert health["list"] == "un_sc"
    # each list's age and limit, as GET /lists gives them, and no file name or path
    same = ("age_days", "stale", "stale_after_days", "limit_from")
    assert {k: health[k] for k in same} == {k: row[k] for k in same}
    assert not {"source", "warning", "sha256"} & set(health)
    assert parse_path(UN).list == "un_sc"

"""`audit verify` replays each case's transitions from the hash-chained log and reports every
case whose stored state differs from its last audited transition, or that has no record: on
SQLite and PostgreSQL, through the API, the web case page and the command line (exit 8)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text, update

from tradeguard import audit
from tradeguard.accounts import users
from tradeguard.cases import integrity, workflow
from tradeguard.cases.alerts import record_decision
from tradeguard.cases.tables import CaseRow
from tradeguard.store import Store

from ..cases.helpers import ADMIN
from ..cli import tg
from ..web.helpers import log_in
from .conftest import Api

PROHIBITED = {"verdict": "PROHIBITED", "reasons": [{"code": "designated_party"}]}


def _shipment_case(store: Store, shipment_id: str, verdict: dict[str, object]) -> int:
    request = {"id": shipment_id, "destination": "KP"}
    recorded = record_decision(
        store,
        ADMIN,
        "evaluate.api",
        f"shipment:{shipment_id}",
        request,
        verdict,
        open_if_not_clear=True,
    )
    assert recorded.case_id is not None
    return recorded.case_id


def _escalated(api: Api, shipment_id: str) -> int:
    """A PROHIBITED shipment's case, escalated by ana and rita (four eyes), then assigned."""
    case_id = _shipment_case(api.store, shipment_id, PROHIBITED)
    ana, rita = api.auth("ana"), api.auth("rita")
    steps = [
        (f"/cases/{case_id}/proposal", {"proposal": "block", "comment": "listed"}, ana),
        (f"/cases/{case_id}/review", {"decision": "reject", "comment": "ask legal"}, rita),
        (f"/cases/{case_id}/proposal", {"proposal": "escalate", "comment": "to legal"}, ana),
        (f"/cases/{case_id}/review", {"decision": "approve"}, rita),
    ]
    for path, body, who in steps:
        r = api.client.post(path, json=body, headers=who)
        assert r.status_code == 200, r.text
    workflow.assign(api.store, ADMIN, case_id, "ana")
    return case_id


def test_every_audited_transition_replays_to_the_stored_case(api: Api) -> None:
    case_id = _escalated(api, "S-1")
    _shipment_case(api.store, "S-1", PROHIBITED)  # linked to the open case: no change
    other = _shipment_case(api.store, "S-2", {"verdict": "LICENCE_REQUIRED"})
    ana = users.get_user(api.store, "ana").actor
    workflow.propose(api.store, ana, other, "licence_obtained", "granted", licence_ref="LIC-1")
    case = workflow.get_case(api.store, case_id)
    assert (case.status, case.outcome, case.assigned_to) == ("escalated", "escalate", "ana")
    checked = integrity.verify(api.store)
    assert checked.ok, checked.problems
    r = api.client.get("/audit/verify", headers=api.auth("rita"))
    assert r.status_code == 200 and r.json()["ok"] is True


def test_a_case_changed_in_the_database_is_reported(api: Api) -> None:
    case_id = _escalated(api, "S-1")
    last = audit.records(api.store, subject=f"case:{case_id}")[-1]
    with api.store.session() as session, session.begin():  # a forged closing, no record
        session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(status="closed", outcome="release", reviewed_by="rob")
        )
    assert audit.verify(api.store).ok  # the chain itself is intact
    checked = integrity.verify(api.store)
    assert not checked.ok
    [problem] = checked.problems
    assert problem.seq == last.seq
    assert problem.problem == (
        f"case {case_id} does not match its last audited transition "
        f"(record {last.seq}, case.assign): status closed (audited: escalated), "
        "outcome release (audited: escalate), reviewed_by rob (audited: rita)"
    )
    r = api.client.get("/audit/verify", headers=api.auth("rita"))
    body = r.json()
    assert r.status_code == 200 and body["ok"] is False
    assert [p["problem"] for p in body["problems"]] == [problem.problem]
    evidence = api.client.get(f"/cases/{case_id}/evidence", headers=api.auth("rita")).json()
    assert evidence["chain"]["ok"] is False
    page = _web_case_page(api, case_id)
    assert "BROKEN" in page


def test_a_case_without_any_record_is_reported(api: Api) -> None:
    good = _shipment_case(api.store, "S-1", PROHIBITED)
    with api.store.session() as session, session.begin():
        session.add(
            CaseRow(
                kind="shipment",
                status="closed",
                subject="shipment:S-9",
                detail="{}",
                outcome="release",
                version=3,
                created_by="adam",
                created_at=datetime.now(UTC),
            )
        )
    checked = integrity.verify(api.store)
    assert [p.problem for p in checked.problems] == [
        f"case {good + 1} has no audit record (made outside tradeguard)"
    ]


def test_records_of_a_deleted_case_are_reported(api: Api) -> None:
    case_id = _shipment_case(api.store, "S-1", PROHIBITED)
    opened = audit.records(api.store, subject=f"case:{case_id}")[0]
    with api.store.engine.begin() as conn:
        conn.execute(text("DELETE FROM cases WHERE id = :id"), {"id": case_id})
    checked = integrity.verify(api.store)
    assert [(p.seq, p.problem) for p in checked.problems] == [
        (opened.seq, f"case {case_id} has audit records but is not stored")
    ]


def _web_case_page(api: Api, case_id: int) -> str:
    log_in(api.client, "rita")
    page = api.client.get(f"/ui/cases/{case_id}")
    assert page.status_code == 200, page.text
    api.client.cookies.clear()
    return page.text


def test_the_cli_names_the_forged_case_and_exits_8(_isolated_home: Path) -> None:
    home = _isolated_home
    store = Store.open(f"sqlite:///{home / 'tradeguard.db'}")
    case_id = _shipment_case(store, "S-1", PROHIBITED)
    assert tg("audit", "verify", home=home).returncode == 0
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE cases SET status = 'closed', outcome = 'release' WHERE id = :id"),
            {"id": case_id},
        )
    store.close()
    result = tg("audit", "verify", home=home)
    assert result.returncode == 8
    assert f"case {case_id} does not match its last audited transition" in result.stderr
    assert "status closed (audited: open)" in result.stderr
    as_json = tg("audit", "verify", "--json", home=home)
    assert as_json.returncode == 8 and json.loads(as_json.stdout)["ok"] is False

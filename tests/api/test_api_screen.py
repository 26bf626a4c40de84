"""Screening, shipment evaluation, counterparties and monitoring through the API, on a store
holding real UN list extracts (two versions, so monitoring sees a list change)."""

from __future__ import annotations

from pathlib import Path

import yaml

from tradeguard import audit
from tradeguard.accounts import users
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..cases.helpers import ADMIN, PASSWORD, token
from ..conftest import FIXTURES
from ..threads import finish_job
from .conftest import Api

UN_OLD = FIXTURES / "lists/un_diff/consolidated-2025-11-20-diff-extract.xml"
UN_NEW = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"
EXAMPLES = Path(__file__).parents[2] / "examples/shipments"
KICJV = "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"


def _load(store: Store, path: Path) -> None:
    store.load(parse_path(path))


def test_screen_is_audited_and_can_open_cases(api: Api) -> None:
    _load(api.store, UN_NEW)
    h = api.auth("ana")
    r = api.client.post(
        "/screen", json={"name": "Korea International Chemical Joint Venture"}, headers=h
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["matches"][0]["entity_id"] == "un_sc:KPe.039"
    seq = int(r.headers["X-Audit-Seq"])
    record = audit.records(api.store, after=seq - 1, limit=1)[0]
    assert record.action == "screen.api" and record.actor == "ana"
    assert record.payload["hits"][0]["entity_id"] == "un_sc:KPe.039"
    r = api.client.post("/screen", json={"name": KICJV, "open_cases": True}, headers=h)
    case_ids = [int(x) for x in r.headers["X-Cases-Opened"].split(",") if x]
    assert case_ids
    case = api.client.get(f"/cases/{case_ids[0]}", headers=h).json()
    assert case["entity_id"] == "un_sc:KPe.039" and case["status"] == "open"
    r = api.client.post("/screen", json={"name": "   "}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "name"
    r = api.client.post("/screen", json={"name": "x", "threshold": 2}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "threshold"
    r = api.client.post("/screen", json={"name": "x", "surprise": 1}, headers=h)
    assert r.status_code == 422 and r.json()["field"] == "surprise"


def test_a_part_too_short_to_screen_is_left_out(api: Api) -> None:
    """One letter beside a name (an agent's, between tags) is not screened on its own: the
    name is, and only a name with nothing usable left is refused."""
    _load(api.store, UN_NEW)
    h = api.auth("ana")
    for name in (f"{KICJV} c/o X", f"<script>x</script>{KICJV}", f"X c/o {KICJV}"):
        r = api.client.post("/screen", json={"name": name, "type": "Organization"}, headers=h)
        assert r.status_code == 200, (name, r.text)
        assert r.json()["matches"][0]["entity_id"] == "un_sc:KPe.039", name
    r = api.client.post("/screen", json={"name": " x "}, headers=h)
    assert r.status_code == 422 and "too short to screen" in r.json()["detail"], r.text
    # a company's legal form alone, or markup alone, names no party (issue 17)
    for name, reason in (("Co., Ltd.", "legal form alone"), ("<b>x</b>", "besides its markup")):
        r = api.client.post("/screen", json={"name": name}, headers=h)
        assert r.status_code == 422 and r.json()["field"] == "name", r.text
        assert reason in r.json()["detail"], r.text


def test_batch_screening_job(api: Api) -> None:
    _load(api.store, UN_NEW)
    csv = f"id,name,type\nA-1,{KICJV},Organization\nA-2,Acme Office Furniture GmbH,Company\n"
    r = api.client.post(
        "/screen/batch",
        files={"file": ("parties.csv", csv.encode(), "text/csv")},
        headers=api.auth("ana"),
    )
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["total"] == 2
    finish_job(job["id"])
    status = api.client.get(f"/jobs/{job['id']}", headers=api.auth("ana")).json()
    assert status["status"] == "done" and status["done"] == 2, status
    result = api.client.get(f"/jobs/{job['id']}/result", headers=api.auth("ana")).json()["result"]
    assert [r["id"] for r in result] == ["A-1", "A-2"]
    assert result[0]["matches"][0]["entity_id"] == "un_sc:KPe.039"
    assert audit.records(api.store, action="screen.batch")
    # another analyst does not find ana's job (as an unknown id); a reviewer and an admin do
    users.add_user(api.store, ADMIN, "nina", PASSWORD, "analyst")
    nina = {"Authorization": f"Bearer {token(api.store, 'nina').token}"}
    for path in (f"/jobs/{job['id']}", f"/jobs/{job['id']}/result"):
        r = api.client.get(path, headers=nina)
        assert r.status_code == 404 and job["id"] in r.json()["detail"], r.text
        for who in ("rita", "adam", "ana"):
            assert api.client.get(path, headers=api.auth(who)).status_code == 200, who
    r = api.client.post(
        "/screen/batch",
        files={"file": ("bad.csv", b"id,nom\n1,x\n", "text/csv")},
        headers=api.auth("ana"),
    )
    assert r.status_code == 422


def test_evaluate_shipment_opens_a_case_when_not_clear(api: Api) -> None:
    _load(api.store, UN_NEW)
    shipment = yaml.safe_load((EXAMPLES / "cn-kp-machinery.yaml").read_text())
    r = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    assert r.status_code == 200, r.text
    decision = r.json()
    assert decision["verdict"] == "PROHIBITED"
    case = api.client.get(f"/cases/{r.headers['X-Case-Id']}", headers=api.auth("ana")).json()
    assert case["kind"] == "shipment" and case["detail"]["decision"]["verdict"] == "PROHIBITED"
    record = audit.records(api.store, action="evaluate.api")[0]
    assert record.subject == "shipment:CN-KP-MACH-0004"
    clear = yaml.safe_load((EXAMPLES / "jp-us-office-furniture.yaml").read_text())
    r = api.client.post("/evaluate", json=clear, headers=api.auth("ana"))
    assert r.status_code == 200
    assert ("X-Case-Id" in r.headers) == (r.json()["verdict"] != "CLEAR")
    del shipment["destination"]
    r = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    assert r.status_code == 422 and r.json()["field"] == "destination"


def _case_for(api: Api, cp: str) -> list[dict[str, object]]:
    return api.client.get(f"/cases?counterparty_id={cp}", headers=api.auth("ana")).json()


def test_monitoring_opens_cases_only_for_new_or_changed_hits(api: Api) -> None:
    _load(api.store, UN_OLD)
    parties = [
        {"id": "cp-haiti", "name": "Prophane Victor", "type": "Person"},  # entry changes
        {"id": "cp-iraq", "name": "Munir al Qubaysi", "type": "Person"},  # entry removed
        {"id": "cp-sudan", "name": "Gedo Hamdan Ahmed", "type": "Person"},  # entry added
        {"id": "cp-korea", "name": KICJV, "type": "Company"},  # entry unchanged
        {"id": "cp-clean", "name": "Acme Office Furniture GmbH", "type": "Company"},
    ]
    r = api.client.post("/counterparties", json=parties, headers=api.auth("rita"))
    assert r.status_code == 200 and r.json()["added"] == 5
    assert (
        api.client.post("/counterparties", json=parties, headers=api.auth("ana")).status_code == 403
    )
    rita = api.auth("rita")
    first = api.client.post("/monitor/run", json={}, headers=rita).json()
    assert first["screened"] == 5 and first["new"] == 3 and len(first["cases_opened"]) == 3
    assert {c["entity_id"] for c in _case_for(api, "cp-korea")} == {"un_sc:KPe.039"}
    again = api.client.post("/monitor/run", json={}, headers=rita).json()
    assert again["screened"] == 0 and again["cases_opened"] == [] and not again["lists_changed"]
    # a false positive approved by a second person is remembered for the pair
    korea_case = _case_for(api, "cp-korea")[0]["id"]
    api.client.post(
        f"/cases/{korea_case}/proposal",
        json={"proposal": "false_positive", "comment": "a different company"},
        headers=api.auth("ana"),
    )
    r = api.client.post(
        f"/cases/{korea_case}/review", json={"decision": "approve"}, headers=api.auth("rob")
    )
    assert r.json()["outcome"] == "false_positive"
    r = api.client.post(
        "/screen",
        json={"name": "-", "counterparty_id": "cp-korea", "open_cases": True},
        headers=api.auth("ana"),
    )
    assert r.json()["matches"] and r.headers["X-Cases-Opened"] == ""
    forced = api.client.post("/monitor/run", json={"force": True}, headers=rita).json()
    assert forced["screened"] == 5 and forced["unchanged"] == 3 and forced["cases_opened"] == []
    # the new list version: Haiti's entry changed, Iraq's removed, Sudan's added
    _load(api.store, UN_NEW)
    after = api.client.post("/monitor/run", json={}, headers=rita).json()
    assert after["lists_changed"] and after["screened"] == 5
    assert (after["new"], after["changed"], after["unchanged"], after["cleared"]) == (1, 1, 1, 1)
    assert {c["entity_id"] for c in _case_for(api, "cp-sudan")} == {"un_sc:SDi.007"}
    assert len(_case_for(api, "cp-haiti")) == 2
    # the counterparty's own data changes: the remembered false positive no longer holds
    parties[3]["countries"] = ["KP"]
    assert api.client.post("/counterparties", json=parties, headers=rita).json()["changed"] == 1
    last = api.client.post("/monitor/run", json={}, headers=rita).json()
    assert last["screened"] == 1 and last["changed"] == 1 and len(last["cases_opened"]) == 1
    assert api.client.get("/monitor/last", headers=rita).json()["run_id"] == last["run_id"]
    assert audit.verify(api.store).ok
    assert audit.records(api.store, subject="counterparty:cp-korea", action="screen.monitor")


def test_classify_is_audited(api: Api) -> None:
    r = api.client.post(
        "/classify",
        json={"description": "hydrogen fluoride", "cas": "7664-39-3"},
        headers=api.auth("ana"),
    )
    assert r.status_code == 200, r.text
    assert r.json()["controlled"] is True
    assert r.json()["entries"][0]["code"] == "1C350.24"
    record = audit.records(api.store, action="classify.api")[0]
    assert record.seq == int(r.headers["X-Audit-Seq"]) and record.actor == "ana"
    r = api.client.post("/classify", json={"cas": "not-a-cas"}, headers=api.auth("ana"))
    assert r.status_code == 422 and r.json()["field"]


def test_classify_reads_the_description(api: Api) -> None:
    r = api.client.post(
        "/classify",
        json={"description": "フッ化水素酸 25%", "cas": "7664-39-3", "jurisdiction": "JP"},
        headers=api.auth("ana"),
    )
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["controlled"] is False
    assert data["read_as"] == ["フッ化水素酸 (ja) = hydrofluoric acid"]
    assert data["entries"][0]["jp"]["label_ja"] == "3の項（一）"


def test_empty_type_means_no_type(api: Api) -> None:
    _load(api.store, UN_NEW)
    r = api.client.post("/screen", json={"name": KICJV, "type": ""}, headers=api.auth("ana"))
    assert r.status_code == 200 and r.json()["matches"][0]["entity_id"] == "un_sc:KPe.039"
    r = api.client.post("/screen", json={"name": KICJV, "type": "Dragon"}, headers=api.auth("ana"))
    assert r.status_code == 422 and r.json()["field"] == "type"


def test_an_audited_decision_costs_one_statement_on_postgresql(api: Api) -> None:
    """With the token checked lately and the screener and network current, a screening's only
    database work is its audit record: one statement on PostgreSQL (which commits on its own),
    the head bump, the record and the new head in one transaction on SQLite. A CLEAR shipment
    evaluation's is its record and, before it, one read: whether its shipment id has an open
    case (a CLEAR evaluation is linked to it)."""
    from sqlalchemy import event

    _load(api.store, UN_NEW)
    services = api.client.app.state.services  # type: ignore[attr-defined]
    services.recheck_seconds = 3600.0
    services.tokens.seconds = 3600.0
    h = api.auth("ana")
    clear = yaml.safe_load((EXAMPLES / "jp-us-office-furniture.yaml").read_text())
    assert api.client.post("/screen", json={"name": "warm up"}, headers=h).status_code == 200
    assert api.client.post("/evaluate", json=clear, headers=h).json()["verdict"] == "CLEAR"
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(api.store.engine, "before_cursor_execute", seen)
    try:
        for name in (KICJV, "Acme Office Furniture GmbH", "조선광업개발무역회사"):
            r = api.client.post("/screen", json={"name": name}, headers=h)
            assert r.status_code == 200, r.text
        r = api.client.post("/evaluate", json=clear, headers=h)
        assert r.status_code == 200 and "X-Case-Id" not in r.headers
    finally:
        event.remove(api.store.engine, "before_cursor_execute", seen)
    per_request = 1 if api.store.engine.dialect.name == "postgresql" else 3
    assert len(statements) == 4 * per_request + 1, statements
    looked_up = [s for s in statements if "audit_" not in s]
    assert len(looked_up) == 1 and "FROM cases" in looked_up[0], statements
    assert audit.verify(api.store).ok


def test_evaluations_cite_the_versions_the_screener_was_built_from(api: Api) -> None:
    """An evaluation cites the list versions of the screener that screened its parties; a list
    loaded through the API is screened and cited from the next request on."""
    _load(api.store, UN_OLD)
    services = api.client.app.state.services  # type: ignore[attr-defined]
    services.recheck_seconds = 3600.0
    shipment = yaml.safe_load((EXAMPLES / "cn-kp-machinery.yaml").read_text())
    h = api.auth("ana")
    r = api.client.post("/evaluate", json=shipment, headers=h)
    assert r.status_code == 200, r.text
    old = api.store.current_version("un_sc")
    assert old is not None
    cited = {v["list"]: v["sha256"] for v in r.json()["list_versions"]}
    assert cited["un_sc"] == old.sha256
    _load(api.store, UN_NEW)  # behind the worker's back: seen at the next check
    r = api.client.post("/evaluate", json=shipment, headers=h)
    assert {v["list"]: v["sha256"] for v in r.json()["list_versions"]}["un_sc"] == old.sha256
    services.lists_changed()  # as a load through the API does
    r = api.client.post("/evaluate", json=shipment, headers=h)
    new = api.store.current_version("un_sc")
    assert new is not None and new.sha256 != old.sha256
    assert {v["list"]: v["sha256"] for v in r.json()["list_versions"]}["un_sc"] == new.sha256

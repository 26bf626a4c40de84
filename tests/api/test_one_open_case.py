"""One open case per shipment id, and per (counterparty, list entry) pair of a screening: an
evaluation or screening that comes upon an open case again is linked to it (a ``case.link``
audit record on the case); a new case opens once the earlier one is closed."""

from __future__ import annotations

from pathlib import Path

import yaml

from tradeguard import audit
from tradeguard.lists.registry import parse_path

from ..conftest import FIXTURES
from .conftest import Api

UN = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"
EXAMPLES = Path(__file__).parents[2] / "examples/shipments"
KICJV = "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"


def _close(api: Api, case_id: int, proposal: str) -> None:
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        json={"proposal": proposal, "comment": "checked"},
        headers=api.auth("ana"),
    )
    assert r.status_code == 200, r.text
    r = api.client.post(
        f"/cases/{case_id}/review", json={"decision": "approve"}, headers=api.auth("rita")
    )
    assert r.status_code == 200 and r.json()["status"] == "closed", r.text


def test_evaluating_a_shipment_again_links_to_its_open_case(api: Api) -> None:
    api.store.load(parse_path(UN))
    shipment = yaml.safe_load((EXAMPLES / "cn-kp-machinery.yaml").read_text())
    first = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    assert first.status_code == 200 and first.json()["verdict"] == "PROHIBITED", first.text
    case_id = int(first.headers["X-Case-Id"])
    again = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    assert int(again.headers["X-Case-Id"]) == case_id
    cases = api.client.get("/cases?kind=shipment", headers=api.auth("ana")).json()
    assert [c["id"] for c in cases] == [case_id]
    links = audit.records(api.store, subject=f"case:{case_id}", action="case.link")
    assert len(links) == 1
    assert links[0].payload == {
        "by": "evaluate.api",
        "seq": int(again.headers["X-Audit-Seq"]),
        "verdict": "PROHIBITED",
    }
    decision = audit.records(api.store, action="evaluate.api")[-1]
    assert decision.payload["case_id"] == case_id
    # an escalated case is still open: linked again
    r = api.client.post(
        f"/cases/{case_id}/proposal",
        json={"proposal": "escalate", "comment": "to legal"},
        headers=api.auth("ana"),
    )
    assert r.status_code == 200, r.text
    r = api.client.post(
        f"/cases/{case_id}/review", json={"decision": "approve"}, headers=api.auth("rita")
    )
    assert r.json()["status"] == "escalated"
    r = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    assert int(r.headers["X-Case-Id"]) == case_id
    # closed: the next evaluation opens a new case
    _close(api, case_id, "block")
    r = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    new_id = int(r.headers["X-Case-Id"])
    assert new_id != case_id
    cases = api.client.get("/cases?kind=shipment", headers=api.auth("ana")).json()
    assert [(c["id"], c["status"]) for c in cases] == [(case_id, "closed"), (new_id, "open")]
    # another shipment id is another case
    shipment["id"] = "CN-KP-MACH-0005"
    r = api.client.post("/evaluate", json=shipment, headers=api.auth("ana"))
    assert int(r.headers["X-Case-Id"]) not in (case_id, new_id)


def test_screening_again_links_each_hit_to_its_open_case(api: Api) -> None:
    api.store.load(parse_path(UN))
    h = api.auth("ana")
    query = {"name": KICJV, "open_cases": True}
    r = api.client.post("/screen", json=query, headers=h)
    assert r.status_code == 200, r.text
    opened = [int(x) for x in r.headers["X-Cases-Opened"].split(",") if x]
    assert opened
    r = api.client.post("/screen", json=query, headers=h)
    assert r.status_code == 200, r.text
    assert r.headers["X-Cases-Opened"] == ""
    record = audit.records(api.store, action="screen.api")[-1]
    assert [(c["case_id"], c.get("linked")) for c in record.payload["cases"]] == [
        (case_id, True) for case_id in opened
    ]
    cases = api.client.get("/cases?kind=screening", headers=h).json()
    assert sorted(c["id"] for c in cases) == sorted(opened)
    for case_id in opened:
        links = audit.records(api.store, subject=f"case:{case_id}", action="case.link")
        assert [link.payload["by"] for link in links] == ["screen.api"]
    _close(api, opened[0], "true_match")
    r = api.client.post("/screen", json=query, headers=h)
    assert [int(x) for x in r.headers["X-Cases-Opened"].split(",") if x] == [max(opened) + 1]
    cases = api.client.get("/cases?kind=screening", headers=h).json()
    assert len(cases) == len(opened) + 1


def _verdict_of(api: Api, case_id: int) -> tuple[str, list[str], int]:
    case = api.client.get(f"/cases/{case_id}", headers=api.auth("ana")).json()
    decision = case["detail"]["decision"]
    return decision["verdict"], [r["code"] for r in decision["reasons"]], case["version"]


def test_a_newer_evaluation_gives_the_open_case_its_verdict(api: Api) -> None:
    """The machinery to the DPRK is PROHIBITED since UNSC resolution 2397 (2017-12-22) and
    under the UN catch-all (REVIEW) before: evaluated with an earlier date, then again as it
    is, then as another shipment (office furniture to the US, CLEAR) under the same id, the one
    open case follows each newest verdict and its reasons, and so do its outcomes."""
    api.store.load(parse_path(UN))
    ana, rita = api.auth("ana"), api.auth("rita")
    shipment = yaml.safe_load((EXAMPLES / "cn-kp-machinery.yaml").read_text())
    first = api.client.post("/evaluate", json=shipment, headers=ana)
    case_id = int(first.headers["X-Case-Id"])
    release = {"proposal": "release", "comment": "goes as declared"}
    r = api.client.post(f"/cases/{case_id}/proposal", json=release, headers=ana)
    assert r.status_code == 422 and "PROHIBITED" in r.json()["detail"], r.text
    earlier = api.client.post("/evaluate", json={**shipment, "date": "2017-06-01"}, headers=ana)
    assert earlier.json()["verdict"] == "REVIEW" and int(earlier.headers["X-Case-Id"]) == case_id
    verdict, reasons, version = _verdict_of(api, case_id)
    assert (verdict, version) == ("REVIEW", 2) and "UN_DPRK_CATCH_ALL" in reasons
    assert "UN_DPRK_EXPORT_BAN" not in reasons
    link = audit.records(api.store, subject=f"case:{case_id}", action="case.link")[-1]
    assert {k: link.payload[k] for k in ("by", "seq", "verdict", "previous_verdict")} == {
        "by": "evaluate.api",
        "seq": int(earlier.headers["X-Audit-Seq"]),
        "verdict": "REVIEW",
        "previous_verdict": "PROHIBITED",
    }
    assert (
        link.payload["version"] == 2 and link.payload["detail"]["decision"]["verdict"] == "REVIEW"
    )
    r = api.client.post(f"/cases/{case_id}/proposal", json=release, headers=ana)
    assert r.status_code == 200, r.text  # REVIEW leaves every outcome
    again = api.client.post("/evaluate", json=shipment, headers=ana)
    assert int(again.headers["X-Case-Id"]) == case_id
    assert _verdict_of(api, case_id)[0] == "PROHIBITED"
    # the release proposed under REVIEW was withdrawn with the new verdict: nothing to approve
    r = api.client.post(f"/cases/{case_id}/review", json={"decision": "approve"}, headers=rita)
    assert r.status_code == 409 and "PROHIBITED" in r.json()["detail"], r.text
    assert "release by ana was withdrawn" in r.json()["detail"]
    case = api.client.get(f"/cases/{case_id}", headers=ana).json()
    assert (case["status"], case["proposal"]) == ("open", None)
    assert case["withdrawn"]["proposal"] == "release"
    assert case["withdrawn"]["seq"] == int(again.headers["X-Audit-Seq"])
    r = api.client.post(
        f"/cases/{case_id}/proposal", json={"proposal": "block", "comment": "ban"}, headers=ana
    )
    assert r.status_code == 200, r.text
    # the same id declared again as office furniture to the US: CLEAR, linked, shown
    furniture = yaml.safe_load((EXAMPLES / "jp-us-office-furniture.yaml").read_text())
    clear = api.client.post("/evaluate", json={**furniture, "id": shipment["id"]}, headers=ana)
    assert clear.json()["verdict"] == "CLEAR" and int(clear.headers["X-Case-Id"]) == case_id
    assert _verdict_of(api, case_id)[0] == "CLEAR"
    # the block proposed under PROHIBITED is withdrawn too (four eyes still close a CLEAR case)
    case = api.client.get(f"/cases/{case_id}", headers=ana).json()
    assert (case["status"], case["withdrawn"]["proposal"]) == ("open", "block")
    decision = audit.records(api.store, action="evaluate.api")[-1]
    assert decision.payload["case_id"] == case_id
    trail = audit.records(api.store, subject=f"case:{case_id}", action="case.link")
    assert [(x.payload["verdict"], x.payload.get("previous_verdict")) for x in trail] == [
        ("REVIEW", "PROHIBITED"),
        ("PROHIBITED", "REVIEW"),
        ("CLEAR", "PROHIBITED"),
    ]
    # a CLEAR shipment with no open case still opens none
    r = api.client.post("/evaluate", json=furniture, headers=ana)
    assert r.json()["verdict"] == "CLEAR" and "X-Case-Id" not in r.headers
    r = api.client.get("/audit/verify", headers=rita)
    assert r.status_code == 200 and r.json()["ok"] is True, r.text

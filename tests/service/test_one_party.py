"""One party, one answer on every face: Korea Ryonbong General Corporation (UN KPe.002) is on
six lists of the bundled snapshot; the API, the command line, a batch file and the web page give
it as one result with every membership and the same matched name and score, whichever copy's
spelling is screened; a shipment with the METI kanji as end user is PROHIBITED by the UN asset
freeze; a screening that opens cases opens one for the party."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tradeguard import audit
from tradeguard.accounts.users import Actor, Role
from tradeguard.cli import app
from tradeguard.lists.consequences import list_info
from tradeguard.service import Service
from tradeguard.shipments.model import Shipment
from tradeguard.store import Store

from ..api.conftest import make_api
from ..screening.test_parties import RYONBONG
from ..web.helpers import log_in

ANA = Actor("ana", Role.ANALYST)
#: the UN, OFAC and CSL spelling, and the METI kanji (on the METI entry only)
SPELLINGS = {"latin": "KOREA RYONBONG GENERAL CORPORATION", "kanji": "朝鮮連峰総会社"}


@pytest.fixture
def store(loaded_home: Path) -> Iterator[Store]:
    s = Store.open()
    try:
        yield s
    finally:
        s.close()


def _party(matches: list[dict[str, Any]]) -> dict[str, Any]:
    """The one result holding Ryonbong's entries, as the faces compare it."""
    holding = [m for m in matches if {x["entity_id"] for x in m["memberships"]} & RYONBONG]
    assert len(holding) == 1, [m["entity_id"] for m in matches]
    m = holding[0]
    return {
        "party_id": m["party_id"],
        "entity_id": m["entity_id"],
        "matched_name": m["matched_name"],
        "score": round(m["score"], 4),
        "memberships": sorted(m["memberships"], key=lambda x: x["entity_id"]),
    }


def test_api_cli_batch_and_web_agree(tmp_path: Path, store: Store) -> None:
    api = next(make_api(store))
    by_api = {}
    for key, name in SPELLINGS.items():
        r = api.client.post(
            "/screen", json={"name": name, "type": "Organization"}, headers=api.auth("ana")
        )
        assert r.status_code == 200, r.text
        by_api[key] = _party(r.json()["matches"])
        assert by_api[key]["party_id"] == "un_sc:KPe.002"
        members = by_api[key]["memberships"]
        assert {x["entity_id"] for x in members} >= RYONBONG
        for x in members:  # list, source id, programmes and the legal consequence
            assert x["consequence"] == list_info(x["list"]).consequence()
            assert x["source_id"] and "programs" in x
    assert by_api["kanji"]["matched_name"] == "朝鮮連峰総会社"

    for key, name in SPELLINGS.items():
        result = CliRunner().invoke(app, ["screen", name, "--type", "Organization", "--json"])
        assert result.exit_code == 0, result.output
        assert _party(json.loads(result.stdout)["matches"]) == by_api[key], key

    source, output = tmp_path / "parties.csv", tmp_path / "matches.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "name", "type"])
        writer.writerows([key, name, "Organization"] for key, name in SPELLINGS.items())
    result = CliRunner().invoke(app, ["screen-batch", str(source), "-o", str(output)])
    assert result.exit_code == 0, result.output
    with output.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for key in SPELLINGS:
        found = [
            {**r, "score": float(r["score"]), "memberships": json.loads(r["memberships"])}
            for r in rows
            if r["id"] == key
        ]
        assert _party(found) == by_api[key], key  # one row for the party, not one per copy
        row = next(r for r in found if r["party_id"] == "un_sc:KPe.002")
        assert set(row["lists"].split(";")) == {x["list"] for x in by_api[key]["memberships"]}

    client = api.client  # the same server's pages
    csrf = log_in(client)
    for key, name in SPELLINGS.items():
        r = client.post("/ui/screen", data={"csrf": csrf, "name": name, "type": "Organization"})
        assert r.status_code == 200, r.text[:300]
        record = [x for x in audit.records(store, limit=1000) if x.action == "screen.web"][-1]
        hit = next(h for h in record.payload["hits"] if h["entity_id"] == by_api[key]["entity_id"])
        assert hit["score"] == by_api[key]["score"]
        assert set(hit["party"]) == {x["entity_id"] for x in by_api[key]["memberships"]}
        assert r.text.count('class="match"') == len(record.payload["hits"])  # a row per party
        for x in by_api[key]["memberships"]:
            assert list_info(x["list"]).consequence() in r.text


KANJI_END_USER = {
    "export_country": "JP",
    "destination": "CN",
    "exporter": {"name": "Acme Trading KK", "country": "JP"},
    "consignee": {"name": "Dalian Widget Co", "country": "CN"},
    "end_user": {"name": "朝鮮連峰総会社"},
    "items": [{"description": "ball bearings", "hs": "848210"}],
}


def test_the_kanji_as_end_user_is_prohibited(store: Store) -> None:
    shipment = Shipment.model_validate(KANJI_END_USER)
    done = Service(store).evaluate(ANA, shipment)
    assert done.decision.verdict == "PROHIBITED"
    reason = next(r for r in done.decision.reasons if r.party == "end_user")
    assert reason.code == "DESIGNATED_PARTY"
    assert reason.evidence["entity_id"] == "un_sc:KPe.002"
    assert done.case_id is not None  # one case for the shipment


def _end_user_memberships(decision: dict[str, Any]) -> list[dict[str, Any]]:
    party = next(p for p in decision["parties"] if p["role"] == "end_user")
    match = next(m for m in party["matches"] if m["party_id"] == "un_sc:KPe.002")
    assert match["source_id"] == "KPe.002" and match["consequence"]
    return sorted(match["memberships"], key=lambda x: x["entity_id"])


def test_a_shipments_memberships_are_the_screenings_on_every_face(
    tmp_path: Path, store: Store
) -> None:
    """Every membership of a shipment's party (list, source id, programmes, legal consequence)
    in the screening's shape plus its level: the API, the command line's JSON, the web page and
    the case's PDF report."""
    from tradeguard.reports.case import case_report
    from tradeguard.screening.model import MEMBERSHIP_KEYS

    api = next(make_api(store))
    screened = api.client.post(
        "/screen", json={"name": "朝鮮連峰総会社", "type": "Organization"}, headers=api.auth("ana")
    ).json()
    expected = _party(screened["matches"])["memberships"]
    r = api.client.post("/evaluate", json=KANJI_END_USER, headers=api.auth("ana"))
    assert r.status_code == 200, r.text
    members = _end_user_memberships(r.json())
    assert {x["entity_id"] for x in members} >= RYONBONG
    for x in members:
        assert set(x) == {*MEMBERSHIP_KEYS, "level"}, x
        assert x["consequence"] == list_info(x["list"]).consequence() and x["source_id"]
    assert [{k: v for k, v in x.items() if k != "level"} for x in members] == expected
    un = next(x for x in members if x["list"] == "un_sc")
    assert un["level"] == "designated" and un["source_id"] == "KPe.002"

    path = tmp_path / "shipment.json"
    path.write_text(json.dumps(KANJI_END_USER, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path), "--json"])
    assert result.exit_code in (0, 1), result.output
    assert _end_user_memberships(json.loads(result.stdout)) == members
    text = CliRunner().invoke(app, ["evaluate", str(path)]).stdout
    assert "(KPe.002): " + list_info("un_sc").consequence() in " ".join(text.split())

    client = api.client
    csrf = log_in(client)
    page = client.post(
        "/ui/shipment",
        data={"csrf": csrf, "shipment": json.dumps(KANJI_END_USER, ensure_ascii=False)},
    )
    assert page.status_code == 200, page.text[:300]
    for x in members:
        assert list_info(x["list"]).consequence() in page.text and x["source_id"] in page.text

    case_id = int(r.headers["X-Case-Id"])
    report = re.sub(r"<[^>]+>", "", case_report(store, case_id).html)  # the words, not the tags
    for x in members:
        assert f"({x['source_id']}): {list_info(x['list']).consequence()}" in report


def test_one_case_per_party_per_screening(store: Store) -> None:
    api = next(make_api(store))
    r = api.client.post(
        "/screen",
        json={"name": SPELLINGS["latin"], "type": "Organization", "open_cases": True},
        headers=api.auth("ana"),
    )
    assert r.status_code == 200, r.text
    matches = r.json()["matches"]
    opened = [c for c in r.headers["X-Cases-Opened"].split(",") if c]
    assert len(opened) == len(matches)  # a case per result, a result per party
    ryonbong = [m for m in matches if {x["entity_id"] for x in m["memberships"]} & RYONBONG]
    assert len(ryonbong) == 1

"""A possible match on an asset-freeze list holds a shipment on every path that decides one:
one evaluation (``evaluate``, CLI, API and web pages) and a file of declarations
(``audit-declarations``, in this process, in forked processes and in partitions) read the
reviews the same way, so a match a four-eyes review dismissed no longer holds either, and one
still under review holds both (the bundled lists snapshot, the real screener and policy).

The dismissals a file's audit reads once answer as the store does for one shipment, on SQLite
and PostgreSQL, whatever the letter case of the name, in any script."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tradeguard.batch import audit_batch
from tradeguard.batch.io import OutputDir
from tradeguard.cases import workflow as rv
from tradeguard.cases.config import set_config
from tradeguard.cases.dismissals import Dismissals, dismissal
from tradeguard.cli import app
from tradeguard.service import Service
from tradeguard.service.reviews import Reviews
from tradeguard.shipments.audit import COLUMNS
from tradeguard.shipments.audit_results import verdict_row
from tradeguard.shipments.declarations import declaration_document, read_declarations
from tradeguard.shipments.model import parse_shipment
from tradeguard.store import Store

from .helpers import ADMIN, make_users
from .test_held import _screening_case

DISMISSED, OPEN = "檀君贸易公司", "Korea Ryonha Machinery"
#: the UN entries the two end users may be (the screener's best hit on each)
ENTRY = {DISMISSED: "un_sc:KPe.008", OPEN: "un_sc:KPe.016"}


def _row(decl_id: str, end_user: str) -> dict[str, str]:
    """Anhydrous hydrogen fluoride (1C350.24) from Japan to an end user in Hong Kong, no
    licence: LICENCE_REQUIRED, or REVIEW while a possible match holds it."""
    return {
        "declaration_id": decl_id,
        "date": "2026-12-01",
        "export_country": "JP",
        "destination": "HK",
        "exporter_name": "Morita Chemical Trading Co., Ltd.",
        "exporter_country": "JP",
        "exporter_address": "Tokyo",
        "consignee_name": "Hong Kong Bright Star Trading Ltd",
        "consignee_country": "HK",
        "consignee_address": "1 Nathan Road, Kowloon",
        "end_user_name": end_user,
        "end_user_country": "HK",
        "end_user_address": "1 Nathan Road, Kowloon",
        "end_use": "etching gas",
        "line": "1",
        "description": "Hydrogen fluoride, anhydrous, 99.999 %",
        "hs": "281111",
        "cas": "7664-39-3",
        "control_entry": "1C350.24",
        "value": "48000",
        "currency": "USD",
    }


def _declarations(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows([_row("D-DISMISSED", DISMISSED), _row("D-OPEN", OPEN)])
    return path


def _evaluated(service: Service, path: Path) -> dict[str, dict[str, Any]]:
    """What ``evaluate`` decides for each declaration of ``path``, as an audit's row."""
    out = {}
    for decl_id, _, rows in read_declarations(path):
        shipment = parse_shipment(declaration_document(decl_id, rows), source=path.name)
        decision = service.evaluate(ADMIN, shipment, face="cli").decision
        out[decl_id] = verdict_row(decision).to_row()
    return out


def _audited(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["declaration_id"]: r for r in rows}


def test_a_dismissed_match_holds_no_path_and_an_open_one_holds_every_path(
    loaded_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = make_users(loaded_store)
    ana, rita = made["ana"].actor, made["rita"].actor
    service = Service(loaded_store)
    path = _declarations(tmp_path / "declarations.csv")
    dismissed = _screening_case(loaded_store, DISMISSED, ENTRY[DISMISSED])
    pending = _screening_case(loaded_store, OPEN, ENTRY[OPEN])
    rv.propose(loaded_store, ana, dismissed, "false_positive", "a bakery in Mong Kok")
    rv.propose(loaded_store, ana, pending, "false_positive", "a shop in Kowloon")

    before = service.audit_declarations(ADMIN, path)
    assert before.summary["verdicts"]["REVIEW"] == 2  # both proposed, neither approved

    rv.review(loaded_store, rita, dismissed, "approve")
    one = _evaluated(service, path)
    assert one["D-DISMISSED"]["verdict"] == "LICENCE_REQUIRED", one
    assert "POSSIBLE_MATCH" not in one["D-DISMISSED"]["reason_codes"], one
    assert one["D-OPEN"]["verdict"] == "REVIEW", one
    assert one["D-OPEN"]["reason_codes"].startswith("POSSIBLE_MATCH"), one
    for workers in (1, 2):  # in this process, then in forked processes
        after = service.audit_declarations(ADMIN, path, workers=workers)
        assert _audited([d.to_row() for d in after.declarations]) == one
    # in partitions (the runner of --cluster, here in this process)
    reviews = Reviews.read(loaded_store)
    batch = audit_batch(path, tmp_path / "parts", service.evaluator(), review=reviews)
    assert _audited(OutputDir(str(tmp_path / "parts")).read().to_pylist()) == one
    assert batch.summary is not None and batch.summary["verdicts"]["REVIEW"] == 1
    # and the command line
    monkeypatch.setenv("TRADEGUARD_DATABASE_URL", str(loaded_store.engine.url))
    result = CliRunner().invoke(app, ["audit-declarations", str(path), "--json"])
    assert result.exit_code == 0, result.output
    verdicts = json.loads(result.stdout)["verdicts"]
    assert (verdicts["LICENCE_REQUIRED"], verdicts["REVIEW"]) == (1, 1)


def test_the_organisation_setting_reaches_the_service_evaluator(loaded_store: Store) -> None:
    """``evaluate`` and ``audit-declarations`` take the organisation's kr.cp_grade, as
    ``Evaluator.from_store`` always did."""
    service = Service(loaded_store, recheck_seconds=0)
    assert service.evaluator().engine.kr_cp_grade is None
    set_config(loaded_store, ADMIN, "kr.cp_grade", "AA")
    assert service.evaluator().engine.kr_cp_grade == "AA"


@pytest.mark.parametrize(
    ("subject", "asked"),
    [
        ("ООО ТЕХНО", "ооо техно"),  # Cyrillic: SQLite's lower() folds ASCII only
        ("Tangun Trading", "TANGUN TRADING"),
        ("\u3000檀君贸易公司 ", "檀君贸易公司"),  # an ideographic space at an end
    ],
)
def test_one_lookup_and_a_files_snapshot_find_the_same_dismissal(
    store: Store, subject: str, asked: str
) -> None:
    made = make_users(store)
    ana, rita = made["ana"].actor, made["rita"].actor
    older = _screening_case(store, subject, "un_sc:KPe.008")
    newer = _screening_case(store, subject, "un_sc:KPe.008")
    other = _screening_case(store, subject, "un_sc:KPe.001")  # another entry
    for case in (older, newer, other):
        rv.propose(store, ana, case, "false_positive", "a namesake")
        rv.review(store, rita, case, "approve")
    with store.session() as session:
        one = dismissal(session, asked, ["un_sc:KPe.008", "jp_mof:1"])
        snapshot = Dismissals.read(session)
    assert one is not None and one[:2] == (newer, "rita")
    assert snapshot.find(asked, ["un_sc:KPe.008", "jp_mof:1"]) == one
    assert snapshot.find(asked, ["un_sc:KPe.001", "un_sc:KPe.008"])[0] == other  # type: ignore[index]
    with store.session() as session:
        assert dismissal(session, asked, ["jp_mof:1"]) is None
        assert dismissal(session, "someone else", ["un_sc:KPe.008"]) is None
    assert snapshot.find(asked, ["jp_mof:1"]) is None
    assert snapshot.find("someone else", ["un_sc:KPe.008"]) is None

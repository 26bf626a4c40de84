"""Case and period reports on the bundled snapshot, read back from the PDF with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.dates import format_date
from sqlalchemy import update
from typer.testing import CliRunner

from tradeguard.accounts import users
from tradeguard.accounts.users import Actor, Role
from tradeguard.audit.tables import AuditRecordRow
from tradeguard.cases import alerts, workflow
from tradeguard.cli import app
from tradeguard.policy.reasons import is_unverified, unverified_note
from tradeguard.screening import Query, Screener
from tradeguard.shipments import Evaluator
from tradeguard.shipments.model import parse_shipment
from tradeguard.store import Store

from ..shipment_docs import hf_japan_to_korea

ADMIN = Actor("cli:test", Role.ADMIN)
PASSWORD = "correct horse battery"
HANGUL = "조선련봉총회사"
ROOT = Path(__file__).resolve().parents[2]


def _pdftext(path: Path, layout: bool = True) -> str:
    """The text of a PDF: laid out as on the page, or (``layout=False``) in the order it is
    drawn, each table cell's text together."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def store(loaded_home: Path) -> Store:
    s = Store.open(f"sqlite:///{loaded_home / 'tradeguard.db'}")
    users.add_user(s, ADMIN, "ana", PASSWORD, "analyst")
    users.add_user(s, ADMIN, "rita", PASSWORD, "reviewer")
    return s


def _screener(store: Store) -> Screener:
    return Screener.from_entities(
        store.iter_current_entities(lists=["un_sc"]), versions_key=store.versions_key()
    )


def test_case_report_states_versions_scores_reviewers_and_chain(
    store: Store, tmp_path: Path
) -> None:
    ana, rita = Actor("ana", Role.ANALYST), Actor("rita", Role.REVIEWER)
    screener = _screener(store)
    query = Query(HANGUL)
    matches = screener.screen(query)
    assert matches and matches[0].entity_id == "un_sc:KPe.002"
    recorded = alerts.record_screening(
        store, ana, query.to_dict(), matches[:1], threshold=None, versions="v", open_cases=True
    )
    case_id = recorded.cases[0].case_id
    workflow.propose(store, ana, case_id, "true_match", "Hangul name is the UN entry")
    workflow.review(store, rita, case_id, "approve", "agreed")
    version = store.current_version("un_sc")
    assert version is not None

    result = CliRunner().invoke(app, ["report", "case", str(case_id), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / f"case-{case_id}.html").read_text(encoding="utf-8")
    text = _pdftext(tmp_path / f"case-{case_id}.pdf")
    for fact in (f"Case {case_id}", HANGUL, "un_sc:KPe.002", "VERIFIED", "ana", "rita",
                 "true_match", "case.review", f"{matches[0].score:.4f}"):  # fmt: skip
        assert fact in text, fact
    assert version.sha256 in html and version.sha256[:20] in text.replace("\n", "")
    flat = " ".join(text.split())
    assert "Why it matches" in flat and "Words that agree" in flat  # the explanation in words
    assert "Scores (per cent)" not in flat  # no decorative score bar
    assert "UN Security Council asset freeze" in flat
    from tradeguard.audit import records

    trail = records(store, subject=f"case:{case_id}")
    assert trail and all(r.hash in html and r.prev_hash in html for r in trail)  # the proof

    # an edited record breaks the chain, and the report says so
    with store.session() as session, session.begin():
        session.execute(update(AuditRecordRow).where(AuditRecordRow.seq == 1).values(actor="x"))
    CliRunner().invoke(app, ["report", "case", str(case_id), "--out", str(tmp_path / "b")])
    assert "BROKEN" in _pdftext(tmp_path / "b" / f"case-{case_id}.pdf")


def test_period_report_counts_blocked_and_unauthorised(store: Store, tmp_path: Path) -> None:
    ana = Actor("ana", Role.ANALYST)
    evaluator = Evaluator(screener=_screener(store))
    doc = {
        "id": "T-1",
        "exporter": {"name": "Morita Chemical Trading Co., Ltd.", "country": "JP"},
        "consignee": {"name": HANGUL, "country": "CN"},
        "export_country": "JP",
        "destination": "CN",
        "items": [{"description": "Centrifugal pumps", "hs": "8413.70"}],
    }
    for n in range(2):
        ship = parse_shipment(doc | {"id": f"T-{n}"})
        decision = evaluator.evaluate(ship).to_dict()
        assert decision["verdict"] == "PROHIBITED"
        alerts.record_decision(
            store, ana, "evaluate.api", f"shipment:T-{n}", doc, decision, open_if_not_clear=True
        )
    today = datetime.now(UTC).date().isoformat()
    day = format_date(date.fromisoformat(today), "long", locale="en")  # the report's date
    result = CliRunner().invoke(
        app, ["report", "period", "--from", today, "--to", today, "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(_pdftext(tmp_path / f"period-{today}-{today}.pdf").split())
    assert f"Export control figures, {day} to {day}" in text
    assert "Blocked shipments 2" in text and "Unauthorised-export attempts 2" in text
    assert "CN 2" in text and "PROHIBITED 2" in text

    bad = CliRunner().invoke(app, ["report", "period", "--from", today, "--to", "2000-01-01"])
    assert bad.exit_code != 0


def test_shipment_case_report_has_parties_items_and_reasons_by_jurisdiction(
    store: Store, tmp_path: Path
) -> None:
    ana, rita = Actor("ana", Role.ANALYST), Actor("rita", Role.REVIEWER)
    evaluator = Evaluator(screener=_screener(store))
    doc = {
        "id": "T-PARTIES",
        "exporter": {"name": "Morita Chemical Trading Co., Ltd.", "country": "JP",
                     "address": "1-2-3 Marunouchi, Tokyo"},
        "consignee": {"name": HANGUL, "country": "CN", "address": "Dandong, Liaoning"},
        "export_country": "JP",
        "destination": "CN",
        "items": [{"description": "Centrifugal pumps, stainless steel", "hs": "8413.70"}],
    }  # fmt: skip
    decision = evaluator.evaluate(parse_shipment(doc)).to_dict()
    recorded = alerts.record_decision(
        store, ana, "evaluate.api", "shipment:T-PARTIES", doc, decision, open_if_not_clear=True
    )
    case_id = recorded.case_id
    assert case_id is not None
    workflow.propose(store, ana, case_id, "block", "consignee is the UN-designated KPe.002")
    workflow.review(store, rita, case_id, "approve")
    result = CliRunner().invoke(app, ["report", "case", str(case_id), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    text = " ".join(_pdftext(tmp_path / f"case-{case_id}.pdf").split())
    html = (tmp_path / f"case-{case_id}.html").read_text(encoding="utf-8")
    for fact in ("Parties", "exporter", "Morita Chemical Trading", "1-2-3 Marunouchi, Tokyo",
                 "consignee", "Dandong, Liaoning", "Items", "Centrifugal pumps, stainless steel",
                 "841370", "block"):  # fmt: skip
        assert fact in html, fact
    for fact in ("Parties", "Items", "Dandong", "841370", "Marunouchi"):  # and in the PDF
        assert fact in text, fact
    from tradeguard.lists.consequences import basis_jurisdiction, by_basis

    ordered = by_basis(decision["reasons"], "JP")
    places = [basis_jurisdiction(r["legal_basis"]) for r in ordered]
    assert "UN" in places
    rank = {"JP": 0, "UN": 1}
    assert [rank.get(p or "", 2) for p in places] == sorted(rank.get(p or "", 2) for p in places)
    shown = [unverified_note(r["message"])[0] for r in ordered]
    positions = [html.index(m) for m in shown if m in html]
    assert positions == sorted(positions)  # the report prints them in that order


def test_case_report_says_not_verified_once_and_names_the_licence_kind(
    store: Store, tmp_path: Path
) -> None:
    """Japan to Korea, hydrogen fluoride on 2019-07-10 under a comprehensive (bulk) licence:
    an individual licence is needed, by a rule whose source is not verified. The PDF says so
    once for the reason, and calls the licence comprehensive, not general."""
    ana = Actor("ana", Role.ANALYST)
    doc = hf_japan_to_korea("T-HF")
    decision = Evaluator().evaluate(parse_shipment(doc), date(2019, 7, 10)).to_dict()
    unverified = [r for r in decision["reasons"] if is_unverified(r)]
    assert [r["code"] for r in unverified] == ["LICENCE_REQUIRED"]
    recorded = alerts.record_decision(
        store, ana, "evaluate.api", "shipment:T-HF", doc, decision, open_if_not_clear=True
    )
    assert recorded.case_id is not None
    result = CliRunner().invoke(
        app, ["report", "case", str(recorded.case_id), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(_pdftext(tmp_path / f"case-{recorded.case_id}.pdf", layout=False).split())
    reasons = text[text.index("Reasons and legal basis") : text.index("List versions")]
    assert reasons.count("not verified against the official text") == 1, reasons
    assert "BULK-0042 (comprehensive) does not suffice" in reasons  # "METI-" may end a line
    assert "(general)" not in text


def test_case_report_made_again_only_when_its_content_changes(store: Store) -> None:
    """A case asked for again in the same state gets the same report (its PDF is not laid
    out again); a new record of the case, or of the audit chain, makes a new one."""
    from tradeguard.reports.case import case_report

    ana = Actor("ana", Role.ANALYST)
    screener = _screener(store)
    query = Query(HANGUL)
    hits = screener.screen(query)[:1]
    recorded = alerts.record_screening(
        store, ana, query.to_dict(), hits, threshold=None, versions="v", open_cases=True
    )
    case_id = recorded.cases[0].case_id
    first = case_report(store, case_id)
    pdf = first.pdf()
    again = case_report(store, case_id)
    assert again is first and again.pdf() is pdf
    workflow.propose(store, ana, case_id, "true_match", "Hangul name is the UN entry")
    changed = case_report(store, case_id)
    assert changed is not first and "case.propose" in changed.html
    assert "case.propose" not in first.html

"""A proposal waiting for review is withdrawn when a newer evaluation linked to its case changes
the case's verdict: the reviewer cannot approve an outcome proposed on other facts. The
withdrawal is one ``case.withdraw`` record written with the link (its proposal, proposer, both
verdicts), the case is open again, the audit replay gives the stored case, and the case says
why (``withdrawn``) until a new proposal is made. On SQLite and PostgreSQL (``store``)."""

from __future__ import annotations

from typing import Any

import pytest

from tradeguard import audit
from tradeguard.accounts.errors import ConflictError
from tradeguard.cases import alerts, integrity
from tradeguard.cases import workflow as rv
from tradeguard.store import Store

from .helpers import ADMIN, make_users

REVIEW = {"verdict": "REVIEW", "reasons": [{"code": "UN_DPRK_CATCH_ALL"}]}
PROHIBITED = {"verdict": "PROHIBITED", "reasons": [{"code": "UN_DPRK_EXPORT_BAN"}]}
#: the same verdict as PROHIBITED, for another reason (a designated consignee as well)
PROHIBITED_MORE = {
    "verdict": "PROHIBITED",
    "reasons": [{"code": "UN_DPRK_EXPORT_BAN"}, {"code": "DESIGNATED_PARTY"}],
}


def _evaluated(store: Store, shipment_id: str, decision: dict[str, Any]) -> int | None:
    return alerts.record_decision(
        store,
        ADMIN,
        "evaluate.api",
        f"shipment:{shipment_id}",
        {"id": shipment_id, "destination": "KP"},
        decision,
        open_if_not_clear=True,
    ).case_id


def test_a_verdict_change_withdraws_the_pending_proposal(store: Store) -> None:
    made = make_users(store)
    ana, rita = made["ana"].actor, made["rita"].actor
    case_id = _evaluated(store, "W-1", REVIEW)
    assert case_id is not None
    rv.propose(store, ana, case_id, "release", "end user checked: a hospital")
    assert _evaluated(store, "W-1", PROHIBITED) == case_id
    case = rv.get_case(store, case_id)
    assert (case.status, case.proposal, case.proposal_comment) == ("open", None, None)
    assert case.detail["decision"] == PROHIBITED and case.version == 4
    trail = audit.records(store, subject=f"case:{case_id}")
    assert [r.action for r in trail] == ["case.open", "case.propose", "case.link", "case.withdraw"]
    link, withdrawn = trail[2].payload, trail[3].payload
    assert (link["previous_verdict"], link["verdict"], link["version"]) == (
        "REVIEW",
        "PROHIBITED",
        3,
    )
    assert withdrawn == {
        "reason": "verdict_changed",
        "proposal": "release",
        "proposed_by": "ana",
        "comment": "end user checked: a hospital",
        "licence_ref": None,
        "previous_verdict": "REVIEW",
        "verdict": "PROHIBITED",
        "version": 4,
        "by": "evaluate.api",
        "seq": link["seq"],
    }
    assert case.withdrawn is not None and case.withdrawn["proposed_by"] == "ana"
    assert rv.list_cases(store)[0].withdrawn == case.withdrawn
    # the reviewer on a page read before the evaluation: nothing to approve, and why
    with pytest.raises(ConflictError, match=r"withdrawn .* from REVIEW to PROHIBITED"):
        rv.review(store, rita, case_id, "approve", expected_version=2)
    checked = integrity.verify(store)
    assert checked.ok, checked.problems
    # a new proposal on the new facts ends the withdrawal's force; four eyes close the case
    assert rv.propose(store, ana, case_id, "block", "UN goods ban").withdrawn is None
    assert rv.review(store, rita, case_id, "approve").outcome == "block"
    assert integrity.verify(store).ok


def test_the_same_verdict_keeps_the_proposal(store: Store) -> None:
    """Another reason for the same verdict becomes the case's decision; the proposal made under
    that verdict stays for review. The same decision again changes nothing but the trail."""
    made = make_users(store)
    ana, rita = made["ana"].actor, made["rita"].actor
    case_id = _evaluated(store, "W-2", PROHIBITED)
    assert case_id is not None
    rv.propose(store, ana, case_id, "block", "UN goods ban")
    _evaluated(store, "W-2", PROHIBITED_MORE)
    _evaluated(store, "W-2", PROHIBITED_MORE)
    case = rv.get_case(store, case_id)
    assert (case.status, case.proposal, case.withdrawn) == ("proposed", "block", None)
    assert case.detail["decision"] == PROHIBITED_MORE
    actions = [r.action for r in audit.records(store, subject=f"case:{case_id}")]
    assert "case.withdraw" not in actions
    assert rv.review(store, rita, case_id, "approve").status == "closed"
    assert integrity.verify(store).ok


def test_an_edited_withdrawal_is_found(store: Store) -> None:
    """The replay reads the withdrawal: a case put back under review by hand after its
    proposal was withdrawn no longer matches its records."""
    from sqlalchemy import update

    from tradeguard.cases.tables import CaseRow

    ana = make_users(store)["ana"].actor
    case_id = _evaluated(store, "W-3", REVIEW)
    assert case_id is not None
    rv.propose(store, ana, case_id, "release", "fine")
    _evaluated(store, "W-3", PROHIBITED)
    with store.session() as session, session.begin():
        session.execute(
            update(CaseRow)
            .where(CaseRow.id == case_id)
            .values(status="proposed", proposal="release")
        )
    checked = integrity.verify(store)
    assert not checked.ok
    assert any("case.withdraw" in p.problem for p in checked.problems), checked.problems

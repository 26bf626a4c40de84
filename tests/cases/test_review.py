"""Four-eyes review in the core: roles, proposer ≠ reviewer, conditional updates, memory of
approved false positives, audit records for every step."""

from __future__ import annotations

import threading

import pytest

from tradeguard import audit
from tradeguard.accounts import tokens, users
from tradeguard.accounts.errors import AuthError, ConflictError, ForbiddenError
from tradeguard.cases import suppression
from tradeguard.cases import workflow as rv
from tradeguard.cases.export import export_case
from tradeguard.errors import InputError
from tradeguard.store import Store

from .helpers import ADMIN, PASSWORD, make_users, screening_case, token


def test_users_tokens_and_passwords(store: Store) -> None:
    made = make_users(store)
    assert [u.role for u in users.list_users(store)] == ["analyst", "reviewer", "reviewer", "admin"]
    assert users.check_password(store, "ana", PASSWORD).username == "ana"
    with pytest.raises(AuthError):
        users.check_password(store, "ana", "wrong password!")
    with pytest.raises(ConflictError):
        users.add_user(store, ADMIN, "ana", PASSWORD, "analyst")
    with pytest.raises(InputError, match="role"):
        users.add_user(store, ADMIN, "eve", PASSWORD, "superuser")
    with pytest.raises(ForbiddenError):
        users.add_user(store, made["ana"].actor, "eve", PASSWORD, "admin")
    issued = token(store, "ana", "laptop")
    assert tokens.authenticate(store, issued.token).username == "ana"
    # only the hash is stored
    with store.engine.connect() as conn:
        from sqlalchemy import text

        stored = conn.execute(text("SELECT token_hash FROM api_tokens")).scalars().all()
        hashes = conn.execute(text("SELECT password_hash FROM users")).scalars().all()
    assert issued.token not in stored and all(h.startswith("$argon2") for h in hashes)
    tokens.revoke_token(store, ADMIN, issued.id)
    with pytest.raises(AuthError):
        tokens.authenticate(store, issued.token)
    second = token(store, "ana")
    users.set_active(store, ADMIN, "ana", False)
    with pytest.raises(AuthError, match="revoked"):  # disabling revoked it
        tokens.authenticate(store, second.token)
    actions = [r.action for r in audit.records(store)]
    assert actions.count("user.add") == 4
    assert {"token.issue", "token.revoke", "user.disable"} <= set(actions)
    assert audit.verify(store).ok


def test_four_eyes_flow_and_false_positive_memory(store: Store) -> None:
    made = make_users(store)
    ana, rita, rob = made["ana"].actor, made["rita"].actor, made["rob"].actor
    case_id = screening_case(store)
    with pytest.raises(ForbiddenError):  # an analyst cannot review
        rv.review(store, ana, case_id, "approve")
    with pytest.raises(InputError, match="comment"):
        rv.propose(store, ana, case_id, "false_positive", "  ")
    case = rv.propose(store, rita, case_id, "false_positive", "different birth date")
    assert case.status == "proposed" and case.proposed_by == "rita" and case.version == 2
    with pytest.raises(ForbiddenError, match="four-eyes"):
        rv.review(store, rita, case_id, "approve")
    case = rv.review(store, rob, case_id, "reject", "check the address first")
    assert case.status == "open" and case.proposal is None
    case = rv.propose(store, ana, case_id, "false_positive", "address in Busan, not Pyongyang")
    with pytest.raises(ConflictError):  # a second proposal on a proposed case
        rv.propose(store, rita, case_id, "true_match", "no")
    case = rv.review(store, rita, case_id, "approve", "agreed")
    assert case.status == "closed" and case.outcome == "false_positive"
    assert case.reviewed_by == "rita" and case.version == 5
    memory = rv.suppressions(store)
    assert [(m["counterparty_id"], m["entity_id"], m["case_id"]) for m in memory] == [
        ("cp-1", "un_sc:KPe.039", case_id)
    ]
    with store.session() as session:
        assert suppression.is_suppressed(session, "cp-1", "un_sc:KPe.039", "e" * 64, "c" * 64)
        assert not suppression.is_suppressed(session, "cp-1", "un_sc:KPe.039", "f" * 64, "c" * 64)
        assert not suppression.is_suppressed(session, "cp-1", "un_sc:KPe.039", "e" * 64, "d" * 64)
    trail = audit.records(store, subject=f"case:{case_id}")
    assert [(r.action, r.actor) for r in trail] == [
        ("case.open", "cli:test"),
        ("case.propose", "rita"),
        ("case.review", "rob"),
        ("case.propose", "ana"),
        ("case.review", "rita"),
    ]
    assert trail[-1].payload["false_positive_remembered"] is True
    evidence = export_case(store, case_id)
    assert evidence.case.outcome == "false_positive"
    assert len(evidence.audit_records) == 5 and evidence.chain.ok


def test_escalation_reopens_for_a_new_proposal(store: Store) -> None:
    made = make_users(store)
    case_id = screening_case(store)
    rv.propose(store, made["ana"].actor, case_id, "escalate", "unsure, needs legal")
    case = rv.review(store, made["rita"].actor, case_id, "approve")
    assert case.status == "escalated" and case.outcome == "escalate"
    case = rv.propose(store, made["rob"].actor, case_id, "true_match", "same passport")
    case = rv.review(store, made["rita"].actor, case_id, "approve")
    assert case.status == "closed" and case.outcome == "true_match"
    assert rv.suppressions(store) == []


def test_two_reviewers_at_once_cannot_both_win(store: Store) -> None:
    made = make_users(store)
    for _ in range(3):
        case_id = screening_case(store)
        rv.propose(store, made["ana"].actor, case_id, "true_match", "same name and birth date")
        start = threading.Barrier(2)
        outcomes: list[str] = []

        def act(
            who: str,
            decision: str,
            case_id: int = case_id,
            start: threading.Barrier = start,
            outcomes: list[str] = outcomes,
        ) -> None:
            start.wait()
            try:
                rv.review(store, made[who].actor, case_id, decision, "by " + who)
                outcomes.append("won")
            except ConflictError:
                outcomes.append("conflict")

        threads = [
            threading.Thread(target=act, args=("rita", "approve")),
            threading.Thread(target=act, args=("rob", "reject")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(outcomes) == ["conflict", "won"]
        reviews = audit.records(store, subject=f"case:{case_id}", action="case.review")
        assert len(reviews) == 1
        assert rv.get_case(store, case_id).version == 3
    assert audit.verify(store).ok

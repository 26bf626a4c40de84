"""Renaming an account (``users rename``, ``POST /users/{name}/rename``): the same account
under a new name. Its tokens and web sessions go on working; cases, proposals, reviews,
assignments, jobs and the accounts it created name it by the new name, so four-eyes follows the
person; a ``user.rename`` record explains it to ``audit verify``. SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import String, select, text
from typer.testing import CliRunner

from tradeguard import audit
from tradeguard.accounts import sessions, tokens, users
from tradeguard.accounts.errors import ConflictError, ForbiddenError
from tradeguard.accounts.integrity import UserReplay
from tradeguard.accounts.renames import column_name
from tradeguard.accounts.users import Actor, Role
from tradeguard.audit.tables import AuditRecordRow
from tradeguard.cases import integrity, workflow
from tradeguard.cases.integrity import CaseReplay
from tradeguard.cli import app
from tradeguard.errors import InputError, NotFoundError
from tradeguard.jobs import records as jobs
from tradeguard.service import Service
from tradeguard.service.accounts import NAMING_COLUMNS
from tradeguard.store import Store
from tradeguard.store.schema import Base

from ..api.conftest import make_api
from .helpers import ADMIN, make_users, screening_case, token

#: Columns that hold a name of someone or something and do not follow a renamed account, each
#: with the reason.
NOT_ACCOUNTS = {
    "audit_records.actor": "append-only: a record keeps the name it was written with",
    "network_entity_links.reviewed_by": "a name typed with `graph review --by`, not an account",
    "leases.holder": "a worker process, not a person",
    "users.username": "the name itself",
    "users.created_by": "followed by the rename itself (accounts layer)",
}


def _actor(store: Store, name: str) -> Actor:
    return users.get_user(store, name).actor


def test_every_column_naming_an_actor_follows_a_rename_or_says_why_not() -> None:
    # the tables of every package, as the migrations' environment imports them
    import tradeguard.accounts.tables
    import tradeguard.audit.tables
    import tradeguard.cases.tables
    import tradeguard.jobs.tables
    import tradeguard.network.tables  # noqa: F401

    naming = {column_name(c) for c in NAMING_COLUMNS}
    actors = {
        f"{table.name}.{column.name}"
        for table in Base.metadata.tables.values()
        for column in table.columns
        if isinstance(column.type, String)
        and any(w in column.name for w in ("_by", "actor", "assigned", "holder", "user", "owner"))
    }
    assert actors - naming - set(NOT_ACCOUNTS) == set()
    assert naming <= actors and not naming & set(NOT_ACCOUNTS)


def test_the_renamed_account_keeps_its_tokens_sessions_cases_and_four_eyes(store: Store) -> None:
    make_users(store)
    service = Service(store)
    issued = token(store, "rita")
    secret, _ = sessions.start(store, users.get_user(store, "rita"), "t", 3600)
    case_id = screening_case(store)
    workflow.assign(store, ADMIN, case_id, "rita")
    workflow.propose(store, _actor(store, "rita"), case_id, "false_positive", "another firm")
    job = jobs.create_job(store, "screen", 1, "rita")

    done = service.rename_user(ADMIN, "rita", "rita.k")

    assert done.before == "rita" and done.user.username == "rita.k"
    assert done.followed == {
        "users.created_by": 0,
        "cases.created_by": 0,
        "cases.proposed_by": 1,
        "cases.reviewed_by": 0,
        "cases.assigned_to": 1,
        "suppressions.approved_by": 0,
        "jobs.created_by": 1,
        "config.updated_by": 0,
        "monitor_runs.actor": 0,
    }
    assert tokens.authenticate(store, issued.token).username == "rita.k"
    found = sessions.lookup(store, secret)
    assert found is not None and found[0].username == "rita.k"
    case = workflow.get_case(store, case_id)
    assert (case.proposed_by, case.assigned_to) == ("rita.k", "rita.k")
    rita = _actor(store, "rita.k")
    assert jobs.get_job(store, job, viewer=Actor("rita.k", Role.ANALYST)).created_by == "rita.k"
    with pytest.raises(ForbiddenError, match=r"four-eyes: 'rita\.k' proposed this outcome"):
        workflow.review(store, rita, case_id, "approve")
    with pytest.raises(NotFoundError):
        users.get_user(store, "rita")
    closed = workflow.review(store, _actor(store, "rob"), case_id, "approve")
    assert closed.status == "closed" and closed.proposed_by == "rita.k"
    record = audit.records(store, action="user.rename")[-1]
    assert (record.actor, record.subject) == ("cli:test", "user:rita")
    assert record.payload["before"] == "rita" and record.payload["after"] == "rita.k"
    assert record.payload["followed"]["cases.proposed_by"] == 1
    # a proposal made under the old name and reviewed under the new one: all explained
    checked = integrity.verify(store)
    assert checked.ok, checked.problems


def test_the_creator_chain_follows_the_rename(store: Store) -> None:
    make_users(store)
    adam = _actor(store, "adam")
    users.add_user(store, adam, "sib-a", "own long phrase analyst", "analyst")
    users.add_user(store, adam, "sib-r", "own long phrase reviewer", "reviewer")
    Service(store).rename_user(ADMIN, "adam", "adam.b")
    listed = {u.username: u.created_by for u in users.list_users(store)}
    assert listed["sib-a"] == listed["sib-r"] == "adam.b"
    case_id = screening_case(store)
    workflow.propose(store, _actor(store, "sib-a"), case_id, "false_positive", "not them")
    with pytest.raises(ForbiddenError, match=r"both created .* by 'adam\.b'"):
        workflow.review(store, _actor(store, "sib-r"), case_id, "approve")
    assert integrity.verify(store).ok


def test_the_old_name_is_free_again_and_a_case_change_is_a_rename(store: Store) -> None:
    make_users(store)
    service = Service(store)
    case_id = screening_case(store)
    workflow.propose(store, _actor(store, "ana"), case_id, "false_positive", "another firm")
    service.rename_user(ADMIN, "ana", "ana.b")
    users.add_user(store, ADMIN, "ana", "a brand new long phrase", "reviewer")
    # the new 'ana' is another person: she may approve what ana.b proposed
    closed = workflow.review(store, _actor(store, "ana"), case_id, "approve")
    assert (closed.proposed_by, closed.reviewed_by) == ("ana.b", "ana")
    assert service.rename_user(ADMIN, "rob", "Rob").user.username == "Rob"
    checked = integrity.verify(store)
    assert checked.ok, checked.problems


@pytest.mark.parametrize(
    ("old", "new", "error", "message"),
    [
        ("nobody", "new-name", NotFoundError, "no user 'nobody'"),
        ("nobody", "nobody", NotFoundError, "no user 'nobody'"),
        ("ana", "ROB", ConflictError, "user 'rob' exists already"),
        ("ana", "rita", ConflictError, "user 'rita' exists already"),
        ("ana", "ana", InputError, "is named 'ana' already"),
        ("ana", "two words", InputError, "a user name is 1-100"),
        ("ana", "cli:ana", InputError, "a user name is 1-100"),
        ("ana", "", InputError, "a user name is 1-100"),
        ("ana", "x" * 101, InputError, "a user name is 1-100"),
    ],
)
def test_refusals_change_nothing(
    store: Store, old: str, new: str, error: type[Exception], message: str
) -> None:
    make_users(store)
    before = [u.to_dict() for u in users.list_users(store)]
    with pytest.raises(error, match=message):
        Service(store).rename_user(ADMIN, old, new)
    assert [u.to_dict() for u in users.list_users(store)] == before
    assert audit.records(store, action="user.rename") == []


def test_only_an_administrator_renames(store: Store) -> None:
    make_users(store)
    with pytest.raises(ForbiddenError, match="may not manage users"):
        Service(store).rename_user(_actor(store, "rita"), "ana", "ana.b")
    assert users.get_user(store, "ana").username == "ana"


def test_a_username_set_in_the_database_is_a_mismatch(store: Store) -> None:
    make_users(store)
    Service(store).rename_user(ADMIN, "ana", "ana.b")
    assert integrity.verify(store).ok
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE users SET username = 'eve' WHERE username = 'rob'"))
    problems = [p.problem for p in integrity.verify(store).problems]
    assert problems == [
        "user 'eve' has no user.add record (made outside tradeguard)",
        "user 'rob' has audit records but is not stored",
    ]


def test_a_proposer_set_to_the_new_name_in_the_database_is_a_mismatch(store: Store) -> None:
    make_users(store)
    case_id = screening_case(store)
    workflow.propose(store, _actor(store, "ana"), case_id, "false_positive", "another firm")
    with store.engine.begin() as conn:  # what a rename does, without the rename
        conn.execute(text("UPDATE cases SET proposed_by = 'rob'"))
    [problem] = integrity.verify(store).problems
    assert "proposed_by rob (audited: ana)" in problem.problem


def test_a_rename_while_the_check_reads_the_log_is_not_reported(store: Store) -> None:
    """The rows are read with the head; a rename committed after them is replayed as a later
    state, and the rows (still with the old name) match the states up to the head."""
    make_users(store)
    adam = _actor(store, "adam")
    users.add_user(store, adam, "sib-a", "own long phrase analyst", "analyst")
    case_id = screening_case(store)
    workflow.propose(store, _actor(store, "adam"), case_id, "false_positive", "another firm")
    replays = (UserReplay(), CaseReplay())
    for replay in replays:
        replay.start(store)
    Service(store).rename_user(ADMIN, "adam", "adam.b")
    users.add_user(store, ADMIN, "adam", "a brand new long phrase", "analyst")
    with store.session() as session:
        for row in session.execute(select(AuditRecordRow).order_by(AuditRecordRow.seq)).scalars():
            for replay in replays:
                replay.see(row)
    assert [p.problem for r in replays for p in r.problems()] == []


def test_the_command_line_renames_and_refuses(
    store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEGUARD_DATABASE_URL", store_url)
    make_users(store)
    result = CliRunner().invoke(app, ["users", "rename", "rita", "rita.k", "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["before"] == "rita" and body["user"]["username"] == "rita.k"
    result = CliRunner().invoke(app, ["users", "rename", "rob", "Rob"])
    assert result.exit_code == 0 and "rob is now Rob" in result.stdout
    for args, code in (
        (["nobody", "x"], 3),
        (["ana", "RITA.K"], 7),
        (["ana", "a b"], 2),
    ):
        result = CliRunner().invoke(app, ["users", "rename", *args])
        assert isinstance(result.exception, (NotFoundError, ConflictError, InputError))
        assert result.exception.exit_code == code
    assert integrity.verify(store).ok


def test_the_api_renames_for_administrators_only(store: Store) -> None:
    for api in make_api(store):
        adam, ana = api.auth("adam"), api.auth("ana")
        r = api.client.post("/users/ana/rename", json={"new_username": "ana.b"}, headers=ana)
        assert r.status_code == 403
        r = api.client.post("/users/ana/rename", json={"new_username": "ana.b"}, headers=adam)
        assert r.status_code == 200, r.text
        assert r.json()["user"]["username"] == "ana.b" and r.json()["before"] == "ana"
        me = api.client.get("/me", headers=ana)  # her token goes on working
        assert me.status_code == 200 and me.json()["username"] == "ana.b"
        for name, new, status in (
            ("ana", "x", 404),
            ("ana.b", "Rob", 409),
            ("ana.b", "a b", 422),
        ):
            r = api.client.post(f"/users/{name}/rename", json={"new_username": new}, headers=adam)
            assert r.status_code == status, r.text
        assert [r.payload["after"] for r in audit.records(store, action="user.rename")] == ["ana.b"]

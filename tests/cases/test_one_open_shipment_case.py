"""One open case per shipment id, held by the database (a unique index on the subject of the
shipment cases that are not closed, migration 0008): evaluations of one shipment racing on
PostgreSQL and SQLite make one case and link the others to it; a store that already holds
several open cases of one shipment is upgraded by merging them into the oldest, audited. Two
screenings of one (counterparty, list entry) pair racing on PostgreSQL take turns on an
advisory lock and make one case of the pair."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import yaml
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradeguard import audit
from tradeguard.cases import alerts, integrity, workflow
from tradeguard.cases.tables import OPEN_SHIPMENT_INDEX, CaseRow
from tradeguard.lists.registry import parse_path
from tradeguard.screening import Query
from tradeguard.service import Service
from tradeguard.shipments import Shipment
from tradeguard.store import Store
from tradeguard.store.upgrade import MIGRATIONS, upgrade

from ..conftest import FIXTURES, _reset_postgres
from .helpers import ADMIN, waiting_backends

UN = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"
EXAMPLES = Path(__file__).parents[2] / "examples/shipments"
SHIPMENT = yaml.safe_load((EXAMPLES / "cn-kp-machinery.yaml").read_text())
#: the decisions of the migration's store (hand-made: a store of before the index)
REVIEW = {"verdict": "REVIEW", "reasons": [{"code": "UN_DPRK_CATCH_ALL"}]}
PROHIBITED = {"verdict": "PROHIBITED", "reasons": [{"code": "UN_DPRK_EXPORT_BAN"}]}


def _shipment(shipment_id: str) -> Shipment:
    return Shipment.model_validate({**SHIPMENT, "id": shipment_id})


def _cases_of(store: Store, subject: str) -> list[tuple[int, str]]:
    with store.session() as session:
        rows = session.execute(
            select(CaseRow.id, CaseRow.status)
            .where(CaseRow.subject == subject)
            .order_by(CaseRow.id)
        )
        return [(int(i), str(s)) for i, s in rows]


def _evaluate_together(service: Service, shipment: Shipment, count: int) -> list[int | None]:
    """``count`` threads evaluating ``shipment`` at once (a barrier lets them go together)."""
    barrier = threading.Barrier(count)
    found: list[int | None] = [None] * count
    failed: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait()
            found[i] = service.evaluate(ADMIN, shipment).case_id
        except BaseException as exc:  # reported by the test, not lost in the thread
            failed.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    return _joined(threads, found, failed)


def _joined(
    threads: list[threading.Thread], found: list[int | None], failed: list[BaseException]
) -> list[int | None]:
    for t in threads:
        t.join()
    assert not failed, failed
    return found


def _one_case_and_links(store: Store, subject: str, found: list[int | None]) -> int:
    """The racers' one case: every racer names it, it has one case.open and a case.link for
    each other racer, and the audit replay gives the stored case."""
    cases = _cases_of(store, subject)
    assert len(cases) == 1, cases
    case_id = cases[0][0]
    assert found == [case_id] * len(found)
    trail = [r.action for r in audit.records(store, subject=f"case:{case_id}")]
    assert trail == ["case.open"] + ["case.link"] * (len(found) - 1)
    checked = integrity.verify(store)
    assert checked.ok, checked.problems
    return case_id


def test_concurrent_evaluations_on_postgresql_open_one_case(postgres_server_url: str) -> None:
    """Both evaluations pass the look-up before either commits: the audit chain's head, held
    here, keeps the first from committing while the second inserts its case. The index makes
    the second wait for the first and then fail; it then reads the first's case and is linked
    to it. Without the index both cases are made."""
    _reset_postgres(postgres_server_url)
    store = Store.open(postgres_server_url)
    try:
        store.load(parse_path(UN))
        service = Service(store)
        service.evaluate(ADMIN, _shipment("PG-RACE-WARM"))  # the evaluator, the audit chain
        holder = create_engine(postgres_server_url).connect()
        try:
            holder.execute(text("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE"))
            barrier = threading.Barrier(2)
            found: list[int | None] = [None, None]
            failed: list[BaseException] = []

            def run(i: int) -> None:
                try:
                    barrier.wait()
                    found[i] = service.evaluate(ADMIN, _shipment("PG-RACE-1")).case_id
                except BaseException as exc:
                    failed.append(exc)

            threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            # one waits on the chain's head, the other on the index (the first's new row)
            assert waiting_backends(postgres_server_url, 2)
            holder.commit()
        finally:
            holder.close()
        _one_case_and_links(store, "shipment:PG-RACE-1", _joined(threads, found, failed))
    finally:
        store.close()


def test_concurrent_screenings_of_one_pair_on_postgresql_open_one_case(
    postgres_server_url: str,
) -> None:
    """As above, for two screenings of one name with open_cases: the first opens the pair's
    case and waits on the chain's head, the second waits on the pair's lock, then finds the
    first's case and is linked to it."""
    _reset_postgres(postgres_server_url)
    store = Store.open(postgres_server_url)
    try:
        store.load(parse_path(UN))
        service = Service(store)
        query = Query("KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY")
        service.screen(ADMIN, query)  # the screener, the audit chain
        holder = create_engine(postgres_server_url).connect()
        try:
            holder.execute(text("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE"))
            barrier = threading.Barrier(2)
            done: list[Any] = [None, None]
            failed: list[BaseException] = []

            def run(i: int) -> None:
                try:
                    barrier.wait()
                    done[i] = service.screen(ADMIN, query, open_cases=True)
                except BaseException as exc:
                    failed.append(exc)

            threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
            for t in threads:
                t.start()
            assert waiting_backends(postgres_server_url, 2)
            holder.commit()
        finally:
            holder.close()
        _joined(threads, [None], failed)
        # one opened a case of each pair, the other was linked to each of them
        first, second = sorted(done, key=lambda d: any(c.linked for c in d.cases))
        opened = [(c.entity_id, c.case_id) for c in first.cases]
        assert opened and not any(c.linked for c in first.cases)
        assert [(c.entity_id, c.case_id, c.linked) for c in second.cases] == [
            (e, i, True) for e, i in opened
        ]
        with store.session() as session:
            cases = session.execute(select(CaseRow.id).where(CaseRow.kind == "screening"))
            assert sorted(cases.scalars()) == sorted(i for _, i in opened)
        checked = integrity.verify(store)
        assert checked.ok, checked.problems
    finally:
        store.close()


def test_concurrent_evaluations_on_postgresql_and_sqlite_open_one_case(store: Store) -> None:
    store.load(parse_path(UN))
    service = Service(store)
    found = _evaluate_together(service, _shipment("RACE-4"), 4)
    _one_case_and_links(store, "shipment:RACE-4", found)


def test_a_stale_look_up_is_linked_to_the_case_the_database_holds(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An evaluation whose look-up ran before another's case was committed (as on PostgreSQL
    above; on SQLite the writers take turns, so the look-up is made stale here): its insert is
    refused by the index, and it is linked to that case, with no error."""
    request = {"id": "S-1", "destination": "KP"}
    first = alerts.record_decision(
        store, ADMIN, "evaluate.api", "shipment:S-1", request, PROHIBITED, open_if_not_clear=True
    )
    looked: list[int | None] = []
    real = alerts.open_case_of

    def stale_once(session: Session, kind: Any, **where: Any) -> int | None:
        found = real(session, kind, **where)
        looked.append(found)
        return None if len(looked) == 1 else found

    monkeypatch.setattr(alerts, "open_case_of", stale_once)
    second = alerts.record_decision(
        store, ADMIN, "evaluate.api", "shipment:S-1", request, PROHIBITED, open_if_not_clear=True
    )
    assert looked == [first.case_id, first.case_id]  # looked up again after the refusal
    assert second.case_id == first.case_id
    assert _cases_of(store, "shipment:S-1") == [(first.case_id, "open")]
    links = audit.records(store, subject=f"case:{first.case_id}", action="case.link")
    assert [link.payload for link in links] == [
        {"by": "evaluate.api", "seq": second.audit_seq, "verdict": "PROHIBITED"}
    ]
    assert integrity.verify(store).ok


def _insert_open(store: Store, subject: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (kind, status, subject, detail, version, created_by, "
                "created_at) VALUES ('shipment', 'open', :s, '{}', 1, 'x', CURRENT_TIMESTAMP)"
            ),
            {"s": subject},
        )


def test_the_database_refuses_a_second_open_case_of_a_shipment(store: Store) -> None:
    _insert_open(store, "shipment:S-1")
    with pytest.raises(IntegrityError):
        _insert_open(store, "shipment:S-1")
    _insert_open(store, "shipment:S-2")  # another shipment
    _insert_open(store, "shipment")  # shipments without an id: a case each
    _insert_open(store, "shipment")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE cases SET status = 'closed' WHERE subject = 'shipment:S-1'"))
    _insert_open(store, "shipment:S-1")  # once closed, the next one opens
    assert [s for _, s in _cases_of(store, "shipment:S-1")] == ["closed", "open"]


def _migrate(engine: Engine, how: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, how)(config, revision)


def _evaluated_before_links(store: Store, shipment_id: str, decision: dict[str, Any]) -> int:
    """A case opened and its evaluation recorded as before evaluations were linked: each
    evaluation that was not CLEAR opened a case of its own."""
    subject = f"shipment:{shipment_id}"
    detail = {"request": {"id": shipment_id, "destination": "KP"}, "decision": decision}
    with store.session() as session, session.begin():
        case_id = workflow.open_case(
            session, ADMIN, kind="shipment", subject=subject, detail=detail
        )
        audit.append(session, ADMIN.name, "evaluate.api", subject, {**detail, "case_id": case_id})
    return case_id


def _has_index(engine: Engine) -> bool:
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            found = conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
        else:
            found = conn.execute(text("SELECT indexname FROM pg_indexes"))
        return OPEN_SHIPMENT_INDEX in {str(name) for (name,) in found}


def test_open_cases_of_one_shipment_are_merged_into_the_oldest(store: Store) -> None:
    _migrate(store.engine, "downgrade", "0007_user_names_by_case")
    assert not _has_index(store.engine)
    oldest = _evaluated_before_links(store, "S-1", REVIEW)
    newer = _evaluated_before_links(store, "S-1", PROHIBITED)
    workflow.propose(store, ADMIN, newer, "block", "designated consignee")
    alone = _evaluated_before_links(store, "S-2", PROHIBITED)
    upgrade(store.engine)
    assert _has_index(store.engine)
    assert _cases_of(store, "shipment:S-1") == [(oldest, "open"), (newer, "closed")]
    kept, merged = workflow.get_case(store, oldest), workflow.get_case(store, newer)
    # the case kept shows the newest evaluation; the merged one keeps its decision and proposal
    assert kept.detail["decision"] == PROHIBITED and kept.outcomes() == ("block", "escalate")
    assert (merged.outcome, merged.proposal, merged.proposed_by) == (None, "block", "cli:test")
    assert merged.detail["decision"] == PROHIBITED
    merge = audit.records(store, subject=f"case:{newer}")[-1]
    assert (merge.actor, merge.action, merge.payload) == (
        "system:migration",
        "case.merge",
        {"into": oldest, "version": 3},
    )
    links = [r.payload for r in audit.records(store, subject=f"case:{oldest}", action="case.link")]
    assert links[0] == {"by": "case.merge", "case_id": newer, "verdict": "PROHIBITED"}
    assert {k: links[1][k] for k in ("by", "verdict", "previous_verdict", "version")} == {
        "by": "evaluate.api",
        "verdict": "PROHIBITED",
        "previous_verdict": "REVIEW",
        "version": 2,
    }
    assert [r.action for r in audit.records(store, subject=f"case:{alone}")] == ["case.open"]
    checked = integrity.verify(store)
    assert checked.ok, checked.problems
    again = alerts.record_decision(
        store, ADMIN, "evaluate.api", "shipment:S-1", {"id": "S-1"}, REVIEW, open_if_not_clear=True
    )
    assert again.case_id == oldest
    assert workflow.get_case(store, oldest).detail["decision"] == REVIEW

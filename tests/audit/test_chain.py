"""The audit chain detects records edited, inserted or deleted directly in the database."""

from __future__ import annotations

import itertools
import re

import pytest
from sqlalchemy import text

from tradeguard import audit
from tradeguard.audit.chain import record_hash
from tradeguard.store import Store


def _fill(store: Store, n: int = 6) -> None:
    for i in range(n):
        audit.record(
            store, f"user{i % 2}", "screen.api", f"query:{i}", {"name": f"Name {i}", "i": i}
        )


def test_intact_chain_verifies(store: Store) -> None:
    _fill(store)
    result = audit.verify(store)
    assert result.ok, result.problems
    assert result.records == 6 and result.head_seq == 6
    rows = audit.records(store, limit=10)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[0].prev_hash == audit.GENESIS
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    assert rows[2].payload == {"name": "Name 2", "i": 2}
    assert audit.verify(store, expect_head=rows[3].hash).ok


def test_edited_payload_is_detected(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_records SET payload = :p WHERE seq = 3"),
            {"p": '{"i":2,"name":"Someone Else"}'},
        )
    result = audit.verify(store)
    assert not result.ok
    assert [p.seq for p in result.problems] == [3]
    assert "edited" in result.problems[0].problem


def test_edited_actor_with_recomputed_hash_breaks_the_next_link(store: Store) -> None:
    _fill(store)
    rows = {r.seq: r for r in audit.records(store)}
    r = rows[2]
    forged = record_hash(
        r.seq, r.prev_hash, r.at, "mallory", r.action, r.subject, audit.canonical_json(r.payload)
    )
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_records SET actor = 'mallory', hash = :h WHERE seq = 2"),
            {"h": forged},
        )
    result = audit.verify(store)
    assert not result.ok
    assert [p.seq for p in result.problems] == [3]


def test_deleted_record_is_detected(store: Store) -> None:
    _fill(store)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_records WHERE seq = 4"))
    result = audit.verify(store)
    assert not result.ok
    assert {p.seq for p in result.problems} == {5}
    assert any("jumps from 3 to 5" in p.problem for p in result.problems)


def test_inserted_record_is_detected(store: Store) -> None:
    _fill(store, 3)
    rows = audit.records(store)
    with store.engine.begin() as conn:
        # renumber the last record and slip a forged one in before it
        conn.execute(text("UPDATE audit_records SET seq = 10 WHERE seq = 3"))
        forged = record_hash(3, rows[1].hash, rows[1].at, "mallory", "case.review", "case:1", "{}")
        conn.execute(
            text(
                "INSERT INTO audit_records (seq, at, actor, action, subject, payload, prev_hash, "
                "hash) VALUES (3, :at, 'mallory', 'case.review', 'case:1', '{}', :prev, :h)"
            ),
            {"at": rows[1].at, "prev": rows[1].hash, "h": forged},
        )
        conn.execute(text("UPDATE audit_records SET seq = 4 WHERE seq = 10"))
    result = audit.verify(store)
    assert not result.ok
    assert any(p.seq == 4 for p in result.problems)


def test_deleted_tail_is_detected_by_head_and_anchor(store: Store) -> None:
    _fill(store)
    anchor = audit.records(store)[-1].hash
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_records WHERE seq = 6"))
    assert not audit.verify(store).ok
    prev = audit.records(store)[-1]
    with store.engine.begin() as conn:  # also rewrite the head: only the anchor catches it
        conn.execute(
            text("UPDATE audit_head SET seq = 5, hash = :h WHERE id = 1"), {"h": prev.hash}
        )
    assert audit.verify(store).ok
    assert not audit.verify(store, expect_head=anchor).ok


def test_append_needs_an_actor(store: Store) -> None:
    with pytest.raises(ValueError):
        audit.record(store, "", "x", "y")


def test_concurrent_appends_from_threads_and_processes_keep_one_chain(
    store: Store, store_url: str
) -> None:
    """Threads of one server worker and a second worker (its own store object: own connection
    pool, own write turn) append at once: every record lands once, in one unbroken chain."""
    from tests.threads import run_at_once
    from tradeguard.accounts.users import Actor, Role
    from tradeguard.cases import alerts

    other = Store.open(store_url)
    actor = Actor("ana", Role.ANALYST)
    per_thread, threads = 15, 8
    seqs: list[int] = []

    def worker(n: int) -> None:
        own = store if n % 2 else other
        for i in range(per_thread):
            if i % 3:
                recorded = alerts.record_screening(
                    own, actor, {"name": f"Party {n}-{i}"}, [], threshold=0.7, versions="v"
                )
                seqs.append(recorded.audit_seq)
            else:
                seqs.append(audit.record(own, "ana", "test", f"t:{n}", {"i": i}).seq)

    try:
        errors = run_at_once(worker, range(threads))
    finally:
        other.close()
    assert errors == []
    total = per_thread * threads
    assert sorted(seqs) == list(range(1, total + 1))
    result = audit.verify(store)
    assert result.ok, result.problems
    assert result.records == total


def test_records_with_any_text_verify_and_times_follow_the_chain(store: Store) -> None:
    """Quotes, backslashes, control characters, line separators and non-Latin scripts in every
    field hash as record_hash says (on PostgreSQL the server hashes the record), and the
    recorded times never go back along the chain."""
    odd = 'ünï "q" \\ \x01\t\n\u2028 한국 조선 😀 </script>'
    for i in range(4):
        audit.record(store, f"{odd}{i}", f"act.{odd}", f"subject:{odd}", {"k": odd, "n": [i, 2.5]})
    audit.record(store, "ana", "x", "y")
    rows = audit.records(store)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].actor == f"{odd}0" and rows[1].payload == {"k": odd, "n": [1, 2.5]}
    for r in rows:
        expected = record_hash(
            r.seq, r.prev_hash, r.at, r.actor, r.action, r.subject, audit.canonical_json(r.payload)
        )
        assert r.hash == expected
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00", r.at)
    assert [r.at for r in rows] == sorted(r.at for r in rows)
    assert audit.verify(store).ok


def test_appends_in_a_transaction_roll_back_with_it(store: Store) -> None:
    """append() joins the caller's transaction: a rolled-back change leaves no record and the
    head where it was."""
    audit.record(store, "ana", "first", "s")
    with pytest.raises(RuntimeError), store.session() as session, session.begin():
        audit.append(session, "ana", "second", "s", {"i": 2})
        raise RuntimeError("the change failed")
    third = audit.record(store, "ana", "third", "s")
    assert third.seq == 2
    assert [r.action for r in audit.records(store)] == ["first", "third"]
    assert audit.verify(store).ok

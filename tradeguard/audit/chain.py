"""The hash chain: appending records and verifying the whole log.

Each record's hash is ``sha256(canonical)`` where ``canonical`` is the JSON object
``{"seq", "prev_hash", "at", "actor", "action", "subject", "payload"}`` with sorted keys, no
whitespace and UTF-8 text. The first record's ``prev_hash`` is :data:`GENESIS`. ``verify``
recomputes every hash in order and reports the first record where the stored data no longer
yields the stored hash, where ``prev_hash`` does not name the record before, or where a sequence
number is missing or repeated. Deleting the newest records is caught by comparing with the head
row, and — against someone who also rewrites the head — by comparing with a head hash kept
outside the database (``audit verify --expect-head``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Connection, bindparam, insert, select, text, update
from sqlalchemy.orm import Session

from tradeguard.audit.tables import AuditHeadRow, AuditRecordRow

if TYPE_CHECKING:
    from tradeguard.store import Store

GENESIS = "0" * 64


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def record_hash(
    seq: int, prev_hash: str, at: str, actor: str, action: str, subject: str, payload: str
) -> str:
    body = canonical_json(
        {
            "seq": seq,
            "prev_hash": prev_hash,
            "at": at,
            "actor": actor,
            "action": action,
            "subject": subject,
            "payload": payload,
        }
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditRecord:
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


def _record(row: AuditRecordRow) -> AuditRecord:
    try:
        payload = json.loads(row.payload)
    except ValueError:
        payload = {"unreadable": row.payload}
    return AuditRecord(
        row.seq, row.at, row.actor, row.action, row.subject, payload, row.prev_hash, row.hash
    )


# Built once: appending is on the hot path of every API decision.
_BUMP = (
    update(AuditHeadRow)
    .where(AuditHeadRow.id == 1)
    .values(seq=AuditHeadRow.seq + 1)
    .returning(AuditHeadRow.seq, AuditHeadRow.hash)
)
_INSERT = insert(AuditRecordRow)
_SET_HEAD = update(AuditHeadRow).where(AuditHeadRow.id == 1).values(hash=bindparam("new_hash"))

#: PostgreSQL appends in one statement: it locks the head row, numbers the record, takes the
#: time (the database server's clock, read once the head is locked, so times follow the chain
#: order whichever worker or host appends), hashes the record and moves the head. The head row
#: stays locked for one statement's work inside the server instead of several round trips
#: between the worker and the server (which, on a busy worker, also wait for the interpreter
#: lock). The hashed text is :func:`record_hash`'s canonical JSON: the worker serialises every
#: part it knows (``head`` up to the time, ``mid`` from the time to the previous hash,
#: ``tail`` after the sequence number); the server inserts the time, the previous hash and
#: the sequence number, which need no JSON escaping. A concurrent append waits for the row
#: lock and then reads the head its predecessor committed (READ COMMITTED re-reads a locked
#: row), so appends from any number of workers form one chain.
_APPEND_PG = text(
    """
WITH head AS (
    SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE
), rec AS (
    SELECT seq + 1 AS seq, hash AS prev_hash,
           to_char(clock_timestamp() AT TIME ZONE 'UTC',
                   'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"') AS at
    FROM head
), hashed AS (
    SELECT seq, prev_hash, at,
           encode(sha256(convert_to(
               :head || at || :mid || prev_hash || '","seq":' || seq::text || :tail, 'UTF8'
           )), 'hex') AS hash
    FROM rec
), ins AS (
    INSERT INTO audit_records (seq, at, actor, action, subject, payload, prev_hash, hash)
    SELECT seq, at, :actor, :action, :subject, :payload, prev_hash, hash FROM hashed
)
UPDATE audit_head SET seq = hashed.seq, hash = hashed.hash
FROM hashed WHERE audit_head.id = 1
RETURNING hashed.seq, hashed.at, hashed.prev_hash, hashed.hash
"""
)


def _json_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _append_pg(
    conn: Connection, actor: str, action: str, subject: str, text_: str
) -> tuple[int, str, str, str]:
    # The keys of record_hash's object in sorted order: action, actor, at, payload, prev_hash,
    # seq, subject.
    parts = {
        "head": f'{{"action":{_json_string(action)},"actor":{_json_string(actor)},"at":"',
        "mid": f'","payload":{_json_string(text_)},"prev_hash":"',
        "tail": f',"subject":{_json_string(subject)}}}',
        "actor": actor,
        "action": action,
        "subject": subject,
        "payload": text_,
    }
    row = conn.execute(_APPEND_PG, parts).first()
    if row is None:
        raise RuntimeError("the audit head row is missing (store not migrated?)")
    return int(row[0]), str(row[1]), str(row[2]), str(row[3])


def append(
    conn: Session | Connection,
    actor: str,
    action: str,
    subject: str,
    payload: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one record inside the caller's transaction (so the record and the change it
    describes commit together or not at all)."""
    if not actor:
        raise ValueError("an audit record needs an actor")
    if isinstance(conn, Session):
        conn = conn.connection()
    text_ = canonical_json(payload or {})
    if conn.dialect.name == "postgresql":
        seq, at, prev, digest = _append_pg(conn, actor, action, subject, text_)
        return AuditRecord(seq, at, actor, action, subject, json.loads(text_), prev, digest)
    # The UPDATE comes first: it takes the write lock before the head is read, so concurrent
    # appends queue up (the database write lock on SQLite).
    head = conn.execute(_BUMP).first()
    if head is None:
        raise RuntimeError("the audit head row is missing (store not migrated?)")
    seq, prev = int(head[0]), str(head[1])
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    digest = record_hash(seq, prev, at, actor, action, subject, text_)
    conn.execute(
        _INSERT,
        {
            "seq": seq,
            "at": at,
            "actor": actor,
            "action": action,
            "subject": subject,
            "payload": text_,
            "prev_hash": prev,
            "hash": digest,
        },
    )
    conn.execute(_SET_HEAD, {"new_hash": digest})
    return AuditRecord(seq, at, actor, action, subject, json.loads(text_), prev, digest)


def record(
    store: Store, actor: str, action: str, subject: str, payload: dict[str, Any] | None = None
) -> AuditRecord:
    """Append one record in its own transaction. On PostgreSQL the append is one statement,
    which commits on its own (no BEGIN and COMMIT round trips)."""
    if store.engine.dialect.name == "postgresql":
        with store.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            return append(conn, actor, action, subject, payload)
    with store.write_turn(), store.engine.begin() as conn:
        return append(conn, actor, action, subject, payload)


def records(
    store: Store,
    *,
    subject: str | None = None,
    subject_prefix: str | None = None,
    action: str | None = None,
    actor: str | None = None,
    after: int = 0,
    limit: int = 100,
) -> list[AuditRecord]:
    """Records in chain order, filtered."""
    query = select(AuditRecordRow).where(AuditRecordRow.seq > after)
    if subject is not None:
        query = query.where(AuditRecordRow.subject == subject)
    if subject_prefix is not None:
        query = query.where(AuditRecordRow.subject.startswith(subject_prefix, autoescape=True))
    if action is not None:
        query = query.where(AuditRecordRow.action == action)
    if actor is not None:
        query = query.where(AuditRecordRow.actor == actor)
    with store.session() as session:
        rows = session.execute(query.order_by(AuditRecordRow.seq).limit(limit)).scalars()
        return [_record(r) for r in rows]


@dataclass(slots=True)
class Problem:
    seq: int
    problem: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "problem": self.problem}


@dataclass(slots=True)
class Verification:
    ok: bool
    records: int
    head_seq: int
    head_hash: str
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "records": self.records,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problems": [p.to_dict() for p in self.problems],
        }


def _iter_rows(store: Store, batch: int = 5000) -> Iterator[AuditRecordRow]:
    last = -1
    while True:
        with store.session() as session:
            rows = list(
                session.execute(
                    select(AuditRecordRow)
                    .where(AuditRecordRow.seq > last)
                    .order_by(AuditRecordRow.seq)
                    .limit(batch)
                ).scalars()
            )
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


class Replay(Protocol):
    """A check of the state the records describe (the cases, :mod:`tradeguard.cases.integrity`)
    that :func:`verify` feeds in its one pass over the log."""

    def start(self, store: Store) -> None:
        """Called before the first record: take what the records are compared with."""

    def see(self, row: AuditRecordRow) -> None:
        """Called with every record, in order."""

    def problems(self) -> list[Problem]:
        """Called after the last record: what does not match."""
        ...


class Replays:
    """Several replays fed in the same pass (the cases and the users)."""

    def __init__(self, *replays: Replay) -> None:
        self.replays = replays

    def start(self, store: Store) -> None:
        for replay in self.replays:
            replay.start(store)

    def see(self, row: AuditRecordRow) -> None:
        for replay in self.replays:
            replay.see(row)

    def problems(self) -> list[Problem]:
        return [p for replay in self.replays for p in replay.problems()]


def verify(
    store: Store,
    expect_head: str | None = None,
    max_problems: int = 100,
    replay: Replay | None = None,
) -> Verification:
    """Recompute the chain from the first record; list every break found, and (with ``replay``)
    every difference between the stored state and the state the records describe."""
    problems: list[Problem] = []
    if replay is not None:
        replay.start(store)
    expected_seq = 1
    prev = GENESIS
    count = 0
    last_seq = 0
    anchor_seen = expect_head is None
    for row in _iter_rows(store):
        count += 1
        anchor_seen = anchor_seen or row.hash == expect_head
        if row.seq != expected_seq:
            what = "missing" if row.seq > expected_seq else "repeated"
            problems.append(
                Problem(
                    row.seq,
                    f"sequence jumps from {expected_seq - 1} to {row.seq} "
                    f"(records {what}: deleted or inserted)",
                )
            )
        if row.prev_hash != prev:
            problems.append(
                Problem(
                    row.seq,
                    "prev_hash does not match the hash of the record before "
                    "(a record was inserted, deleted or rewritten)",
                )
            )
        actual = record_hash(
            row.seq, row.prev_hash, row.at, row.actor, row.action, row.subject, row.payload
        )
        if actual != row.hash:
            problems.append(Problem(row.seq, "content does not match its hash (record edited)"))
        if replay is not None:
            replay.see(row)
        prev = row.hash
        expected_seq = row.seq + 1
        last_seq = row.seq
    with store.session() as session:
        head = session.get(AuditHeadRow, 1)
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != last_seq or head_hash != prev:
        problems.append(
            Problem(
                last_seq,
                f"the chain ends at record {last_seq} but the head names record "
                f"{head_seq} (records deleted at the end, or the head was rewritten)",
            )
        )
    if not anchor_seen:
        problems.append(
            Problem(last_seq, "no record has the expected head hash (records deleted at the end)")
        )
    if replay is not None:
        problems.extend(replay.problems())
    return Verification(not problems, count, last_seq, prev, problems[:max_problems])

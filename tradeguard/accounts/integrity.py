"""Do the stored users say what their audit records say?

Every change to an account is one audit record written in the change's transaction:
``user.add`` (role, who created it), ``user.role``, ``user.disable``, ``user.enable``,
``user.password`` and ``user.rename`` (:mod:`tradeguard.accounts.renames`: the account goes on
under its new name, and so does every account whose creator it is). Replaying them in order
gives each account's name, role, active flag and creator. A user row that differs from its replayed
state was changed outside tradeguard (``UPDATE users SET role='admin'`` in the database), and so
was an account without a ``user.add`` record. Password hashes are never read or shown: only the
fields in :data:`FIELDS` are compared and named.

The replay is a table of steps (:data:`STEPS`, one function per action), so a new kind of user
record is one more entry. An account changed while the check runs is not reported: its row is
compared with its state at the head read together with the rows, and with every later state.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tradeguard.accounts.renames import RENAME
from tradeguard.accounts.tables import UserRow
from tradeguard.audit.chain import Problem
from tradeguard.audit.replayed import RowReplay, State
from tradeguard.audit.tables import AuditHeadRow, AuditRecordRow

if TYPE_CHECKING:
    from tradeguard.store import Store

#: The fields of a user row its records determine, in the order a problem names them.
FIELDS = ("role", "active", "created_by")

#: A step: (state before, actor, payload) -> state after (``user.add``: no state before).
Step = Callable[[State | None, str, dict[str, Any]], State]


def _add(_: State | None, actor: str, payload: dict[str, Any]) -> State:
    return {
        "role": payload.get("role"),
        "active": True,
        "created_by": payload.get("created_by", actor),
    }


def _changed(**values: Any) -> Step:
    def step(state: State | None, _: str, payload: dict[str, Any]) -> State:
        assert state is not None
        after = dict(state)
        after.update({k: payload.get(v) if isinstance(v, str) else v for k, v in values.items()})
        return after

    return step


def _same(state: State | None, _: str, __: dict[str, Any]) -> State:
    assert state is not None
    return dict(state)


STEPS: dict[str, Step] = {
    "user.add": _add,
    "user.role": _changed(role="after"),
    "user.disable": _changed(active=False),
    "user.enable": _changed(active=True),
    "user.password": _same,  # the hash is not replayed: it is never written into the log
    RENAME: _same,  # the name: UserReplay.see moves the state to the new one
}


def _stored(row: UserRow) -> State:
    return {"role": row.role, "active": bool(row.active), "created_by": row.created_by}


class UserReplay(RowReplay[str]):
    """Replays the user records of the log (:class:`tradeguard.audit.chain.Replay`) and
    compares each account's replayed state with its row."""

    noun = "user"
    fields = FIELDS
    change = "change"
    unrecorded = "no user.add record"

    def name(self, key: str) -> str:
        return f"user {key!r}"

    def start(self, store: Store) -> None:
        with store.session() as session, session.begin():
            head = session.get(AuditHeadRow, 1)
            self.head = head.seq if head else 0
            rows = session.execute(select(UserRow)).scalars()
            self.rows = {row.username: _stored(row) for row in rows}

    def see(self, row: AuditRecordRow) -> None:
        if not row.action.startswith("user.") or not row.subject.startswith("user:"):
            return
        name = row.subject.removeprefix("user:")
        step = STEPS.get(row.action)
        if step is None:
            return
        try:
            payload = json.loads(row.payload)
        except ValueError:
            self.broken.append(Problem(row.seq, f"{row.subject}: the record cannot be read"))
            return
        before = self.current(name)
        if row.action != "user.add" and before is None:
            self.broken.append(Problem(row.seq, f"user {name!r}: {row.action} before user.add"))
            return
        if row.action == RENAME:
            self._renamed(row.seq, name, payload)
            return
        self.put(row.seq, name, step(before, row.actor, payload), row.action)

    def _renamed(self, seq: int, name: str, payload: dict[str, Any]) -> None:
        """The account ``name`` is ``payload["after"]`` from record ``seq`` on, and so is the
        creator of every account it created."""
        new = payload.get("after")
        if not isinstance(new, str) or not new or new == name:
            self.broken.append(Problem(seq, f"user {name!r}: {RENAME} names no new name"))
            return
        self.move(seq, name, new, RENAME)
        for key in sorted(self.keys()):
            state = self.current(key)
            if state is not None and state["created_by"] == name:
                self.put(seq, key, {**state, "created_by": new}, RENAME)

"""What the users' and the cases' replays share: each row's state at the head read with the
rows and every state recorded after it, and the comparison of the stored rows with them
(:class:`tradeguard.accounts.integrity.UserReplay`, :class:`tradeguard.cases.integrity.CaseReplay`).

A row changed while the check runs is not reported: it is compared with its state at the head
read together with the rows, and with every later state."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar

from tradeguard.audit.chain import Problem

K = TypeVar("K", int, str)
State = dict[str, Any]


class RowReplay(Generic[K]):
    """The replayed states of one kind of row and their comparison with the stored rows."""

    #: what a row is called in a problem ("user", "case")
    noun: ClassVar[str]
    #: the fields its records determine, in the order a problem names them
    fields: ClassVar[tuple[str, ...]]
    #: what a record is to the row ("change", "transition")
    change: ClassVar[str]
    #: what a row without records lacks ("no user.add record", "no audit record")
    unrecorded: ClassVar[str]

    def __init__(self) -> None:
        self.head = 0
        self.rows: dict[K, State] = {}
        self.states: dict[K, State] = {}  # each row's state at the head read with the rows
        #: the states recorded after that head (None: the row took another name then)
        self.later: dict[K, list[State | None]] = {}
        self.last: dict[K, tuple[int, str]] = {}  # each row's last record: seq, action
        self.broken: list[Problem] = []

    def name(self, key: K) -> str:
        return f"{self.noun} {key}"

    def show(self, value: Any) -> str:
        return str(value)

    def current(self, key: K) -> State | None:
        return self.later[key][-1] if self.later.get(key) else self.states.get(key)

    def put(self, seq: int, key: K, state: State, action: str) -> None:
        if seq <= self.head:
            self.states[key] = state
        else:
            self.later.setdefault(key, []).append(state)
        self.last[key] = (seq, action)

    def keys(self) -> set[K]:
        """Every row the records replayed so far speak of."""
        return set(self.states) | set(self.later)

    def move(self, seq: int, old: K, new: K, action: str) -> None:
        """The row ``old`` is ``new`` from record ``seq`` on (an account renamed). A rename
        the rows were read after leaves no ``old``; one made after they were read leaves
        ``old``'s row to be compared with its states until then."""
        state = self.current(old)
        assert state is not None
        self.put(seq, new, dict(state), action)
        if seq <= self.head:
            self.states.pop(old, None)
            self.later.pop(old, None)
            self.last.pop(old, None)
        else:
            self.later.setdefault(old, []).append(None)

    def problems(self) -> list[Problem]:
        found = list(self.broken)
        for key in sorted(self.rows):
            stored = self.rows[key]
            if key not in self.last:
                found.append(
                    Problem(0, f"{self.name(key)} has {self.unrecorded} (made outside tradeguard)")
                )
                continue
            later: list[State | None] = self.later.get(key, [])
            known = [s for s in [self.states.get(key), *later] if s]
            if any(stored == state for state in known):
                continue
            expected = known[-1]
            seq, action = self.last[key]
            differ = ", ".join(
                f"{field} {self.show(stored[field])} (audited: {self.show(expected[field])})"
                for field in self.fields
                if stored[field] != expected[field]
            )
            found.append(
                Problem(
                    seq,
                    f"{self.name(key)} does not match its last audited {self.change} "
                    f"(record {seq}, {action}): {differ}",
                )
            )
        for gone in sorted(set(self.last) - set(self.rows)):
            seq, _ = self.last[gone]
            if seq <= self.head:
                found.append(Problem(seq, f"{self.name(gone)} has audit records but is not stored"))
        return found

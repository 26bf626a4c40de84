"""Are the entries stored for each list version the entries that were loaded?

``tradeguard lists verify`` (:func:`verify_lists`): for every version of every list it
recomputes the digest of the stored entries (:mod:`tradeguard.store.entries`) and compares it
with the digest taken at load time, kept in the version row and in the version's ``lists.load``
audit record (the chained log, so rewriting the row's digest as well is caught). An entry edited,
added or deleted in the database (``UPDATE entities SET caption = ...``) is a mismatch. A
version loaded before digests were taken has none to compare with: it is reported as not
checked, not as a mismatch. ``audit verify`` checks the log and what it replays (cases, users);
it does not read the entries, and says so. A version loaded with no audit record (a load
made through the store alone) is compared with its row's digest only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from tradeguard.audit.tables import AuditRecordRow
from tradeguard.store.entries import stored_digest
from tradeguard.store.schema import ListVersionRow

if TYPE_CHECKING:
    from tradeguard.store import Store

NOT_CHECKED = "not checked (loaded before digests)"


@dataclass(slots=True)
class VersionCheck:
    version_id: int
    list: str
    entity_count: int
    #: "ok", "mismatch" or "not checked (loaded before digests)"
    status: str
    problem: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "version_id": self.version_id,
            "list": self.list,
            "entity_count": self.entity_count,
            "status": self.status,
            "problem": self.problem,
        }


@dataclass(slots=True)
class ListsVerification:
    versions: list[VersionCheck] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(v.status != "mismatch" for v in self.versions)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "versions": [v.to_dict() for v in self.versions]}


def _recorded(store: Store) -> dict[int, str]:
    """Each version's entries digest as its ``lists.load`` record states it (a version loaded
    with no record, or before digests were taken, has none here)."""
    found: dict[int, str] = {}
    with store.session() as session:
        rows = session.execute(
            select(AuditRecordRow.payload).where(AuditRecordRow.action == "lists.load")
        ).scalars()
        for payload in rows:
            try:
                result = json.loads(payload)
                if result.get("status") != "loaded":
                    continue
                version = result["version"]
                if version.get("entries_sha256"):
                    found[int(version["id"])] = str(version["entries_sha256"])
            except (ValueError, KeyError, TypeError):
                continue
    return found


def _check(row: ListVersionRow, recorded: str | None, actual: str) -> VersionCheck:
    check = VersionCheck(row.id, row.list_id, row.entity_count, "ok")
    if row.entries_sha256 is None and recorded is None:
        check.status = NOT_CHECKED
        return check
    wrong = []
    if row.entries_sha256 != actual:
        wrong.append("the stored entries do not match the digest taken at load time")
    if recorded is not None and recorded != row.entries_sha256:
        wrong.append("the version's digest is not the one its lists.load audit record states")
    if wrong:
        check.status = "mismatch"
        check.problem = f"{row.list_id} version {row.id}: " + "; ".join(wrong)
    return check


def verify_lists(store: Store) -> ListsVerification:
    """Every list version's stored entries against the digest taken when it was loaded."""
    recorded = _recorded(store)
    result = ListsVerification()
    with store.session() as session:
        rows = list(session.execute(select(ListVersionRow).order_by(ListVersionRow.id)).scalars())
        for row in rows:
            if row.entries_sha256 is None and recorded.get(row.id) is None:
                actual = ""
            else:
                actual = stored_digest(session, row.id)
            result.versions.append(_check(row, recorded.get(row.id), actual))
    return result

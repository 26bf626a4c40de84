"""The evidence for one case: the case, every audit record about it, the list entry as the
store holds it, and a verification of the whole chain at export time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tradeguard.audit import records
from tradeguard.cases.integrity import verify
from tradeguard.cases.workflow import get_case

if TYPE_CHECKING:
    from tradeguard.audit.chain import AuditRecord, Verification
    from tradeguard.cases.workflow import Case
    from tradeguard.lists.model import Entity
    from tradeguard.store import Store

#: the evidence pack's format, named in the pack
FORMAT = "tradeguard-case-evidence/1"

HOW_TO_VERIFY = (
    "Each record's hash is SHA-256 over the canonical JSON (sorted keys, no spaces, "
    "UTF-8) of {seq, prev_hash, at, actor, action, subject, payload}, where payload is "
    "the canonical JSON text of the record's payload. 'chain.head_hash' is the hash of "
    "the last record of the whole log at export time."
)


@dataclass(frozen=True, slots=True)
class EntryVersion:
    """A version of its list that holds the case's entry, and whether the entry there is the
    one the case was opened on (the same digest)."""

    version_id: int
    list: str
    sha256: str
    published_at: str | None
    loaded_at: datetime
    entity_digest: str
    same_as_case: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "version_id": self.version_id,
            "list": self.list,
            "sha256": self.sha256,
            "published_at": self.published_at,
            "loaded_at": self.loaded_at.isoformat(timespec="seconds"),
            "entity_digest": self.entity_digest,
            "same_as_case": self.same_as_case,
        }


@dataclass(frozen=True, slots=True)
class CaseEvidence:
    """The evidence pack of one case (``tradeguard audit export``,
    ``GET /cases/{id}/evidence``): the case, its audit records, the screenings of its
    counterparty, the list entry now and in every version of its list, and the whole chain's
    verification when the pack was made."""

    exported_at: datetime
    case: Case
    audit_records: list[AuditRecord]
    counterparty_screenings: list[AuditRecord]
    list_entry: Entity | None
    list_entry_history: list[EntryVersion]
    chain: Verification
    format: str = FORMAT
    how_to_verify: str = HOW_TO_VERIFY

    def to_dict(self) -> dict[str, Any]:
        """The pack as one JSON document (the API's answer and the exported file)."""
        return {
            "format": self.format,
            "exported_at": self.exported_at.isoformat(timespec="seconds"),
            "case": self.case.to_dict(),
            "audit_records": [r.to_dict() for r in self.audit_records],
            "counterparty_screenings": [r.to_dict() for r in self.counterparty_screenings],
            "list_entry": self.list_entry.to_dict() if self.list_entry else None,
            "list_entry_history": [h.to_dict() for h in self.list_entry_history],
            "chain": self.chain.to_dict(),
            "how_to_verify": self.how_to_verify,
        }


def case_evidence(store: Store, case_id: int, now: datetime | None = None) -> CaseEvidence:
    """The evidence of case ``case_id`` as the store holds it, exported at ``now`` (default:
    the current time)."""
    case = get_case(store, case_id)
    trail = records(store, subject=f"case:{case_id}", limit=100_000)
    related: list[AuditRecord] = []
    if case.counterparty_id:
        related = records(store, subject=f"counterparty:{case.counterparty_id}", limit=100_000)
    entity: Entity | None = None
    history: list[EntryVersion] = []
    if case.entity_id:
        entity = store.get_entity(case.entity_id)
        history = [
            EntryVersion(
                version_id=v.id,
                list=v.list,
                sha256=v.sha256,
                published_at=v.published_at,
                loaded_at=v.loaded_at,
                entity_digest=digest,
                same_as_case=digest == case.entity_digest,
            )
            for v, digest in store.entity_history(case.entity_id)
        ]
    check = verify(store)
    return CaseEvidence(
        exported_at=now or datetime.now(UTC),
        case=case,
        audit_records=list(trail),
        counterparty_screenings=list(related),
        list_entry=entity,
        list_entry_history=history,
        chain=check,
    )


def export_case(store: Store, case_id: int) -> CaseEvidence:
    """The evidence pack for one case (:meth:`CaseEvidence.to_dict` gives its JSON)."""
    return case_evidence(store, case_id)

"""The evidence for one case: the case, every audit record about it, the list entry as the
store holds it, and a verification of the whole chain at export time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tradeguard.audit import records, verify
from tradeguard.cases.workflow import get_case

if TYPE_CHECKING:
    from tradeguard.store import Store


def case_evidence(store: Store, case_id: int) -> dict[str, Any]:
    case = get_case(store, case_id)
    trail = records(store, subject=f"case:{case_id}", limit=100_000)
    related: list[dict[str, Any]] = []
    if case.counterparty_id:
        related = [
            r.to_dict()
            for r in records(store, subject=f"counterparty:{case.counterparty_id}", limit=100_000)
        ]
    entity: dict[str, Any] | None = None
    history: list[dict[str, Any]] = []
    if case.entity_id:
        current = store.get_entity(case.entity_id)
        entity = current.to_dict() if current else None
        history = [
            {
                "version_id": v.id,
                "list": v.list,
                "sha256": v.sha256,
                "published_at": v.published_at,
                "loaded_at": v.loaded_at.isoformat(timespec="seconds"),
                "entity_digest": digest,
                "same_as_case": digest == case.entity_digest,
            }
            for v, digest in store.entity_history(case.entity_id)
        ]
    check = verify(store)
    return {
        "format": "tradeguard-case-evidence/1",
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "case": case.to_dict(),
        "audit_records": [r.to_dict() for r in trail],
        "counterparty_screenings": related,
        "list_entry": entity,
        "list_entry_history": history,
        "chain": check.to_dict(),
        "how_to_verify": (
            "Each record's hash is SHA-256 over the canonical JSON (sorted keys, no spaces, "
            "UTF-8) of {seq, prev_hash, at, actor, action, subject, payload}, where payload is "
            "the canonical JSON text of the record's payload. 'chain.head_hash' is the hash of "
            "the last record of the whole log at export time."
        ),
    }


def export_case(store: Store, case_id: int) -> dict[str, Any]:
    """The evidence pack for one case, as one JSON-ready object."""
    return case_evidence(store, case_id)

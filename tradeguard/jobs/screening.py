"""Batch screening as a server job: the parties of an uploaded file screened one by one, the
progress kept in the job's row, the hits in one audit record and the result in the job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tradeguard.cases import alerts
from tradeguard.jobs import records

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor
    from tradeguard.cases.counterparties import Counterparty
    from tradeguard.cases.monitor import ScreenFn
    from tradeguard.store import Store

#: the most rows one batch job takes
BATCH_ROWS = 10_000
#: the job's row is updated every this many parties
PROGRESS_EVERY = 50


def run_screen_batch(
    store: Store,
    actor: Actor,
    job_id: str,
    rows: list[Counterparty],
    screen_one: ScreenFn,
    audit_payload: dict[str, Any] | None = None,
) -> None:
    """Screen ``rows`` with ``screen_one`` under job ``job_id``. A failure is recorded in the
    job (the server keeps running); success writes one ``screen.batch`` audit record."""
    try:
        results: list[dict[str, Any]] = []
        for i, cp in enumerate(rows, 1):
            hits = screen_one(cp)
            results.append(
                {"id": cp.id, "query": cp.to_dict(), "matches": [h.to_dict() for h in hits]}
            )
            if i % PROGRESS_EVERY == 0:
                records.progress(store, job_id, i)
        alerts.record_decision(
            store,
            actor,
            "screen.batch",
            f"job:{job_id}",
            {"rows": len(rows), **(audit_payload or {})},
            {
                "hits": [
                    {"id": r["id"], "entities": [m["entity_id"] for m in r["matches"]]}
                    for r in results
                    if r["matches"]
                ]
            },
        )
        records.finish(store, job_id, results)
    except Exception as exc:  # the job records the failure; the server keeps running
        records.finish(store, job_id, error=f"{type(exc).__name__}: {exc}")

"""Screening: one party, or a file of parties as a background job."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Response, UploadFile

from tradeguard.api.deps import Reader, Services, Svc, require
from tradeguard.api.models import ScreenRequest
from tradeguard.cases import alerts, jobs
from tradeguard.cases import counterparties as cps
from tradeguard.cases.users import User
from tradeguard.countries import resolve_countries
from tradeguard.inputs import upload_name

router = APIRouter()
Screener_ = Annotated[User, Depends(require("screen"))]
BATCH_ROWS = 10_000


@router.post("/screen", tags=["screening"])
async def screen(
    body: ScreenRequest, svc: Svc, user: Screener_, response: Response
) -> dict[str, Any]:
    """Screen one party against every loaded list; the matches explain themselves. With
    ``counterparty_id`` the registered counterparty is screened; with ``open_cases`` each hit
    opens a case (unless an approved false positive covers it; the ids of the cases opened are
    in the ``X-Cases-Opened`` header). Every screening is an audit record (``X-Audit-Seq``)."""
    return await svc.decide(_screen, body, svc, user, response)


def _screen(body: ScreenRequest, svc: Services, user: User, response: Response) -> dict[str, Any]:
    from tradeguard.screening import Query

    screener = svc.screener()
    cp_digest = None
    if body.counterparty_id is not None:
        cp = cps.get_counterparty(svc.store, body.counterparty_id)
        query = Query(cp.name, cp.schema, list(cp.countries), cp.birth_date, list(cp.identifiers))
        cp_digest = cp.digest()
    else:
        query = Query(
            name=body.name,
            schema=body.type or None,  # "" means no type, as when the field is absent
            countries=resolve_countries(body.countries, field="countries"),
            birth_date=body.birth_date,
            identifiers=list(body.identifiers),
            lists=body.lists,
        )
    threshold = body.threshold
    if threshold is None:
        threshold = svc.config()["screen.threshold"]
    matches = screener.screen(query, threshold=threshold, limit=body.limit)
    query_dict = query.to_dict()
    recorded = alerts.record_screening(
        svc.store,
        user.actor,
        query_dict,
        matches,
        threshold=threshold,
        versions=screener.versions_key or "",
        open_cases=body.open_cases,
        counterparty_id=body.counterparty_id,
        counterparty_digest=cp_digest,
    )
    response.headers["X-Audit-Seq"] = str(recorded["audit_seq"])
    opened = [str(c["case_id"]) for c in recorded["cases"] if c["case_id"] is not None]
    if body.open_cases:
        response.headers["X-Cases-Opened"] = ",".join(opened)
    return {"query": query_dict, "matches": [m.to_dict() for m in matches]}


def _run_batch(svc: Services, user: User, job_id: str, rows: list[cps.Counterparty]) -> None:
    from tradeguard.api.screening import counterparty_screen

    try:
        screen_one = counterparty_screen(svc.screener())
        results: list[dict[str, Any]] = []
        for i, cp in enumerate(rows, 1):
            hits = screen_one(cp)
            results.append(
                {"id": cp.id, "query": cp.to_dict(), "matches": [h.to_dict() for h in hits]}
            )
            if i % 50 == 0:
                jobs.progress(svc.store, job_id, i)
        alerts.record_decision(
            svc.store,
            user.actor,
            "screen.batch",
            f"job:{job_id}",
            {"rows": len(rows)},
            {
                "hits": [
                    {"id": r["id"], "entities": [m["entity_id"] for m in r["matches"]]}
                    for r in results
                    if r["matches"]
                ]
            },
        )
        jobs.finish(svc.store, job_id, results)
    except Exception as exc:  # the job records the failure; the server keeps running
        jobs.finish(svc.store, job_id, error=f"{type(exc).__name__}: {exc}")


@router.post("/screen/batch", tags=["screening"], status_code=202)
def screen_batch(
    svc: Svc,
    user: Screener_,
    file: Annotated[
        UploadFile, File(description="CSV (id,name,type,countries,birth_date,identifiers) or JSON")
    ],
) -> dict[str, Any]:
    """Start screening a file of parties; poll ``GET /jobs/{id}`` for progress."""
    name = upload_name(file.filename)[:200]
    data = file.file.read(cps.MAX_BYTES + 1)
    rows = cps.parse_bytes(data, name)
    if len(rows) > BATCH_ROWS:
        from tradeguard.errors import InputError

        raise InputError(f"at most {BATCH_ROWS} rows per batch", field="file")
    job_id = jobs.create_job(svc.store, "screen.batch", len(rows), user.username)
    threading.Thread(target=_run_batch, args=(svc, user, job_id, rows), daemon=True).start()
    return jobs.get_job(svc.store, job_id)


@router.get("/jobs/{job_id}", tags=["screening"])
def job_status(job_id: str, svc: Svc, user: Reader) -> dict[str, Any]:
    return jobs.get_job(svc.store, job_id)


@router.get("/jobs/{job_id}/result", tags=["screening"])
def job_result(job_id: str, svc: Svc, user: Reader) -> dict[str, Any]:
    return jobs.get_job(svc.store, job_id, with_result=True)

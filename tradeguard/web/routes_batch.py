"""Batch screening pages: ``/ui/batch`` (a CSV or XLSX file of counterparties), a job's
results and their CSV download. A row that is no party is not screened: the job's page lists
it (line, field, reason) under the results of the others."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from tradeguard.errors import InputError
from tradeguard.inputs import FileNameError, upload_name
from tradeguard.jobs import Job, JobStatus
from tradeguard.web.routes import (
    OptText,
    _check_csrf,
    _page,
    _svc,
    _user,
)

router = APIRouter(prefix="/ui", include_in_schema=False)


# -- batch -------------------------------------------------------------------------------------


@router.get("/batch")
def batch_form(request: Request) -> Response:
    user, sess = _user(request, "read")
    return _page(request, "batch.html", user, sess, job=None, error=None)


@router.post("/batch")
def batch_start(
    request: Request,
    file: Annotated[UploadFile, File()],
    csrf: OptText = None,
    encoding: OptText = None,
) -> Response:
    user, sess = _user(request, "screen")
    _check_csrf(request, sess, csrf)
    from tradeguard.cases import counterparties as cps

    try:
        name = upload_name(file.filename, "upload.csv")[:200]
        # a workbook is told by its content and named as uploaded in every message
        upload = cps.read_upload(file.file.read(cps.MAX_BYTES + 1), name, encoding or None)
        # bad rows are listed on the job's page, and the encoding the file was read in
        read_in = (upload.encoding, upload.encoding_detected)
        job = _svc(request).start_screen_batch(user.actor, upload.parties, upload.bad, read_in)
    except InputError as exc:
        status = 400 if isinstance(exc, FileNameError) else 422
        return _page(
            request, "batch.html", user, sess, job=None, error=exc.describe(), status_code=status
        )
    return RedirectResponse(f"/ui/batch/{job.id}", status_code=303)


def _job_rows(job: Job, q: str, hits_only: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    needle = q.casefold().strip()
    for r in job.result or []:
        best = r["matches"][0] if r["matches"] else None
        row = {
            "id": r["id"],
            "name": r["query"].get("name", ""),
            "countries": ", ".join(r["query"].get("countries") or []),
            "hits": len(r["matches"]),
            "best": best,
        }
        if hits_only and not row["hits"]:
            continue
        text = f"{row['id']} {row['name']} {best['caption'] if best else ''}".casefold()
        if needle and needle not in text:
            continue
        rows.append(row)
    return rows


@router.get("/batch/{job_id}")
def batch_job(
    request: Request,
    job_id: str,
    q: Annotated[str, Query(max_length=200)] = "",
    hits: Annotated[str, Query(max_length=5)] = "",
) -> Response:
    user, sess = _user(request, "read")
    from tradeguard import jobs

    job = jobs.get_job(_svc(request).store, job_id, with_result=True, viewer=user.actor)
    rows = _job_rows(job, q, bool(hits)) if job.status == JobStatus.DONE else []
    partial = request.headers.get("HX-Request") == "true"
    return _page(
        request,
        "_batch_status.html" if partial else "batch.html",
        user,
        sess,
        job=job,
        rows=rows,
        q=q,
        hits_only=bool(hits),
        error=None,
    )


@router.get("/batch/{job_id}/download.csv")
def batch_download(request: Request, job_id: str) -> Response:
    user, _ = _user(request, "read")
    from tradeguard import jobs
    from tradeguard.tabular.write import csv_text

    job = jobs.get_job(_svc(request).store, job_id, with_result=True, viewer=user.actor)
    # every row names the lists the job screened against (list:version:publication date), and
    # a match the version of its list: a row read alone can be reproduced and audited
    versions = {str(x["list"]): x for x in job.lists or []}
    against = "; ".join(
        f"{x['list']}:{x.get('version_id')}:{x.get('published_at') or ''}"
        for x in versions.values()
    )
    rows: list[list[Any]] = []
    for r in job.result or []:
        if not r["matches"]:
            rows.append([r["id"], r["query"].get("name", ""), "", "", "", "", "", "", against])
        for m in r["matches"]:
            version = versions.get(str(m["list"]), {}).get("version_id", "")
            rows.append(
                [r["id"], r["query"].get("name", ""), m["entity_id"], m["list"], m["caption"],
                 m["matched_name"], m["score"], version, against]
            )  # fmt: skip
    header = ["id", "name", "entity_id", "list", "caption", "matched_name", "score",
              "list_version_id", "screened_against"]  # fmt: skip
    return Response(
        csv_text(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="screening-{job_id}.csv"'},
    )

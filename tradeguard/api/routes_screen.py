"""Screening: one party, or a file of parties as a background job."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile

from tradeguard import jobs
from tradeguard.accounts.users import User
from tradeguard.api.deps import Reader, Svc, require
from tradeguard.api.models import ScreenRequest
from tradeguard.api.responses import Job, JobWithResult
from tradeguard.cases import counterparties as cps
from tradeguard.countries import resolve_countries
from tradeguard.inputs import upload_name
from tradeguard.screening import Query
from tradeguard.service.bodies import ScreeningOut

router = APIRouter()
Screener_ = Annotated[User, Depends(require("screen"))]


@router.post("/screen", tags=["screening"], response_model=ScreeningOut)
async def screen(
    body: ScreenRequest, svc: Svc, user: Screener_, response: Response
) -> ScreeningOut:
    """Screen one party against every loaded list; the matches explain themselves. With
    ``counterparty_id`` the registered counterparty is screened; with ``open_cases`` each hit
    opens a case (unless an approved false positive covers it; the ids of the cases opened are
    in the ``X-Cases-Opened`` header). Without ``threshold``, the administrator's
    ``screen.threshold`` applies. Every screening is an audit record (``X-Audit-Seq``)."""
    query = None
    if body.counterparty_id is None:
        query = Query(
            name=body.name,
            schema=body.type or None,  # "" means no type, as when the field is absent
            countries=resolve_countries(body.countries, field="countries"),
            birth_date=body.birth_date,
            identifiers=list(body.identifiers),
            lists=body.lists,
        )
    done = await svc.decide(
        functools.partial(
            svc.screen,
            user.actor,
            query,
            counterparty_id=body.counterparty_id,
            threshold=body.threshold,
            limit=body.limit,
            open_cases=body.open_cases,
            face="api",
        )
    )
    response.headers["X-Audit-Seq"] = str(done.audit_seq)
    if body.open_cases:
        response.headers["X-Cases-Opened"] = ",".join(str(c) for c in done.opened)
    return done.body()


@router.post("/screen/batch", tags=["screening"], status_code=202, response_model=Job)
def screen_batch(
    svc: Svc,
    user: Screener_,
    file: Annotated[
        UploadFile,
        File(description="CSV or XLSX (id,name,type,countries,birth_date,identifiers) or JSON"),
    ],
    encoding: Annotated[
        str | None,
        Form(
            max_length=64,
            description="The text encoding of a CSV or JSON file (utf-8, cp932, cp949, "
            "shift_jis, euc_kr ...); absent: detected (UTF-8, else CP932 or CP949)",
        ),
    ] = None,
) -> Job:
    """Start screening a file of parties; poll ``GET /jobs/{id}`` for progress. A row that is
    no party (no name, an unknown country, a birth date that is no date, a NUL character, an
    id seen before) is not screened: the job screens the others and lists each such row in
    ``bad_rows`` (line, field, message). A file that cannot be read as a whole is refused
    (422), as is an ``encoding`` that is no text encoding or that the file's text is not in
    (naming its line and byte offset). The job names the encoding its file was read in
    (``encoding``, ``encoding_detected``)."""
    name = upload_name(file.filename)[:200]
    data = file.file.read(cps.MAX_BYTES + 1)
    upload = cps.read_upload(data, name, encoding or None)
    _, warnings = svc.coverage()
    read_in = (upload.encoding, upload.encoding_detected)
    job = svc.start_screen_batch(user.actor, upload.parties, upload.bad, read_in).to_dict()
    return Job.model_validate(job | {"warnings": warnings})


@router.get("/jobs/{job_id}", tags=["screening"], response_model=Job)
def job_status(job_id: str, svc: Svc, user: Reader) -> Job:
    """A job's status: its owner's, or any job for a reviewer or admin (others: 404)."""
    return Job.model_validate(jobs.get_job(svc.store, job_id, viewer=user.actor).to_dict())


@router.get("/jobs/{job_id}/result", tags=["screening"], response_model=JobWithResult)
def job_result(job_id: str, svc: Svc, user: Reader) -> JobWithResult:
    """A job's result: its owner's, or any job for a reviewer or admin (others: 404)."""
    job = jobs.get_job(svc.store, job_id, with_result=True, viewer=user.actor)
    return JobWithResult.model_validate(job.to_dict(with_result=True))

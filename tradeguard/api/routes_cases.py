"""Cases, four-eyes review, remembered false positives, counterparties and monitoring."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile

from tradeguard.accounts.users import User
from tradeguard.api.deps import Reader, Svc, require
from tradeguard.api.models import (
    CounterpartyIn,
    IdPath,
    MonitorRequest,
    ProposalRequest,
    ReviewRequest,
)
from tradeguard.api.responses import (
    CaseOut,
    CounterpartyOut,
    Evidence,
    ImportSummaryOut,
    MonitorSummaryOut,
    SuppressionOut,
)
from tradeguard.cases import counterparties as cps
from tradeguard.cases import monitor, workflow
from tradeguard.cases.export import export_case
from tradeguard.inputs import upload_name

router = APIRouter()
Proposer = Annotated[User, Depends(require("propose"))]
Reviewer = Annotated[User, Depends(require("review"))]
Auditor = Annotated[User, Depends(require("audit"))]
Keeper = Annotated[User, Depends(require("counterparties"))]
Monitor = Annotated[User, Depends(require("monitor"))]


@router.get("/cases", tags=["cases"], response_model=list[CaseOut])
def cases_list(
    svc: Svc,
    user: Reader,
    status: Annotated[str | None, Query(max_length=16)] = None,
    counterparty_id: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[CaseOut]:
    """Cases, oldest first; filter by status (open, proposed, escalated, closed)."""
    rows = workflow.list_cases(svc.store, status, counterparty_id, limit, offset)
    return [CaseOut.model_validate(c, from_attributes=True) for c in rows]


@router.get("/cases/{case_id}", tags=["cases"], response_model=CaseOut)
def case_get(case_id: Annotated[int, IdPath], svc: Svc, user: Reader) -> CaseOut:
    return CaseOut.model_validate(workflow.get_case(svc.store, case_id), from_attributes=True)


@router.post("/cases/{case_id}/proposal", tags=["cases"], response_model=CaseOut)
def case_propose(
    case_id: Annotated[int, IdPath], body: ProposalRequest, svc: Svc, user: Proposer
) -> CaseOut:
    """Propose an outcome (true_match, false_positive, escalate) with a comment."""
    case = svc.propose(
        user.actor, case_id, body.proposal, body.comment, body.version, body.licence_ref
    )
    return CaseOut.model_validate(case, from_attributes=True)


@router.post("/cases/{case_id}/review", tags=["cases"], response_model=CaseOut)
def case_review(
    case_id: Annotated[int, IdPath], body: ReviewRequest, svc: Svc, user: Reviewer
) -> CaseOut:
    """Approve or reject the proposal: a reviewer other than the proposer (four-eyes).
    Of two reviews at once, one wins and the other gets 409."""
    case = svc.review(user.actor, case_id, body.decision, body.comment, body.version)
    return CaseOut.model_validate(case, from_attributes=True)


@router.get("/cases/{case_id}/evidence", tags=["cases", "audit"], response_model=Evidence)
def case_evidence(case_id: Annotated[int, IdPath], svc: Svc, user: Auditor) -> Evidence:
    """The evidence pack of one case (as `tradeguard audit export --case ID`)."""
    return Evidence.model_validate(export_case(svc.store, case_id).to_dict())


@router.get(
    "/cases/{case_id}/report.pdf",
    tags=["cases", "audit"],
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The case report."}},
)
def case_report_pdf(
    case_id: Annotated[int, IdPath],
    svc: Svc,
    user: Auditor,
    lang: Annotated[str, Query(max_length=5, description="en (default), ja or ko")] = "en",
) -> Response:
    """The case report as a PDF (as `tradeguard report case ID --lang LANG`), in English,
    Japanese or Korean: the words, dates and numbers in the language; names, addresses and
    legal bases as published."""
    from tradeguard.reports.case import case_report

    report = case_report(svc.store, case_id, lang)
    return Response(
        report.pdf(),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{report.name}.pdf"'},
    )


@router.get("/suppressions", tags=["cases"], response_model=list[SuppressionOut])
def suppressions(svc: Svc, user: Reader) -> list[SuppressionOut]:
    """Approved false positives per (counterparty, list entry), with the digests they hold for."""
    return [SuppressionOut.model_validate(s) for s in workflow.suppressions(svc.store)]


@router.get("/counterparties", tags=["monitoring"], response_model=list[CounterpartyOut])
def counterparties_list(
    svc: Svc,
    user: Reader,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> list[CounterpartyOut]:
    rows = cps.list_counterparties(svc.store, limit, offset)
    return [CounterpartyOut.model_validate(c.to_dict()) for c in rows]


@router.post("/counterparties", tags=["monitoring"], response_model=ImportSummaryOut)
def counterparties_add(
    body: Annotated[list[CounterpartyIn], ...], svc: Svc, user: Keeper
) -> ImportSummaryOut:
    """Add or update counterparties (JSON list); changed ones are screened again next run."""
    parties = [cps.parse_record(item.model_dump(), "request", i) for i, item in enumerate(body, 1)]
    summary = svc.import_counterparties(user.actor, parties, "request")
    return ImportSummaryOut.model_validate(summary.to_dict())


@router.post("/counterparties/upload", tags=["monitoring"], response_model=ImportSummaryOut)
def counterparties_upload(
    svc: Svc,
    user: Keeper,
    file: Annotated[UploadFile, File(description="CSV, XLSX or JSON of counterparties.")],
) -> ImportSummaryOut:
    """Import a CSV, XLSX or JSON file of counterparties (as `tradeguard counterparties import`)."""
    data = file.file.read(cps.MAX_BYTES + 1)
    source = upload_name(file.filename)[:200]
    summary = svc.import_counterparties(user.actor, cps.parse_bytes(data, source), source)
    return ImportSummaryOut.model_validate(summary.to_dict())


@router.post("/monitor/run", tags=["monitoring"], response_model=MonitorSummaryOut)
def monitor_run(body: MonitorRequest, svc: Svc, user: Monitor) -> MonitorSummaryOut:
    """Screen the counterparties again where lists or their data changed; open cases for new
    and changed hits only (as `tradeguard monitor run --json`)."""
    return MonitorSummaryOut.model_validate(svc.monitor(user.actor, force=body.force).to_dict())


@router.get("/monitor/last", tags=["monitoring"], response_model=MonitorSummaryOut | None)
def monitor_last(svc: Svc, user: Reader) -> MonitorSummaryOut | None:
    """The summary of the last monitoring run (null when none ran yet)."""
    last = monitor.last_run(svc.store)
    return None if last is None else MonitorSummaryOut.model_validate(last.to_dict())

"""Health, lists and entities."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from tradeguard.accounts.users import User
from tradeguard.api.deps import Reader, Svc, require
from tradeguard.api.models import UpdateListsRequest
from tradeguard.api.problems import RETRY_AFTER, log, problem
from tradeguard.api.responses import (
    EntityReport,
    Health,
    HealthList,
    ListDiffOut,
    ListStatusOut,
    ListVersionOut,
    LoadResultOut,
    Readiness,
    UpdateResultOut,
)
from tradeguard.errors import InputError, NotFoundError, StoreError
from tradeguard.inputs import upload_name
from tradeguard.store.faults import describe, fault

router = APIRouter()
Lister = Annotated[User, Depends(require("lists"))]


@router.get("/health", tags=["health"], response_model=Health)
def health(svc: Svc) -> Health:
    """Liveness: 200 while the process answers. Says whether the store is reachable
    (``status``: ok, empty, or unavailable with the reason in ``store``), which list versions
    are current and which are stale. The only routes readable without a token are this one
    and ``/ready``."""
    from tradeguard.lists.status import list_status

    try:
        rows = list_status(svc.store)
    except (SQLAlchemyError, StoreError) as exc:
        return Health(status="unavailable", store=_reason(exc), lists=[], stale=[])
    return Health(
        status="ok" if rows else "empty",
        store="ok",
        lists=[
            HealthList(
                list=r.version.list,
                version_id=r.version.id,
                published_at=r.version.published_at,
                loaded_at=r.version.loaded_at.isoformat(timespec="seconds"),
                stale=r.stale,
                age_days=r.age_days,
                stale_after_days=r.stale_after_days,
                limit_from=r.limit.origin if r.limit is not None else None,
            )
            for r in rows
        ],
        stale=[r.version.list for r in rows if r.stale],
    )


def _reason(exc: Exception) -> str:
    """What a client is told; the database's own words (host, port, name) go to the log."""
    log.warning("health: store unavailable: %s", describe(exc))
    answer = fault(exc)
    return answer[1] if answer is not None else type(exc).__name__


@router.get(
    "/ready",
    tags=["health"],
    response_model=Readiness,
    responses={503: {"description": "Not ready: `checks` says what is wrong"}},
)
async def ready(svc: Svc) -> JSONResponse:
    """Readiness: 200 when the store is reachable, its schema is the newest and a list is
    loaded; otherwise 503 (with ``Retry-After``) and, in ``checks``, what is wrong with each
    (null: fine). A store that answers again gets its schema upgraded here."""
    checks = await run_in_threadpool(svc.store.readiness)
    if checks["store"] is None and checks["schema"] is not None:
        await run_in_threadpool(svc.store.recover)
        checks = await run_in_threadpool(svc.store.readiness)
    failed = {k: v for k, v in checks.items() if v is not None}
    if not failed:
        return JSONResponse({"status": "ready", "checks": checks})
    detail = "; ".join(f"{k}: {v}" for k, v in failed.items())
    return problem(
        503, f"not ready: {detail}", headers={"Retry-After": str(RETRY_AFTER)}, checks=checks
    )


@router.get("/lists", tags=["lists"], response_model=list[ListStatusOut])
def lists_status(svc: Svc, user: Reader) -> list[ListStatusOut]:
    """Each loaded list: version, publication date, load time, counts, staleness
    (as `tradeguard lists status --json`)."""
    from tradeguard.lists.status import list_status

    return [ListStatusOut.model_validate(r.to_dict()) for r in list_status(svc.store)]


@router.get("/lists/{list_id}/versions", tags=["lists"], response_model=list[ListVersionOut])
def list_versions(list_id: str, svc: Svc, user: Reader) -> list[ListVersionOut]:
    """The versions loaded of one list, newest first; an unknown list id is 404."""
    from tradeguard.lists.model import LIST_IDS

    if list_id not in LIST_IDS:
        raise NotFoundError(f"no list {list_id!r}; the lists are {', '.join(LIST_IDS)}")
    return [ListVersionOut.model_validate(v.to_dict()) for v in svc.store.versions(list_id)]


@router.get(
    "/lists/{list_id}/diff",
    tags=["lists"],
    response_model=ListDiffOut,
    response_model_exclude_unset=True,
)
def lists_diff(
    list_id: str,
    svc: Svc,
    user: Reader,
    from_id: Annotated[int | None, Query(alias="from", ge=1)] = None,
    to_id: Annotated[int | None, Query(alias="to", ge=1)] = None,
) -> ListDiffOut:
    """Entries added, removed and changed between two versions (as `lists diff --json`)."""
    from tradeguard.lists.diff import diff_versions

    return ListDiffOut.model_validate(diff_versions(svc.store, list_id, from_id, to_id).to_dict())


@router.post("/lists/load", tags=["lists"], response_model=LoadResultOut)
def lists_load(
    svc: Svc,
    user: Lister,
    file: Annotated[UploadFile, File(description="A published list file.")],
    list_id: Annotated[str | None, Form(alias="list", max_length=32)] = None,
    allow_shrink: Annotated[bool, Form()] = False,
    max_shrink: Annotated[float | None, Form(ge=0, le=1)] = None,
    allow_older: Annotated[bool, Form()] = False,
) -> LoadResultOut:
    """Load an uploaded list file as a new version (admins). A version that drops more than
    `max_shrink` (default 10 %) of the current version's entries is refused unless
    `allow_shrink` is true; a file published before the current version is refused unless
    `allow_older` is true; the audit record says so."""
    name = upload_name(file.filename)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        with path.open("wb") as out:
            while chunk := file.file.read(1 << 20):
                out.write(chunk)
        try:
            parsed = svc.parse_list(path, list_id)
            parsed.source = name
            parsed.warnings = [_public(w, tmp, name) or w for w in parsed.warnings]
            result = svc.load_list(
                user.actor,
                parsed,
                allow_shrink=allow_shrink,
                max_shrink=max_shrink,
                allow_older=allow_older,
            )
        except InputError as exc:
            raise _as_uploaded(exc, tmp, name) from None
    return LoadResultOut.model_validate(result.to_dict())


def _as_uploaded(exc: InputError, tmp: str, name: str) -> InputError:
    """The error naming the uploaded file, not the server's temporary copy of it."""
    public = copy.copy(exc)
    public.message = _public(exc.message, tmp, name) or exc.message
    public.source = _public(exc.source, tmp, name)
    public.args = (public.describe(),)
    return public


def _public(text: str | None, tmp: str, name: str) -> str | None:
    """``text`` with the temporary directory's paths written as the uploaded file's name."""
    if text is None:
        return None
    return text.replace(str(Path(tmp) / name), name).replace(str(Path(tmp)), name)


@router.post("/lists/update", tags=["lists"], response_model=list[UpdateResultOut])
def lists_update(body: UpdateListsRequest, svc: Svc, user: Lister) -> list[UpdateResultOut]:
    """Fetch the lists from their publishers and load what changed (admins)."""
    results = svc.update_lists(
        user.actor, body.lists, allow_shrink=body.allow_shrink, max_shrink=body.max_shrink
    )
    return [UpdateResultOut.model_validate(r.to_dict()) for r in results]


@router.get("/entities/{entity_id}", tags=["lists"], response_model=EntityReport)
def entity(entity_id: str, svc: Svc, user: Reader) -> EntityReport:
    """One list entry with its data and list membership (as `tradeguard entity ID --json`)."""
    from tradeguard.lists.lookup import entity_report

    if len(entity_id) > 240:
        raise InputError("an entity id has at most 240 characters", field="entity_id")
    return EntityReport.model_validate(entity_report(svc.store, entity_id).to_dict())

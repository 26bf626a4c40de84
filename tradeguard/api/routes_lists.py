"""Health, lists and entities."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, UploadFile

from tradeguard import audit
from tradeguard.api.deps import Reader, Svc, require
from tradeguard.api.models import UpdateListsRequest
from tradeguard.cases.users import User
from tradeguard.errors import InputError

router = APIRouter()
Lister = Annotated[User, Depends(require("lists"))]


@router.get("/health", tags=["health"])
def health(svc: Svc) -> dict[str, Any]:
    """Is the service up, is the store reachable, which list versions are current, and are
    any stale? The only route readable without a token."""
    from tradeguard.lists.status import list_status

    rows = list_status(svc.store)
    return {
        "status": "ok" if rows else "empty",
        "lists": [
            {
                "list": r.version.list,
                "version_id": r.version.id,
                "published_at": r.version.published_at,
                "loaded_at": r.version.loaded_at.isoformat(timespec="seconds"),
                "stale": r.stale,
            }
            for r in rows
        ],
        "stale": [r.version.list for r in rows if r.stale],
    }


@router.get("/lists", tags=["lists"])
def lists_status(svc: Svc, user: Reader) -> list[dict[str, Any]]:
    """Each loaded list: version, publication date, load time, counts, staleness
    (as `tradeguard lists status --json`)."""
    from tradeguard.lists.status import list_status

    return [r.to_dict() for r in list_status(svc.store)]


@router.get("/lists/{list_id}/versions", tags=["lists"])
def list_versions(list_id: str, svc: Svc, user: Reader) -> list[dict[str, Any]]:
    return [v.to_dict() for v in svc.store.versions(list_id)]


@router.get("/lists/{list_id}/diff", tags=["lists"])
def lists_diff(
    list_id: str,
    svc: Svc,
    user: Reader,
    from_id: Annotated[int | None, Query(alias="from", ge=1)] = None,
    to_id: Annotated[int | None, Query(alias="to", ge=1)] = None,
) -> dict[str, Any]:
    """Entries added, removed and changed between two versions (as `lists diff --json`)."""
    from tradeguard.lists.diff import diff_versions

    return diff_versions(svc.store, list_id, from_id, to_id).to_dict()


@router.post("/lists/load", tags=["lists"])
def lists_load(
    svc: Svc,
    user: Lister,
    file: Annotated[UploadFile, File(description="A published list file.")],
    list_id: Annotated[str | None, Form(alias="list", max_length=32)] = None,
    allow_shrink: Annotated[bool, Form()] = False,
    max_shrink: Annotated[float | None, Form(ge=0, le=1)] = None,
) -> dict[str, Any]:
    """Load an uploaded list file as a new version (admins). A version that drops more than
    `max_shrink` (default 10 %) of the current version's entries is refused unless
    `allow_shrink` is true; the audit record says so."""
    import tempfile
    from pathlib import Path

    from tradeguard.lists.registry import parse_path

    name = Path(file.filename or "upload").name or "upload"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        with path.open("wb") as out:
            while chunk := file.file.read(1 << 20):
                out.write(chunk)
        parsed = parse_path(path, list_id)
        result = svc.store.load(
            parsed, actor=user.username, allow_shrink=allow_shrink, max_shrink=max_shrink
        )
    svc.lists_changed()
    return result.to_dict()


@router.post("/lists/update", tags=["lists"])
def lists_update(body: UpdateListsRequest, svc: Svc, user: Lister) -> list[dict[str, Any]]:
    """Fetch the lists from their publishers and load what changed (admins)."""
    from tradeguard.lists.update import update_lists

    results = update_lists(
        svc.store,
        body.lists,
        actor=user.username,
        allow_shrink=body.allow_shrink,
        max_shrink=body.max_shrink,
    )
    svc.lists_changed()
    for r in results:
        audit.record(svc.store, user.username, "lists.update", f"list:{r.list_id}", r.to_dict())
    return [r.to_dict() for r in results]


@router.get("/entities/{entity_id}", tags=["lists"])
def entity(entity_id: str, svc: Svc, user: Reader) -> dict[str, Any]:
    """One list entry with its data and list membership (as `tradeguard entity ID --json`)."""
    from tradeguard.lists.lookup import entity_report

    if len(entity_id) > 240:
        raise InputError("an entity id has at most 240 characters", field="entity_id")
    return entity_report(svc.store, entity_id)

"""The lists pages: ``/ui/lists`` (each list's version, publication date, age and
staleness) and a list's changes between two versions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from tradeguard.web.routes import (
    _list_status,
    _page,
    _svc,
    _user,
    public_warning,
)

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.get("/lists")
def lists(request: Request) -> Response:
    user, sess = _user(request, "read")
    store = _svc(request).store
    status = _list_status(request)
    rows = []
    for row in status:
        current = row.version
        rows.append(
            {
                "current": current,
                "status": row,
                "warnings": [public_warning(w) for w in current.warnings],
                "versions": store.versions(current.list),
            }
        )
    stale = [row for row in status if row.stale]
    return _page(request, "lists.html", user, sess, rows=rows, stale_lists=stale)


@router.get("/lists/{list_id}/diff")
def list_diff(
    request: Request,
    list_id: str,
    from_id: Annotated[int | None, Query(alias="from", ge=1, le=2**31 - 1)] = None,
    to_id: Annotated[int | None, Query(alias="to", ge=1, le=2**31 - 1)] = None,
) -> Response:
    user, sess = _user(request, "read")
    from tradeguard.lists.diff import diff_versions

    diff = diff_versions(_svc(request).store, list_id, from_id, to_id)
    return _page(request, "list_diff.html", user, sess, list_id=list_id, diff=diff)

"""Case assignment from the case page: ``POST /ui/cases/{id}/assign`` (a person, or nobody)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse, Response

from tradeguard.errors import InputError
from tradeguard.web import routes as pages

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.post("/cases/{case_id}/assign")
def case_assign(
    request: Request,
    case_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    csrf: Annotated[str | None, Form(max_length=4000)] = None,
    assignee: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    user, sess = pages._user(request, "propose")
    pages._check_csrf(request, sess, csrf)
    try:
        pages._svc(request).assign(user.actor, case_id, assignee or None)
    except InputError as exc:
        return pages._case_page(request, user, sess, case_id, error=exc.describe(), status_code=422)
    return RedirectResponse(f"/ui/cases/{case_id}", status_code=303)

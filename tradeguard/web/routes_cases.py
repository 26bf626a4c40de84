"""The case pages: the list with its filters (``/ui/cases``), a case with its outcomes by kind,
the four-eyes proposal and review, assignment to a person (or nobody) and the case report
(PDF, for a user with the audit permission)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tradeguard.accounts import users
from tradeguard.accounts.users import User
from tradeguard.errors import InputError
from tradeguard.web import language
from tradeguard.web import session as sessions
from tradeguard.web.routes import (
    IdPath,
    OptText,
    _check_csrf,
    _page,
    _svc,
    _user,
)

router = APIRouter(prefix="/ui", include_in_schema=False)


@router.post("/cases/{case_id}/assign")
def case_assign(
    request: Request,
    case_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    csrf: Annotated[str | None, Form(max_length=4000)] = None,
    assignee: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    return _change_case(
        request,
        case_id,
        csrf,
        "propose",
        lambda user: _svc(request).assign(user.actor, case_id, assignee or None),
    )


def _change_case(
    request: Request,
    case_id: int,
    csrf: str | None,
    permission: str,
    change: Callable[[User], object],
) -> Response:
    """A change to a case posted from its page: by a user with ``permission``, with the page's
    CSRF token. A change refused for its input shows the case again with why (422); a change
    made goes back to the case (303)."""
    user, sess = _user(request, permission)
    _check_csrf(request, sess, csrf)
    try:
        change(user)
    except InputError as exc:
        return _case_page(request, user, sess, case_id, error=exc.describe(), status_code=422)
    return RedirectResponse(f"/ui/cases/{case_id}", status_code=303)


# -- cases -------------------------------------------------------------------------------------


@router.get("/cases")
def cases(
    request: Request,
    status: Annotated[str, Query(max_length=16)] = "",
    kind: Annotated[str, Query(max_length=16)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
    assigned: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    user, sess = _user(request, "read")
    from tradeguard.cases.workflow import list_cases

    store = _svc(request).store
    anyone = assigned is None or assigned == "__any"
    rows = list_cases(store, status or None, limit=1000, assigned_to=None if anyone else assigned)
    needle = q.casefold().strip()
    rows = [
        c
        for c in rows
        if (not kind or c.kind == kind)
        and (not needle or needle in f"{c.subject} {c.entity_id or ''}".casefold())
    ]
    rows.reverse()  # newest first
    people = [u.username for u in users.list_users(store) if u.active]
    return _page(
        request, "cases.html", user, sess, cases=rows, status=status, kind=kind, q=q,
        assigned=None if anyone else assigned, people=people,
    )  # fmt: skip


def _case_page(
    request: Request, user: User, sess: sessions.Session, case_id: int, **extra: Any
) -> HTMLResponse:
    from tradeguard.audit import records
    from tradeguard.cases.integrity import verify
    from tradeguard.cases.workflow import get_case, may_review

    store = _svc(request).store
    case = get_case(store, case_id)
    trail = records(store, subject=f"case:{case_id}", limit=1000)
    chain = verify(store) if user.actor.can("audit") else None
    can_propose = user.actor.can("propose") and case.status in ("open", "escalated")
    can_review = (
        user.actor.can("review")
        and case.status == "proposed"
        and may_review(store, user.username, case.proposed_by)
    )
    return _page(
        request,
        "case.html",
        user,
        sess,
        outcomes=[str(o) for o in case.outcomes()],
        people=[u.username for u in users.list_users(store) if u.active],
        case=case,
        trail=trail,
        chain=chain,
        can_propose=can_propose,
        can_review=can_review,
        **extra,
    )


@router.get("/cases/{case_id}")
def case(request: Request, case_id: Annotated[int, IdPath]) -> Response:
    user, sess = _user(request, "read")
    return _case_page(request, user, sess, case_id, error=None)


@router.post("/cases/{case_id}/propose")
def case_propose(
    request: Request,
    case_id: Annotated[int, IdPath],
    csrf: OptText = None,
    proposal: Annotated[str, Form(max_length=20)] = "",
    comment: OptText = None,
    version: Annotated[int | None, Form()] = None,
    licence_ref: OptText = None,
) -> Response:
    return _change_case(
        request,
        case_id,
        csrf,
        "propose",
        lambda user: _svc(request).propose(
            user.actor, case_id, proposal, comment or "", version, licence_ref=licence_ref
        ),
    )


@router.post("/cases/{case_id}/review")
def case_review(
    request: Request,
    case_id: Annotated[int, IdPath],
    csrf: OptText = None,
    decision: Annotated[str, Form(max_length=20)] = "",
    comment: OptText = None,
    version: Annotated[int | None, Form()] = None,
) -> Response:
    return _change_case(
        request,
        case_id,
        csrf,
        "review",
        lambda user: _svc(request).review(user.actor, case_id, decision, comment, version),
    )


@router.get("/cases/{case_id}/report.pdf")
def case_report_pdf(
    request: Request,
    case_id: Annotated[int, IdPath],
    lang: Annotated[str | None, Query(max_length=5)] = None,
) -> Response:
    """The case report in the page's language (or ``lang``: en, ja, ko)."""
    _user(request, "audit")
    from tradeguard.reports.case import case_report

    report = case_report(_svc(request).store, case_id, lang or language.choose(request))
    return Response(
        report.pdf(),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{report.name}.pdf"'},
    )

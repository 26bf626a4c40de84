"""The pages: thin handlers that check the session and role, call the core and render.

Every page is under ``/ui``. A handler reads the logged-in user from the store, checks the same
permission the matching API route checks (``Actor.require``) and calls the same core function
(the core checks again). Forms carry the session's CSRF token; HTMX requests send it in the
``X-CSRF-Token`` header.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from tradeguard.accounts import sessions as web_sessions
from tradeguard.accounts import users
from tradeguard.accounts.errors import AuthError, ForbiddenError, ThrottledError
from tradeguard.accounts.users import User
from tradeguard.countries import resolve_countries
from tradeguard.errors import InputError
from tradeguard.inputs import FileNameError, load_document, upload_name
from tradeguard.lists.common import iso_date
from tradeguard.lists.status import ListStatus
from tradeguard.screening import Query as ScreenQuery
from tradeguard.service import Service
from tradeguard.shipments.model import parse_shipment
from tradeguard.web import session as sessions
from tradeguard.web.render import render, svg_attributes

router = APIRouter(prefix="/ui", include_in_schema=False)

Text = Annotated[str, Form(max_length=4000)]
OptText = Annotated[str | None, Form(max_length=4000)]
TYPES = ("", "Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane")
BATCH_ROWS = 10_000
#: database ids in paths: positive and within a 32-bit integer column
IdPath = Path(ge=1, le=2**31 - 1)


class LoginRequired(Exception):
    """Raised by a handler when there is no valid session: the app redirects to the log-in."""


def _svc(request: Request) -> Service:
    svc: Service = request.app.state.services
    return svc


def _user(request: Request, permission: str = "read") -> tuple[User, sessions.Session]:
    """The logged-in user and their session, read from the store on every request (an ended
    session, a disabled user or a changed role count at once)."""
    secret = sessions.read(request.cookies.get(sessions.COOKIE))
    found = web_sessions.lookup(_svc(request).store, secret) if secret else None
    if found is None:
        raise LoginRequired
    user, sess = found
    user.actor.require(permission)
    return user, sess


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _check_csrf(request: Request, sess: sessions.Session, token: str | None) -> None:
    token = token or request.headers.get("X-CSRF-Token")
    if not sessions.csrf_ok(sess, token):
        raise ForbiddenError("the form's CSRF token is missing or wrong; reload the page")


def _page(
    request: Request, template: str, user: User | None, sess: sessions.Session | None, **ctx: Any
) -> HTMLResponse:
    status = int(ctx.pop("status_code", 200))
    if user is not None and "stale_lists" not in ctx:
        ctx["stale_lists"] = [row for row in _list_status(request) if row.stale]
    html = render(
        template,
        request=request,
        user=user,
        csrf=sess.csrf if sess else "",
        can=(lambda p: user is not None and user.actor.can(p)),
        htmx=request.headers.get("HX-Request") == "true",
        **ctx,
    )
    return HTMLResponse(html, status_code=status)


# -- log-in ------------------------------------------------------------------------------------


@router.get("/login")
def login_form(request: Request, next: Annotated[str, Query(max_length=500)] = "/ui/") -> Response:
    return _page(request, "login.html", None, None, next=_safe_next(next), error=None)


def _safe_next(target: str) -> str:
    return target if target.startswith("/ui/") and "//" not in target else "/ui/"


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "/ui/",
) -> Response:
    store = _svc(request).store
    address = _address(request)
    try:
        user = users.check_password(store, username, password, address=address, face="web")
    except (AuthError, ThrottledError) as exc:
        throttled = isinstance(exc, ThrottledError)
        page = _page(
            request,
            "login.html",
            None,
            None,
            next=_safe_next(next),
            error=str(exc),
            status_code=429 if throttled else 401,
        )
        if isinstance(exc, ThrottledError):
            page.headers["Retry-After"] = str(exc.retry_after)
        return page
    secret, _ = web_sessions.start(store, user, address, sessions.MAX_AGE)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        sessions.COOKIE,
        sessions.cookie_value(secret),
        max_age=sessions.MAX_AGE,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/ui",
    )
    return response


@router.post("/logout")
def logout(request: Request, csrf: OptText = None) -> Response:
    _, sess = _user(request)
    _check_csrf(request, sess, csrf)
    web_sessions.end(_svc(request).store, sess)
    response = RedirectResponse("/ui/login", status_code=303)
    response.delete_cookie(sessions.COOKIE, path="/ui")
    return response


@router.get("/password")
def password_form(request: Request) -> Response:
    user, sess = _user(request)
    return _page(request, "password.html", user, sess, error=None, done=None)


@router.post("/password")
def password_change(
    request: Request,
    csrf: OptText = None,
    current_password: Annotated[str, Form(max_length=1024)] = "",
    new_password: Annotated[str, Form(max_length=1024)] = "",
    confirm_password: Annotated[str, Form(max_length=1024)] = "",
) -> Response:
    """Change one's own password; every other session and every API token of the user ends
    (this session stays)."""
    user, sess = _user(request)
    _check_csrf(request, sess, csrf)
    try:
        if new_password != confirm_password:
            raise InputError("the two new passwords differ", field="confirm_password")
        done = users.change_password(
            _svc(request).store,
            user,
            current_password,
            new_password,
            address=_address(request),
            face="web",
            keep_session=sess.id,
        )
    except (InputError, AuthError, ThrottledError) as exc:
        status = 429 if isinstance(exc, ThrottledError) else 401
        message = str(exc)
        if isinstance(exc, InputError):
            status, message = 422, exc.describe()
        elif isinstance(exc, AuthError):
            message = "the current password is wrong"
        page = _page(
            request, "password.html", user, sess, error=message, done=None, status_code=status
        )
        if isinstance(exc, ThrottledError):
            page.headers["Retry-After"] = str(exc.retry_after)
        return page
    return _page(request, "password.html", user, sess, error=None, done=done)


# -- dashboard ---------------------------------------------------------------------------------


@router.get("/")
def dashboard(request: Request) -> Response:
    user, sess = _user(request)
    from tradeguard.cases.workflow import count_cases
    from tradeguard.reports import charts
    from tradeguard.reports.stats import period_figures

    store = _svc(request).store
    fig = period_figures(store)
    figures = fig.to_dict()
    plots = [
        charts.day_chart(
            "Screenings and alerts per day",
            {
                "screenings": fig.screenings_by_day,
                "alerts (screenings with hits)": fig.alerts_by_day,
            },
        ),
        charts.bar_chart("Shipment decisions by verdict", fig.by_verdict, colour="#8a2f2f"),
        charts.bar_chart("Shipment decisions by regime", fig.by_regime),
        charts.bar_chart("Shipment decisions by destination", fig.by_destination),
        charts.bar_chart(
            "Unauthorised-export attempts by destination",
            fig.unauthorised_by_destination,
            colour="#8a2f2f",
        ),
    ]
    return _page(
        request,
        "dashboard.html",
        user,
        sess,
        figures=figures,
        plots=[svg_attributes(p) for p in plots],
        cases=count_cases(store),
        versions=store.current_versions(),
    )


# -- screening ---------------------------------------------------------------------------------


@router.get("/screen")
def screen_form(
    request: Request,
    name: Annotated[str, Query(max_length=500)] = "",
    type: Annotated[str, Query(max_length=20)] = "",
    country: Annotated[str, Query(max_length=100)] = "",
    birth_date: Annotated[str, Query(max_length=10)] = "",
    identifier: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """The screening form, filled in from the query; screening (an audit record, and maybe
    cases) is a POST: a GET changes nothing."""
    user, sess = _user(request, "read")
    form = {
        "name": name,
        "type": type,
        "country": country,
        "birth_date": birth_date,
        "identifier": identifier,
    }
    return _page(
        request, "screen.html", user, sess, form=form, types=TYPES, result=None, error=None
    )


@router.post("/screen")
def screen(
    request: Request,
    csrf: OptText = None,
    name: Annotated[str, Form(max_length=500)] = "",
    type: Annotated[str, Form(max_length=20)] = "",
    country: Annotated[str, Form(max_length=100)] = "",
    birth_date: Annotated[str, Form(max_length=10)] = "",
    identifier: Annotated[str, Form(max_length=200)] = "",
    open_cases: Annotated[str, Form(max_length=5)] = "",
) -> Response:
    user, sess = _user(request, "read")
    _check_csrf(request, sess, csrf)
    form = {
        "name": name,
        "type": type,
        "country": country,
        "birth_date": birth_date,
        "identifier": identifier,
        "open_cases": bool(open_cases),
    }
    result: dict[str, Any] | None = None
    error = None
    if name.strip():
        try:
            result = _screen(request, user, form)
        except (InputError, ForbiddenError) as exc:
            error = str(exc)
    else:
        error = "enter a name to screen"
    template = "_screen_results.html" if request.headers.get("HX-Request") else "screen.html"
    return _page(
        request,
        template,
        user,
        sess,
        form=form,
        types=TYPES,
        result=result,
        error=error,
    )


def _screen(request: Request, user: User, form: dict[str, Any]) -> dict[str, Any]:
    countries = resolve_countries(str(form["country"]), field="country")
    birth = str(form["birth_date"]).strip() or None
    if birth is not None and iso_date(birth) is None:
        raise InputError(f"birth date {birth!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    query = ScreenQuery(
        name=str(form["name"]).strip(),
        schema=str(form["type"]) or None,
        countries=countries,
        # screening reads YYYY[-MM[-DD]]: 12 Apr 1960 is passed as 1960-04-12
        birth_date=iso_date(birth) if birth is not None else None,
        identifiers=[i.strip() for i in str(form["identifier"]).split(";") if i.strip()],
    )
    done = _svc(request).screen(
        user.actor, query, limit=20, open_cases=bool(form["open_cases"]), face="web"
    )
    return {
        "query": done.query,
        "matches": [m.to_dict() for m in done.matches],
        "audit_seq": done.audit_seq,
        "cases": {c.entity_id: c.to_dict() for c in done.cases},
    }


# -- entity ------------------------------------------------------------------------------------


@router.get("/entity/{entity_id}")
def entity(request: Request, entity_id: str) -> Response:
    user, sess = _user(request, "read")
    from tradeguard.lists.lookup import entity_report
    from tradeguard.web.entity import other_memberships

    store = _svc(request).store
    report = entity_report(store, entity_id)
    ent = store.get_entity(entity_id)
    assert ent is not None
    others = other_memberships(_svc(request), ent)
    return _page(request, "entity.html", user, sess, report=report, entity=ent, others=others)


@router.get("/entity/{entity_id}/graph.json")
def entity_graph(request: Request, entity_id: str) -> Response:
    _user(request, "read")
    from tradeguard.web.entity import graph_elements

    return JSONResponse(graph_elements(_svc(request).store, entity_id))


# -- batch -------------------------------------------------------------------------------------


def _xlsx_to_csv(data: bytes) -> bytes:
    import openpyxl

    from tradeguard.tabular.read import check_workbook

    check_workbook(io.BytesIO(data), "file")
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(f"not a readable XLSX workbook: {exc}", field="file") from None
    sheet = book.worksheets[0]
    out = io.StringIO()
    writer = csv.writer(out)
    for n, row in enumerate(sheet.iter_rows(values_only=True)):
        if n > BATCH_ROWS + 1:
            break
        writer.writerow(["" if v is None else str(v) for v in row])
    return out.getvalue().encode("utf-8")


@router.get("/batch")
def batch_form(request: Request) -> Response:
    user, sess = _user(request, "read")
    return _page(request, "batch.html", user, sess, job=None, error=None)


@router.post("/batch")
def batch_start(
    request: Request, file: Annotated[UploadFile, File()], csrf: OptText = None
) -> Response:
    user, sess = _user(request, "screen")
    _check_csrf(request, sess, csrf)
    from tradeguard.cases import counterparties as cps

    svc = _svc(request)
    try:
        name = upload_name(file.filename, "upload.csv")[:200]
        data = file.file.read(cps.MAX_BYTES + 1)
        if name.lower().endswith((".xlsx", ".xlsm")):
            data, name = _xlsx_to_csv(data), name.rsplit(".", 1)[0] + ".csv"
        rows = cps.parse_bytes(data, name)
        if len(rows) > BATCH_ROWS:
            raise InputError(f"at most {BATCH_ROWS} rows per batch", field="file")
    except InputError as exc:
        status = 400 if isinstance(exc, FileNameError) else 422
        return _page(
            request, "batch.html", user, sess, job=None, error=exc.describe(), status_code=status
        )
    job = svc.start_screen_batch(user.actor, rows)
    return RedirectResponse(f"/ui/batch/{job['id']}", status_code=303)


def _job_rows(job: dict[str, Any], q: str, hits_only: bool) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    needle = q.casefold().strip()
    for r in job.get("result") or []:
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

    job = jobs.get_job(_svc(request).store, job_id, with_result=True)
    rows = _job_rows(job, q, bool(hits)) if job.get("status") == "done" else []
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
    _user(request, "read")
    from tradeguard import jobs
    from tradeguard.tabular.write import csv_text

    job = jobs.get_job(_svc(request).store, job_id, with_result=True)
    rows: list[list[Any]] = []
    for r in job.get("result") or []:
        if not r["matches"]:
            rows.append([r["id"], r["query"].get("name", ""), "", "", "", "", ""])
        for m in r["matches"]:
            rows.append(
                [r["id"], r["query"].get("name", ""), m["entity_id"], m["list"], m["caption"],
                 m["matched_name"], m["score"]]
            )  # fmt: skip
    header = ["id", "name", "entity_id", "list", "caption", "matched_name", "score"]
    return Response(
        csv_text(header, rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="screening-{job_id}.csv"'},
    )


# -- shipment ----------------------------------------------------------------------------------


@router.get("/shipment")
def shipment_form(request: Request) -> Response:
    user, sess = _user(request, "read")
    from tradeguard.web.entity import example_shipment

    return _page(
        request, "shipment.html", user, sess, text=example_shipment(), decision=None, error=None
    )


@router.post("/shipment")
def shipment_evaluate(
    request: Request,
    csrf: OptText = None,
    shipment: Annotated[str, Form(max_length=1_000_000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    user, sess = _user(request, "evaluate")
    _check_csrf(request, sess, csrf)
    text = shipment
    decision: dict[str, Any] | None = None
    error = None
    case_id = None
    try:
        source = None
        if file is not None and file.filename:
            source = upload_name(file.filename)
            text = file.file.read(1_000_001).decode("utf-8", "replace")
        raw = load_document(text, source=source)
        ship = parse_shipment(raw, source=source or "shipment")
        done = _svc(request).evaluate(user.actor, ship, face="web")
        decision, case_id = done.to_dict(), done.case_id
    except InputError as exc:
        error = exc.describe()
    partial = request.headers.get("HX-Request") == "true"
    return _page(
        request,
        "_decision.html" if partial else "shipment.html",
        user,
        sess,
        text=text,
        decision=decision,
        case_id=case_id,
        error=error,
        status_code=422 if error else 200,
    )


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
    from tradeguard.audit import records, verify
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
    from tradeguard.cases.workflow import OUTCOMES

    return _page(
        request,
        "case.html",
        user,
        sess,
        outcomes=[str(o) for o in OUTCOMES.get(case.kind, ())],
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
    user, sess = _user(request, "propose")
    _check_csrf(request, sess, csrf)
    try:
        _svc(request).propose(
            user.actor, case_id, proposal, comment or "", version, licence_ref=licence_ref
        )
    except InputError as exc:
        return _case_page(request, user, sess, case_id, error=exc.describe(), status_code=422)
    return RedirectResponse(f"/ui/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/review")
def case_review(
    request: Request,
    case_id: Annotated[int, IdPath],
    csrf: OptText = None,
    decision: Annotated[str, Form(max_length=20)] = "",
    comment: OptText = None,
    version: Annotated[int | None, Form()] = None,
) -> Response:
    user, sess = _user(request, "review")
    _check_csrf(request, sess, csrf)
    try:
        _svc(request).review(user.actor, case_id, decision, comment, version)
    except InputError as exc:
        return _case_page(request, user, sess, case_id, error=exc.describe(), status_code=422)
    return RedirectResponse(f"/ui/cases/{case_id}", status_code=303)


@router.get("/cases/{case_id}/report.pdf")
def case_report_pdf(request: Request, case_id: Annotated[int, IdPath]) -> Response:
    _user(request, "audit")
    from tradeguard.reports.case import case_report

    report = case_report(_svc(request).store, case_id)
    return Response(
        report.pdf(),
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="case-{case_id}.pdf"'},
    )


# -- lists -------------------------------------------------------------------------------------


def _list_status(request: Request) -> list[ListStatus]:
    from tradeguard.lists.status import list_status

    return list_status(_svc(request).store)


_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/](?:[^\s:;,'\"\\/]+[\\/])+([^\s:;,'\"\\/]+)")


def public_warning(text: str) -> str:
    """A load warning as the pages show it: a file named by its name alone, never by the
    (often temporary) directory it was read from on the server."""
    return _PATH.sub(lambda m: m.group(1), text)


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

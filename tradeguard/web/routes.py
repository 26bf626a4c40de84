"""The pages' shared handling (session, role, CSRF, the page frame), the log-in, password and
dashboard pages; the other pages are route modules beside it (``routes_screen``,
``routes_batch``, ``routes_shipment``, ``routes_shipment_document``, ``routes_exposure``,
``routes_cases``, ``routes_lists``, ``routes_i18n``): thin handlers that check the session and
role, call the service and render.

Every page is under ``/ui``. A handler reads the logged-in user from the store, checks the same
permission the matching API route checks (``Actor.require``) and calls the same core function
(the core checks again). Forms carry the session's CSRF token; HTMX requests send it in the
``X-CSRF-Token`` header.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tradeguard.accounts import sessions as web_sessions
from tradeguard.accounts import users
from tradeguard.accounts.errors import AuthError, ForbiddenError, ThrottledError
from tradeguard.accounts.users import User
from tradeguard.errors import InputError
from tradeguard.language import i18n
from tradeguard.lists.status import ListStatus
from tradeguard.service import Service
from tradeguard.web import session as sessions
from tradeguard.web.render import render, svg_attributes

router = APIRouter(prefix="/ui", include_in_schema=False)

Text = Annotated[str, Form(max_length=4000)]
OptText = Annotated[str | None, Form(max_length=4000)]
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


def _check_same_site(request: Request) -> None:
    """Refuse a log-in posted by another site's page (login CSRF: the victim's browser logged in
    as the attacker). There is no session yet, so no token: browsers say where a POST comes
    from in ``Sec-Fetch-Site`` and, older ones, ``Origin`` ("null" from a sandboxed frame).
    A client that sends neither (a script) is not a browser a page can drive."""
    if _cross_site(request):
        raise ForbiddenError(
            "a log-in posted from another site's page is refused; open this server's log-in page"
        )


def _cross_site(request: Request) -> bool:
    """Whether the browser says the request comes from another site's page."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "cross-site"
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    hosts = {request.url.netloc, request.headers.get("X-Forwarded-Host", "")}
    return origin == "null" or urlsplit(origin).netloc not in hosts


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=100)] = "",
    password: Annotated[str, Form(max_length=1000)] = "",
    next: Annotated[str, Form(max_length=500)] = "/ui/",
) -> Response:
    _check_same_site(request)
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
    # the session this browser came with (another user's, or the same user's) ends: a new
    # log-in never leaves a second live cookie behind, and the new session gets a new id
    previous = sessions.read(request.cookies.get(sessions.COOKIE))
    found = web_sessions.lookup(store, previous) if previous else None
    if found is not None:
        web_sessions.end(store, found[1])
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
    from tradeguard.reports.stats import period_figures

    store = _svc(request).store
    fig = period_figures(store)
    figures = fig.to_dict()
    plots = _plots(fig)
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


def _plots(fig: Any) -> list[str]:
    """The dashboard's charts, their titles, series, bars and days in the page's language:
    the period report's first two (:func:`tradeguard.reports.period.activity_plots`), then
    decisions by regime and by destination and unauthorised attempts by destination."""
    from tradeguard.countries import country_name
    from tradeguard.language.labels import N_, label
    from tradeguard.reports import charts
    from tradeguard.reports.period import activity_plots

    _ = i18n.gettext
    empty = _(N_("no data in this period"))
    lang = i18n.current()
    places = {
        code: country_name(code, lang)
        for code in {*fig.by_destination, *fig.unauthorised_by_destination}
    }
    return [
        *activity_plots(fig, empty),
        charts.bar_chart(
            _(N_("Shipment decisions by regime")),
            fig.by_regime,
            words={code: label(code) for code in fig.by_regime},
            empty=empty,
        ),
        charts.bar_chart(
            _(N_("Shipment decisions by destination")),
            fig.by_destination,
            words=places,
            empty=empty,
        ),
        charts.bar_chart(
            _(N_("Unauthorised-export attempts by destination")),
            fig.unauthorised_by_destination,
            colour="#8a2f2f",
            words=places,
            empty=empty,
        ),
    ]


# -- lists -------------------------------------------------------------------------------------


def _list_status(request: Request) -> list[ListStatus]:
    from tradeguard.lists.status import list_status

    return list_status(_svc(request).store)


_PATH = re.compile(r"(?:[A-Za-z]:)?[\\/](?:[^\s:;,'\"\\/]+[\\/])+([^\s:;,'\"\\/]+)")


def public_warning(text: str) -> str:
    """A load warning as the pages show it: a file named by its name alone, never by the
    (often temporary) directory it was read from on the server."""
    return _PATH.sub(lambda m: m.group(1), text)

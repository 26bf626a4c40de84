"""The web interface: server-rendered pages (Jinja2 + HTMX) under ``/ui`` of the API server.

``mount(app)`` adds the pages, the static files (vendored htmx and Cytoscape.js, no build
step) and the HTML error handling for ``/ui`` paths to the FastAPI app.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI
    from starlette.requests import Request as PageRequest
    from starlette.responses import Response as PageResponse

STATIC = Path(__file__).parent / "static"


def mount(app: FastAPI) -> None:
    from fastapi import Request
    from fastapi.responses import HTMLResponse, RedirectResponse, Response
    from fastapi.staticfiles import StaticFiles

    from tradeguard.errors import InputError, StoreError, TradeguardError
    from tradeguard.web import (
        language,
        routes,
        routes_batch,
        routes_cases,
        routes_exposure,
        routes_i18n,
        routes_lists,
        routes_screen,
        routes_shipment,
        routes_shipment_document,
    )
    from tradeguard.web.render import render

    app.include_router(routes.router)
    app.include_router(routes_screen.router)
    app.include_router(routes_batch.router)
    app.include_router(routes_shipment_document.router)
    app.include_router(routes_lists.router)
    app.include_router(routes_shipment.router)
    app.include_router(routes_exposure.router)
    app.include_router(routes_cases.router)
    app.include_router(routes_i18n.router)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="ui-static")
    app.add_middleware(language.Language)
    api_handler = app.exception_handlers[TradeguardError]

    async def login_required(request: Request, exc: Exception) -> Response:
        if request.headers.get("HX-Request") == "true":
            return Response(status_code=401, headers={"HX-Redirect": "/ui/login"})
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        from urllib.parse import quote

        return RedirectResponse(f"/ui/login?next={quote(target)}", status_code=303)

    async def tradeguard_error(request: Request, exc: Exception) -> Response:
        if not request.url.path.startswith("/ui") or isinstance(exc, StoreError):
            result = api_handler(request, exc)  # a store outage: 503 problem, Retry-After
            if inspect.isawaitable(result):
                result = await result
            return _as_page(request, result)
        assert isinstance(exc, TradeguardError)
        message = exc.describe() if isinstance(exc, InputError) else str(exc)
        status = exc.http_status
        html = render(
            "error.html", request=request, message=message, status=status, user=None, csrf=""
        )
        return HTMLResponse(html, status_code=status)

    app.add_exception_handler(routes.LoginRequired, login_required)
    app.add_exception_handler(TradeguardError, tradeguard_error)
    _page_errors(app)
    _fault_pages(app)

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)


def _page_errors(app: FastAPI) -> None:
    """An address under ``/ui`` that has no page (404), or a method a page does not take (405),
    answers an HTML error page in the page's language; elsewhere the API's problem body as
    before (and a malformed path or query parameter keeps its 422 problem body everywhere)."""
    from fastapi import Request
    from fastapi.responses import HTMLResponse, Response
    from starlette.exceptions import HTTPException

    from tradeguard.language import labels
    from tradeguard.web.render import render

    api_handler = app.exception_handlers[HTTPException]

    async def page_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if not request.url.path.startswith("/ui") or exc.status_code not in labels.HTTP_STATUS:
            result = api_handler(request, exc)
            if inspect.isawaitable(result):
                result = await result
            return result
        html = render(
            "error.html",
            request=request,
            message=labels.HTTP_STATUS[exc.status_code],
            status=exc.status_code,
            user=None,
            csrf="",
        )
        return HTMLResponse(html, status_code=exc.status_code, headers=exc.headers)

    app.add_exception_handler(HTTPException, page_error)


def _as_page(request: PageRequest, response: PageResponse) -> PageResponse:
    """A page's fault (500, or 503 when the store is unavailable) as an HTML error page in
    the page's language, with the problem's status and headers (``Retry-After``) kept; the
    API's paths, and anything else, keep the problem body."""
    from fastapi.responses import HTMLResponse

    from tradeguard.language import i18n, labels
    from tradeguard.web import language
    from tradeguard.web.render import render

    status = response.status_code
    if not request.url.path.startswith("/ui") or status not in labels.FAULTS:
        return response
    token = i18n.use(language.choose(request))  # an error out of the app runs in no language
    try:
        said = i18n.gettext(labels.FAULTS[status])
    finally:
        i18n.reset(token)
    html = render(
        "error.html",
        request=request,
        message=said,
        status=status,
        user=None,
        csrf="",
    )
    headers = {k: v for k, v in response.headers.items() if k.lower() == "retry-after"}
    return HTMLResponse(html, status_code=status, headers=headers)


def _fault_pages(app: FastAPI) -> None:
    """The API's handlers of a database fault and of an unexpected error, answering pages
    under ``/ui`` with :func:`_as_page`."""
    from sqlalchemy.exc import SQLAlchemyError

    for kind in (SQLAlchemyError, Exception):
        handler = app.exception_handlers.get(kind)
        if handler is None:
            continue

        async def as_page(
            request: PageRequest, exc: Exception, handler: Any = handler
        ) -> PageResponse:
            result = handler(request, exc)
            if inspect.isawaitable(result):
                result = await result
            return _as_page(request, result)

        app.add_exception_handler(kind, as_page)

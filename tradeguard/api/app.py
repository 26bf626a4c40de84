"""The FastAPI application: a thin face over the core.

``create_app()`` opens the store, keeps one warm screener per process, installs the problem
handlers and the body guard, and (unless disabled) starts the monitoring scheduler.

The app starts without the database: a store that does not answer at start-up is opened
anyway (its schema upgraded once it answers), a worker that cannot warm starts cold, and
requests that need the store are 503 problems until it is back.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from tradeguard import __version__, settings
from tradeguard.api import problems, security
from tradeguard.api.models import PROBLEM_RESPONSES
from tradeguard.errors import StoreError
from tradeguard.jobs.schedule import Scheduler
from tradeguard.screening import Screener
from tradeguard.service import Service
from tradeguard.store import Store
from tradeguard.store.faults import NO_ANSWER, describe, fault

log = logging.getLogger("uvicorn.error")

MAX_JSON = 1024 * 1024
MAX_UPLOAD = 256 * 1024 * 1024

DESCRIPTION = """\
Strategic trade control as a service: party screening, item classification, shipment
evaluation, ownership exposure, cases with four-eyes review, and a hash-chained audit log.

Every route but `/health` and `/ready` needs `Authorization: Bearer <token>`; each checks the user's role
(analyst, reviewer, admin). Errors are RFC 9457 problem details naming the field at fault.
Response bodies are the same JSON the command line prints with `--json`.
"""


def create_app(
    store: Store | None = None,
    *,
    screener_factory: Callable[[Store], Screener] | None = None,
    schedule: bool | None = None,
    warm: bool | None = None,
) -> FastAPI:
    """Build the app. Without ``store``, open ``$TRADEGUARD_DATABASE_URL`` (or the default).
    A ``$TRADEGUARD_TIME_ZONE`` that is no time zone is refused here, before any page shows a
    time."""
    settings.time_zone()
    own_store = store is None
    the_store = store if store is not None else Store.open(defer_if_unreachable=True)
    services = Service(the_store, screener_factory)
    if schedule is None:
        schedule = settings.schedule_enabled()
    if warm is None:
        warm = settings.warm_enabled()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        scheduler = None
        if warm:
            _warm(services)
        if schedule:
            scheduler = Scheduler(the_store, lambda: services.counterparty_screen(fresh=True))
            scheduler.start()
        app.state.scheduler = scheduler
        try:
            yield
        finally:
            if scheduler is not None:
                scheduler.stop()
            if own_store:
                the_store.close()

    app = FastAPI(
        title="tradeguard",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        responses=PROBLEM_RESPONSES,
        docs_url=None,
        redoc_url=None,
    )
    app.state.services = services
    app.state.scheduler = None
    problems.install(app)

    from tradeguard.api import (
        routes_admin,
        routes_cases,
        routes_decide,
        routes_lists,
        routes_screen,
    )

    for module in (routes_lists, routes_screen, routes_decide, routes_cases, routes_admin):
        app.include_router(module.router)
    _docs(app)
    app.add_middleware(problems.BodyGuard, max_json=MAX_JSON, max_upload=MAX_UPLOAD)
    app.add_middleware(PendingUpgrade, store=the_store)
    app.add_middleware(security.SecurityHeaders)  # outermost: every response has the headers
    return app


def _warm(services: Service) -> None:
    """Warm the worker; a store that does not answer leaves it cold (the screener and the
    network are built by the first decisions that need them), not unable to start."""
    try:
        services.warm()
    except (SQLAlchemyError, StoreError) as exc:
        answer = fault(exc)
        if answer is None or answer[0] != 503:
            raise
        log.warning("the worker starts cold: the store does not answer (%s)", describe(exc))


class PendingUpgrade:
    """While the store has not been upgraded since the worker started (the database did not
    answer then), a request first asks the store to recover (at most once every
    ``Store.recovery_seconds``; see :meth:`Store.recover`), so that a database that is back
    gets its schema brought up to date before a route reads it."""

    def __init__(self, app: Any, store: Store) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if self.store.upgrade_pending and scope["type"] == "http":
            try:
                await run_in_threadpool(self.store.recover)
            except StoreError as exc:  # a store that cannot be upgraded as it is
                log.warning("store unavailable: %s", exc)
                detail = f"the store is unavailable: {NO_ANSWER}"
                headers = {"Retry-After": str(problems.RETRY_AFTER)}
                await problems.problem(503, detail, headers=headers)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _docs(app: FastAPI) -> None:
    """FastAPI's two documentation pages, their Swagger UI and ReDoc scripts, styles and icon
    served from the package fastapi-offline (under /docs-assets), never from a CDN: the pages
    work on an offline or air-gapped host."""
    from pathlib import Path

    import fastapi_offline
    from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    assets = Path(fastapi_offline.__file__).parent / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        page = get_swagger_ui_html(
            openapi_url="/openapi.json",
            title=f"{app.title} API",
            swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png",
        )
        security.with_policy(page)
        return page

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(
            openapi_url="/openapi.json",
            title=f"{app.title} API",
            redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
            redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png",
            with_google_fonts=False,
        )
        security.with_policy(page)
        return page


DOCS_ASSETS = "/docs-assets"

"""Errors as RFC 9457 problem details (``application/problem+json``), and the guards that
refuse hostile bodies before any route sees them: a size cap and a JSON nesting cap."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qsl, unquote_to_bytes

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from tradeguard.accounts.errors import ThrottledError
from tradeguard.errors import InputError, StoreError, TradeguardError
from tradeguard.inputs import FileNameError, json_depth_exceeds, text_flaw
from tradeguard.store.faults import describe, fault

log = logging.getLogger("uvicorn.error")
#: Seconds a client waits before retrying a request the store could not serve.
RETRY_AFTER = 5

__all__ = ["BodyGuard", "install", "json_depth_exceeds", "problem"]

PROBLEM = "application/problem+json"
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TITLES = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request body too large",
    415: "Unsupported media type",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}


def problem(
    status: int,
    detail: str,
    *,
    field: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"urn:tradeguard:problem:{status}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
    }
    if field is not None:
        body["field"] = field
    body.update(extra)
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def status_of(exc: TradeguardError) -> int:
    """The HTTP status of an error: each error class says its own."""
    return exc.http_status


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or str(loc[-1] if loc else "body")


async def unavailable(request: Request, detail: str) -> JSONResponse:
    """503 with ``Retry-After``: the store failed. The store is asked to recover first (drop
    its connections; upgrade the schema of a database that came back empty), so the retry
    finds it serving when the database is back."""
    store = getattr(getattr(request.app.state, "services", None), "store", None)
    if store is not None:
        await run_in_threadpool(store.recover)
    return problem(503, detail, headers={"Retry-After": str(RETRY_AFTER)})


def install(app: FastAPI) -> None:
    @app.exception_handler(SQLAlchemyError)
    async def _database(request: Request, exc: SQLAlchemyError) -> JSONResponse:
        answer = fault(exc)
        if answer is None:
            log.error("database error on %s %s", request.method, request.url.path, exc_info=exc)
            return problem(500, "the server failed to handle the request; see its log")
        status, detail = answer
        if status == 503:
            log.warning(
                "store unavailable on %s %s: %s", request.method, request.url.path, describe(exc)
            )
            return await unavailable(request, detail)
        return problem(status, detail)

    @app.exception_handler(TradeguardError)
    async def _tradeguard(request: Request, exc: TradeguardError) -> JSONResponse:
        if isinstance(exc, StoreError):
            log.warning("store unavailable on %s %s: %s", request.method, request.url.path, exc)
            answer = fault(exc)
            return await unavailable(request, answer[1] if answer else str(exc))
        if isinstance(exc, InputError):
            status = 400 if isinstance(exc, FileNameError) else 422
            return problem(status, exc.message, field=exc.field, source=exc.source, line=exc.line)
        response = problem(status_of(exc), str(exc))
        if isinstance(exc, ThrottledError):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field(e.get("loc", ())), "message": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": "body", "message": "invalid"}
        return problem(
            422, f"{first['field']}: {first['message']}", field=first["field"], errors=errors
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return problem(500, "the server failed to handle the request; see its log")


def _query_flaw(query: bytes) -> JSONResponse | None:
    """A 422 naming the query parameter that holds a NUL character or is not UTF-8."""
    for part in query.split(b"&"):
        name, _, value = part.partition(b"=")
        try:
            text = unquote_to_bytes(value.replace(b"+", b" ")).decode("utf-8")
            key = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8")
        except UnicodeDecodeError:
            return problem(422, "a query parameter is not UTF-8 text", field=_shown(name))
        if "\x00" in text or "\x00" in key:
            return problem(
                422,
                f"{key.replace(chr(0), '')}: contains a NUL character (U+0000), which no "
                "text may hold",
                field=key.replace("\x00", ""),
            )
    return None


def _shown(raw: bytes) -> str:
    return unquote_to_bytes(raw).decode("utf-8", "replace").replace("\x00", "")[:100]


def _body_flaw(body: bytes, ctype: str) -> JSONResponse | None:
    """A 422 naming the field of a JSON or form body that holds text no store can hold (a
    NUL character, an unpaired surrogate). Bodies are decoded only when a flaw may be there."""
    if "json" in ctype:
        if b"\\u0000" not in body and b"\\ud" not in body and b"\\uD" not in body:
            return None
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return None  # the route reports invalid JSON
        found = text_flaw(data)
        if found is None:
            return None
        where, flaw = found
        return problem(422, f"{where}: {flaw}", field=where)
    if ctype.startswith("application/x-www-form-urlencoded"):
        if b"%00" not in body and b"\x00" not in body:
            return None
        for name, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                field = name.replace("\x00", "")
                return problem(
                    422,
                    f"{field}: contains a NUL character (U+0000), which no text may hold",
                    field=field,
                )
    return None


class BodyGuard:
    """ASGI middleware in front of every route: bodies larger than the cap get 413 before
    they are read in full; JSON bodies nested deeper than ``max_depth`` get 422; a NUL
    character (which PostgreSQL cannot store) in the path, a query parameter, a JSON or form
    field gets 422 naming it."""

    def __init__(self, app: ASGIApp, max_json: int, max_upload: int, max_depth: int = 32) -> None:
        self.app = app
        self.max_json = max_json
        self.max_upload = max_upload
        self.max_depth = max_depth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        query: bytes = scope.get("query_string", b"")
        if b"%00" in query or b"\x00" in query or (query and not query.isascii()):
            flaw = _query_flaw(query)
            if flaw is not None:
                await _send(flaw, scope, receive, send)
                return
        if "\x00" in scope["path"]:
            await _send(
                problem(422, "the path contains a NUL character (U+0000)", field="path"),
                scope,
                receive,
                send,
            )
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        ctype = headers.get("content-type", "")
        limit = self.max_upload if ctype.startswith("multipart/") else self.max_json
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _send(
                problem(413, f"the body is larger than {limit} bytes"), scope, receive, send
            )
            return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _send(
                    problem(413, f"the body is larger than {limit} bytes"), scope, receive, send
                )
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        if "json" in ctype and json_depth_exceeds(body, self.max_depth):
            await _send(
                problem(422, f"JSON nested deeper than {self.max_depth} levels", field="body"),
                scope,
                receive,
                send,
            )
            return
        flaw = _body_flaw(body, ctype)
        if flaw is not None:
            await _send(flaw, scope, receive, send)
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _send(response: JSONResponse, scope: Scope, receive: Receive, send: Send) -> None:
    await response(scope, receive, send)


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, default=str)

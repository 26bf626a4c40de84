"""Browser-facing protections on every response of the composed server (API, pages, static
files, docs): security headers, and the refusal of cross-origin state changes to the pages.

Headers: a Content-Security-Policy that allows only the server's own scripts, styles and images
(the pages use no inline script or style), ``frame-ancestors 'none'`` with
``X-Frame-Options: DENY``, ``X-Content-Type-Options: nosniff`` and
``Referrer-Policy: same-origin``. A response that sets its own policy keeps it: the API docs
pages load Swagger UI and ReDoc from the server itself and carry a policy adding the hash of
their one inline script.

Origin: a POST, PUT, PATCH or DELETE to a page (``/ui``, where a session cookie authenticates)
whose ``Origin`` header names another host, or ``null``, is refused with 403 before it is
read. A request without ``Origin`` (an older browser, a script) is accepted: every form still
needs the session's CSRF token. API calls authenticate with a bearer token, which a browser
never sends on its own, and are not checked.
"""

from __future__ import annotations

import base64
import hashlib
import inspect
import re
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

from tradeguard.api.problems import ASGIApp, Message, Receive, Scope, Send, problem

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
_CSP = (b"content-security-policy", CSP.encode("ascii"))
HEADERS: list[tuple[bytes, bytes]] = [
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def docs_policy(html: str) -> str:
    """The policy of an API docs page (FastAPI's Swagger UI or ReDoc page): the server's own
    assets, and the page's inline scripts by hash. ReDoc styles itself with inline style
    elements and runs its search in a blob: worker; no other host is named."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(m.encode("utf-8")).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.findall(html)
    )
    return (
        f"default-src 'self'; script-src 'self' {hashes}; "
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; worker-src blob:; connect-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


def with_policy(page: Response) -> Response:
    page.headers["Content-Security-Policy"] = docs_policy(bytes(page.body).decode("utf-8"))
    return page


def cross_origin(origin: str, host: str) -> bool:
    """Whether an ``Origin`` header names another host than the request's ``Host`` header
    (the scheme is not compared: a proxy that ends TLS forwards https pages over http)."""
    if origin == "null" or not host:
        return True
    try:
        netloc = urlsplit(origin).netloc
    except ValueError:
        return True
    return netloc.lower() != host.lower()


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response, the Origin check on the
    pages' state changes, and a 500 problem (with the headers) for an unexpected error."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", ()))
                if not any(k.lower() == _CSP[0] for k, _ in headers):
                    headers.append(_CSP)
                headers.extend(HEADERS)
                message["headers"] = headers
            await send(message)

        if scope["method"] in UNSAFE and scope["path"].startswith("/ui"):
            origin = host = None
            for key, value in scope["headers"]:
                if key == b"origin":
                    origin = value.decode("latin-1")
                elif key == b"host":
                    host = value.decode("latin-1")
            if origin is not None and cross_origin(origin, host or ""):
                refusal = problem(
                    403, f"a form sent from another site ({origin}) is refused", field="Origin"
                )
                await refusal(scope, receive, send_with_headers)
                return
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:
            if not started:
                await _failure(scope, exc)(scope, receive, send_with_headers)
            raise


def _failure(scope: Scope, exc: Exception) -> ASGIApp:
    """The answer to an unexpected error: what the application's handler of ``Exception``
    answers (the pages give an HTML page there), else a 500 problem."""
    handlers = getattr(scope.get("app"), "exception_handlers", {})
    handler = handlers.get(Exception)
    if handler is None:
        return problem(500, "the server failed to handle the request; see its log")

    async def answer(scope: Scope, receive: Receive, send: Send) -> None:
        result = handler(Request(scope, receive), exc)
        if inspect.isawaitable(result):
            result = await result
        await result(scope, receive, send)

    return answer

"""The pages' language: English, Japanese or Korean, from the ``tg_lang`` cookie (the switch in
the header) else the browser's Accept-Language; the words themselves come from the shared
catalogue (:mod:`tradeguard.language.i18n`)."""

from __future__ import annotations

from typing import Any

from tradeguard.language import i18n

COOKIE = "tg_lang"


def choose(request: Any) -> str:
    cookie = request.cookies.get(COOKIE, "")
    if cookie in i18n.LANGUAGES:
        return str(cookie)
    return i18n.negotiate(request.headers.get("accept-language", ""))


class Language:
    """ASGI middleware: each request under ``/ui`` runs in its page's language, so that what
    a route builds outside a template (the graph's relation labels) is in it too."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/ui"):
            await self.app(scope, receive, send)
            return
        from starlette.requests import HTTPConnection

        token = i18n.use(choose(HTTPConnection(scope)))
        try:
            await self.app(scope, receive, send)
        finally:
            i18n.reset(token)

"""Whose word the server takes for the client's address: the connection's, unless the operator
names the reverse proxies to believe (TRADEGUARD_TRUSTED_PROXIES). The per-address log-in limit
and the audit records use that address, so a client must not be able to claim another."""

from __future__ import annotations

from typing import Any

import anyio
import pytest
import uvicorn

from tradeguard.server import _options


def _client_seen(monkeypatch: pytest.MonkeyPatch, proxies: str | None, peer: str) -> Any:
    if proxies is None:
        monkeypatch.delenv("TRADEGUARD_TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("TRADEGUARD_TRUSTED_PROXIES", proxies)
    seen: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["client"])

    config = uvicorn.Config(app, **_options("warning"))
    config.load()
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": "/",
        "raw_path": b"/",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"x-forwarded-for", b"203.0.113.9")],
        "client": (peer, 40000),
        "server": ("127.0.0.1", 8000),
    }

    async def call() -> None:
        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: Any) -> None:
            return None

        await config.loaded_app(scope, receive, send)

    anyio.run(call)
    return seen[0]


def test_forwarded_headers_are_not_believed_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    # uvicorn alone would believe a client on 127.0.0.1; tradeguard believes no one
    assert _client_seen(monkeypatch, None, "127.0.0.1")[0] == "127.0.0.1"
    assert _client_seen(monkeypatch, None, "198.51.100.7")[0] == "198.51.100.7"


def test_a_named_proxy_is_believed_and_no_one_else(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _client_seen(monkeypatch, "10.0.0.5", "10.0.0.5")[0] == "203.0.113.9"
    assert _client_seen(monkeypatch, "10.0.0.5", "127.0.0.1")[0] == "127.0.0.1"

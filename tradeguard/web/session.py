"""Browser sessions: a signed cookie naming the user, with a CSRF token for every form.

The cookie holds ``{"u": username, "c": csrf, "e": expiry}`` signed with HMAC-SHA256. The key
is ``$TRADEGUARD_WEB_SECRET`` or a random key kept in ``$TRADEGUARD_HOME/web-secret`` (created
on first use, mode 0600), so every worker process of one server signs alike. The user is read
from the store on every request: disabling a user or changing a role takes effect at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

COOKIE = "tg_session"
MAX_AGE = 8 * 3600


def _secret() -> bytes:
    env = os.environ.get("TRADEGUARD_WEB_SECRET")
    if env:
        return env.encode("utf-8")
    from tradeguard.settings import home

    path = Path(home()) / "web-secret"
    try:
        return path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it first
            return path.read_bytes()
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        return key


def _sign(body: bytes) -> str:
    return hmac.new(_secret(), body, hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class Session:
    username: str
    csrf: str


def issue(username: str) -> tuple[str, Session]:
    """A new cookie value (and its session) for a user who just logged in."""
    session = Session(username, secrets.token_urlsafe(24))
    data = {"u": username, "c": session.csrf, "e": int(time.time()) + MAX_AGE}
    body = base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode("utf-8"))
    return f"{body.decode('ascii')}.{_sign(body)}", session


def read(cookie: str | None) -> Session | None:
    """The session of a cookie, or None when it is missing, forged or expired."""
    if not cookie or "." not in cookie or len(cookie) > 4096:
        return None
    body, _, signature = cookie.rpartition(".")
    if not hmac.compare_digest(_sign(body.encode("ascii", "replace")), signature):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(body.encode("ascii")))
        if int(data["e"]) < time.time():
            return None
        return Session(str(data["u"]), str(data["c"]))
    except (ValueError, KeyError, TypeError):
        return None


def csrf_ok(session: Session, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(session.csrf, token or "")

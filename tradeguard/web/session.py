"""Browser sessions: a cookie holding a random session secret, signed with HMAC-SHA256.

The session itself lives in the store (:mod:`tradeguard.accounts.sessions`): the user, the
form token (CSRF) every form carries, the expiry, and whether it ended. Logging out, a password
change and disabling the user end it there, so a copied cookie stops working at once. The
signature only turns away forged cookies before the store is asked. The key is
``$TRADEGUARD_WEB_SECRET`` or a random key kept in ``$TRADEGUARD_HOME/web-secret`` (created on
first use, mode 0600), so every worker process of one server signs alike.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from tradeguard.accounts.sessions import WebSession as Session

__all__ = ["COOKIE", "MAX_AGE", "Session", "cookie_value", "csrf_ok", "read"]

COOKIE = "tg_session"
MAX_AGE = 8 * 3600


def _secret() -> bytes:
    from tradeguard.settings import home, web_secret

    env = web_secret()
    if env:
        return env.encode("utf-8")

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


def cookie_value(secret: str) -> str:
    """The cookie for a session secret."""
    return f"{secret}.{_sign(secret.encode('ascii'))}"


def read(cookie: str | None) -> str | None:
    """The session secret of a cookie, or None when it is missing or forged."""
    if not cookie or "." not in cookie or len(cookie) > 4096:
        return None
    secret, _, signature = cookie.rpartition(".")
    if not hmac.compare_digest(_sign(secret.encode("ascii", "replace")), signature):
        return None
    return secret


def csrf_ok(session: Session, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(session.csrf, token or "")

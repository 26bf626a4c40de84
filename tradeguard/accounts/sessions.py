"""Server-side browser sessions: the cookie carries a random secret; the store keeps its
SHA-256 with the user, the form token (CSRF) and the expiry. Logging out, a password change
and disabling the user end the session in the store, so a copied cookie stops working."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, update

from tradeguard import audit
from tradeguard.accounts.logins import address_key, aware
from tradeguard.accounts.tables import UserRow, WebSessionRow
from tradeguard.accounts.users import User, _user

if TYPE_CHECKING:
    from tradeguard.store import Store


@dataclass(frozen=True, slots=True)
class WebSession:
    id: str  # SHA-256 of the cookie's secret
    username: str
    csrf: str


def session_id(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def start(
    store: Store, user: User, address: str, seconds: int, now: datetime | None = None
) -> tuple[str, WebSession]:
    """A new session for a user who just logged in: (the cookie's secret, the session)."""
    now = now or datetime.now(UTC)
    secret = secrets.token_urlsafe(32)
    sid, csrf = session_id(secret), secrets.token_urlsafe(24)
    with store.session() as session, session.begin():
        # sessions that ran out or ended more than a day ago are forgotten
        session.execute(
            delete(WebSessionRow).where(WebSessionRow.expires_at < now - timedelta(days=1))
        )
        session.add(
            WebSessionRow(
                id=sid,
                user_id=user.id,
                csrf=csrf,
                created_at=now,
                expires_at=now + timedelta(seconds=seconds),
            )
        )
        audit.append(
            session,
            user.username,
            "session.start",
            f"user:{user.username}",
            {"session": sid[:16], "address": address_key(address)},
        )
    return secret, WebSession(sid, user.username, csrf)


def lookup(
    store: Store, secret: str, now: datetime | None = None
) -> tuple[User, WebSession] | None:
    """The active user and the session of a cookie's secret; None when the session is
    unknown, ended or expired, or the user is disabled."""
    now = now or datetime.now(UTC)
    with store.session() as session:
        found = session.execute(
            select(WebSessionRow, UserRow)
            .join(UserRow, UserRow.id == WebSessionRow.user_id)
            .where(WebSessionRow.id == session_id(secret), WebSessionRow.ended_at.is_(None))
        ).first()
        if found is None:
            return None
        row, user_row = found
        if aware(row.expires_at) <= now or not user_row.active:
            return None
        return _user(user_row), WebSession(row.id, user_row.username, row.csrf)


def end(store: Store, web: WebSession, now: datetime | None = None) -> None:
    """Log out: the session ends in the store."""
    with store.session() as session, session.begin():
        session.execute(
            update(WebSessionRow)
            .where(WebSessionRow.id == web.id, WebSessionRow.ended_at.is_(None))
            .values(ended_at=now or datetime.now(UTC))
        )
        audit.append(
            session, web.username, "session.end", f"user:{web.username}", {"session": web.id[:16]}
        )

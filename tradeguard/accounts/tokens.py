"""API tokens: issued to their holder by logging in, listed and revoked, checked on every
request (through a :class:`TokenCache` in a server worker).

A token is 32 random bytes shown once; only its SHA-256 is stored (a token has full entropy,
so a fast hash is enough and keeps every request's check cheap). A token is issued to its
holder only, by logging in (``POST /login``, or ``tradeguard users token NAME`` with NAME's
password), never by an administrator for someone else; administrators list and revoke. A
token expires (``$TRADEGUARD_TOKEN_DAYS``, default 90 days). A revoked token, or one of a
disabled user, fails the next :func:`authenticate`; a :class:`TokenCache` sees such a change
at once when its process made it, and within its few seconds otherwise. Issuing and revoking
are audit records (``token.issue``, ``token.revoke``).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select, update

from tradeguard import audit, settings
from tradeguard.accounts import logins, rights
from tradeguard.accounts.errors import AuthError, ForbiddenError
from tradeguard.accounts.tables import TokenRow, UserRow
from tradeguard.accounts.users import Actor, Role, User, check_password, iso
from tradeguard.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Callable

    from tradeguard.store import Store

TOKEN_PREFIX = "tg_"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    id: int
    username: str
    label: str
    token: str  # shown once
    expires_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "label": self.label,
            "token": self.token,
            "expires_at": iso(self.expires_at),
        }


def issue_token(
    store: Store,
    actor: Actor,
    username: str,
    label: str = "api",
    days: int | None = None,
    *,
    via: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> IssuedToken:
    """A new API token for ``username``, issued to that user only: nobody, administrators
    included, mints a token for someone else. The faces call this after a log-in
    (:func:`login_token`). It lives ``days`` (at most, and by default,
    ``$TRADEGUARD_TOKEN_DAYS``)."""
    if actor.name != username:
        raise ForbiddenError(
            f"{actor.name!r} may not issue a token for {username!r}: a token is issued to its "
            f"holder only, by logging in (POST /login, or `tradeguard users token {username}` "
            "with that user's password); administrators may list and revoke tokens"
        )
    most = settings.token_days()
    if days is not None and not 1 <= days <= most:
        raise InputError(f"a token lives 1 to {most} days", field="days")
    label = label.strip()[:100] or "api"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    issued_at = now or datetime.now(UTC)
    expires = issued_at + timedelta(days=days or most)
    with store.session() as session, session.begin():
        user = session.execute(
            select(UserRow).where(UserRow.username == username)
        ).scalar_one_or_none()
        if user is None:
            raise NotFoundError(f"no user {username!r}")
        if not user.active:
            raise InputError(f"user {username!r} is disabled", field="username")
        row = TokenRow(
            user_id=user.id,
            token_hash=_token_hash(token),
            label=label,
            created_at=issued_at,
            expires_at=expires,
        )
        session.add(row)
        session.flush()
        audit.append(
            session,
            actor.name,
            "token.issue",
            f"user:{username}",
            {"token_id": row.id, "label": label, "expires_at": iso(expires), **(via or {})},
        )
        return IssuedToken(row.id, username, label, token, expires)


def login_token(
    store: Store,
    username: str,
    password: str,
    *,
    address: str,
    face: str,
    label: str = "api",
    days: int | None = None,
    policy: logins.LoginPolicy | None = None,
) -> IssuedToken:
    """Log in (throttled, audited when it fails) and issue the user a new token."""
    user = check_password(store, username, password, address=address, face=face, policy=policy)
    via = {"via": face, "address": logins.address_key(address)}
    return issue_token(store, user.actor, user.username, label, days, via=via)


def revoke_token(store: Store, actor: Actor, token_id: int) -> None:
    with store.session() as session, session.begin():
        row = session.get(TokenRow, token_id)
        if row is None:
            raise NotFoundError(f"no token {token_id}")
        owner = session.get(UserRow, row.user_id)
        owner_name = owner.username if owner else "?"
        if actor.name != owner_name:
            actor.require("users")
        session.execute(
            update(TokenRow)
            .where(TokenRow.id == token_id, TokenRow.revoked_at.is_(None))
            .values(revoked_at=datetime.now(UTC))
        )
        audit.append(
            session, actor.name, "token.revoke", f"user:{owner_name}", {"token_id": token_id}
        )
    rights.changed()


def list_tokens(store: Store, username: str | None = None) -> list[dict[str, Any]]:
    query = select(TokenRow, UserRow.username).join(UserRow, UserRow.id == TokenRow.user_id)
    if username is not None:
        query = query.where(UserRow.username == username)
    with store.session() as session:
        return [
            {
                "id": t.id,
                "username": name,
                "label": t.label,
                "created_at": iso(t.created_at),
                "expires_at": iso(t.expires_at) if t.expires_at else None,
                "revoked": t.revoked_at is not None,
            }
            for t, name in session.execute(query.order_by(TokenRow.id))
        ]


_BY_TOKEN = (
    select(
        UserRow.id,
        UserRow.username,
        UserRow.role,
        UserRow.active,
        UserRow.created_at,
        UserRow.created_by,
        TokenRow.id,
        TokenRow.expires_at,
    )
    .join(TokenRow, TokenRow.user_id == UserRow.id)
    .where(TokenRow.token_hash == bindparam("token_hash"), TokenRow.revoked_at.is_(None))
)


def _token_digest(token: str) -> str:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise AuthError("invalid token")
    return _token_hash(token)


@dataclass(frozen=True, slots=True)
class TokenHolder:
    user: User
    token_id: int
    expires_at: datetime


def _lookup(store: Store, digest: str, now: datetime | None = None) -> TokenHolder:
    with store.engine.connect() as conn:
        row = conn.execute(_BY_TOKEN, {"token_hash": digest}).first()
    if row is None:
        raise AuthError("invalid or revoked token")
    user_id, username, role, active, created_at, created_by, token_id, expires = row
    if expires is None or logins.aware(expires) <= (now or datetime.now(UTC)):
        raise AuthError("the token has expired: log in again for a new one")
    if not active:
        raise AuthError(f"user {username!r} is disabled")
    user = User(user_id, username, Role(role), bool(active), created_at, created_by)
    return TokenHolder(user, token_id, logins.aware(expires))


def token_holder(store: Store, token: str, now: datetime | None = None) -> TokenHolder:
    """The token's id and expiry with its active user (one indexed query)."""
    return _lookup(store, _token_digest(token), now)


def authenticate(store: Store, token: str, now: datetime | None = None) -> User:
    """The active user holding this unrevoked, unexpired token (one indexed query)."""
    return _lookup(store, _token_digest(token), now).user


class TokenCache:
    """Which user a token belongs to, remembered for ``seconds`` so that a server worker does
    not ask the store on every request.

    Entries are keyed by the token's SHA-256 (the token itself is not kept) and only successful
    checks are remembered: a bad token is looked up every time. A change made in this process
    (revocation, disabling, a new role) is seen at once; one made elsewhere (another worker, the
    command line) once the entry is ``seconds`` old. ``seconds=0`` asks the store every time.
    ``clock`` gives the current time in seconds (a monotonic clock; a test passes its own).
    """

    def __init__(
        self,
        store: Store,
        seconds: float,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self.store = store
        self.seconds = seconds
        self.max_entries = max_entries
        self.clock = clock
        # digest -> (holder, monotonic expiry, generation read before the store was asked)
        self._entries: dict[str, tuple[TokenHolder, float, int]] = {}

    def get(self, token: str) -> User | None:
        """The user if this token was checked less than ``seconds`` ago and no right was taken
        away in this process since; None otherwise (then call :meth:`authenticate`)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        entry = self._entries.get(_token_hash(token))
        if entry is None:
            return None
        holder, expires, generation = entry
        if generation != rights.generation() or self.clock() >= expires:
            return None
        if holder.expires_at <= datetime.now(UTC):  # the token itself ran out
            return None
        return holder.user

    def authenticate(self, token: str) -> User:
        """As :func:`authenticate`, answered from the cache when it may."""
        user = self.get(token)
        if user is not None:
            return user
        digest = _token_digest(token)
        # Read before asking the store: a change committed after this point makes the entry
        # stale even if the answer below predates it.
        generation = rights.generation()
        holder = _lookup(self.store, digest)
        if self.seconds > 0:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[digest] = (holder, self.clock() + self.seconds, generation)
        return holder.user

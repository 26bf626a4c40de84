"""Users, roles and API tokens.

Passwords are hashed with argon2id. API tokens are 32 random bytes shown once; only their
SHA-256 is stored (a token has full entropy, so a fast hash is enough and keeps every request's
check cheap). Disabling a user or revoking a token takes effect on the next
:func:`authenticate`; a server worker checks tokens through a :class:`TokenCache`, which sees
such a change at once when the worker made it, and within its few seconds otherwise.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from tradeguard import audit
from tradeguard.cases.errors import AuthError, ConflictError, ForbiddenError
from tradeguard.cases.tables import TokenRow, UserRow
from tradeguard.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from tradeguard.store import Store

TOKEN_PREFIX = "tg_"
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
#: argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


class Role(StrEnum):
    ANALYST = "analyst"
    REVIEWER = "reviewer"
    ADMIN = "admin"


#: What each role may do. Reviewing is the reviewer's alone (an admin administers, and does
#: not approve alerts); four-eyes is checked on top of this, per case.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "read": frozenset(Role),
    "screen": frozenset(Role),
    "classify": frozenset(Role),
    "evaluate": frozenset(Role),
    "propose": frozenset(Role),
    "review": frozenset({Role.REVIEWER}),
    "audit": frozenset({Role.REVIEWER, Role.ADMIN}),
    "monitor": frozenset({Role.REVIEWER, Role.ADMIN}),
    "counterparties": frozenset({Role.REVIEWER, Role.ADMIN}),
    "lists": frozenset({Role.ADMIN}),
    "users": frozenset({Role.ADMIN}),
    "config": frozenset({Role.ADMIN}),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does something: a user of the server, or the local command line / the scheduler."""

    name: str
    role: Role

    def can(self, permission: str) -> bool:
        return self.role in PERMISSIONS[permission]

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise ForbiddenError(
                f"user {self.name!r} (role {self.role}) may not {permission}; "
                f"needs role {' or '.join(sorted(PERMISSIONS[permission]))}"
            )


#: The local command line acts as an administrator: whoever runs it owns the database file or
#: its credentials. Its audit records name the operating-system user.
def cli_actor() -> Actor:
    import getpass

    try:
        who = getpass.getuser()
    except (KeyError, OSError):
        who = "unknown"
    return Actor(f"cli:{who}", Role.ADMIN)


SYSTEM = Actor("system:monitor", Role.ADMIN)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    username: str
    role: Role
    active: bool
    created_at: datetime

    @property
    def actor(self) -> Actor:
        return Actor(self.username, self.role)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "username": self.username,
            "role": str(self.role),
            "active": self.active,
            "created_at": _iso(self.created_at),
        }


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def _user(row: UserRow) -> User:
    return User(row.id, row.username, Role(row.role), row.active, row.created_at)


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InputError(
            f"unknown role {value!r}; expected analyst, reviewer or admin", field="role"
        ) from None


def add_user(store: Store, actor: Actor, username: str, password: str, role: str) -> User:
    actor.require("users")
    if not USERNAME.match(username):
        raise InputError(
            "a user name is 1-100 letters, digits, '.', '_', '@' or '-'", field="username"
        )
    if len(password) < 10:
        raise InputError("a password needs at least 10 characters", field="password")
    if len(password) > 1024:
        raise InputError("a password has at most 1024 characters", field="password")
    parsed = parse_role(role)
    try:
        with store.session() as session, session.begin():
            row = UserRow(
                username=username,
                password_hash=_hasher.hash(password),
                role=str(parsed),
                active=True,
                created_at=datetime.now(UTC),
            )
            session.add(row)
            session.flush()
            audit.append(session, actor.name, "user.add", f"user:{username}", {"role": str(parsed)})
            return _user(row)
    except IntegrityError:
        raise ConflictError(f"user {username!r} exists already") from None


def list_users(store: Store) -> list[User]:
    with store.session() as session:
        return [_user(r) for r in session.execute(select(UserRow).order_by(UserRow.id)).scalars()]


def get_user(store: Store, username: str) -> User:
    with store.session() as session:
        row = session.execute(
            select(UserRow).where(UserRow.username == username)
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no user {username!r}")
        return _user(row)


def set_active(store: Store, actor: Actor, username: str, active: bool) -> User:
    """Disable (or enable again) a user; a disabled user's tokens stop working at once."""
    actor.require("users")
    with store.session() as session, session.begin():
        row = session.execute(
            select(UserRow).where(UserRow.username == username)
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no user {username!r}")
        row.active = active
        audit.append(
            session, actor.name, "user.enable" if active else "user.disable", f"user:{username}"
        )
        user = _user(row)
    _rights_changed()
    return user


def set_role(store: Store, actor: Actor, username: str, role: str) -> User:
    actor.require("users")
    parsed = parse_role(role)
    with store.session() as session, session.begin():
        row = session.execute(
            select(UserRow).where(UserRow.username == username)
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no user {username!r}")
        before = row.role
        row.role = str(parsed)
        audit.append(
            session,
            actor.name,
            "user.role",
            f"user:{username}",
            {"before": before, "after": str(parsed)},
        )
        user = _user(row)
    _rights_changed()
    return user


def check_password(store: Store, username: str, password: str) -> User:
    with store.session() as session:
        row = session.execute(
            select(UserRow).where(UserRow.username == username)
        ).scalar_one_or_none()
    if row is None or not row.active:
        raise AuthError("wrong user name or password")
    try:
        _hasher.verify(row.password_hash, password)
    except (VerifyMismatchError, InvalidHashError):
        raise AuthError("wrong user name or password") from None
    return _user(row)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    id: int
    username: str
    label: str
    token: str  # shown once

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "username": self.username, "label": self.label, "token": self.token}


def issue_token(store: Store, actor: Actor, username: str, label: str = "api") -> IssuedToken:
    """A new API token for ``username`` (an admin, or the user for themself)."""
    if actor.name != username:
        actor.require("users")
    label = label.strip()[:100] or "api"
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
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
            created_at=datetime.now(UTC),
        )
        session.add(row)
        session.flush()
        audit.append(
            session,
            actor.name,
            "token.issue",
            f"user:{username}",
            {"token_id": row.id, "label": label},
        )
        return IssuedToken(row.id, username, label, token)


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
    _rights_changed()


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
                "created_at": _iso(t.created_at),
                "revoked": t.revoked_at is not None,
            }
            for t, name in session.execute(query.order_by(TokenRow.id))
        ]


_BY_TOKEN = (
    select(UserRow.id, UserRow.username, UserRow.role, UserRow.active, UserRow.created_at)
    .join(TokenRow, TokenRow.user_id == UserRow.id)
    .where(TokenRow.token_hash == bindparam("token_hash"), TokenRow.revoked_at.is_(None))
)


def _token_digest(token: str) -> str:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        raise AuthError("invalid token")
    return _token_hash(token)


def _lookup(store: Store, digest: str) -> User:
    with store.engine.connect() as conn:
        row = conn.execute(_BY_TOKEN, {"token_hash": digest}).first()
    if row is None:
        raise AuthError("invalid or revoked token")
    user_id, username, role, active, created_at = row
    if not active:
        raise AuthError(f"user {username!r} is disabled")
    return User(user_id, username, Role(role), bool(active), created_at)


def authenticate(store: Store, token: str) -> User:
    """The active user holding this unrevoked token (one indexed query)."""
    return _lookup(store, _token_digest(token))


#: Bumped after every committed change that can take rights away (a token revoked, a user
#: disabled or enabled, a role changed): a :class:`TokenCache` of this process then stops
#: trusting everything it checked before the change.
_generation = 0


def _rights_changed() -> None:
    global _generation
    _generation += 1


class TokenCache:
    """Which user a token belongs to, remembered for ``seconds`` so that a server worker does
    not ask the store on every request.

    Entries are keyed by the token's SHA-256 (the token itself is not kept) and only successful
    checks are remembered: a bad token is looked up every time. A change made in this process
    (revocation, disabling, a new role) is seen at once; one made elsewhere (another worker, the
    command line) once the entry is ``seconds`` old. ``seconds=0`` asks the store every time.
    """

    def __init__(self, store: Store, seconds: float, max_entries: int = 10_000) -> None:
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self.store = store
        self.seconds = seconds
        self.max_entries = max_entries
        # digest -> (user, monotonic expiry, generation read before the store was asked)
        self._entries: dict[str, tuple[User, float, int]] = {}

    def get(self, token: str) -> User | None:
        """The user if this token was checked less than ``seconds`` ago and no right was taken
        away in this process since; None otherwise (then call :meth:`authenticate`)."""
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        entry = self._entries.get(_token_hash(token))
        if entry is None:
            return None
        user, expires, generation = entry
        if generation != _generation or time.monotonic() >= expires:
            return None
        return user

    def authenticate(self, token: str) -> User:
        """As :func:`authenticate`, answered from the cache when it may."""
        user = self.get(token)
        if user is not None:
            return user
        digest = _token_digest(token)
        # Read before asking the store: a change committed after this point makes the entry
        # stale even if the answer below predates it.
        generation = _generation
        user = _lookup(self.store, digest)
        if self.seconds > 0:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[digest] = (user, time.monotonic() + self.seconds, generation)
        return user

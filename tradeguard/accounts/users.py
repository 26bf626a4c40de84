"""Users, roles and API tokens.

Passwords are hashed with argon2id; a new password must pass :mod:`passwords`' rules. A log-in
(:func:`check_password`) is throttled per account name and per address (:mod:`logins`) and
costs the same argon2 check whether the name exists or not. API tokens are 32 random bytes
shown once; only their SHA-256 is stored (a token has full entropy, so a fast hash is enough
and keeps every request's check cheap). A token is issued to its holder only — by logging in
(``POST /login``, or ``tradeguard users token NAME`` with NAME's password) — never by an
administrator for someone else; administrators list and revoke. A token expires
(``$TRADEGUARD_TOKEN_DAYS``, default 90 days). Disabling a user revokes all their tokens and
ends their web sessions, so enabling them again revives none. Disabling a user or revoking a
token takes effect on the next :func:`authenticate`; a server worker checks tokens through a
:class:`TokenCache`, which sees such a change at once when the worker made it, and within its
few seconds otherwise.

Every user-management action is an audit record: ``user.add`` (with who created the account:
four-eyes refuses a reviewer whose account the proposer created), ``user.disable``,
``user.enable``, ``user.role``, ``user.password``, ``token.issue``, ``token.revoke``,
``login.fail``, ``login.lock``, ``login.unlock``, ``session.start``, ``session.end``.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradeguard import audit, settings
from tradeguard.accounts import logins
from tradeguard.accounts.errors import AuthError, ConflictError, ForbiddenError
from tradeguard.accounts.passwords import check_new_password
from tradeguard.accounts.tables import TokenRow, UserRow, WebSessionRow
from tradeguard.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from collections.abc import Callable

    from tradeguard.store import Store

TOKEN_PREFIX = "tg_"
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
#: argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
#: checked instead of a real hash when the user name is unknown, so that the answer costs the
#: same argon2 work and tells nothing about which names exist
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(24))
WRONG = "wrong user name or password"


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
    created_by: str | None = None

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
            "created_by": self.created_by,
        }


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat(timespec="seconds")


def _user(row: UserRow) -> User:
    return User(row.id, row.username, Role(row.role), row.active, row.created_at, row.created_by)


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
    check_new_password(username, password)
    parsed = parse_role(role)
    try:
        with store.session() as session, session.begin():
            row = UserRow(
                username=username,
                password_hash=_hasher.hash(password),
                role=str(parsed),
                active=True,
                created_at=datetime.now(UTC),
                created_by=actor.name,
            )
            session.add(row)
            session.flush()
            audit.append(
                session,
                actor.name,
                "user.add",
                f"user:{username}",
                {"role": str(parsed), "created_by": actor.name},
            )
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


def end_credentials(
    session: Session,
    user_id: int,
    now: datetime,
    keep_token: int | None = None,
    keep_session: str | None = None,
) -> tuple[int, int]:
    """Revoke a user's live tokens and end their web sessions (but ``keep_token`` and
    ``keep_session``), inside the caller's transaction; returns how many of each."""
    tokens = update(TokenRow).where(TokenRow.user_id == user_id, TokenRow.revoked_at.is_(None))
    if keep_token is not None:
        tokens = tokens.where(TokenRow.id != keep_token)
    revoked = session.execute(
        tokens.values(revoked_at=now).execution_options(synchronize_session=False)
    )
    sessions = update(WebSessionRow).where(
        WebSessionRow.user_id == user_id, WebSessionRow.ended_at.is_(None)
    )
    if keep_session is not None:
        sessions = sessions.where(WebSessionRow.id != keep_session)
    ended = session.execute(
        sessions.values(ended_at=now).execution_options(synchronize_session=False)
    )
    return int(revoked.rowcount or 0), int(ended.rowcount or 0)  # type: ignore[attr-defined]


def set_active(store: Store, actor: Actor, username: str, active: bool) -> User:
    """Disable (or enable again) a user. Disabling revokes all their tokens and ends their web
    sessions at once; enabling them again revives none (they log in anew)."""
    actor.require("users")
    with store.session() as session, session.begin():
        row = session.execute(
            select(UserRow).where(UserRow.username == username)
        ).scalar_one_or_none()
        if row is None:
            raise NotFoundError(f"no user {username!r}")
        row.active = active
        payload: dict[str, Any] = {}
        if not active:
            tokens, sessions = end_credentials(session, row.id, datetime.now(UTC))
            payload = {"tokens_revoked": tokens, "sessions_ended": sessions}
        audit.append(
            session,
            actor.name,
            "user.enable" if active else "user.disable",
            f"user:{username}",
            payload,
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


def check_password(
    store: Store,
    username: str,
    password: str,
    *,
    address: str = "local",
    face: str = "api",
    policy: logins.LoginPolicy | None = None,
) -> User:
    """The active user with this name and password: a throttled log-in.

    Raises :class:`ThrottledError` while the name or the address is locked (the password is
    not checked then), :class:`AuthError` on a wrong name or password or a disabled user (one
    message for all three; the failure is counted and audited). An unknown name costs the same
    argon2 check as a known one."""
    policy = policy or logins.LoginPolicy.from_env()
    logins.check_not_locked(store, username, address, policy)
    row = None
    if USERNAME.fullmatch(username):  # no other name exists (and NUL cannot reach the store)
        with store.session() as session:
            row = session.execute(
                select(UserRow).where(UserRow.username == username)
            ).scalar_one_or_none()
    try:
        _hasher.verify(row.password_hash if row is not None else _DUMMY_HASH, password)
        verified = row is not None
    except (VerifyMismatchError, InvalidHashError):
        verified = False
    if not verified or row is None or not row.active:
        reason = "unknown user" if row is None else "disabled" if verified else "wrong password"
        logins.record_failure(store, username, address, face, reason, policy)
        raise AuthError(WRONG)
    logins.record_success(store, row.username, policy)
    return _user(row)


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
            "expires_at": _iso(self.expires_at),
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
            {"token_id": row.id, "label": label, "expires_at": _iso(expires), **(via or {})},
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


def change_password(
    store: Store,
    user: User,
    current: str,
    new: str,
    *,
    address: str,
    face: str,
    keep_token: int | None = None,
    keep_session: str | None = None,
    policy: logins.LoginPolicy | None = None,
) -> dict[str, Any]:
    """Change ``user``'s own password. The current password is checked as a log-in is
    (throttled; a wrong one is a failed log-in). All the user's API tokens are revoked and all
    their web sessions ended, except the credential the change was made with
    (``keep_token`` / ``keep_session``)."""
    check_password(store, user.username, current, address=address, face=face, policy=policy)
    check_new_password(user.username, new, field="new_password")
    if new == current:
        raise InputError("the new password is the current one", field="new_password")
    digest = _hasher.hash(new)
    now = datetime.now(UTC)
    with store.session() as session, session.begin():
        row = session.get(UserRow, user.id)
        if row is None:
            raise NotFoundError(f"no user {user.username!r}")
        row.password_hash = digest
        tokens, sessions = end_credentials(session, row.id, now, keep_token, keep_session)
        result = {"username": row.username, "tokens_revoked": tokens, "sessions_ended": sessions}
        audit.append(
            session,
            user.username,
            "user.password",
            f"user:{row.username}",
            {**result, "via": face, "address": logins.address_key(address)},
        )
    _rights_changed()
    return result


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
                "expires_at": _iso(t.expires_at) if t.expires_at else None,
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
        if generation != _generation or self.clock() >= expires:
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
        generation = _generation
        holder = _lookup(self.store, digest)
        if self.seconds > 0:
            if len(self._entries) >= self.max_entries:
                self._entries.clear()
            self._entries[digest] = (holder, self.clock() + self.seconds, generation)
        return holder.user

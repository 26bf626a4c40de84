"""Users and roles (API tokens: :mod:`tradeguard.accounts.tokens`).

Passwords are hashed with argon2id; a new password must pass :mod:`passwords`' rules. A log-in
(:func:`check_password`) is throttled per account name and per address (:mod:`logins`) and
costs the same argon2 check whether the name exists or not. Disabling a user revokes all their
tokens and ends their web sessions, so enabling them again revives none; it takes effect on
the next token check (:func:`tradeguard.accounts.tokens.authenticate`).

Every user-management action is an audit record: ``user.add`` (with who created the account:
four-eyes refuses a reviewer whose account the proposer created), ``user.disable``,
``user.enable``, ``user.role``, ``user.password``, ``user.rename``
(:mod:`tradeguard.accounts.renames`), ``token.issue``, ``token.revoke``,
``login.fail``, ``login.lock``, ``login.unlock``, ``session.start``, ``session.end``.
"""

from __future__ import annotations

import functools
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tradeguard import audit
from tradeguard.accounts import logins, rights
from tradeguard.accounts.errors import AuthError, ConflictError, ForbiddenError
from tradeguard.accounts.passwords import check_new_password
from tradeguard.accounts.tables import TokenRow, UserRow, WebSessionRow
from tradeguard.errors import InputError, NotFoundError

if TYPE_CHECKING:
    from tradeguard.store import Store

USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")
#: argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane).
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


#: checked instead of a real hash when the user name is unknown, so that the answer costs the
#: same argon2 work and tells nothing about which names exist
@functools.cache
def _dummy_hash() -> str:
    """A hash of a random password, made on first use (an argon2 hash takes a tenth of a
    second: not at import, which every command and worker does)."""
    return _hasher.hash(secrets.token_urlsafe(24))


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

#: Each permission as the action it allows, for the sentence "user 'bob' may not ...".
ACTIONS: dict[str, str] = {
    "read": "read the store",
    "screen": "screen parties",
    "classify": "classify items",
    "evaluate": "evaluate shipments",
    "propose": "propose decisions",
    "review": "review",
    "audit": "read the audit log",
    "monitor": "manage monitoring",
    "counterparties": "manage counterparties",
    "lists": "manage lists",
    "users": "manage users",
    "config": "change the configuration",
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
                f"user {self.name!r} (role {self.role}) may not {ACTIONS[permission]}; "
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
            "created_at": iso(self.created_at),
            "created_by": self.created_by,
        }


def iso(value: datetime) -> str:
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


def valid_username(username: str, field: str = "username") -> str:
    """``username`` as it is stored (NFKC first: full-width 'Ｒｉｔａ' is 'Rita', and then meets
    'rita' among the existing names), or :class:`InputError` when it is not a user name."""
    username = unicodedata.normalize("NFKC", username)
    if not USERNAME.fullmatch(username):
        raise InputError("a user name is 1-100 letters, digits, '.', '_', '@' or '-'", field=field)
    return username


def add_user(store: Store, actor: Actor, username: str, password: str, role: str) -> User:
    actor.require("users")
    username = valid_username(username)
    check_new_password(username, password)
    parsed = parse_role(role)
    try:
        with store.session() as session, session.begin():
            # names differing only by case ('Rita' beside 'rita') are one name to a person: the
            # unique index on lower(username) (migration 0007) holds it against a concurrent
            # adding; this look-up names the existing user (names are ASCII: lower() agrees on
            # both stores)
            same = same_name(session, username)
            if same is not None:
                raise name_taken(same)
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
        # another adding of the same name, in any case, committed first
        with store.session() as session:
            same = same_name(session, username)
        raise name_taken(same or username) from None


def same_name(session: Session, username: str) -> str | None:
    """The stored user name equal to ``username`` whatever the case, if any."""
    return session.execute(
        select(UserRow.username).where(func.lower(UserRow.username) == username.lower())
    ).scalar()


def name_taken(name: str) -> ConflictError:
    return ConflictError(f"user {name!r} exists already; user names differ by more than case")


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
    rights.changed()
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
    rights.changed()
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
        _hasher.verify(row.password_hash if row is not None else _dummy_hash(), password)
        verified = row is not None
    except (VerifyMismatchError, InvalidHashError):
        verified = False
    if not verified or row is None or not row.active:
        reason = "unknown user" if row is None else "disabled" if verified else "wrong password"
        logins.record_failure(store, username, address, face, reason, policy)
        raise AuthError(WRONG)
    logins.record_success(store, row.username, policy)
    return _user(row)


@dataclass(frozen=True, slots=True)
class PasswordChange:
    """A password changed: how many of the user's API tokens were revoked and web sessions
    ended with it."""

    username: str
    tokens_revoked: int
    sessions_ended: int


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
) -> PasswordChange:
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
        result = PasswordChange(row.username, tokens, sessions)
        audit.append(
            session,
            user.username,
            "user.password",
            f"user:{row.username}",
            {
                "username": result.username,
                "tokens_revoked": result.tokens_revoked,
                "sessions_ended": result.sessions_ended,
                "via": face,
                "address": logins.address_key(address),
            },
        )
    rights.changed()
    return result

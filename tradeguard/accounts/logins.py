"""Log-in throttling: failed log-ins counted in the store per account name and per client
address, so every server worker sees the same counts and they survive a restart.

``max_failures`` failures on one account name (known or not: an unknown name is counted and
locked exactly like a known one, so locks tell nothing about which names exist), or
``max_failures_per_address`` from one address, within ``lock_seconds`` of the first of them,
lock that name or address for ``lock_seconds``: every log-in attempt then gets
:class:`ThrottledError` (HTTP 429 with ``Retry-After``) without its password being checked,
until the lock runs out or an administrator lifts it (:func:`unlock`). A successful log-in
clears its account's count (not its address's). Every failed log-in that was checked is an
audit record (``login.fail``), and so is every lock (``login.lock``) and lifting
(``login.unlock``); attempts refused while locked are not (they would let anyone grow the
audit log without bound), the lock that refused them is.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from tradeguard import audit, settings
from tradeguard.accounts.errors import ThrottledError
from tradeguard.accounts.tables import LoginThrottleRow

if TYPE_CHECKING:
    from tradeguard.accounts.users import Actor
    from tradeguard.store import Store

ACCOUNT = "account"
ADDRESS = "address"
#: the user name as typed is kept (audit records, throttle keys) up to this many characters
NAME_CHARS = 64


def now_utc() -> datetime:
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """SQLite hands back naive datetimes: every time in the store is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class LoginPolicy:
    max_failures: int = 5
    max_failures_per_address: int = 20
    lock_seconds: int = 900
    clock: Callable[[], datetime] = field(default=now_utc, compare=False)

    @classmethod
    def from_env(cls) -> LoginPolicy:
        return cls(
            settings.login_max_failures(),
            settings.login_max_failures_per_address(),
            settings.login_lock_seconds(),
        )


def typed_name(username: str) -> str:
    """The user name as typed, made safe to keep: control characters replaced, cut short."""
    cleaned = "".join(c if c.isprintable() else "?" for c in username.strip())
    return cleaned[:NAME_CHARS]


def account_key(username: str) -> str:
    return typed_name(username).casefold()


def address_key(address: str | None) -> str:
    return typed_name(address or "unknown")[:200] or "unknown"


def check_not_locked(store: Store, username: str, address: str, policy: LoginPolicy) -> None:
    """Raise :class:`ThrottledError` if the account name or the address is locked now."""
    now = policy.clock()
    keys = [(ACCOUNT, account_key(username)), (ADDRESS, address_key(address))]
    with store.session() as session:
        rows = session.execute(
            select(LoginThrottleRow).where(
                or_(
                    *(and_(LoginThrottleRow.scope == s, LoginThrottleRow.key == k) for s, k in keys)
                )
            )
        ).scalars()
        until = [aware(r.locked_until) for r in rows if r.locked_until is not None]
    until = [u for u in until if u > now]
    if until:
        wait = math.ceil((max(until) - now).total_seconds())
        raise ThrottledError(
            f"too many failed log-ins: try again in {wait} s, or ask an administrator to lift "
            "the lock",
            retry_after=wait,
        )


def _count(session: Session, scope: str, key: str, limit: int, policy: LoginPolicy) -> bool:
    """Add one failure; True when it starts a lock."""
    now = policy.clock()
    period = timedelta(seconds=policy.lock_seconds)
    row = session.execute(
        select(LoginThrottleRow)
        .where(LoginThrottleRow.scope == scope, LoginThrottleRow.key == key)
        .with_for_update()
    ).scalar_one_or_none()
    if row is None:
        row = LoginThrottleRow(scope=scope, key=key, failures=0, first_at=now, locked_until=None)
        session.add(row)
    if aware(row.first_at) <= now - period:
        row.failures, row.first_at = 0, now
    row.failures += 1
    if row.failures < limit:
        return False
    row.failures, row.first_at, row.locked_until = 0, now, now + period
    return True


def record_failure(
    store: Store,
    username: str,
    address: str,
    face: str,
    reason: str,
    policy: LoginPolicy,
) -> None:
    """Count a failed log-in on its account name and address and audit it, in one
    transaction (retried once if two first failures of one name met)."""
    from sqlalchemy.exc import IntegrityError

    for attempt in (1, 2):
        try:
            _record_failure(store, username, address, face, reason, policy)
            return
        except IntegrityError:
            if attempt == 2:
                raise


def _record_failure(
    store: Store, username: str, address: str, face: str, reason: str, policy: LoginPolicy
) -> None:
    name, where = account_key(username), address_key(address)
    now = policy.clock()
    with store.write_turn(), store.session() as session, session.begin():
        # forget counts whose period is over and that hold no lock
        session.execute(
            delete(LoginThrottleRow).where(
                LoginThrottleRow.first_at < now - timedelta(seconds=policy.lock_seconds),
                or_(LoginThrottleRow.locked_until.is_(None), LoginThrottleRow.locked_until < now),
            )
        )
        locked_name = _count(session, ACCOUNT, name, policy.max_failures, policy)
        locked_address = _count(session, ADDRESS, where, policy.max_failures_per_address, policy)
        payload: dict[str, Any] = {
            "username": typed_name(username),
            "address": where,
            "via": face,
            "reason": reason,
        }
        audit.append(session, f"login:{where}", "login.fail", f"user:{name}", payload)
        for scope, key, locked in ((ACCOUNT, name, locked_name), (ADDRESS, where, locked_address)):
            if locked:
                audit.append(
                    session,
                    f"login:{where}",
                    "login.lock",
                    f"user:{key}" if scope == ACCOUNT else f"address:{key}",
                    {"scope": scope, "seconds": policy.lock_seconds, "via": face},
                )


def record_success(store: Store, username: str, policy: LoginPolicy) -> None:
    """A successful log-in clears the failures counted on its account name."""
    now = policy.clock()
    with store.session() as session, session.begin():
        session.execute(
            delete(LoginThrottleRow).where(
                LoginThrottleRow.scope == ACCOUNT,
                LoginThrottleRow.key == account_key(username),
                or_(LoginThrottleRow.locked_until.is_(None), LoginThrottleRow.locked_until <= now),
            )
        )


def locks(store: Store, policy: LoginPolicy | None = None) -> list[dict[str, Any]]:
    """The account names and addresses locked now."""
    now = (policy or LoginPolicy()).clock()
    with store.session() as session:
        rows = session.execute(
            select(LoginThrottleRow).where(LoginThrottleRow.locked_until.is_not(None))
        ).scalars()
        return [
            {
                "scope": r.scope,
                "key": r.key,
                "locked_until": aware(r.locked_until).isoformat(timespec="seconds"),
            }
            for r in rows
            if r.locked_until is not None and aware(r.locked_until) > now
        ]


@dataclass(frozen=True, slots=True)
class Lifted:
    """The log-in lock of an account name or address lifted (``cleared`` false: it had none)."""

    scope: str
    key: str
    cleared: bool


@dataclass(frozen=True, slots=True)
class Unlocked:
    lifted: list[Lifted]


def unlock(
    store: Store, actor: Actor, username: str | None = None, address: str | None = None
) -> Unlocked:
    """Lift the lock (and clear the failure count) of an account name and/or an address
    (administrators)."""
    actor.require("users")
    from tradeguard.errors import InputError

    if not username and not address:
        raise InputError("name a user, an address or both to unlock", field="username")
    lifted: list[Lifted] = []
    with store.session() as session, session.begin():
        for scope, key in ((ACCOUNT, username), (ADDRESS, address)):
            if not key:
                continue
            k = account_key(key) if scope == ACCOUNT else address_key(key)
            result = session.execute(
                delete(LoginThrottleRow).where(
                    LoginThrottleRow.scope == scope, LoginThrottleRow.key == k
                )
            )
            removed = int(result.rowcount or 0)  # type: ignore[attr-defined]
            lifted.append(Lifted(scope, k, bool(removed)))
            audit.append(
                session,
                actor.name,
                "login.unlock",
                f"user:{k}" if scope == ACCOUNT else f"address:{k}",
                {"scope": scope, "cleared": bool(removed)},
            )
    return Unlocked(lifted)

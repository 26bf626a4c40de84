"""The token cache of a server worker: a change made in the same process is seen at once, one
made elsewhere (written to the store by another process) once the entry is old enough; only
good tokens are remembered; the store is asked again when the time is up."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import update

from tradeguard import settings
from tradeguard.accounts import tokens, users
from tradeguard.accounts.errors import AuthError
from tradeguard.accounts.tables import TokenRow, UserRow
from tradeguard.errors import InputError
from tradeguard.store import Store

from ..clock import FakeClock
from .helpers import ADMIN, make_users, token


def _revoke_elsewhere(store: Store, token_id: int) -> None:
    """What another process (the command line, another worker) does: a committed change
    that this process's code never hears about."""
    with store.engine.begin() as conn:
        conn.execute(
            update(TokenRow).where(TokenRow.id == token_id).values(revoked_at=datetime.now(UTC))
        )


def test_a_change_made_elsewhere_is_seen_when_the_entry_expires(store: Store) -> None:
    make_users(store)
    issued = token(store, "ana")
    clock = FakeClock()
    cache = tokens.TokenCache(store, seconds=0.5, clock=clock)
    assert cache.get(issued.token) is None  # never checked yet
    assert cache.authenticate(issued.token).username == "ana"
    _revoke_elsewhere(store, issued.id)
    with pytest.raises(AuthError):
        tokens.authenticate(store, issued.token)  # the store knows at once
    assert cache.authenticate(issued.token).username == "ana"  # the cache, not yet
    clock.advance(0.25)
    assert cache.authenticate(issued.token).username == "ana"  # still young enough
    clock.advance(0.25)  # exactly `seconds` old: asked again
    assert cache.get(issued.token) is None
    with pytest.raises(AuthError, match="revoked"):
        cache.authenticate(issued.token)


def test_changes_made_in_this_process_are_seen_at_once(store: Store) -> None:
    make_users(store)
    cache = tokens.TokenCache(store, seconds=60)
    ana = token(store, "ana")
    rita = token(store, "rita")
    rob = token(store, "rob")
    for issued in (ana, rita, rob):
        assert cache.authenticate(issued.token).username == issued.username

    tokens.revoke_token(store, ADMIN, ana.id)
    with pytest.raises(AuthError, match="revoked"):
        cache.authenticate(ana.token)

    users.set_active(store, ADMIN, "rita", False)
    with pytest.raises(AuthError, match="revoked"):
        cache.authenticate(rita.token)
    users.set_active(store, ADMIN, "rita", True)  # enabled again: the old token stays dead
    with pytest.raises(AuthError, match="revoked"):
        cache.authenticate(rita.token)
    assert cache.authenticate(token(store, "rita").token).active

    users.set_role(store, ADMIN, "rob", "analyst")
    user = cache.authenticate(rob.token)
    assert user.role == users.Role.ANALYST and not user.actor.can("review")


def test_only_good_tokens_are_remembered(store: Store) -> None:
    make_users(store)
    cache = tokens.TokenCache(store, seconds=60)
    for bad in ("", "tg_", "not-a-token", "tg_" + "x" * 300, "tg_unknown"):
        with pytest.raises(AuthError):
            cache.authenticate(bad)
        assert cache.get(bad) is None
    issued = token(store, "ana")
    with store.engine.begin() as conn:  # disabled before its first use
        conn.execute(update(UserRow).where(UserRow.username == "ana").values(active=False))
    with pytest.raises(AuthError, match="disabled"):
        cache.authenticate(issued.token)
    assert cache.get(issued.token) is None


def test_zero_seconds_asks_the_store_every_time(store: Store) -> None:
    make_users(store)
    issued = token(store, "ana")
    cache = tokens.TokenCache(store, seconds=0)
    assert cache.authenticate(issued.token).username == "ana"
    assert cache.get(issued.token) is None
    _revoke_elsewhere(store, issued.id)
    with pytest.raises(AuthError):
        cache.authenticate(issued.token)


def test_the_cache_stays_bounded(store: Store) -> None:
    make_users(store)
    cache = tokens.TokenCache(store, seconds=60, max_entries=3)
    issued = [token(store, "ana", f"t{i}").token for i in range(7)]
    for each in issued:
        cache.authenticate(each)
        assert len(cache._entries) <= 3
    assert cache.get(issued[-1]) is not None


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("TRADEGUARD_TOKEN_CACHE_SECONDS", "1.5", 1.5),
        ("TRADEGUARD_TOKEN_CACHE_SECONDS", "0", 0.0),
        ("TRADEGUARD_TOKEN_CACHE_SECONDS", "soon", None),
        ("TRADEGUARD_TOKEN_CACHE_SECONDS", "-1", None),
        ("TRADEGUARD_TOKEN_CACHE_SECONDS", "nan", None),
        ("TRADEGUARD_TOKEN_CACHE_SECONDS", "3600", None),
        ("TRADEGUARD_DECISION_THREADS", "4", 4),
        ("TRADEGUARD_DECISION_THREADS", "0", None),
        ("TRADEGUARD_DECISION_THREADS", "two", None),
        ("TRADEGUARD_DECISION_THREADS", "1.5", None),
    ],
)
def test_server_settings_are_checked(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: float | None
) -> None:
    monkeypatch.setenv(name, value)
    read = (
        settings.token_cache_seconds
        if name == "TRADEGUARD_TOKEN_CACHE_SECONDS"
        else settings.decision_threads
    )
    if expected is None:
        with pytest.raises(InputError, match=name):
            read()
    else:
        assert read() == expected

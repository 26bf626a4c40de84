"""Accounts bind people: tokens only for their holder, expiry, disabling ends everything,
throttled and audited log-ins, password rules and changes, four-eyes across accounts one
person created, and the upgrade of a store made before all this."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from tradeguard import audit
from tradeguard import settings as tg_settings
from tradeguard.accounts import logins, passwords, sessions, tokens, users
from tradeguard.accounts.errors import AuthError, ConflictError, ForbiddenError, ThrottledError
from tradeguard.accounts.users import Actor, Role
from tradeguard.cases import four_eyes
from tradeguard.cases import workflow as rv
from tradeguard.errors import InputError
from tradeguard.store import Store

from .helpers import ADMIN, PASSWORD, make_users, screening_case, token


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def _policy(
    clock: Callable[[], datetime], failures: int = 3, per_address: int = 10
) -> logins.LoginPolicy:
    return logins.LoginPolicy(failures, per_address, 600, clock)


# -- tokens ------------------------------------------------------------------------------------


def test_nobody_mints_a_token_for_someone_else(store: Store) -> None:
    made = make_users(store)
    for minter in (ADMIN, made["adam"].actor, made["rob"].actor):
        with pytest.raises(ForbiddenError, match="issued to its holder only"):
            tokens.issue_token(store, minter, "rita")
    assert tokens.list_tokens(store) == []
    issued = tokens.login_token(store, "rita", PASSWORD, address="10.0.0.7", face="api")
    assert tokens.authenticate(store, issued.token).username == "rita"
    record = audit.records(store, action="token.issue")[-1]
    assert record.actor == "rita" and record.payload["via"] == "api"
    assert record.payload["address"] == "10.0.0.7"
    # an admin may still revoke it
    tokens.revoke_token(store, made["adam"].actor, issued.id)
    with pytest.raises(AuthError, match="revoked"):
        tokens.authenticate(store, issued.token)


def test_tokens_expire(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    make_users(store)
    ana = users.get_user(store, "ana")
    issued_at = datetime(2026, 1, 1, tzinfo=UTC)
    issued = tokens.issue_token(store, ana.actor, "ana", now=issued_at)
    assert issued.expires_at == issued_at + timedelta(days=90)
    assert tokens.authenticate(store, issued.token, now=issued_at + timedelta(days=89)).active
    with pytest.raises(AuthError, match="expired"):
        tokens.authenticate(store, issued.token, now=issued_at + timedelta(days=90))
    short = tokens.issue_token(store, ana.actor, "ana", days=1, now=issued_at)
    with pytest.raises(AuthError, match="expired"):
        tokens.authenticate(store, short.token, now=issued_at + timedelta(days=1, seconds=1))
    monkeypatch.setenv("TRADEGUARD_TOKEN_DAYS", "7")
    with pytest.raises(InputError, match="1 to 7 days"):
        tokens.issue_token(store, ana.actor, "ana", days=30)
    week = tokens.issue_token(store, ana.actor, "ana")
    assert week.expires_at - datetime.now(UTC) < timedelta(days=7)
    listed = {t["id"]: t for t in tokens.list_tokens(store, "ana")}
    assert listed[short.id]["expires_at"] == "2026-01-02T00:00:00+00:00"


def test_the_token_cache_does_not_outlive_a_token(store: Store) -> None:
    make_users(store)
    issued = token(store, "ana")
    cache = tokens.TokenCache(store, seconds=60)
    assert cache.authenticate(issued.token).username == "ana"
    assert cache.get(issued.token) is not None
    # as if the token's 90 days ran out while it was remembered
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE api_tokens SET expires_at = created_at"))
    entry = cache._entries[tokens._token_hash(issued.token)]
    cache._entries[tokens._token_hash(issued.token)] = (
        tokens.TokenHolder(entry[0].user, entry[0].token_id, datetime.now(UTC)),
        entry[1],
        entry[2],
    )
    assert cache.get(issued.token) is None
    with pytest.raises(AuthError, match="expired"):
        cache.authenticate(issued.token)


def test_disabling_ends_tokens_and_sessions_for_good(store: Store) -> None:
    make_users(store)
    rita = users.get_user(store, "rita")
    old = token(store, "rita")
    secret, _ = sessions.start(store, rita, "10.0.0.1", 3600)
    assert sessions.lookup(store, secret) is not None
    users.set_active(store, ADMIN, "rita", False)
    users.set_active(store, ADMIN, "rita", True)
    with pytest.raises(AuthError, match="revoked"):
        tokens.authenticate(store, old.token)
    assert sessions.lookup(store, secret) is None
    record = audit.records(store, action="user.disable")[-1]
    assert record.payload == {"tokens_revoked": 1, "sessions_ended": 1}
    # a fresh log-in works again
    assert tokens.authenticate(store, tokens.login_token(
        store, "rita", PASSWORD, address="a", face="api").token).username == "rita"  # fmt: skip


def test_web_sessions_end_on_logout_and_expire(store: Store) -> None:
    make_users(store)
    ana = users.get_user(store, "ana")
    start = datetime.now(UTC)
    secret, web = sessions.start(store, ana, "10.0.0.1", 60, now=start)
    found = sessions.lookup(store, secret, now=start + timedelta(seconds=59))
    assert found is not None and found[1].csrf == web.csrf and found[0].username == "ana"
    assert sessions.lookup(store, secret, now=start + timedelta(seconds=60)) is None
    assert sessions.lookup(store, "not-a-session") is None
    sessions.end(store, web)
    assert sessions.lookup(store, secret, now=start) is None
    actions = [r.action for r in audit.records(store, subject="user:ana")]
    assert actions[-2:] == ["session.start", "session.end"]
    with store.engine.connect() as conn:  # only the secret's hash is stored
        ids = conn.execute(text("SELECT id FROM web_sessions")).scalars().all()
    assert secret not in ids and ids == [sessions.session_id(secret)]


# -- log-in throttling -------------------------------------------------------------------------


def test_an_account_locks_after_failures_and_unlocks(store: Store) -> None:
    make_users(store)
    clock = Clock()
    policy = _policy(clock)
    for n in range(3):
        with pytest.raises(AuthError, match="wrong user name or password"):
            users.check_password(store, "ana", f"guess {n}", address="203.0.113.5", policy=policy)
    # locked: even the right password is refused, without being checked
    with pytest.raises(ThrottledError) as info:
        users.check_password(store, "ana", PASSWORD, address="198.51.100.9", policy=policy)
    assert info.value.retry_after == 600
    clock.advance(599)
    with pytest.raises(ThrottledError) as info:
        users.check_password(store, "ana", PASSWORD, address="198.51.100.9", policy=policy)
    assert info.value.retry_after == 1
    clock.advance(1)  # the lock ran out
    assert users.check_password(store, "ana", PASSWORD, policy=policy).username == "ana"
    # locked again; an administrator lifts it
    for n in range(3):
        with pytest.raises(AuthError):
            users.check_password(store, "ANA", f"guess {n}", address="203.0.113.5", policy=policy)
    assert [lock["key"] for lock in logins.locks(store, policy)] == ["ana"]
    with pytest.raises(ThrottledError):
        users.check_password(store, "ana", PASSWORD, policy=policy)
    with pytest.raises(ForbiddenError):
        logins.unlock(store, Actor("ana", Role.ANALYST), "ana")
    logins.unlock(store, ADMIN, "ana")
    assert users.check_password(store, "ana", PASSWORD, policy=policy).username == "ana"
    actions = [r.action for r in audit.records(store, subject="user:ana", limit=1000)]
    assert actions.count("login.fail") == 6 and actions.count("login.lock") == 2
    assert actions[-1] == "login.unlock"
    fail = audit.records(store, action="login.fail")[0]
    assert fail.payload == {
        "username": "ana",
        "address": "203.0.113.5",
        "via": "api",
        "reason": "wrong password",
    }
    assert fail.actor == "login:203.0.113.5"


def test_failures_older_than_the_period_are_forgotten(store: Store) -> None:
    make_users(store)
    clock = Clock()
    policy = _policy(clock)
    for _ in range(5):
        for n in range(2):
            with pytest.raises(AuthError):
                users.check_password(store, "ana", f"guess {n}", policy=policy)
        clock.advance(601)
    assert logins.locks(store, policy) == []
    # a success clears the count: two more failures do not lock
    for _ in range(3):
        with pytest.raises(AuthError):
            users.check_password(store, "ana", "guess", policy=policy)
        with pytest.raises(AuthError):
            users.check_password(store, "ana", "guess", policy=policy)
        users.check_password(store, "ana", PASSWORD, address="elsewhere", policy=policy)


def test_an_address_locks_across_names_and_unknown_names_lock_alike(store: Store) -> None:
    make_users(store)
    clock = Clock()
    policy = _policy(clock, failures=3, per_address=5)
    names = ["ana", "nobody-1", "rita", "nobody-2", "adam"]
    for name in names:  # one failure each: no account lock, but the address locks
        with pytest.raises(AuthError):
            users.check_password(store, name, "guess", address="192.0.2.1", policy=policy)
    with pytest.raises(ThrottledError):
        users.check_password(store, "adam", PASSWORD, address="192.0.2.1", policy=policy)
    assert users.check_password(store, "adam", PASSWORD, address="192.0.2.2", policy=policy)
    logins.unlock(store, ADMIN, address="192.0.2.1")
    assert users.check_password(store, "adam", PASSWORD, address="192.0.2.1", policy=policy)
    # an unknown name locks exactly as a known one does (a lock tells nothing)
    for name in ("ghost", "rob"):
        for n in range(3):
            with pytest.raises(AuthError, match=r"^wrong user name or password$"):
                users.check_password(store, name, f"g{n}", address=f"198.51.100.{n}", policy=policy)
        with pytest.raises(ThrottledError, match="try again in 600 s"):
            users.check_password(store, name, "g", address="198.51.100.99", policy=policy)
    reasons = {r.payload["username"]: r.payload["reason"] for r in audit.records(
        store, action="login.fail", limit=1000)}  # fmt: skip
    assert reasons["ghost"] == "unknown user" and reasons["rob"] == "wrong password"


def test_a_disabled_user_fails_like_a_wrong_password(store: Store) -> None:
    make_users(store)
    users.set_active(store, ADMIN, "rob", False)
    with pytest.raises(AuthError, match=r"^wrong user name or password$"):
        users.check_password(store, "rob", PASSWORD)
    assert audit.records(store, action="login.fail")[-1].payload["reason"] == "disabled"


def test_user_names_differing_only_by_case_or_width_are_one_name(store: Store) -> None:
    make_users(store)  # rita among them
    for twin in ("Rita", "RITA", "\uff32\uff49\uff54\uff41"):  # the last: full-width Rita
        with pytest.raises(ConflictError, match="'rita' exists already"):
            users.add_user(store, ADMIN, twin, PASSWORD + "x", "analyst")
    with pytest.raises(InputError, match="a user name is"):
        users.add_user(store, ADMIN, "nina\n", PASSWORD + "x", "analyst")
    assert users.add_user(store, ADMIN, "Ritah", PASSWORD + "x", "analyst").username == "Ritah"
    assert [u.username for u in users.list_users(store)].count("rita") == 1


def test_typed_names_are_kept_short_and_printable(store: Store) -> None:
    make_users(store)
    typed = "x\x00\n" + "y" * 500
    with pytest.raises(AuthError):
        users.check_password(store, typed, "guess")
    record = audit.records(store, action="login.fail")[-1]
    assert record.payload["username"] == "x??" + "y" * 61
    assert record.subject == "user:x??" + "y" * 61


def test_an_unknown_name_costs_an_argon2_check(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_users(store)
    checked: list[str] = []
    real = users._hasher

    class Counting:
        def hash(self, password: str) -> str:
            return real.hash(password)

        def verify(self, digest: str, password: str) -> bool:
            checked.append(digest)
            return real.verify(digest, password)

    monkeypatch.setattr(users, "_hasher", Counting())
    for name in ("nobody", "ana"):
        with pytest.raises(AuthError):
            users.check_password(store, name, "guess")
    assert len(checked) == 2 and checked[0] == users._dummy_hash()
    assert checked[1] != users._dummy_hash() and checked[1].startswith("$argon2id$")


def test_two_first_failures_of_one_name_at_once_both_count(store: Store) -> None:
    import threading

    make_users(store)
    clock = Clock()
    policy = _policy(clock, failures=4)
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def attempt() -> None:
        barrier.wait()
        try:
            users.check_password(store, "ana", "guess", policy=policy)
        except AuthError:
            pass
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [lock["key"] for lock in logins.locks(store, policy)] == ["ana"]


# -- passwords ---------------------------------------------------------------------------------


def test_password_rules(store: Store) -> None:
    assert len(passwords.common_passwords()) == 30_000
    for bad, rule in (
        ("short pw 11", "at least 12"),
        ("qwerty123456", "most common"),
        ("LeaveMeAlone", "most common"),
        ("1qaz2wsx3edc", "most common"),
        ("my name is Nina, ok", "user name"),
        ("x" * 1025, "at most 1024"),
        (" " * 16, "at least 12"),
        ("\u3000" * 6 + "abc" + "\u3000" * 6, "at least 12"),
        ("Password2024!", "look-alikes"),
        ("p@ssw0rd1234", "look-alikes"),
        ("dragon!!!!!!!!", "look-alikes"),
        ("aaaaaaaaaaaaaa", "repeated"),
        ("abcabcabcabc", "repeated"),
        ("123456789012", "run of keys"),
        ("qwertyuiopas", "run of keys"),
        ("zyxwvu987654", "run of keys"),
        ("1111122222333", "5 different"),
        ("ｎｉｎａ is my name ok", "user name"),
        ("NINA is my name ok", "user name"),
        ("my tradeguard pass", "this service"),
    ):
        with pytest.raises(InputError, match=rule) as info:
            users.add_user(store, ADMIN, "nina", bad, "analyst")
        assert info.value.field == "password"
    # a phrase, a mixed password, one in Hangul or kanji are fine
    for good in (
        "totally fine phrase",
        "Tr0ub4dor&3xyz",
        "한국무역협회비밀번호입니다",
        "輸出管理の合言葉はこれです",
    ):
        passwords.check_new_password("nina", good)
    # a two-letter name is not looked for inside
    assert users.add_user(store, ADMIN, "al", "totally fine phrase", "analyst").username == "al"
    assert users.list_users(store)[0].created_by == "cli:test"


@settings(max_examples=200, deadline=None)
@given(name=st.from_regex(r"[A-Za-z0-9]{3,20}", fullmatch=True), before=st.text(max_size=8),
       after=st.text(max_size=8))  # fmt: skip
def test_a_password_holding_the_name_in_any_case_is_refused(
    name: str, before: str, after: str
) -> None:
    password = before + name.swapcase() + after + "!" * 12
    with pytest.raises(InputError, match=r"user name|most common"):
        passwords.check_new_password(name, password)


def test_the_shipped_list_is_the_documented_file() -> None:
    import hashlib

    raw = gzip.decompress(passwords.COMMON.read_bytes())
    readme = (passwords.COMMON.parent / "README.md").read_text("utf-8")
    assert hashlib.sha256(raw).hexdigest() in readme
    lines = raw.decode("utf-8").splitlines()
    assert lines[:3] == ["123456", "password", "12345678"] and len(lines) == 30_000
    assert sum(len(p) >= passwords.MIN_LENGTH for p in lines) == 229


def test_password_change_ends_other_credentials(store: Store) -> None:
    make_users(store)
    ana = users.get_user(store, "ana")
    kept, other = token(store, "ana"), token(store, "ana")
    secret1, web1 = sessions.start(store, ana, "a", 3600)
    secret2, _ = sessions.start(store, ana, "b", 3600)
    with pytest.raises(AuthError):
        users.change_password(store, ana, "wrong password", "a brand new phrase", address="a",
                              face="api")  # fmt: skip
    assert audit.records(store, action="login.fail")[-1].payload["username"] == "ana"
    with pytest.raises(InputError, match="most common") as info:
        users.change_password(store, ana, PASSWORD, "qwerty123456", address="a", face="api")
    assert info.value.field == "new_password"
    with pytest.raises(InputError, match="current one"):
        users.change_password(store, ana, PASSWORD, PASSWORD, address="a", face="api")
    done = users.change_password(
        store, ana, PASSWORD, "a brand new phrase", address="a", face="web",
        keep_token=kept.id, keep_session=web1.id,
    )  # fmt: skip
    assert done == users.PasswordChange("ana", tokens_revoked=1, sessions_ended=1)
    assert tokens.authenticate(store, kept.token).username == "ana"
    with pytest.raises(AuthError, match="revoked"):
        tokens.authenticate(store, other.token)
    assert sessions.lookup(store, secret1) is not None and sessions.lookup(store, secret2) is None
    with pytest.raises(AuthError):
        users.check_password(store, "ana", PASSWORD)
    assert users.check_password(store, "ana", "a brand new phrase").username == "ana"
    record = audit.records(store, action="user.password")[-1]
    assert record.actor == "ana" and record.payload["via"] == "web"


# -- four-eyes binds people --------------------------------------------------------------------


def test_an_account_made_by_the_proposer_cannot_approve(store: Store) -> None:
    made = make_users(store)
    adam = made["adam"].actor  # an admin, created from the command line
    users.add_user(store, adam, "puppet", "a long phrase for him", "reviewer")
    users.add_user(store, adam, "admin2", "second admin's phrase", "admin")
    users.add_user(store, users.get_user(store, "admin2").actor, "puppet2", PASSWORD, "reviewer")
    assert users.get_user(store, "puppet").created_by == "adam"
    case_id = screening_case(store)
    rv.propose(store, adam, case_id, "false_positive", "not the same company")
    for reviewer, words in (("puppet", "created the account"), ("puppet2", "among the creators")):
        with pytest.raises(ForbiddenError, match=words):
            rv.review(store, users.get_user(store, reviewer).actor, case_id, "approve")
        assert not rv.may_review(store, reviewer, "adam")
    assert rv.get_case(store, case_id).status == "proposed"
    # a reviewer adam did not create may
    assert rv.may_review(store, "rita", "adam")
    assert rv.review(store, made["rita"].actor, case_id, "approve").status == "closed"


def test_the_creator_cannot_approve_a_proposal_of_an_account_they_made(store: Store) -> None:
    made = make_users(store)
    users.add_user(store, made["adam"].actor, "sock", "fine phrase of my own", "analyst")
    case_id = screening_case(store)
    rv.propose(store, users.get_user(store, "sock").actor, case_id, "false_positive", "fine")
    users.set_role(store, ADMIN, "adam", "reviewer")  # adam makes himself a reviewer
    with pytest.raises(ForbiddenError, match=r"'adam' created .* 'sock'"):
        rv.review(store, users.get_user(store, "adam").actor, case_id, "approve")
    assert rv.review(store, made["rob"].actor, case_id, "approve").status == "closed"


def test_siblings_made_by_one_admin_cannot_close_a_case(store: Store) -> None:
    made = make_users(store)
    adam = made["adam"].actor
    users.add_user(store, adam, "sib-a", "analyst sibling phrase", "analyst")
    users.add_user(store, adam, "admin3", "third admin's phrase", "admin")
    users.add_user(store, users.get_user(store, "admin3").actor, "sib-r", PASSWORD, "reviewer")
    case_id = screening_case(store)
    rv.propose(store, users.get_user(store, "sib-a").actor, case_id, "false_positive", "other")
    with pytest.raises(ForbiddenError, match=r"both created .* by 'adam'"):
        rv.review(store, users.get_user(store, "sib-r").actor, case_id, "approve")
    assert not rv.may_review(store, "sib-r", "sib-a")
    assert rv.get_case(store, case_id).status == "proposed"
    # accounts made from the command line share only the ``cli:`` root, which is not compared
    assert rv.may_review(store, "rita", "sib-a")
    assert rv.review(store, made["rita"].actor, case_id, "approve").status == "closed"


def test_a_creator_chain_longer_than_the_limit_is_refused(store: Store) -> None:
    made = make_users(store)
    above = made["adam"].actor
    for n in range(four_eyes.MAX_CREATORS + 1):
        users.add_user(store, above, f"link{n}", PASSWORD, "admin")
        above = users.get_user(store, f"link{n}").actor
    users.add_user(store, above, "deep", PASSWORD, "reviewer")
    # adam is 52 creators above "deep": past the limit, so refused rather than missed
    assert not rv.may_review(store, "deep", "adam")
    case_id = screening_case(store)
    rv.propose(store, made["adam"].actor, case_id, "false_positive", "other")
    with pytest.raises(ForbiddenError, match="more than 50 creators"):
        rv.review(store, users.get_user(store, "deep").actor, case_id, "approve")
    # a chain one shorter is still followed to the root: adam is found, not the limit
    with store.session() as session:
        why = four_eyes.four_eyes_refusal(session, "link49", "adam")
    assert why is not None and "'adam', who proposed" in why


def test_a_cycle_of_creators_ends_the_chain(store: Store) -> None:
    made = make_users(store)
    users.add_user(store, made["adam"].actor, "loop1", PASSWORD, "admin")
    users.add_user(store, users.get_user(store, "loop1").actor, "loop2", PASSWORD, "reviewer")
    with store.session() as session, session.begin():
        session.execute(text("UPDATE users SET created_by = 'loop2' WHERE username = 'loop1'"))
    assert rv.may_review(store, "loop2", "ana")
    assert not rv.may_review(store, "loop2", "loop1")


# -- an existing store upgrades ----------------------------------------------------------------


def test_a_store_made_before_accounts_upgrades(store_url: str, tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config

    from tradeguard.store.engine import make_engine
    from tradeguard.store.upgrade import MIGRATIONS

    engine = make_engine(store_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0003_server")
    created = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    with engine.begin() as conn:  # what 0003 wrote: a user, its audit record, a token
        audit.append(conn, "cli:olduser", "user.add", "user:ana", {"role": "analyst"})
        conn.execute(
            text(
                "INSERT INTO users (id, username, password_hash, role, active, created_at) "
                "VALUES (1, 'ana', :h, 'analyst', :t, :c), (2, 'zed', :h, 'analyst', :t, :c)"
            ),
            {"h": users._hasher.hash(PASSWORD), "t": True, "c": created},
        )
        conn.execute(
            text(
                "INSERT INTO api_tokens (user_id, token_hash, label, created_at) "
                "VALUES (1, :d, 'old', :c)"
            ),
            {"d": tokens._token_hash("tg_old-token"), "c": created},
        )
    engine.dispose()
    store = Store.open(store_url)
    try:
        assert users.get_user(store, "ana").created_by == "cli:olduser"
        assert users.get_user(store, "zed").created_by is None  # no audit record says
        [old] = tokens.list_tokens(store, "ana")
        assert old["expires_at"] == (created + timedelta(days=90)).isoformat()
        assert tokens.authenticate(store, "tg_old-token", now=created + timedelta(days=1)).id == 1
        with pytest.raises(AuthError, match="expired"):
            tokens.authenticate(store, "tg_old-token", now=created + timedelta(days=91))
        assert users.check_password(store, "ana", PASSWORD).username == "ana"
    finally:
        store.close()


READERS = {
    "TRADEGUARD_TOKEN_DAYS": tg_settings.token_days,
    "TRADEGUARD_LOGIN_MAX_FAILURES": tg_settings.login_max_failures,
    "TRADEGUARD_LOGIN_MAX_FAILURES_PER_ADDRESS": tg_settings.login_max_failures_per_address,
    "TRADEGUARD_LOGIN_LOCK_SECONDS": tg_settings.login_lock_seconds,
}


@pytest.mark.parametrize(
    ("name", "value", "ok"),
    [
        ("TRADEGUARD_TOKEN_DAYS", "30", True),
        ("TRADEGUARD_TOKEN_DAYS", "0", False),
        ("TRADEGUARD_TOKEN_DAYS", "ninety", False),
        ("TRADEGUARD_LOGIN_MAX_FAILURES", "10", True),
        ("TRADEGUARD_LOGIN_MAX_FAILURES", "-1", False),
        ("TRADEGUARD_LOGIN_MAX_FAILURES_PER_ADDRESS", "1.5", False),
        ("TRADEGUARD_LOGIN_LOCK_SECONDS", "60", True),
        ("TRADEGUARD_LOGIN_LOCK_SECONDS", "99999999", False),
    ],
)
def test_account_settings_are_checked(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, ok: bool
) -> None:
    monkeypatch.setenv(name, value)
    if ok:
        assert READERS[name]() == int(value)
    else:
        with pytest.raises(InputError, match=name):
            READERS[name]()


def test_a_refusal_names_the_action_in_words() -> None:
    assert set(users.ACTIONS) == set(users.PERMISSIONS)
    bob = Actor("bob", Role.ANALYST)
    with pytest.raises(ForbiddenError) as refused:
        bob.require("counterparties")
    assert str(refused.value).startswith(
        "user 'bob' (role analyst) may not manage counterparties; needs role"
    )

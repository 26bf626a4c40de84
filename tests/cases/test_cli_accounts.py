"""The account commands as a person runs them (typer's CliRunner): a token only with the
holder's password, password change, locks listed and lifted, tokens listed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tradeguard import audit
from tradeguard.accounts import tokens, users
from tradeguard.accounts.errors import AuthError, ForbiddenError, ThrottledError
from tradeguard.cli import app
from tradeguard.errors import InputError
from tradeguard.store import Store

from .helpers import PASSWORD, make_users


@pytest.fixture
def cli_store(store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("TRADEGUARD_DATABASE_URL", store_url)
    make_users(store)
    return store


def _run(*args: str, stdin: str = "") -> tuple[int, str, BaseException | None]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, result.stdout, error


def test_a_token_needs_the_holders_password(cli_store: Store) -> None:
    code, _, error = _run("users", "token", "rita", "--password-stdin", stdin="a guess\n")
    assert isinstance(error, AuthError)
    code, out, error = _run(
        "users", "token", "rita", "--password-stdin", "--days", "7", "--json",
        stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0 and error is None
    issued = json.loads(out)
    assert tokens.authenticate(cli_store, issued["token"]).username == "rita"
    record = audit.records(cli_store, action="token.issue")[-1]
    assert record.actor == "rita" and record.payload["via"] == "cli"
    assert record.payload["address"].startswith("cli:")
    fail = audit.records(cli_store, action="login.fail")[-1]
    assert fail.payload["via"] == "cli" and fail.payload["username"] == "rita"
    code, out, _ = _run("users", "tokens", "rita", "--json")
    [listed] = json.loads(out)
    assert listed["id"] == issued["id"] and listed["expires_at"] == issued["expires_at"]
    # the command line administers: it revokes any token, and it cannot mint for others
    assert _run("users", "token", "rita", "--revoke", str(issued["id"]))[0] == 0
    with pytest.raises(ForbiddenError):
        tokens.issue_token(cli_store, users.cli_actor(), "rita")


def test_password_change_and_locks(cli_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tokens.login_token(cli_store, "rob", PASSWORD, address="x", face="api")
    code, _, error = _run(
        "users", "password", "rob", "--password-stdin", stdin=f"{PASSWORD}\nrobert1234\n"
    )
    assert isinstance(error, InputError) and error.field == "new_password"
    code, out, error = _run(
        "users", "password", "rob", "--password-stdin",
        stdin=f"{PASSWORD}\nmy new long phrase\n",
    )  # fmt: skip
    assert code == 0 and error is None and "1 token(s) revoked" in out
    with pytest.raises(AuthError, match="revoked"):
        tokens.authenticate(cli_store, old.token)
    monkeypatch.setenv("TRADEGUARD_LOGIN_MAX_FAILURES", "2")
    for _ in range(2):
        _run("users", "token", "rob", "--password-stdin", stdin="a guess\n")
    _, _, error = _run("users", "token", "rob", "--password-stdin", stdin="my new long phrase\n")
    assert isinstance(error, ThrottledError)
    code, out, _ = _run("users", "unlock", "--json")
    assert [lock["key"] for lock in json.loads(out)] == ["rob"]
    code, out, _ = _run("users", "unlock", "rob")
    assert code == 0 and "lock lifted" in out
    code, out, _ = _run("users", "token", "rob", "--password-stdin", stdin="my new long phrase\n")
    assert code == 0 and out.strip().startswith("tg_")
    assert audit.records(cli_store, action="login.unlock")[-1].actor.startswith("cli:")

"""``tradeguard users ...``: users of the server, their roles, passwords and API tokens."""

from __future__ import annotations

import dataclasses
import sys
from typing import Annotated

import typer
from rich.table import Table

from tradeguard.cli.app import (
    users_app,
)
from tradeguard.cli.common import (
    JsonOpt,
    cli_actor,
    console,
    open_service,
    open_store,
    plain_datetime,
    print_json,
)


@users_app.command("add")
def users_add(
    username: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option(help="analyst, reviewer or admin.")] = "analyst",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Add a user (asks for the password unless --password-stdin)."""
    from tradeguard.accounts.users import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    user = add_user(open_store(autoload=False), cli_actor(), username, password, role)
    print_json(user.to_dict()) if as_json else console.print(f"added {user.username} ({user.role})")


@users_app.command("list")
def users_list(as_json: JsonOpt = False) -> None:
    """Users and their roles."""
    from tradeguard.accounts.users import list_users

    rows = [u.to_dict() for u in list_users(open_store(autoload=False))]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "user", "role", "active", "created", "created by")
    for u in rows:
        table.add_row(
            str(u["id"]), u["username"], u["role"], str(u["active"]),
            plain_datetime(u["created_at"]),
            u["created_by"] or "?",
        )  # fmt: skip
    console.print(table)


@users_app.command("disable")
def users_disable(
    username: Annotated[str, typer.Argument()],
    enable: Annotated[bool, typer.Option("--enable", help="Enable the user again.")] = False,
) -> None:
    """Disable a user: their tokens are revoked and their web sessions end at once (--enable
    revives none of them)."""
    from tradeguard.accounts.users import set_active

    user = set_active(open_store(autoload=False), cli_actor(), username, enable)
    console.print(f"{user.username}: {'enabled' if user.active else 'disabled'}")


@users_app.command("rename")
def users_rename(
    old: Annotated[str, typer.Argument(help="The account's name now.")],
    new: Annotated[str, typer.Argument(help="Its new name (as `users add` takes one).")],
    as_json: JsonOpt = False,
) -> None:
    """Rename an account: its API tokens and web sessions go on working, and its cases,
    proposals, reviews, jobs and the accounts it created name it by NEW (in one transaction
    with the user.rename audit record). NEW may not be another account's name, in any case."""
    done = open_service(autoload=False).rename_user(cli_actor(), old, new)
    if as_json:
        print_json(done.to_dict())
        return
    moved = ", ".join(f"{n} {column}" for column, n in done.followed.items() if n)
    console.print(f"{done.before} is now {done.user.username}" + (f" ({moved})" if moved else ""))


PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password(s) from standard input.")
]


def _read_password(stdin: bool, prompt: str, confirm: bool = False) -> str:
    if stdin:
        return sys.stdin.readline().rstrip("\n")
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm))


@users_app.command("token")
def users_token(
    username: Annotated[str, typer.Argument()],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "api",
    days: Annotated[int | None, typer.Option(help="Lifetime in days (default 90).")] = None,
    revoke: Annotated[int | None, typer.Option(help="Revoke the token with this id.")] = None,
    password_stdin: PasswordStdin = False,
    as_json: JsonOpt = False,
) -> None:
    """Log in as USERNAME and print a new API token for that user (once; only its hash is
    stored): asks for USERNAME's password, so only its holder gets one. --revoke ID revokes
    any token (the command line administers)."""
    from tradeguard.accounts.tokens import login_token, revoke_token

    store = open_store(autoload=False)
    if revoke is not None:
        revoke_token(store, cli_actor(), revoke)
        console.print(f"token {revoke} revoked")
        return
    password = _read_password(password_stdin, f"password of {username}")
    issued = login_token(
        store, username, password, address=cli_actor().name, face="cli", label=label, days=days
    )
    print_json(issued.to_dict()) if as_json else print(issued.token)


@users_app.command("tokens")
def users_tokens(
    username: Annotated[str | None, typer.Argument(help="Only this user's.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """API tokens (never the tokens themselves): id, holder, label, expiry, revoked."""
    from tradeguard.accounts.tokens import list_tokens

    rows = list_tokens(open_store(autoload=False), username)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "user", "label", "created", "expires", "revoked")
    for t in rows:
        table.add_row(
            str(t["id"]), t["username"], t["label"], plain_datetime(t["created_at"]),
            plain_datetime(t["expires_at"]) if t["expires_at"] else "",
            str(t["revoked"]),
        )  # fmt: skip
    console.print(table)


@users_app.command("password")
def users_password(
    username: Annotated[str, typer.Argument()],
    password_stdin: Annotated[
        bool,
        typer.Option(
            "--password-stdin",
            help="Read the current and the new password from standard input, one a line.",
        ),
    ] = False,
) -> None:
    """Change USERNAME's password (asks for the current one first). All of the user's API
    tokens are revoked and all their web sessions end."""
    from tradeguard.accounts.users import change_password, get_user

    store = open_store(autoload=False)
    current = _read_password(password_stdin, f"current password of {username}")
    new = _read_password(password_stdin, "new password", confirm=True)
    user = get_user(store, username)
    done = change_password(store, user, current, new, address=cli_actor().name, face="cli")
    console.print(
        f"{username}: password changed; {done.tokens_revoked} token(s) revoked, "
        f"{done.sessions_ended} web session(s) ended"
    )


@users_app.command("unlock")
def users_unlock(
    username: Annotated[str | None, typer.Argument(help="The account name to unlock.")] = None,
    address: Annotated[
        str | None, typer.Option(help="Also (or only) unlock this client address.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Lift a log-in lock after failed log-ins (without arguments: list the locks)."""
    from tradeguard.accounts.logins import locks, unlock

    store = open_store(autoload=False)
    if not username and not address:
        rows = locks(store)
        if as_json:
            print_json(rows)
        for row in [] if as_json else rows:
            console.print(f"{row['scope']} {row['key']!r} locked until {row['locked_until']}")
        return
    result = unlock(store, cli_actor(), username, address)
    if as_json:
        print_json(dataclasses.asdict(result))
        return
    for lifted in result.lifted:
        console.print(f"{lifted.scope} {lifted.key!r}: lock lifted")

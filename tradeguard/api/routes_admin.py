"""Users, tokens, configuration and the audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from tradeguard import audit
from tradeguard.accounts import logins, tokens, users
from tradeguard.accounts.users import User
from tradeguard.api.deps import Credentials, Reader, Svc, require
from tradeguard.api.models import (
    ConfigRequest,
    IdPath,
    LoginRequest,
    PasswordRequest,
    RenameRequest,
    UnlockRequest,
    UserRequest,
)
from tradeguard.api.responses import (
    AuditRecordOut,
    IssuedToken,
    Lock,
    Me,
    PasswordChanged,
    Renamed,
    Revoked,
    TokenOut,
    Unlocked,
    UserOut,
    Verification,
)
from tradeguard.cases import config

router = APIRouter()
Admin = Annotated[User, Depends(require("users"))]
Configurer = Annotated[User, Depends(require("config"))]
Auditor = Annotated[User, Depends(require("audit"))]


def _address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.post("/login", tags=["users"], status_code=201, response_model=IssuedToken)
async def login(body: LoginRequest, request: Request, svc: Svc) -> IssuedToken:
    """Log in: a new API token for yourself (shown once), living `days` (default and most:
    the server's `TRADEGUARD_TOKEN_DAYS`, 90). Failed log-ins are audited and throttled per
    account name and per address: 429 with `Retry-After` while locked."""
    issued = await run_in_threadpool(
        tokens.login_token,
        svc.store,
        body.username,
        body.password,
        address=_address(request),
        face="api",
        label=body.label,
        days=body.days,
    )
    return IssuedToken.model_validate(issued.to_dict())


@router.post("/logout", tags=["users"], response_model=Revoked)
def logout(svc: Svc, user: Reader, credentials: Credentials) -> Revoked:
    """Revoke the token this request carries."""
    assert credentials is not None  # Reader checked it
    holder = tokens.token_holder(svc.store, credentials.credentials)
    tokens.revoke_token(svc.store, user.actor, holder.token_id)
    return Revoked(id=holder.token_id, revoked=True)


@router.post("/me/password", tags=["users"], response_model=PasswordChanged)
def password_change(
    body: PasswordRequest, request: Request, svc: Svc, user: Reader, credentials: Credentials
) -> PasswordChanged:
    """Change your password (the current one is checked as a log-in is). Every other token of
    yours is revoked and every web session of yours ended; the token of this request stays."""
    assert credentials is not None
    holder = tokens.token_holder(svc.store, credentials.credentials)
    changed = users.change_password(
        svc.store,
        user,
        body.current_password,
        body.new_password,
        address=_address(request),
        face="api",
        keep_token=holder.token_id,
    )
    return PasswordChanged.model_validate(changed, from_attributes=True)


@router.get("/me", tags=["users"], response_model=Me)
def me(user: Reader) -> Me:
    """The user holding the token, with what the role allows."""
    return Me.model_validate(
        {
            **user.to_dict(),
            "permissions": sorted(p for p in users.PERMISSIONS if user.actor.can(p)),
        }
    )


@router.get("/users", tags=["users"], response_model=list[UserOut])
def users_list(svc: Svc, user: Admin) -> list[UserOut]:
    return [UserOut.model_validate(u.to_dict()) for u in users.list_users(svc.store)]


@router.post("/users", tags=["users"], status_code=201, response_model=UserOut)
def users_add(body: UserRequest, svc: Svc, user: Admin) -> UserOut:
    added = users.add_user(svc.store, user.actor, body.username, body.password, body.role)
    return UserOut.model_validate(added.to_dict())


@router.post("/users/{username}/disable", tags=["users"], response_model=UserOut)
def users_disable(username: str, svc: Svc, user: Admin) -> UserOut:
    """Disable a user: their tokens are revoked and their web sessions end at once (enabling
    them again revives none)."""
    return UserOut.model_validate(
        users.set_active(svc.store, user.actor, username, False).to_dict()
    )


@router.post("/users/{username}/enable", tags=["users"], response_model=UserOut)
def users_enable(username: str, svc: Svc, user: Admin) -> UserOut:
    return UserOut.model_validate(users.set_active(svc.store, user.actor, username, True).to_dict())


@router.post("/users/{username}/rename", tags=["users"], response_model=Renamed)
def users_rename(username: str, body: RenameRequest, svc: Svc, user: Admin) -> Renamed:
    """Rename an account: its tokens and web sessions go on working, and its cases,
    proposals, reviews, jobs and the accounts it created name it by the new name (one
    transaction with the `user.rename` audit record). 404: no such account; 409: the new name
    is another account's, in any case; 422: not a user name."""
    done = svc.rename_user(user.actor, username, body.new_username)
    return Renamed.model_validate(done.to_dict())


@router.post("/users/{username}/unlock", tags=["users"], response_model=Unlocked)
def users_unlock(
    username: str, svc: Svc, user: Admin, body: UnlockRequest | None = None
) -> Unlocked:
    """Lift the log-in lock of an account name (and of a client address, if given)."""
    lifted = logins.unlock(svc.store, user.actor, username, body.address if body else None)
    return Unlocked.model_validate(lifted, from_attributes=True)


@router.get("/logins/locked", tags=["users"], response_model=list[Lock])
def logins_locked(svc: Svc, user: Admin) -> list[Lock]:
    """The account names and client addresses locked now after failed log-ins."""
    return [Lock.model_validate(lock) for lock in logins.locks(svc.store)]


@router.get("/tokens", tags=["users"], response_model=list[TokenOut])
def tokens_list(svc: Svc, user: Reader) -> list[TokenOut]:
    """Your tokens (all tokens for an admin); never the tokens themselves."""
    who = None if user.actor.can("users") else user.username
    return [TokenOut.model_validate(t) for t in tokens.list_tokens(svc.store, who)]


@router.delete("/tokens/{token_id}", tags=["users"], response_model=Revoked)
def tokens_revoke(token_id: Annotated[int, IdPath], svc: Svc, user: Reader) -> Revoked:
    """Revoke one of your tokens (any token for an admin)."""
    tokens.revoke_token(svc.store, user.actor, token_id)
    return Revoked(id=token_id, revoked=True)


@router.get("/config", tags=["config"], response_model=dict[str, Any])
def config_get(svc: Svc, user: Reader) -> dict[str, Any]:
    return config.get_config(svc.store)


@router.put("/config/{key}", tags=["config"], response_model=dict[str, Any])
def config_set(key: str, body: ConfigRequest, svc: Svc, user: Configurer) -> dict[str, Any]:
    """Change a setting (admins); every change is an audit record."""
    return config.set_config(svc.store, user.actor, key, body.value)


@router.get("/audit", tags=["audit"], response_model=list[AuditRecordOut])
def audit_records(
    svc: Svc,
    user: Auditor,
    subject: Annotated[str | None, Query(max_length=300)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    after: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditRecordOut]:
    """Audit records in chain order after sequence number ``after``."""
    rows = audit.records(
        svc.store, subject=subject, action=action, actor=actor, after=after, limit=limit
    )
    return [AuditRecordOut.model_validate(r, from_attributes=True) for r in rows]


@router.get("/audit/verify", tags=["audit"], response_model=Verification)
def audit_verify(
    svc: Svc,
    user: Auditor,
    expect_head: Annotated[str | None, Query(max_length=64, min_length=64)] = None,
) -> Verification:
    """Recompute the hash chain and replay each case's audited transitions (as `tradeguard
    audit verify --json`): every case whose stored state differs is a problem."""
    from tradeguard.cases.integrity import verify

    checked = verify(svc.store, expect_head=expect_head)
    return Verification.model_validate(checked, from_attributes=True)

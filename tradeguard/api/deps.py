"""What every route needs: the service (the use cases) and the authenticated, authorised user."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from tradeguard.accounts.errors import AuthError
from tradeguard.accounts.tokens import TokenCache
from tradeguard.accounts.users import User
from tradeguard.service import Service

bearer = HTTPBearer(
    auto_error=False,
    description="An API token from POST /login or `tradeguard users token NAME`.",
)


async def services(request: Request) -> Service:
    # async (no I/O): a plain def dependency would cost every request a trip to a thread
    svc: Service = request.app.state.services
    return svc


def require(permission: str) -> Callable[..., Awaitable[User]]:
    """A dependency: the token's user, who must hold ``permission``."""

    async def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> User:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise AuthError("a bearer token is required")
        tokens: TokenCache = request.app.state.services.tokens
        cached = tokens.get(credentials.credentials)
        if cached is None:  # not checked lately: ask the store, off the event loop
            user = await run_in_threadpool(tokens.authenticate, credentials.credentials)
        else:
            user = cached
        user.actor.require(permission)
        return user

    return dependency


Svc = Annotated[Service, Depends(services)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
Reader = Annotated[User, Depends(require("read"))]

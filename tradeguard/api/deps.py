"""What every route needs: the shared services and the authenticated, authorised user."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from tradeguard.cases import users
from tradeguard.cases.errors import AuthError
from tradeguard.cases.users import User
from tradeguard.store import Store

bearer = HTTPBearer(
    auto_error=False,
    description="An API token from `tradeguard users token NAME` or POST /users/{name}/tokens.",
)


@dataclass
class Services:
    """The store and the warm screener shared by the routes of one server process."""

    store: Store
    screener_factory: Callable[[Store], Any] | None = None
    _screener: Any = None
    _screener_key: str | None = None
    _checked: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    recheck_seconds: float = 5.0

    def screener(self) -> Any:
        """The screener for the current list versions (rebuilt after a list load; checked at
        most every few seconds, so a load shows up in screening within ``recheck_seconds``)."""
        if self.screener_factory is None:
            from tradeguard.screening import Screener

            self.screener_factory = Screener.from_store
        now = time.monotonic()
        if self._screener is not None and now - self._checked < self.recheck_seconds:
            return self._screener
        with self._lock:
            key = self.store.versions_key()
            self._checked = time.monotonic()
            if self._screener is None or key != self._screener_key:
                self.store.ensure_loaded()
                key = self.store.versions_key()
                self._screener = self.screener_factory(self.store)
                self._screener_key = key
            return self._screener

    def evaluator(self) -> Any:
        """A shipment evaluator over the current screener and list versions. A new one per
        call: its caches live for one evaluation, so they never go stale or grow."""
        from tradeguard.shipments import Evaluator

        screener = self.screener()
        versions = [
            {"list": v.list, "version_id": v.id, "sha256": v.sha256, "published_at": v.published_at}
            for v in self.store.current_versions()
        ]
        return Evaluator(screener=screener, list_versions=versions)


def services(request: Request) -> Services:
    svc: Services = request.app.state.services
    return svc


def require(permission: str) -> Callable[..., User]:
    """A dependency: the token's user, who must hold ``permission``."""

    def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> User:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise AuthError("a bearer token is required")
        user = users.authenticate(services(request).store, credentials.credentials)
        user.actor.require(permission)
        return user

    return dependency


Svc = Annotated[Services, Depends(services)]
Reader = Annotated[User, Depends(require("read"))]

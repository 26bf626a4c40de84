"""The language switch: ``GET /ui/lang?l=ja&next=/ui/...`` keeps the choice in a cookie."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse

from tradeguard.errors import InputError
from tradeguard.language import i18n
from tradeguard.web import language

router = APIRouter(prefix="/ui", include_in_schema=False)
YEAR = 365 * 24 * 3600


@router.get("/lang")
def switch_language(
    l: Annotated[str, Query(max_length=5)],  # noqa: E741
    next: Annotated[str, Query(max_length=500)] = "/ui/",
) -> RedirectResponse:
    if l not in i18n.LANGUAGES:
        raise InputError(f"unknown language {l!r}; expected en, ja or ko", field="l")
    target = next if next.startswith("/ui/") and "//" not in next else "/ui/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(language.COOKIE, l, max_age=YEAR, path="/ui", samesite="strict")
    return response

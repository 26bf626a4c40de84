"""The shipment form page, ``/ui/shipment/form``: parties, destination, items as rows, licences
held and the as-of date as fields; every error beside its field (the page is answered with 422
and the form as typed, never a blank page). The JSON/YAML page ``/ui/shipment`` stays the
alternative for a prepared document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import ValidationError

from tradeguard.countries import country_choices
from tradeguard.errors import InputError
from tradeguard.web import language
from tradeguard.web import routes as pages
from tradeguard.web import shipment_form as sf

router = APIRouter(prefix="/ui", include_in_schema=False)
MAX_FIELDS = 2000


def _render(request: Request, state: sf.FormState, status: int = 200, **ctx: Any) -> Response:
    user, sess = pages._user(request, "read")
    return pages._page(
        request,
        "shipment_form.html",
        user,
        sess,
        state=state,
        countries=country_choices(language.choose(request)),  # the switch or the browser
        licence_types=sf.LICENCE_TYPES,
        status_code=status,
        **({"decision": None, "case_id": None} | ctx),
    )


@router.get("/shipment/form")
def shipment_form(request: Request) -> Response:
    return _render(request, sf.blank(dt.date.today()))


@router.post("/shipment/form")
async def shipment_form_post(request: Request) -> Response:
    form = await request.form(max_fields=MAX_FIELDS)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    _, sess = pages._user(request, "evaluate")
    pages._check_csrf(request, sess, values.get("csrf"))
    state = sf.read_form(values, values.get("more", ""))
    if values.get("more"):
        return _render(request, state)
    return await run_in_threadpool(_evaluate, request, state)  # screening is CPU work


def _evaluate(request: Request, state: sf.FormState) -> Response:
    from tradeguard.shipments import Shipment

    user, _ = pages._user(request, "evaluate")
    doc = sf.to_document(state)
    as_of = sf.parse_as_of(state)
    ship = None
    try:
        ship = Shipment.model_validate(doc)
    except ValidationError as exc:
        sf.map_errors(state, exc)
    except InputError as exc:
        state.error(exc.field or "form", exc.message)
    if state.errors or ship is None:
        return _render(request, state, 422)
    done = pages._svc(request).evaluate(user.actor, ship, as_of, face="web")
    return _render(request, state, decision=done.decision.to_dict(), case_id=done.case_id)

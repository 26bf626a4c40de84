"""The shipment document page, ``/ui/shipment``: a prepared JSON or YAML document, pasted or
uploaded, evaluated (a refused document is shown with its error, never a blank page)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import Response

from tradeguard.errors import InputError
from tradeguard.inputs import load_document, upload_name
from tradeguard.shipments.model import parse_shipment
from tradeguard.web.routes import (
    OptText,
    _check_csrf,
    _page,
    _svc,
    _user,
)

router = APIRouter(prefix="/ui", include_in_schema=False)


# -- shipment ----------------------------------------------------------------------------------


@router.get("/shipment")
def shipment_form(request: Request) -> Response:
    user, sess = _user(request, "read")
    from tradeguard.web.entity import example_shipment

    return _page(
        request, "shipment.html", user, sess, text=example_shipment(), decision=None, error=None
    )


@router.post("/shipment")
def shipment_evaluate(
    request: Request,
    csrf: OptText = None,
    shipment: Annotated[str, Form(max_length=1_000_000)] = "",
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    user, sess = _user(request, "evaluate")
    _check_csrf(request, sess, csrf)
    text = shipment
    decision: dict[str, Any] | None = None
    error = None
    case_id = None
    try:
        source = None
        if file is not None and file.filename:
            source = upload_name(file.filename)
            text = file.file.read(1_000_001).decode("utf-8", "replace")
        raw = load_document(text, source=source)
        ship = parse_shipment(raw, source=source or "shipment")
        done = _svc(request).evaluate(user.actor, ship, face="web")
        decision, case_id = done.decision.to_dict(), done.case_id
    except InputError as exc:
        error = exc.describe()
    partial = request.headers.get("HX-Request") == "true"
    return _page(
        request,
        "_decision.html" if partial else "shipment.html",
        user,
        sess,
        text=text,
        decision=decision,
        case_id=case_id,
        error=error,
        status_code=422 if error else 200,
    )

"""Shipment evaluation (and, as they land, classification and exposure)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from tradeguard.api.deps import Services, Svc, require
from tradeguard.api.models import ClassifyRequest
from tradeguard.cases import alerts
from tradeguard.cases.users import User
from tradeguard.errors import InputError
from tradeguard.shipments import Evaluator, Shipment
from tradeguard.shipments.model import parse_as_of

router = APIRouter()
Evaluator_ = Annotated[User, Depends(require("evaluate"))]
Screener_ = Annotated[User, Depends(require("screen"))]
Classifier_ = Annotated[User, Depends(require("classify"))]


@router.post("/classify", tags=["items"])
async def classify(
    body: ClassifyRequest, svc: Svc, user: Classifier_, response: Response
) -> dict[str, Any]:
    """Classify an item against the control lists from CAS number, HS code, technical
    parameters and free text (as `tradeguard classify --json`). Audited (``X-Audit-Seq``)."""
    return await svc.decide(_classify, body, svc, user, response)


def _classify(
    body: ClassifyRequest, svc: Services, user: User, response: Response
) -> dict[str, Any]:
    from tradeguard.items import classify as classify_item

    for key, value in body.params.items():
        if len(key) > 100 or (isinstance(value, str) and len(value) > 200):
            raise InputError(
                "a parameter name has at most 100 characters, a value 200", field="params"
            )
    result = classify_item(
        body.description,
        cas=body.cas,
        hs=body.hs,
        params=body.params,
        jurisdiction=body.jurisdiction,
    ).to_dict()
    recorded = alerts.record_decision(
        svc.store,
        user.actor,
        "classify.api",
        "item",
        body.model_dump(mode="json"),
        result,
    )
    response.headers["X-Audit-Seq"] = str(recorded["audit_seq"])
    return result


@router.post("/evaluate", tags=["shipments"])
async def evaluate(
    shipment: Shipment,
    svc: Svc,
    user: Evaluator_,
    response: Response,
    as_of: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
) -> dict[str, Any]:
    """Evaluate a shipment: PROHIBITED, LICENCE_REQUIRED, REVIEW or CLEAR, with reasons.
    A decision that is not CLEAR opens a case (its id in the ``X-Case-Id`` header); every
    decision is an audit record (``X-Audit-Seq``)."""
    return await svc.decide(_evaluate, shipment, svc, user, response, as_of)


def _evaluate(
    shipment: Shipment, svc: Services, user: User, response: Response, as_of: str | None
) -> dict[str, Any]:
    evaluator: Evaluator = svc.evaluator()
    decision = evaluator.evaluate(shipment, parse_as_of(as_of)).to_dict()
    request = shipment.model_dump(mode="json", by_alias=True, exclude_none=True)
    subject = f"shipment:{shipment.id}" if shipment.id else "shipment"
    recorded = alerts.record_decision(
        svc.store, user.actor, "evaluate.api", subject, request, decision, open_if_not_clear=True
    )
    response.headers["X-Audit-Seq"] = str(recorded["audit_seq"])
    if recorded["case_id"] is not None:
        response.headers["X-Case-Id"] = str(recorded["case_id"])
    return decision


@router.get("/exposure", tags=["network"])
def exposure(
    svc: Svc,
    user: Screener_,
    q: Annotated[str, Query(min_length=1, max_length=300, description="Name or entity id")],
    depth: Annotated[int, Query(ge=1, le=6)] = 3,
) -> dict[str, Any]:
    """Paths from a party to designated entities, OFAC 50 % rule and EU ownership-or-control
    flags, and graph elements for a graph view (as `tradeguard exposure --json`)."""
    from tradeguard.network import exposure_for

    return exposure_for(svc.store, q, depth).to_dict()

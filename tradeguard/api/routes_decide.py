"""Shipment evaluation (and, as they land, classification and exposure)."""

from __future__ import annotations

import functools
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from tradeguard.accounts.users import User
from tradeguard.api.deps import Svc, require
from tradeguard.api.models import ClassifyRequest
from tradeguard.service.bodies import ClassificationOut, ExposureOut
from tradeguard.shipments import Shipment
from tradeguard.shipments.decision import Decision
from tradeguard.shipments.model import parse_as_of

router = APIRouter()
Evaluator_ = Annotated[User, Depends(require("evaluate"))]
Screener_ = Annotated[User, Depends(require("screen"))]
Classifier_ = Annotated[User, Depends(require("classify"))]


@router.post("/classify", tags=["items"], response_model=ClassificationOut)
async def classify(
    body: ClassifyRequest, svc: Svc, user: Classifier_, response: Response
) -> ClassificationOut:
    """Classify an item against the control lists from CAS number, HS code, technical
    parameters and free text (as `tradeguard classify --json`). Audited (``X-Audit-Seq``)."""
    done = await svc.decide(
        functools.partial(
            svc.classify,
            user.actor,
            body.description,
            cas=body.cas,
            hs=body.hs,
            params=body.params,
            jurisdiction=body.jurisdiction,
            face="api",
        )
    )
    response.headers["X-Audit-Seq"] = str(done.audit_seq)
    return done.body()


@router.post("/evaluate", tags=["shipments"], response_model=Decision)
async def evaluate(
    shipment: Shipment,
    svc: Svc,
    user: Evaluator_,
    response: Response,
    as_of: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None,
) -> Decision:
    """Evaluate a shipment: PROHIBITED, LICENCE_REQUIRED, REVIEW or CLEAR, with reasons.
    A decision that is not CLEAR opens a case (its id in the ``X-Case-Id`` header); every
    decision is an audit record (``X-Audit-Seq``)."""
    when = parse_as_of(as_of, field="as_of")
    done = await svc.decide(functools.partial(svc.evaluate, user.actor, shipment, when, face="api"))
    response.headers["X-Audit-Seq"] = str(done.audit_seq)
    if done.case_id is not None:
        response.headers["X-Case-Id"] = str(done.case_id)
    return done.decision


@router.get("/exposure", tags=["network"], response_model=ExposureOut)
def exposure(
    svc: Svc,
    user: Screener_,
    q: Annotated[str, Query(min_length=1, max_length=300, description="Name or entity id")],
    depth: Annotated[int, Query(ge=1, le=6)] = 3,
) -> ExposureOut:
    """Paths from a party to designated entities, OFAC 50 % rule and EU ownership-or-control
    flags, and graph elements for a graph view (as `tradeguard exposure --json`). An id, a
    party's exact name or a name screening gives to one party clearly (in any script) is
    traced from all the party's list copies (`resolved` true); any other name gives
    `candidates`, the parties it may mean, best first, to ask again by id (`resolved` false,
    `exposed` null)."""
    return svc.exposure(q, depth).body()

"""A shipment case held by a possible match on an asset-freeze list (a reason with
``params["hold"]``, as tradeguard.shipments.parties writes it for 檀君贸易公司 in Hong Kong and
Korea Tangun Trading Corporation, UN KPe.008): it cannot be given licence_obtained nor release
(409, through the API too) until a screening case of the party's name and one of its entries
is closed as a false positive by a second person; blocking it stays open. The REVIEW the hold
sets over a licence-requiring item still needs the licence (release is refused)."""

from __future__ import annotations

from typing import Any

import pytest

from tradeguard.accounts.errors import ConflictError
from tradeguard.cases import workflow as rv
from tradeguard.cases.workflow import open_case
from tradeguard.errors import InputError
from tradeguard.store import Store

from ..api.conftest import make_api
from .helpers import ADMIN, make_users

NAME = "檀君贸易公司"
ENTRIES = ["un_sc:KPe.008", "us_ofac_sdn:11599", "jp_meti_eul:386"]


def _decision(n: int) -> dict[str, Any]:
    hold = {
        "code": "POSSIBLE_MATCH",
        "severity": "review",
        "party": "end_user",
        "message": f"end_user {NAME!r} may be KOREAN TANGUN TRADING CORPORATION",
        "legal_basis": "possible hit",
        "params": {
            "role": "end_user",
            "name": NAME,
            "entity_id": "un_sc:KPe.008",
            "hold": True,
            "hold_lists": ["un_sc", "us_ofac_sdn", "jp_mof"],
        },
        "evidence": {
            "entity_id": "un_sc:KPe.008",
            "matched_entity_id": "un_sc:KPe.008",
            "memberships": [{"entity_id": e} for e in ENTRIES],
        },
    }
    licence = {"code": "LICENCE_REQUIRED", "severity": "licence_required", "params": {}}
    return {
        "shipment": f"JP-HK-HF-{n}",
        "decision": {"verdict": "REVIEW", "reasons": [hold, licence]},
    }


def _shipment_case(store: Store, n: int) -> int:
    with store.session() as session, session.begin():
        return open_case(
            session, ADMIN, kind="shipment", subject=f"shipment:JP-HK-HF-{n}", detail=_decision(n)
        )


def _screening_case(store: Store, name: str, entity: str) -> int:
    with store.session() as session, session.begin():
        return open_case(
            session,
            ADMIN,
            kind="screening",
            subject=name,
            detail={"query": {"name": name, "countries": ["HK"]}},
            counterparty_id="query:1",
            entity_id=entity,
            entity_digest="e" * 64,
            counterparty_digest="c" * 64,
            score=0.8939,
        )


def test_a_held_case_goes_only_after_the_hit_is_an_approved_false_positive(store: Store) -> None:
    made = make_users(store)
    ana, rita = made["ana"].actor, made["rita"].actor
    case = _shipment_case(store, 1)
    assert rv.get_case(store, case).outcomes() == ("block", "licence_obtained", "escalate")
    with pytest.raises(ConflictError, match="unresolved possible match") as err:
        rv.propose(store, ana, case, "licence_obtained", "licence granted", licence_ref="M-1")
    assert err.value.http_status == 409
    assert f"end_user '{NAME}' may be un_sc:KPe.008" in str(err.value)
    with pytest.raises(InputError, match="outcome is one of block, licence_obtained"):
        rv.propose(store, ana, case, "release", "goes")
    # a false positive on another entry, or only proposed, or of another name, does not resolve it
    other = _screening_case(store, NAME, "un_sc:KPe.001")
    rv.propose(store, ana, other, "false_positive", "not KOMID")
    rv.review(store, rita, other, "approve")
    pending = _screening_case(store, NAME, "un_sc:KPe.008")
    rv.propose(store, ana, pending, "false_positive", "a bakery in Mong Kok")
    with pytest.raises(ConflictError, match="unresolved possible match"):
        rv.propose(store, ana, case, "licence_obtained", "licence granted", licence_ref="M-1")
    rv.review(store, rita, pending, "approve")
    done = rv.propose(store, ana, case, "licence_obtained", "granted", licence_ref="M-1")
    assert done.status == "proposed"
    assert rv.review(store, rita, case, "approve").outcome == "licence_obtained"


def test_a_held_case_may_be_blocked(store: Store) -> None:
    made = make_users(store)
    case = _shipment_case(store, 2)
    rv.propose(store, made["ana"].actor, case, "block", "a DPRK front")
    assert rv.review(store, made["rita"].actor, case, "approve").outcome == "block"


def test_the_api_answers_409(store: Store) -> None:
    api = next(make_api(store))
    case = _shipment_case(api.store, 3)
    r = api.client.post(
        f"/cases/{case}/proposal",
        json={"proposal": "licence_obtained", "comment": "granted", "licence_ref": "M-1"},
        headers=api.auth("ana"),
    )
    assert r.status_code == 409, r.text
    assert "unresolved possible match" in r.json()["detail"]

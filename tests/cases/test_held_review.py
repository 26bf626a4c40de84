"""A shipment held by a possible match on an asset-freeze list, evaluated again after the
review: a screening case of the party's name and entry closed as an approved false positive
makes the decision say the match was dismissed (by which case, reviewer and date) and no
longer hold the shipment (tradeguard.service.reviews, on SQLite and PostgreSQL). A false
positive only proposed, or on another entry, leaves it held."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from tradeguard.cases import workflow as rv
from tradeguard.cases.holds import hold_refusal
from tradeguard.policy.reasons import Reason
from tradeguard.service.reviews import reviewed
from tradeguard.shipments.decision import Decision
from tradeguard.store import Store

from .helpers import make_users
from .test_held import ENTRIES, NAME, _screening_case


def _held() -> Decision:
    hold = Reason(
        code="POSSIBLE_MATCH",
        severity="review",
        party="end_user",
        message=f"end_user {NAME!r} may be KOREAN TANGUN TRADING CORPORATION (un_sc:KPe.008) "
        "on un_sc, score 0.89; if so, it is the designated party on ...",
        legal_basis="possible hit",
        params={
            "role": "end_user",
            "name": NAME,
            "caption": "KOREAN TANGUN TRADING CORPORATION",
            "entity_id": "un_sc:KPe.008",
            "list": "un_sc",
            "score": 0.89,
            "hold": True,
            "hold_lists": ["un_sc", "us_ofac_sdn", "jp_mof"],
        },
        evidence={
            "entity_id": "un_sc:KPe.008",
            "memberships": [{"entity_id": e} for e in ENTRIES],
            "hold": True,
        },
    )
    licence = Reason(
        code="LICENCE_REQUIRED",
        severity="licence_required",
        message="JP export of 1C350 to HK needs a licence",
        legal_basis="FEFTA Art. 48",
    )
    return Decision(
        shipment_id="JP-HK-HF-9",
        verdict="REVIEW",
        as_of="2026-12-06",
        exporting_jurisdiction="JP",
        destination="HK",
        reasons=[hold, licence],
        policy_version="t",
    )


def _refusal(decision: Decision, store: Store) -> str | None:
    detail = json.dumps({"decision": decision.to_dict()})
    with store.session() as session:
        return hold_refusal(session, "shipment", detail, "licence_obtained")


def test_a_dismissed_hit_no_longer_holds_the_decision(store: Store) -> None:
    made = make_users(store)
    ana, rita = made["ana"].actor, made["rita"].actor
    held = _held()
    assert reviewed(store, held) is held  # no case: nothing read changes it
    other = _screening_case(store, NAME, "un_sc:KPe.001")  # another entry: not this hit
    rv.propose(store, ana, other, "false_positive", "not KOMID")
    rv.review(store, rita, other, "approve")
    pending = _screening_case(store, NAME.join("  "), "us_ofac_sdn:11599")
    rv.propose(store, ana, pending, "false_positive", "a bakery in Mong Kok")
    still = reviewed(store, held)
    assert still.verdict == "REVIEW" and still.reasons[0].params["hold"] is True
    assert _refusal(still, store) is not None
    rv.review(store, rita, pending, "approve")
    today = datetime.now(UTC).date().isoformat()
    after = reviewed(store, held)
    assert after.verdict == "LICENCE_REQUIRED", after.reasons
    [hit] = [r for r in after.reasons if r.code == "POSSIBLE_MATCH"]
    assert hit.severity == "info" and "hold" not in hit.params and "hold" not in hit.evidence
    assert hit.params["form"] == "dismissed"
    assert (hit.params["case"], hit.params["reviewer"]) == (pending, "rita")
    assert hit.message == (
        f"end_user {NAME!r} may be KOREAN TANGUN TRADING CORPORATION (un_sc:KPe.008) on un_sc, "
        f"score 0.89: possible match dismissed by review (case {pending}, reviewer rita, "
        f"{today})"
    )
    assert hit.evidence["dismissed"] == {"case": pending, "reviewer": "rita", "reviewed_on": today}
    assert after.reasons[0].code == "LICENCE_REQUIRED"
    assert _refusal(after, store) is None

"""The shipment evaluator raises a reason for a party with exposure (the network's hook)."""

from __future__ import annotations

import pickle
from pathlib import Path

from tradeguard.network.shipments import exposure_check
from tradeguard.shipments import Evaluator, load_shipment
from tradeguard.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "shipments"


def test_consignee_with_exposure_gets_a_review_reason(loaded_store: Store) -> None:
    shipment = load_shipment(EXAMPLES / "jp-kr-hydrogen-fluoride.yaml")
    plain = Evaluator().evaluate(shipment)
    assert not any(r.code == "NETWORK_EXPOSURE" for r in plain.reasons)
    exposed = shipment.model_copy(
        update={
            "consignee": shipment.consignee.model_copy(update={"name": "International Trading"})
        }
    )
    decision = Evaluator(exposure=exposure_check(loaded_store)).evaluate(exposed)
    reasons = [r for r in decision.reasons if r.code == "NETWORK_EXPOSURE"]
    assert len(reasons) == 1
    reason = reasons[0]
    assert reason.party == "consignee" and reason.severity == "review"
    assert reason.evidence["shortest"] == "un_sc:KPe.039"
    assert reason.verified is False  # the path rests on press reporting
    assert decision.verdict in ("REVIEW", "PROHIBITED", "LICENCE_REQUIRED")


def test_hook_pickles_with_its_snapshot_not_the_store(loaded_store: Store) -> None:
    shipment = load_shipment(EXAMPLES / "jp-kr-hydrogen-fluoride.yaml")
    exposed = shipment.model_copy(
        update={
            "consignee": shipment.consignee.model_copy(update={"name": "International Trading"})
        }
    )
    hook = exposure_check(loaded_store)  # not read yet: pickling reads the network first
    copy = pickle.loads(pickle.dumps(hook))
    assert copy.load()[1] == hook.load()[1]  # the same revision
    got = Evaluator(exposure=copy).evaluate(exposed)
    assert got.model_dump() == Evaluator(exposure=hook).evaluate(exposed).model_dump()
    assert [r.evidence["shortest"] for r in got.reasons if r.code == "NETWORK_EXPOSURE"] == [
        "un_sc:KPe.039"
    ]

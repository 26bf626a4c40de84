"""Japan's export approval (承認) for Russia and Belarus: FEFTA Art. 48(3), Export Trade Control
Order Art. 2(1)(i)-4 and (i)-3 with Appended Table 2-3, whose item 一 is every good of Appended
Table 1 rows 1-15; goods designated by ordinance (items 一の二 to 三) are left for review."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradeguard.policy import EntryFacts, ItemFacts, PolicyEngine, load_policy
from tradeguard.policy.reasons import Verdict
from tradeguard.shipments import Evaluator, load_shipment

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shipments"
ON = date(2026, 12, 6)
HF = ItemFacts(line=1, entries=(EntryFacts("1C350.24"),), quantity=1)
MACHINE = ItemFacts(
    line=1, entries=(EntryFacts("2B001.a"),), value=20_000, currency="JPY", quantity=1
)
PLAIN = ItemFacts(line=1, description="hydrofluoric acid 25 %", hs="281111")


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def test_listed_goods_to_russia_need_approval_and_an_individual_licence(
    engine: PolicyEngine,
) -> None:
    approval, licence = engine.licensing("JP", "RU", HF, [], ON)
    assert approval.code == "APPROVAL_REQUIRED"
    assert approval.severity == "licence_required"
    assert "承認" in approval.message
    assert "Art. 48(3)" in approval.legal_basis
    assert "Art. 2(1)(i)-4" in approval.legal_basis
    assert "ロシアを仕向地とする輸出" in approval.evidence["quote"]
    assert licence.code == "LICENCE_REQUIRED"
    assert licence.evidence["licence_type_required"] == "individual"
    assert "bulk" not in licence.message


def test_the_low_value_exemption_leaves_the_approval(engine: PolicyEngine) -> None:
    codes = [r.code for r in engine.licensing("JP", "RU", MACHINE, [], ON)]
    assert codes == ["APPROVAL_REQUIRED", "LICENCE_EXEMPT_LOW_VALUE"]


def test_before_the_measure_and_elsewhere_no_approval(engine: PolicyEngine) -> None:
    assert [r.code for r in engine.licensing("JP", "RU", HF, [], date(2022, 3, 17))] == [
        "LICENCE_REQUIRED"
    ]
    assert [r.code for r in engine.licensing("JP", "CN", HF, [], ON)] == ["LICENCE_REQUIRED"]


def test_belarus_needs_approval_for_listed_goods(engine: PolicyEngine) -> None:
    [approval, _] = engine.licensing("JP", "BY", HF, [], ON)
    assert approval.code == "APPROVAL_REQUIRED"
    assert "Art. 2(1)(i)-3" in approval.legal_basis


def test_a_non_listed_good_to_russia_is_left_for_review(engine: PolicyEngine) -> None:
    [reason] = engine.catch_all("JP", "RU", PLAIN, None, [], ON)
    assert reason.code == "APPROVAL_UNDECIDED"
    assert reason.severity == "review"
    assert "(61)" in reason.message
    assert engine.catch_all("JP", "CN", PLAIN, None, [], ON) == []


@pytest.mark.parametrize(
    ("name", "verdict", "code"),
    [
        ("jp-ru-hydrogen-fluoride-55.yaml", Verdict.LICENCE_REQUIRED, "APPROVAL_REQUIRED"),
        ("jp-ru-hydrogen-fluoride-25.yaml", Verdict.REVIEW, "APPROVAL_UNDECIDED"),
    ],
)
def test_the_trial_shipments(name: str, verdict: Verdict, code: str) -> None:
    decision = Evaluator().evaluate(load_shipment(FIXTURES / name))
    assert decision.verdict == verdict
    assert code in [r.code for r in decision.reasons]

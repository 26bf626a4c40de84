"""Korean individual-licence documents against FACTS_KR.md (a trial user's KR->JP hydrogen
fluoride): 3 documents to Japan in 가 since 2023-04-24, 5 in 가의2 (2019-09-18 to 2023-04-23), and
no AG end-user pledge for an AG item to an AG member (Notice Art. 21(4) waives items 4 and 6)."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.policy import EntryFacts, ItemFacts, PolicyEngine, load_policy

HF = ItemFacts(line=1, entries=(EntryFacts("1C350.24"),), quantity=1)


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def _documents(engine: PolicyEngine, dest: str, on: date) -> list[str]:
    reason = engine.licensing("KR", dest, HF, [], on)[-1]
    return list(reason.evidence["documents"])


@pytest.mark.parametrize(("on", "count"), [(date(2026, 12, 6), 3), (date(2020, 6, 1), 5)])
def test_japan_document_counts(engine: PolicyEngine, on: date, count: int) -> None:
    docs = _documents(engine, "JP", on)
    assert len(docs) == count, docs
    assert not any(d.startswith("AUSTRALIA") for d in docs)
    assert not any(d.startswith(("4.", "6.")) for d in docs)


def test_a_non_member_still_gets_the_full_set_and_the_ag_assurance(engine: PolicyEngine) -> None:
    docs = _documents(engine, "CN", date(2026, 12, 6))
    assert any(d.startswith("AUSTRALIA") for d in docs)
    assert any(d.startswith("6.") for d in docs)

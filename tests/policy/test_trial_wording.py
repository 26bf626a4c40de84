"""Wording a trial user found wrong: the Korean Russia/Belarus annex's legal basis cited twice,
an uncounted tranche written "count not published items", and the server's route table naming
only the screening outcomes of a case proposal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tradeguard.cases.states import OUTCOMES
from tradeguard.policy import ItemFacts, PolicyEngine, load_policy

ROOT = Path(__file__).resolve().parents[2]
LAPTOP = ItemFacts(line=1, description="laptop", hs="847130")


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


@pytest.mark.parametrize("on", [date(2026, 12, 6), date(2023, 1, 1)])
def test_the_annex_basis_cites_the_article_once(engine: PolicyEngine, on: date) -> None:
    [reason] = engine.catch_all("KR", "RU", LAPTOP, None, [], on)
    assert reason.code == "KR_ANNEX2_2_UNDECIDED"
    assert reason.legal_basis.count("item 13") == 1


def test_an_uncounted_tranche_is_worded_as_such(engine: PolicyEngine) -> None:
    [reason] = engine.catch_all("KR", "RU", LAPTOP, None, [], date(2026, 12, 6))
    assert "its count not published;" in reason.message
    assert "count not published items" not in reason.message
    [older] = engine.catch_all("KR", "RU", LAPTOP, None, [], date(2023, 1, 1))
    assert ": 57 items;" in older.message


def test_the_route_table_names_every_outcome() -> None:
    text = (ROOT / "docs" / "server.md").read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "POST /cases/{id}/proposal" in line)
    for outcomes in OUTCOMES.values():
        assert "\\|".join(str(o) for o in outcomes) in row

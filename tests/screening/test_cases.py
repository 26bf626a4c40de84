"""Table-driven screening cases on real list entries (see cases.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tradeguard.screening import Query, Screener

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[f"{c['query']} ({c['why']})" for c in CASES])
def test_case(screener: Screener, case: dict[str, Any]) -> None:
    matches = screener.screen(Query(case["query"], schema=case.get("type")), limit=20)
    # an entry is found when the party it belongs to is (one result per party)
    found = {x["entity_id"]: m for m in matches for x in m.memberships}
    found.update({m.entity_id: m for m in matches})
    if "expect" in case:
        assert case["expect"] in found, [(m.entity_id, round(m.score, 3)) for m in matches]
        match = found[case["expect"]]
        assert 0.0 <= match.score <= 1.0
        assert match.explanation["name"]["tokens"], "a name match explains its tokens"
    for entity_id in case.get("absent", []):
        assert entity_id not in found, found[entity_id].explanation

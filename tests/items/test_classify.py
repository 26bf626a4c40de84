from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tradeguard.errors import InputError
from tradeguard.items import classify

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    result = classify(
        case.get("description"),
        cas=case.get("cas"),
        hs=case.get("hs"),
        params=case.get("params"),
        jurisdiction=case.get("jurisdiction", "EU"),
    )
    assert result.controlled is case["controlled"], result.to_dict()
    codes = [e.code for e in result.entries]
    if "entry" in case:
        assert case["entry"] in codes
        entry = next(e for e in result.entries if e.code == case["entry"])
        if case["controlled"] is True:
            assert entry.status == "controlled"
    if "entries" in case:
        assert codes == case["entries"]
    if "missing" in case:
        assert result.missing_parameters == case["missing"]
    if "national_code" in case:
        assert result.entries[0].national_code == case["national_code"]


def test_json_shape() -> None:
    data = classify("hydrogen fluoride", cas="7664-39-3").to_dict()
    assert data["controlled"] is True
    entry = data["entries"][0]
    for key in (
        "code",
        "regimes",
        "title",
        "reasons_for_control",
        "confidence",
        "why",
        "missing_parameters",
    ):
        assert key in entry
    assert entry["code"] == "1C350.24"
    assert entry["regimes"] == ["Australia Group"]
    assert data["knowledge_base_version"]


def test_us_reasons_for_control() -> None:
    result = classify(cas="7664-39-3", jurisdiction="US")
    assert result.entries[0].reasons_for_control == ["CB", "AT"]
    resist = classify("EUV photoresist", jurisdiction="US")
    assert resist.entries[0].reasons_for_control == ["NS", "AT"]


def test_text_suggestions_do_not_decide() -> None:
    # a trade word of a use (a synonym of 1C350.24) suggests it; "anhydrous HF", a synonym
    # that names the chemical, decides it (tests/items/test_naming_decides.py)
    result = classify("etching gas")
    assert result.controlled is None
    assert result.entries[0].code == "1C350.24"
    assert result.entries[0].status == "suggestion"
    assert "cas" in result.entries[0].missing_parameters
    assert all(e.status == "suggestion" for e in result.entries)


def test_other_jurisdiction_uses_multilateral_numbering() -> None:
    result = classify(cas="7664-39-3", jurisdiction="jp")
    assert result.jurisdiction == "JP"
    assert result.controlled is True
    assert "not modelled" in result.entries[0].why


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"cas": "7664-39-4"}, "check digit"),
        ({"hs": "123456"}, "unknown HS code"),
        ({"description": "x", "params": {"bogus": 1}}, "unknown parameter"),
        ({"description": "x", "params": {"fluorine_pct": "3 widgets"}}, "unknown unit"),
        ({}, "nothing to classify"),
        ({"cas": "7664-39-3", "jurisdiction": "Europe"}, "unknown jurisdiction"),
    ],
)
def test_bad_input(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        classify(**kwargs)

"""The smaller verdict-changing errors: UN DPRK luxury watches and lead crystal narrower than HS
9102 and 7013, the condensate ban without natural gas, the rare-earth ban on 2805.30 only, the UN
WMD catch-all from res. 2094 (2013-03-07), the CWC Schedule 2 tag of 1C350.5/.26/.36, and Korea's
가 region (Ukraine in, Iceland out)."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.items import get_entry
from tradeguard.policy import ItemFacts, PolicyEngine, RouteFacts, load_policy

ON = date(2026, 1, 1)
TO = RouteFacts(to_dprk=True)
FROM = RouteFacts(from_dprk=True)


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def _codes(
    engine: PolicyEngine, hs: str, route: RouteFacts, text: str = "", on: date = ON
) -> set[str]:
    item = ItemFacts(line=1, description=text, hs=hs, quantity=1, value=5000, currency="USD")
    return {r.code for r in engine.un_dprk(item, route, on)}


@pytest.mark.parametrize(
    ("hs", "luxury"),
    [
        ("910111", True),  # wrist-watch, case of precious metal
        ("910211", False),  # wrist-watch, case of other material
        ("910291", False),
        ("701322", True),  # stemware of lead crystal
        ("701341", True),
        ("701391", True),
        ("701328", False),  # stemware, not lead crystal
        ("701349", False),
        ("701399", False),
    ],
)
def test_luxury_watches_and_lead_crystal(engine: PolicyEngine, hs: str, luxury: bool) -> None:
    assert ("UN_DPRK_LUXURY_GOODS" in _codes(engine, hs, TO)) is luxury


@pytest.mark.parametrize(
    ("hs", "text", "banned"),
    [
        ("271111", "liquefied natural gas", False),
        ("271121", "natural gas, gaseous", False),
        ("271112", "propane (natural gas liquid)", True),
        ("271113", "butanes", True),
        ("270900", "natural gas condensate", True),
        ("270900", "crude petroleum oil", False),  # capped, not banned
    ],
)
def test_condensates_and_ngl_not_natural_gas(
    engine: PolicyEngine, hs: str, text: str, banned: bool
) -> None:
    assert ("UN_DPRK_EXPORT_BAN" in _codes(engine, hs, TO, text)) is banned


@pytest.mark.parametrize(
    ("hs", "banned"),
    [("280530", True), ("280511", False), ("280519", False), ("280540", False), ("284690", True)],
)
def test_rare_earth_ban_is_2805_30_only(engine: PolicyEngine, hs: str, banned: bool) -> None:
    assert ("UN_DPRK_IMPORT_BAN" in _codes(engine, hs, FROM)) is banned


def test_un_wmd_catch_all_from_resolution_2094(engine: PolicyEngine) -> None:
    assert "UN_DPRK_CATCH_ALL" in _codes(engine, "392690", TO, on=date(2013, 3, 7))
    assert "UN_DPRK_CATCH_ALL" in _codes(engine, "392690", TO, on=date(2015, 1, 1))
    assert "UN_DPRK_CATCH_ALL" not in _codes(engine, "392690", TO, on=date(2013, 3, 6))
    rule = load_policy().un.dprk.catch_all
    assert "2094 (2013) para. 20" in rule.legal_basis


@pytest.mark.parametrize("code", ["1C350.5", "1C350.26", "1C350.36"])
def test_cwc_schedule_2_tag(code: str) -> None:
    assert "CWC Schedule 2" in get_entry(code).regimes


@pytest.mark.parametrize(
    ("country", "on", "group"),
    [
        ("UA", date(2026, 1, 1), "가"),
        ("IS", date(2026, 1, 1), "나의1"),
        ("UA", date(2020, 1, 1), "가의1"),
        ("IS", date(2020, 1, 1), "나의1"),
        ("UA", date(2018, 1, 1), "가"),
    ],
)
def test_korea_ga_region_members(engine: PolicyEngine, country: str, on: date, group: str) -> None:
    assert engine.group("KR", country, on)[0] == group


def test_korea_ga_region_has_29_countries() -> None:
    # 29 countries plus 4 US territories (GU, MP, VI, PR; FACTS_KR.md §1.4)
    territories = {"GU", "MP", "VI", "PR"}
    for record in load_policy().jurisdictions["KR"].groups:
        if record.group == "가":
            assert len(set(record.countries) - territories) == 29
            assert "IS" not in record.countries

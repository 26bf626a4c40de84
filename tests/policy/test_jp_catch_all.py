"""Japan's catch-all, Export Trade Control Order Art. 4(1)(iii)–(iv) as amended by Cabinet Order
No. 175 of 2025 (in force 2025-10-09): row 16(1) goods meet the conventional-weapons test (ハ) for
every destination outside Appended Table 3, row 16(2) goods only for Appended Table 3-2; the WMD
test (イ) and both inform requirements (ロ, ニ) apply to both rows outside Appended Table 3."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.policy import ItemFacts, PolicyEngine, Reason, load_policy

AFTER = date(2026, 1, 1)
BEFORE = date(2025, 10, 8)
IC = ItemFacts(line=1, description="microcontroller", hs="854231")  # row 16(1) item 8
RESIN = ItemFacts(line=1, description="polyethylene pellets", hs="390110")  # row 16(2), ch. 39
HORSE = ItemFacts(line=1, description="racehorse", hs="010121")  # chapter 1: no row 16


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def _one(reasons: list[Reason]) -> tuple[str, str, object]:
    assert len(reasons) == 1, reasons
    r = reasons[0]
    return r.code, r.legal_basis, r.evidence.get("row", "")


def test_16_1_conventional_test_for_every_non_group_a_destination_from_2025_10_09(
    engine: PolicyEngine,
) -> None:
    code, basis, row = _one(engine.catch_all("JP", "CN", IC, "for the army", [], AFTER))
    assert (code, row) == ("CATCH_ALL_MILITARY", "16(1)")
    assert "Art. 4(1)(iii)(ハ)" in basis
    # before the amendment the conventional test reached Appended Table 3-2 destinations only
    assert engine.catch_all("JP", "CN", IC, "for the army", [], BEFORE) == []
    code, basis, row = _one(engine.catch_all("JP", "SD", IC, "for the army", [], BEFORE))
    assert (code, row) == ("CATCH_ALL_MILITARY", "16")
    assert "(ハ)" in basis and "before Cabinet Order No. 175 of 2025" in basis


def test_16_2_conventional_test_only_for_appended_table_3_2(engine: PolicyEngine) -> None:
    assert engine.catch_all("JP", "CN", RESIN, "for the army", [], AFTER) == []
    code, basis, row = _one(engine.catch_all("JP", "SD", RESIN, "for the army", [], AFTER))
    assert (code, row) == ("CATCH_ALL_MILITARY", "16(2)")
    assert "Art. 4(1)(iv)(ハ)" in basis


def test_conventional_rule_is_not_cited_as_the_wmd_inform(engine: PolicyEngine) -> None:
    for item, dest in ((IC, "CN"), (RESIN, "SD"), (IC, "SD")):
        for on in (AFTER, BEFORE):
            for r in engine.catch_all("JP", dest, item, "for the army", [], on):
                assert "(ロ)" not in r.legal_basis
                assert "(ハ)" in r.legal_basis


def test_wmd_objective_test_cites_the_row_of_the_goods(engine: PolicyEngine) -> None:
    code, basis, row = _one(engine.catch_all("JP", "CN", IC, "uranium enrichment plant", [], AFTER))
    assert (code, row) == ("CATCH_ALL_WMD", "16(1)")
    assert "Art. 4(1)(iii)(イ)" in basis
    code, basis, row = _one(
        engine.catch_all("JP", "CN", RESIN, "uranium enrichment plant", [], AFTER)
    )
    assert (code, row) == ("CATCH_ALL_WMD", "16(2)")
    assert "Art. 4(1)(iv)(イ)" in basis
    code, _, _ = _one(engine.catch_all("JP", "CN", RESIN, "water supply", ["jp_meti_eul"], AFTER))
    assert code == "CATCH_ALL_END_USER"


def test_inform_requirements_apply_outside_group_a(engine: PolicyEngine) -> None:
    told = frozenset({"conventional"})
    code, basis, _ = _one(engine.catch_all("JP", "CN", RESIN, None, [], AFTER, informed=told))
    assert code == "CATCH_ALL_INFORMED"
    assert "Art. 4(1)(iv)(ニ)" in basis
    code, basis, _ = _one(
        engine.catch_all("JP", "VN", IC, None, [], AFTER, informed=frozenset({"wmd"}))
    )
    assert (code, basis) == ("CATCH_ALL_INFORMED", "Export Trade Control Order Art. 4(1)(iii)(ロ)")
    assert engine.catch_all("JP", "CN", RESIN, None, [], AFTER) == []


def test_appended_table_3_destinations_need_a_licence_only_when_informed(
    engine: PolicyEngine,
) -> None:
    told = frozenset({"conventional"})
    code, basis, _ = _one(engine.catch_all("JP", "US", IC, None, [], AFTER, informed=told))
    assert code == "CATCH_ALL_INFORMED"
    assert "Art. 1(3)" in basis and "Art. 4(2)(iii)(ロ)" in basis
    # the objective tests do not reach Appended Table 3, nor did the informs before 2025-10-09
    assert engine.catch_all("JP", "US", IC, "uranium enrichment plant", [], AFTER) == []
    assert engine.catch_all("JP", "US", IC, "for the army", ["jp_meti_eul"], AFTER) == []
    assert engine.catch_all("JP", "US", IC, None, [], BEFORE, informed=told) == []


def test_goods_outside_row_16_are_not_caught(engine: PolicyEngine) -> None:
    reasons = engine.catch_all("JP", "CN", HORSE, "ballistic missile", [], AFTER)
    assert [(r.code, r.severity) for r in reasons] == [("CATCH_ALL_NOT_APPLICABLE", "info")]


def test_unknown_or_short_hs_is_taken_as_the_stricter_row(engine: PolicyEngine) -> None:
    for hs in (None, "85", "8542"):
        item = ItemFacts(line=1, description="part", hs=hs)
        _, _, row = _one(engine.catch_all("JP", "CN", item, "for the army", [], AFTER))
        assert row == "16(1)"
    pump = ItemFacts(line=1, description="pump", hs="841370")
    assert engine.catch_all("JP", "CN", pump, "for the army", [], AFTER) == []


def test_reasons_carry_the_quoted_sentence(engine: PolicyEngine) -> None:
    r = engine.catch_all("JP", "CN", IC, "for the army", [], AFTER)[0]
    assert "別表第一の一の項の中欄に掲げる貨物" in str(r.evidence["quote"])
    assert str(r.evidence["quote_in"]).startswith("jp/324CO0000000378")

"""Japan's low-value exemption (Export Trade Control Order Art. 4(1)(v), 少額特例) for rows 5-13
and 15, and the bulk licences: general (一般包括) for Group A, special general (特別一般包括) also
for Groups B and C, individual only for Group D."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.policy import EntryFacts, ItemFacts, LicenceFacts, PolicyEngine, load_policy

ON = date(2026, 1, 1)
MACHINE = EntryFacts("2B001.a")  # Wassenaar category 2: row 6
POLYIMIDE = EntryFacts("1C009.b")  # category 1: row 5
HF = EntryFacts("1C350.24")  # Australia Group: row 3


def item(entry: EntryFacts, value: float | None, currency: str | None = "JPY") -> ItemFacts:
    return ItemFacts(line=1, entries=(entry,), value=value, currency=currency, quantity=1)


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


def code(engine: PolicyEngine, dest: str, it: ItemFacts, **kw: object) -> str:
    [reason] = engine.licensing("JP", dest, it, [], ON, **kw)
    return reason.code


@pytest.mark.parametrize(
    ("entry", "value", "currency", "expected"),
    [
        (MACHINE, 800_000, "JPY", "LICENCE_EXEMPT_LOW_VALUE"),  # row 6: JPY 1,000,000 sure
        (MACHINE, 1_000_000, "JPY", "LICENCE_EXEMPT_LOW_VALUE"),
        (MACHINE, 1_000_001, "JPY", "LICENCE_REQUIRED"),
        (MACHINE, 5_000, "USD", "LICENCE_REQUIRED"),  # not in yen: not assessed
        (MACHINE, 5_000, None, "LICENCE_REQUIRED"),
        (MACHINE, None, "JPY", "LICENCE_REQUIRED"),
        (POLYIMIDE, 50_000, "JPY", "LICENCE_EXEMPT_LOW_VALUE"),  # under the reduced threshold
        (POLYIMIDE, 300_000, "JPY", "LICENCE_EXEMPTION_UNDECIDED"),  # Table 3-3 by METI notice
        (HF, 10_000, "JPY", "LICENCE_REQUIRED"),  # row 3 has no low-value exemption
    ],
)
def test_low_value_exemption_thresholds(
    engine: PolicyEngine,
    entry: EntryFacts,
    value: float | None,
    currency: str | None,
    expected: str,
) -> None:
    assert code(engine, "CN", item(entry, value, currency)) == expected


def test_low_value_exemption_conditions(engine: PolicyEngine) -> None:
    cheap = item(MACHINE, 20_000)
    assert code(engine, "IR", cheap) == "LICENCE_REQUIRED"  # Appended Table 4
    assert code(engine, "KP", cheap) == "LICENCE_REQUIRED"
    assert code(engine, "CN", cheap, end_use="uranium enrichment") == "LICENCE_REQUIRED"
    assert code(engine, "CN", cheap, end_user_lists=["jp_meti_eul"]) == "LICENCE_REQUIRED"
    # the conventional test (ハ) withholds it only for Appended Table 3-2 destinations
    assert code(engine, "CN", cheap, end_use="for the army") == "LICENCE_EXEMPT_LOW_VALUE"
    assert code(engine, "SD", cheap, end_use="for the army") == "LICENCE_REQUIRED"
    assert code(engine, "SD", cheap) == "LICENCE_EXEMPT_LOW_VALUE"
    # Appended Table 3: only the informs withhold it
    assert code(engine, "US", cheap, end_use="uranium enrichment") == "LICENCE_EXEMPT_LOW_VALUE"
    assert code(engine, "US", cheap, informed=frozenset({"wmd"})) == "LICENCE_REQUIRED"


def test_exemption_reason_quotes_article_4_1_v(engine: PolicyEngine) -> None:
    [reason] = engine.licensing("JP", "CN", item(MACHINE, 800_000), [], ON)
    assert reason.severity == "info"
    assert reason.legal_basis.startswith("Export Trade Control Order Art. 4(1)(v)")
    assert "総価額が百万円" in str(reason.evidence["quote"])
    assert reason.evidence["rows"] == ["6"]


BULK = LicenceFacts("METI-BULK-1", "JP", "general")
INDIVIDUAL = LicenceFacts("METI-IND-1", "JP", "individual")


@pytest.mark.parametrize(
    ("dest", "licences", "expected", "required"),
    [
        ("US", [BULK], "LICENCE_COVERED", "general"),  # group A
        ("CN", [INDIVIDUAL], "LICENCE_COVERED", "individual_or_conditional_bulk"),  # group C
        ("CN", [BULK], "LICENCE_TYPE_UNDECIDED", "individual_or_conditional_bulk"),
        ("CN", [], "LICENCE_REQUIRED", "individual_or_conditional_bulk"),
        ("SD", [BULK], "LICENCE_REQUIRED", "individual"),  # group D: individual only
        ("IR", [INDIVIDUAL], "LICENCE_COVERED", "individual"),
    ],
)
def test_bulk_licences_by_group(
    engine: PolicyEngine,
    dest: str,
    licences: list[LicenceFacts],
    expected: str,
    required: str,
) -> None:
    big = item(POLYIMIDE, 5_000_000)
    [reason] = engine.licensing("JP", dest, big, licences, ON)
    assert reason.code == expected
    assert reason.evidence["licence_type_required"] == required
    if required == "individual_or_conditional_bulk" and expected != "LICENCE_COVERED":
        assert "特別一般包括許可" in reason.message


def test_korea_group_b_bulk_licence_with_and_without_the_2019_measure(engine: PolicyEngine) -> None:
    hf = ItemFacts(line=1, cas="7664-39-3", entries=(HF,))
    # 2019-09-01: Group B and the three-item measure: individual licence only
    [r] = engine.licensing("JP", "KR", hf, [BULK], date(2019, 9, 1))
    assert (r.code, r.evidence["licence_type_required"]) == ("LICENCE_REQUIRED", "individual")
    # 2023-05-01: still Group B, the measure lifted: a special general bulk licence may serve
    [r] = engine.licensing("JP", "KR", hf, [BULK], date(2023, 5, 1))
    assert r.code == "LICENCE_TYPE_UNDECIDED"
    [r] = engine.licensing("JP", "KR", hf, [BULK], date(2023, 8, 1))
    assert r.code == "LICENCE_COVERED"

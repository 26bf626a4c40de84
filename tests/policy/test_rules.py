"""Policy rules on their own: groups by date, UN DPRK bans both ways, luxury goods, caps, arms
embargo, licensing by jurisdiction and catch-all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from tradeguard.errors import InputError
from tradeguard.policy import (
    EntryFacts,
    ItemFacts,
    LicenceFacts,
    PolicyEngine,
    RouteFacts,
    load_policy,
    verdict_of,
)
from tradeguard.policy.load import DATA_DIR

HF = EntryFacts("1C350.24", ("AG",), ())
HF_US = EntryFacts("1C350.24", ("AG",), ("CB2", "AT1"), national_code="1C350.d.15")
PI = EntryFacts("1C009.b", ("WA",), ("NS2", "AT1"))
RESIST = EntryFacts("3C002.a.2", ("WA",), ("NS2", "AT1"))


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


@pytest.mark.parametrize(
    ("on", "group"),
    [
        ("2019-07-01", "A"),
        ("2019-08-27", "A"),
        ("2019-08-28", "B"),
        ("2023-07-20", "B"),
        ("2023-07-21", "A"),
        ("2026-01-01", "A"),
    ],
)
def test_japan_group_of_korea_by_date(engine: PolicyEngine, on: str, group: str) -> None:
    assert engine.group("JP", "KR", date.fromisoformat(on))[0] == group


def test_japan_groups_from_appended_tables(engine: PolicyEngine) -> None:
    today = date(2026, 1, 1)
    assert engine.group("JP", "US", today)[0] == "A"
    assert engine.group("JP", "KP", today)[0] == "D"
    assert engine.group("JP", "IR", today)[0] == "D"  # Appended Table 4
    assert engine.group("JP", "CN", today)[0] == "C"


def test_korea_ga_regions_history(engine: PolicyEngine) -> None:
    assert engine.group("KR", "JP", date(2019, 1, 1))[0] == "가"
    assert engine.group("KR", "JP", date(2020, 1, 1))[0] == "가의2"
    assert engine.group("KR", "US", date(2020, 1, 1))[0] == "가의1"
    assert engine.group("KR", "JP", date(2023, 5, 1))[0] == "가"
    assert engine.group("KR", "CN", date(2023, 5, 1))[0] == "나의1"


def test_hf_japan_to_korea_before_and_after(engine: PolicyEngine) -> None:
    item = ItemFacts(line=1, hs="281111", cas="7664-39-3", entries=(HF,))
    bulk = [LicenceFacts("JP-BULK-1", "JP", "general")]
    before = engine.licensing("JP", "KR", item, bulk, date(2019, 6, 1))
    assert [r.code for r in before] == ["LICENCE_COVERED"]
    after = engine.licensing("JP", "KR", item, bulk, date(2019, 9, 1))
    assert [r.code for r in after] == ["LICENCE_REQUIRED"]
    assert after[0].evidence["licence_type_required"] == "individual"
    assert after[0].evidence["destination_group"] == "B"
    # the 3-item measure applied from 2019-07-04, before Korea left group A
    july = engine.licensing("JP", "KR", item, bulk, date(2019, 7, 10))
    assert july[0].code == "LICENCE_REQUIRED"
    # an individual licence covers it
    ok = engine.licensing(
        "JP", "KR", item, [LicenceFacts("JP-IND-9", "JP", "individual")], date(2019, 9, 1)
    )
    assert ok[0].code == "LICENCE_COVERED"


def test_us_country_chart(engine: PolicyEngine) -> None:
    on = date(2026, 8, 1)
    hf = ItemFacts(line=1, entries=(HF_US,))
    assert engine.licensing("US", "KR", hf, [], on)[0].code == "NO_LICENCE_NEEDED"
    for dest in ("CN", "AE", "VN", "MY"):
        assert engine.licensing("US", dest, hf, [], on)[0].code == "LICENCE_REQUIRED", dest
    pi = ItemFacts(line=1, entries=(PI,))
    assert engine.licensing("US", "JP", pi, [], on)[0].code == "NO_LICENCE_NEEDED"
    assert engine.licensing("US", "CN", pi, [], on)[0].code == "LICENCE_REQUIRED"
    assert engine.licensing("US", "HK", pi, [], on)[0].code == "LICENCE_REQUIRED"  # China row
    emb = engine.national_embargoes("US", "KP", None, on)
    assert [r.code for r in emb] == ["US_EMBARGO"]


def test_eu_general_authorisation(engine: PolicyEngine) -> None:
    on = date(2024, 1, 1)
    item = ItemFacts(line=1, entries=(RESIST,))
    eu001 = [LicenceFacts("EU001", "EU", "general")]
    assert engine.licensing("EU", "JP", item, eu001, on)[0].code == "LICENCE_COVERED"
    assert engine.licensing("EU", "KR", item, eu001, on)[0].code == "LICENCE_REQUIRED"
    assert engine.licensing("EU", "FR", item, [], on)[0].code == "NO_LICENCE_NEEDED"


def test_dprk_machinery_export_ban_from_2397(engine: PolicyEngine) -> None:
    item = ItemFacts(line=1, description="CNC lathe", hs="845811")
    route = RouteFacts(to_dprk=True)
    reasons = engine.un_dprk(item, route, date(2018, 6, 1))
    assert verdict_of(reasons) == "PROHIBITED"
    ban = next(r for r in reasons if r.code == "UN_DPRK_EXPORT_BAN")
    assert "2397" in ban.legal_basis and "para. 7" in ban.legal_basis
    # before 2397: only the UN catch-all asks for review
    earlier = engine.un_dprk(item, route, date(2017, 6, 1))
    assert [r.code for r in earlier] == ["UN_DPRK_CATCH_ALL"]
    assert verdict_of(earlier) == "REVIEW"


@pytest.mark.parametrize(
    ("hs", "on", "code", "resolution"),
    [
        ("030617", "2018-01-01", "UN_DPRK_IMPORT_BAN", "2371"),  # seafood
        ("160520", "2018-01-01", "UN_DPRK_IMPORT_BAN", "2371"),
        ("280530", "2016-06-01", "UN_DPRK_IMPORT_BAN", "2270"),  # rare-earth metals
        ("284690", "2016-06-01", "UN_DPRK_IMPORT_BAN", "2270"),
        ("261220", "2016-06-01", "UN_DPRK_IMPORT_BAN", "2270"),  # monazite
        ("620342", "2018-01-01", "UN_DPRK_IMPORT_BAN", "2375"),  # textiles
        ("270112", "2017-09-01", "UN_DPRK_IMPORT_BAN", "2371"),  # coal, full ban
        ("270112", "2017-01-01", "UN_DPRK_QUANTITY_CAP", "2321"),  # coal, cap period
    ],
)
def test_dprk_import_bans(
    engine: PolicyEngine, hs: str, on: str, code: str, resolution: str
) -> None:
    item = ItemFacts(line=1, hs=hs, origin="KP")
    reasons = engine.un_dprk(item, RouteFacts(from_dprk=True), date.fromisoformat(on))
    hit = [r for r in reasons if r.code == code]
    assert hit, reasons
    assert resolution in hit[0].evidence["resolutions"]


def test_seafood_before_2371_is_not_banned(engine: PolicyEngine) -> None:
    item = ItemFacts(line=1, hs="030617", origin="KP")
    assert engine.un_dprk(item, RouteFacts(from_dprk=True), date(2017, 8, 4)) == []


def test_luxury_goods_and_value_thresholds(engine: PolicyEngine) -> None:
    route = RouteFacts(to_dprk=True)
    on = date(2017, 1, 1)
    watch = ItemFacts(line=1, hs="910111", description="gold watch")
    assert engine.un_dprk(watch, route, on)[0].code == "UN_DPRK_LUXURY_GOODS"
    cheap_rug = ItemFacts(line=2, hs="570110", quantity=10, value=2000, currency="USD")
    assert all(r.code != "UN_DPRK_LUXURY_GOODS" for r in engine.un_dprk(cheap_rug, route, on))
    dear_rug = ItemFacts(line=3, hs="570110", quantity=1, value=2000, currency="USD")
    assert engine.un_dprk(dear_rug, route, on)[0].severity == "prohibited"
    eur_rug = ItemFacts(line=4, hs="570110", quantity=1, value=2000, currency="EUR")
    assert engine.un_dprk(eur_rug, route, on)[0].severity == "review"


def test_refined_petroleum_cap_and_aviation_fuel(engine: PolicyEngine) -> None:
    route = RouteFacts(to_dprk=True)
    on = date(2019, 1, 1)
    diesel = engine.un_dprk(
        ItemFacts(line=1, hs="271019", description="diesel", quantity=1000), route, on
    )
    assert [r.code for r in diesel] == ["UN_DPRK_QUANTITY_CAP"]
    assert diesel[0].severity == "review"
    jet = engine.un_dprk(
        ItemFacts(line=1, hs="271019", description="Kerosene-type jet fuel"), route, on
    )
    assert {r.code for r in jet} == {"UN_DPRK_QUANTITY_CAP", "UN_DPRK_EXPORT_BAN"}
    assert verdict_of(jet) == "PROHIBITED"


def test_controlled_item_to_dprk_is_prohibited(engine: PolicyEngine) -> None:
    item = ItemFacts(line=1, hs="281111", cas="7664-39-3", entries=(HF,))
    reasons = engine.un_dprk(item, RouteFacts(to_dprk=True), date(2010, 1, 1))
    assert [r.code for r in reasons] == ["UN_DPRK_WMD_ITEM"]
    assert verdict_of(reasons) == "PROHIBITED"


def test_food_to_dprk_outside_catch_all(engine: PolicyEngine) -> None:
    rice = ItemFacts(line=1, hs="100630", description="rice")
    assert engine.un_dprk(rice, RouteFacts(to_dprk=True), date(2020, 1, 1)) == []


def test_arms_embargo(engine: PolicyEngine) -> None:
    on = date(2020, 1, 1)
    rifle = ItemFacts(line=1, hs="930120")
    assert verdict_of(engine.arms_embargo(rifle, "LY", on)) == "PROHIBITED"
    assert verdict_of(engine.arms_embargo(rifle, "LB", on)) == "REVIEW"
    assert engine.arms_embargo(rifle, "JP", on) == []
    assert engine.arms_embargo(ItemFacts(line=1, hs="845811"), "LY", on) == []
    ml = ItemFacts(line=1, entries=(EntryFacts("ML10.a", ("WA-ML",)),))
    assert engine.arms_embargo(ml, "SS", on)[0].code == "UN_ARMS_EMBARGO"
    assert engine.arms_embargo(ml, "SS", date(2018, 1, 1)) == []  # before res. 2428


def test_catch_all(engine: PolicyEngine) -> None:
    pump = ItemFacts(line=1, hs="841370", description="centrifugal pump")
    wmd = "for the uranium enrichment plant and nuclear weapon programme"
    on = date(2020, 1, 1)
    assert engine.catch_all("JP", "CN", pump, wmd, [], on)[0].code == "CATCH_ALL_WMD"
    assert engine.catch_all("JP", "US", pump, wmd, [], on) == []  # group A is exempt
    # Korea in group B after 2019-08-28: catch-all applies
    assert engine.catch_all("JP", "KR", pump, wmd, [], on)[0].code == "CATCH_ALL_WMD"
    assert engine.catch_all("JP", "KR", pump, wmd, [], date(2019, 1, 1)) == []
    assert engine.catch_all("JP", "CN", pump, "water supply", [], on) == []
    listed = engine.catch_all("JP", "CN", pump, "water supply", ["jp_meti_eul"], on)
    assert listed[0].code == "CATCH_ALL_END_USER"
    mil = engine.catch_all("JP", "LY", pump, "for the army", [], on)
    assert [r.code for r in mil] == ["CATCH_ALL_MILITARY"]
    assert engine.catch_all("JP", "CN", pump, "for the army", [], on) == []


def test_every_rule_has_source_and_dates() -> None:
    policy = load_policy()
    for rule in policy.un.dprk.hs_rules:
        assert rule.source and rule.legal_basis and rule.effective_from
        assert rule.effective_from >= min(policy.un.adoption_dates.values())
    for jur in policy.jurisdictions.values():
        for record in jur.groups:
            assert record.source and record.legal_basis
            if record.effective_to:
                assert record.effective_to > record.effective_from


def test_bad_policy_data_is_rejected(tmp_path: Path) -> None:
    for f in DATA_DIR.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    data = yaml.safe_load((DATA_DIR / "jp.yaml").read_text(encoding="utf-8"))
    data["groups"][0]["countries"].append("Korea")
    (tmp_path / "jp.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match=r"jp.yaml.*groups\.0\.countries"):
        load_policy(tmp_path)


def test_policy_version_changes_with_data(tmp_path: Path) -> None:
    for f in DATA_DIR.iterdir():
        (tmp_path / f.name).write_bytes(f.read_bytes())
    before = load_policy(tmp_path).version
    with (tmp_path / "catch_all.yaml").open("a", encoding="utf-8") as fh:
        fh.write("# edited\n")
    assert load_policy(tmp_path).version != before

"""A party's lists and legal bases as the exporter's jurisdiction sees them (a trial user's
inputs): for a Japanese exporter the Japanese asset freeze and the METI End User List come
first, then the UN, then the others; another jurisdiction's end-user list (the US Entity List
on the Consolidated Screening List) is a red flag to review, not a Japanese or Korean catch-all
licence, and each list is named once."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradeguard.lists.consequences import basis_jurisdiction
from tradeguard.policy import ItemFacts, PolicyEngine, load_policy
from tradeguard.shipments.decision import PartyMatch, PartyResult
from tradeguard.shipments.parties import PartyChecks

ON = date(2026, 12, 6)
RESIST = ItemFacts(line=1, description="ArF photoresist", hs="370790")


@pytest.fixture(scope="module")
def policy() -> Any:
    return load_policy()


@pytest.fixture(scope="module")
def engine(policy: Any) -> PolicyEngine:
    return PolicyEngine(policy)


def _member(list_id: str, entity_id: str, level: str, programs: list[str]) -> dict[str, Any]:
    return {"list": list_id, "entity_id": entity_id, "level": level, "programs": programs}


MIKRON = PartyResult(
    role="consignee",
    name="Mikron JSC",
    country="RU",
    screened=True,
    matches=[
        PartyMatch(
            entity_id="us_ofac_sdn:MIKRON",
            list="us_ofac_sdn",
            caption="MIKRON JSC",
            matched_name="MIKRON JSC",
            score=1.0,
            programs=["RUSSIA-EO14024"],
            level="designated",
            memberships=[
                _member("us_ofac_sdn", "us_ofac_sdn:MIKRON", "designated", ["RUSSIA-EO14024"]),
                _member("jp_mof", "jp_mof:28-267", "designated", []),
                _member("jp_meti_eul", "jp_meti_eul:786", "listed", []),
            ],
        )
    ],
)

SMIC = PartyResult(
    role="end_user",
    name="Semiconductor Manufacturing International Corporation",
    country="CN",
    screened=True,
    matches=[
        PartyMatch(
            entity_id="us_csl:SMIC",
            list="us_csl",
            caption="SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION",
            matched_name="SEMICONDUCTOR MANUFACTURING INTERNATIONAL CORPORATION",
            score=1.0,
            level="listed",
        )
    ],
)


def test_a_japanese_exporter_sees_the_japanese_bases_first(policy: Any) -> None:
    [reason] = PartyChecks(policy, None, []).reasons("consignee", MIKRON, ON, "JP")
    assert reason.code == "DESIGNATED_PARTY"
    basis = reason.legal_basis
    assert basis_jurisdiction(basis) == "JP"
    mof, eul, ofac = (basis.index(w) for w in ("Ministry of Finance", "METI End User", "C.F.R."))
    assert mof < eul < ofac


def test_a_us_exporter_sees_the_us_basis_first(policy: Any) -> None:
    [reason] = PartyChecks(policy, None, []).reasons("consignee", MIKRON, ON, "US")
    assert reason.legal_basis.startswith("31 C.F.R.")


def test_a_us_list_is_a_red_flag_for_a_japanese_exporter(policy: Any) -> None:
    [reason] = PartyChecks(policy, None, []).reasons("end_user", SMIC, ON, "JP")
    assert reason.code == "LISTED_PARTY"
    assert reason.severity == "review"
    assert basis_jurisdiction(reason.legal_basis) == "US"
    assert reason.params["form"] == "foreign"
    assert "red flag" in reason.message


def test_a_us_list_triggers_no_japanese_catch_all(engine: PolicyEngine) -> None:
    assert engine.catch_all("JP", "CN", RESIST, None, ["us_csl"] * 8, ON) == []


def test_the_catch_all_names_each_list_once(engine: PolicyEngine) -> None:
    [reason] = engine.catch_all("JP", "CN", RESIST, None, ["jp_meti_eul"] * 3 + ["us_csl"], ON)
    assert reason.code == "CATCH_ALL_END_USER"
    assert reason.evidence["lists"] == ["jp_meti_eul"]
    assert reason.message.count("jp_meti_eul") == 1


def test_a_us_list_triggers_no_korean_situational_licence(engine: PolicyEngine) -> None:
    assert engine.catch_all("KR", "CN", RESIST, None, ["us_csl"] * 8, ON) == []

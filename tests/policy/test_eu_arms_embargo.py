"""EU military end-use catch-all (Regulation (EU) 2021/821 Art. 4(1)(b)): destinations under an
arms embargo of a Council decision or common position or of the OSCE, not only the UN's."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.policy import ItemFacts, PolicyEngine, load_policy

PUMP = ItemFacts(line=1, description="centrifugal pump", hs="841370")
ON = date(2026, 1, 1)


@pytest.fixture(scope="module")
def engine() -> PolicyEngine:
    return PolicyEngine(load_policy())


@pytest.mark.parametrize(
    ("destination", "instrument"),
    [
        ("RU", "2014/512/CFSP"),
        ("BY", "2012/642/CFSP"),
        ("MM", "2013/184/CFSP"),
        ("VE", "2017/2074"),
        ("IR", "2010/413/CFSP"),
        ("ZW", "2011/101/CFSP"),
        ("AZ", "CSCE Committee of Senior Officials"),
        ("SD", "UN, UNSC res. 1556"),  # UN and EU both
    ],
)
def test_council_osce_and_un_embargoes(
    engine: PolicyEngine, destination: str, instrument: str
) -> None:
    [reason] = engine.catch_all("EU", destination, PUMP, "for the army", [], ON)
    assert reason.code == "CATCH_ALL_MILITARY"
    assert reason.severity == "licence_required"
    assert reason.legal_basis == "Regulation (EU) 2021/821, Art. 4(1)(b)"
    assert any(instrument in e for e in reason.evidence["arms_embargoes"])
    assert "Organisation for Security and Cooperation in Europe" in reason.evidence["quote"]


def test_no_embargo_no_military_catch_all(engine: PolicyEngine) -> None:
    # the 1989 Madrid declaration on China is neither a Council decision nor a common position
    assert engine.catch_all("EU", "CN", PUMP, "for the army", [], ON) == []
    assert engine.catch_all("EU", "JP", PUMP, "for the army", [], ON) == []
    assert engine.catch_all("EU", "RU", PUMP, "water works", [], ON) == []


def test_embargo_dates(engine: PolicyEngine) -> None:
    assert engine.catch_all("EU", "RU", PUMP, "for the army", [], date(2014, 7, 31)) == []
    assert engine.catch_all("EU", "RU", PUMP, "for the army", [], date(2014, 8, 1))
    assert engine.catch_all("EU", "VE", PUMP, "for the army", [], date(2017, 11, 12)) == []


def test_embargo_table_records_are_sourced() -> None:
    jur = load_policy().jurisdictions["EU"]
    assert len(jur.arms_embargoes) >= 15
    for emb in jur.arms_embargoes:
        assert emb.instrument and emb.source and emb.countries
        assert emb.by == "osce" or "CFSP" in emb.instrument

"""A country's abbreviation in an organisation's name (DPRK, PRC, UAE ...) read as the
country's official name, against the bundled snapshot of the real lists."""

from __future__ import annotations

import pytest

from tests.screening.helpers import scores_by_entry
from tradeguard.screening import Query, Screener
from tradeguard.screening.abbreviations import variants


def test_an_abbreviation_reads_as_the_official_name_and_back() -> None:
    read = {(v, w) for v, _, w in variants("Foreign Trade Bank of the DPRK")}
    assert read == {("Foreign Trade Bank of the Democratic People's Republic of Korea", "DPRK")}
    assert [v for v, _, _ in variants("Bank of the U.A.E.")] == ["Bank of the United Arab Emirates"]
    # the Republic of Korea inside the DPRK's name is not read as ROK
    assert [
        a.short for _, a, _ in variants("Bank of the Democratic People's Republic of Korea")
    ] == ["DPRK"]
    assert variants("Uk Steel") == []  # two letters only in capitals
    assert variants("Korea Zinc") == []


@pytest.mark.parametrize("countries", [[], ["CN"], ["KP"]])
def test_the_foreign_trade_bank_of_the_dprk_is_the_listed_bank(
    full: Screener, countries: list[str]
) -> None:
    """UN KPe.047. Before: 0.70 without a country; from CN not found, while VTB's BANK FOR
    FOREIGN TRADE (CSL 17013) alerted at 0.72."""
    found = scores_by_entry(full, "Foreign Trade Bank of the DPRK", countries)
    assert found["un_sc:KPe.047"] >= 0.9
    assert "us_csl:17013" not in found
    [match] = [
        m
        for m in full.screen(Query("Foreign Trade Bank of the DPRK", schema="Organization"))
        if "un_sc:KPe.047" in str(m.memberships) or m.entity_id == "un_sc:KPe.047"
    ]
    [feature] = [f for f in match.explanation["features"] if f["feature"] == "country_name"]
    assert feature["params"]["written"] == "DPRK"

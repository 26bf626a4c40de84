"""Dashboard and report charts: a colour per verdict, a y-axis from zero, labels kept whole."""

from __future__ import annotations

import re

import pytest

from tradeguard.reports import charts


def _fills(svg: str) -> set[str]:
    return {f.lower() for f in re.findall(r"fill:\s*(#[0-9a-fA-F]{6})", svg)} | {
        f.lower() for f in re.findall(r'fill="(#[0-9a-fA-F]{6})"', svg)
    }


def test_each_verdict_has_its_own_colour() -> None:
    svg = charts.bar_chart(
        "Shipment decisions by verdict",
        {"PROHIBITED": 3, "LICENCE_REQUIRED": 2, "REVIEW": 5, "CLEAR": 1},
    )
    fills = _fills(svg)
    for colour in charts.VERDICT_COLOURS.values():
        assert colour.lower() in fills
    assert len(set(charts.VERDICT_COLOURS.values())) == 4


def test_long_labels_are_wrapped_not_cut() -> None:
    label = "Korea International Chemical Joint Venture Company, Pyongyang"
    svg = charts.bar_chart("By destination", {label: 2})
    assert "Korea International Chemical" in svg and "Pyongyang" in svg


def test_day_chart_axis_starts_at_zero_for_a_single_day() -> None:
    svg = charts.day_chart("Screenings", {"screenings": {"2026-12-06": 5}})
    ticks = [float(t) for t in re.findall(r">\s*(\d+(?:\.\d+)?)\s*</text>", svg)]
    assert 0.0 in ticks and 5.0 in ticks


@pytest.mark.parametrize(
    ("lang", "regime", "place"),
    [("ja", "オーストラリア・グループ", "中国"), ("ko", "호주그룹", "중국")],
)
def test_period_charts_name_regimes_and_places_in_the_language(
    lang: str, regime: str, place: str
) -> None:
    """The regime and destination bars of the period report carry words of the report's
    language, not the knowledge base's English regime names or country codes."""
    from collections import Counter

    from tradeguard.language import i18n
    from tradeguard.reports.period import _plots
    from tradeguard.reports.stats import PeriodFigures

    fig = PeriodFigures(
        start="2026-11-01",
        end="2026-11-30",
        unauthorised_by_regime=Counter({"Australia Group": 3}),
        unauthorised_by_destination=Counter({"CN": 2}),
    )
    token = i18n.use(lang)
    try:
        svgs = _plots(fig)
    finally:
        i18n.reset(token)
    text = "".join(svgs)
    assert regime in text and "Australia Group" not in text
    assert place in text and ">CN<" not in text

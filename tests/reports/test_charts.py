"""Dashboard and report charts: a colour per verdict, a y-axis from zero, labels kept whole."""

from __future__ import annotations

import re

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

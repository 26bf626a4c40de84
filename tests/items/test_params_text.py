"""Parameters read from descriptions: the cues of ``parameters.yaml`` on real phrasing and on
arbitrary text (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.items.classifier import knowledge_base


def _read(param: str, text: str) -> object:
    hit = knowledge_base().params.params[param].from_text(text.lower())
    return None if hit is None else hit[0]


@pytest.mark.parametrize(
    ("param", "text", "value"),
    [
        ("concentration_pct", "Hydrofluoric acid 25% solution", 25.0),
        ("concentration_pct", "hydrofluoric acid 55%, water 45%", 55.0),
        ("concentration_pct", "HF 49 wt%", 49.0),
        ("concentration_pct", "fluorinated polyimide, 27 % fluorine", None),
        ("concentration_pct", "arsine 99.9999% purity", None),
        ("fluorine_pct", "fluorinated polyimide, 27 % fluorine", 27.0),
        ("fluorine_pct", "polyimide varnish, fluorine content: 15 wt%", 15.0),
        ("fluorine_pct", "フッ素含有量 12%", 12.0),
        ("purity_pct", "phosphine gas 6N", 99.9999),
        ("purity_pct", "arsine, purity 99.9995 %", 99.9995),
        ("diluent_mol_pct", "10% PH3 in H2", 90.0),
        ("diluent_mol_pct", "phosphine 1000 ppm in nitrogen", 99.9),
        ("diluent_mol_pct", "undiluted arsine", 0.0),
        ("diluent_mol_pct", "hydrogen 10% in nitrogen", None),  # no hydride named
        ("inner_cladding_diameter_um", "LMA-YDF-25/250 ytterbium doped fiber", 250.0),
        ("core_diameter_um", "LMA-YDF-25/250 ytterbium doped fiber", 25.0),
        ("core_diameter_um", "dilution 25/250", None),  # no fibre named
        ("core_na", "Yb fiber, core NA 0.06, cladding NA 0.46", 0.06),
        ("laser_wavelength_nm", "Yb fiber for 1064 nm lasers, 976 nm pump", 1064.0),
        ("unprocessed", "fluorinated polyimide film", False),
        ("unprocessed", "フッ素化ポリイミドワニス", True),
        ("unprocessed", "polyimide varnish for CPI film", None),  # both: not guessed
        ("wavelength_nm", "KrF photoresist", 248.0),
    ],
)
def test_values_read_from_text(param: str, text: str, value: object) -> None:
    assert _read(param, text) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_text_reads_without_error(text: str) -> None:
    for param in knowledge_base().params.params.values():
        hit = param.from_text(text.lower())
        assert hit is None or isinstance(hit[1], str)


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False, allow_infinity=False),
    st.sampled_from(["%", " %", " wt%", " wt.%", " percent"]),
    st.sampled_from(["Hydrofluoric acid {} solution", "HF {} aqueous", "フッ化水素酸 {}"]),
)
def test_concentration_as_written(number: object, sign: str, template: str) -> None:
    text = template.format(f"{number}{sign}")
    assert _read("concentration_pct", text) == float(str(number))

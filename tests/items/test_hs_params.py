from __future__ import annotations

import pytest

from tradeguard.errors import InputError
from tradeguard.items import knowledge_base
from tradeguard.items.hs import hs_codes, hs_description, normalize_hs


def test_hs_nomenclature_is_complete() -> None:
    codes = hs_codes()
    assert len([c for c in codes if len(c) == 6]) == 5613
    assert codes["281111"] == "Hydrogen fluoride (hydrofluoric acid)"
    assert hs_description("8486200000") is not None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2811.11", "281111"), ("28", "28"), ("8486 20 00", "84862000"), ("3707900000", "3707900000")],
)
def test_normalize_hs(raw: str, expected: str) -> None:
    assert normalize_hs(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("123456", "unknown HS code"),
        ("28111", "malformed"),
        ("ab", "malformed"),
        ("1234567890", "unknown HS code"),
    ],
)
def test_bad_hs_is_named(raw: str, fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        normalize_hs(raw)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("wavelength_nm", "193", 193.0),
        ("wavelength", "0.193 um", 193.0),
        ("wavelength_nm", "13.5nm", 13.5),
        ("fluorine_pct", "12 %", 12.0),
        ("fluorine", "0.12", 0.12),
        ("concentration", 55, 55.0),
        ("sensitivity_uc_per_mm2", "0.5 uC/cm**2", 0.005),
        ("resistivity_ohm_cm", "200 ohm*m", 20000.0),
        ("resist_type", "e-beam", "e_beam"),
        ("resist_tone", "Positive", "positive"),
        ("destination_cwc_party", "no", False),
    ],
)
def test_parameters_parse_with_units(name: str, raw: str | float, expected: object) -> None:
    params = knowledge_base().params
    value = params.resolve(name).parse(raw)
    assert value == pytest.approx(expected) if isinstance(expected, float) else value == expected


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"foo": "1"}, "unknown parameter 'foo'"),
        ({"wavelength_nm": "3 flurbs"}, "unknown unit"),
        ({"wavelength_nm": "3 kg"}, "cannot be converted to nanometer"),
        ({"resist_type": "x-ray"}, "unknown value"),
        ({"destination_cwc_party": "maybe"}, "true or false"),
    ],
)
def test_bad_parameters_are_named(params: dict[str, str], fragment: str) -> None:
    with pytest.raises(InputError, match=fragment):
        knowledge_base().params.parse_all(params)


def test_every_parameter_unit_is_known_to_pint() -> None:
    from tradeguard.items.params import unit_registry

    ureg = unit_registry()
    for param in knowledge_base().params.params.values():
        if param.kind == "quantity":
            ureg.Unit(param.unit)

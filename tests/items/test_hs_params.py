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


@pytest.mark.parametrize(
    ("name", "raw", "fragment"),
    [
        ("concentration_pct", -5, "below 0 %"),
        ("concentration_pct", "-5 %", "below 0 %"),
        ("concentration_pct", 150, "above 100 %"),
        ("concentration_pct", "150%", "above 100 %"),
        ("fluorine_pct", float("nan"), "not a finite number"),
        ("concentration_pct", float("inf"), "not a finite number"),
        ("concentration_pct", "Infinity", "not a finite number"),
        ("concentration_pct", "NaN", "not a finite number"),
        ("wavelength_nm", "-193", "below 0 nanometer"),
        ("core_diameter_um", "-0.01 mm", "below 0 micrometer"),
        ("boron_equivalent_ppm", "-1", "below 0"),
    ],
)
def test_impossible_quantities_are_refused(name: str, raw: str | float, fragment: str) -> None:
    """A value read as "threshold not met" would decide "not controlled": it is refused."""
    from tradeguard.items.params import ImpossibleValue

    with pytest.raises(ImpossibleValue, match=fragment) as err:
        knowledge_base().params.parse_all({name: raw})
    assert err.value.field == name


def test_bounds_hold_at_their_edges_and_in_descriptions() -> None:
    params = knowledge_base().params
    assert params.parse_all({"concentration_pct": 0, "purity_pct": "100 %"}) == {
        "concentration_pct": 0.0,
        "purity_pct": 100.0,
    }
    concentration = params.resolve("concentration_pct")
    assert concentration.from_text("hydrofluoric acid 150% solution") is None
    assert concentration.from_text("hydrofluoric acid 49% solution") == (49.0, "49%")


def test_every_parameter_unit_is_known_to_pint() -> None:
    from tradeguard.items.params import unit_registry

    ureg = unit_registry()
    for param in knowledge_base().params.params.values():
        if param.kind == "quantity":
            ureg.Unit(param.unit)

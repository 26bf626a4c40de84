from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.items.cas import cas_check_digit, cas_is_valid, normalize_cas


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("7664-39-3", "7664-39-3"),
        (" 7664-39-3 ", "7664-39-3"),
        ("CAS 7664-39-3", "7664-39-3"),
        ("CAS No. 111-48-8", "111-48-8"),
        ("7664393", "7664-39-3"),
        ("0007664-39-3", "7664-39-3"),
        ("1339586-99-0", "1339586-99-0"),
    ],
)
def test_normalize_accepts_real_numbers(raw: str, expected: str) -> None:
    assert normalize_cas(raw) == expected


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("7664-39-4", "check digit is 4, expected 3"),
        ("7664-3-3", "malformed"),
        ("HF", "malformed"),
        ("", "malformed"),
        ("1-11-1", "malformed"),
    ],
)
def test_normalize_rejects_with_a_named_reason(raw: str, fragment: str) -> None:
    with pytest.raises(InputError) as exc:
        normalize_cas(raw)
    assert fragment in str(exc.value)
    assert exc.value.field == "cas"


@given(st.integers(min_value=10, max_value=9_999_999), st.integers(min_value=0, max_value=99))
def test_check_digit_round_trip(first: int, second: int) -> None:
    body = f"{first}{second:02d}"
    cas = f"{first}-{second:02d}-{cas_check_digit(body)}"
    assert cas_is_valid(cas)
    assert normalize_cas(cas) == cas
    wrong = (cas_check_digit(body) + 1) % 10
    assert not cas_is_valid(f"{first}-{second:02d}-{wrong}")

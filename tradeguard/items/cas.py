"""CAS Registry Numbers: normalisation and check-digit validation.

A CAS RN is ``NNNNNNN-NN-R``: 2 to 7 digits, 2 digits, and a check digit ``R`` equal to the sum
of the other digits, each multiplied by its position counted from the right (1, 2, 3 …), modulo 10.
"""

from __future__ import annotations

import re

from tradeguard.errors import InputError

_CAS_RE = re.compile(r"^(\d{2,7})-(\d{2})-(\d)$")


def cas_check_digit(body: str) -> int:
    """The check digit for the digits ``body`` (the CAS RN without its last digit)."""
    return sum(int(d) * i for i, d in enumerate(reversed(body), start=1)) % 10


def cas_is_valid(value: str) -> bool:
    """Whether ``value`` is a well-formed CAS RN with a correct check digit."""
    m = _CAS_RE.match(value.strip())
    if not m:
        return False
    return cas_check_digit(m.group(1) + m.group(2)) == int(m.group(3))


def normalize_cas(value: str) -> str:
    """Return the canonical ``N-NN-N`` form or raise :class:`InputError` naming the fault.

    Accepts surrounding blanks, a ``CAS`` prefix and an undashed digit string (``7664393``).
    """
    raw = value.strip()
    text = re.sub(r"^(?:CAS(?:\s*RN)?\s*(?:No\.?)?\s*[:#]?\s*)", "", raw, flags=re.I)
    if re.fullmatch(r"\d{5,10}", text):
        text = f"{text[:-3].lstrip('0') or '0'}-{text[-3:-1]}-{text[-1]}"
    else:
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            text = f"{parts[0].lstrip('0') or '0'}-{parts[1]}-{parts[2]}"
    m = _CAS_RE.match(text)
    if not m:
        raise InputError(
            f"malformed CAS number {raw!r}: expected 2-7 digits, 2 digits and a check digit "
            "(e.g. 7664-39-3)",
            field="cas",
        )
    expected = cas_check_digit(m.group(1) + m.group(2))
    if expected != int(m.group(3)):
        raise InputError(
            f"invalid CAS number {raw!r}: check digit is {m.group(3)}, expected {expected}",
            field="cas",
        )
    return text

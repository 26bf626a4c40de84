"""The HS 2022 nomenclature shipped with the package (``data/hs/hs2022.csv.gz``).

Derived from the WCO Harmonized System 2022 as published by the datasets/harmonized-system
project (ODC-PDDL-1.0); see ``data/hs/README.md``.
"""

from __future__ import annotations

import csv
import gzip
import io
import re
from functools import lru_cache
from pathlib import Path

from tradeguard.errors import InputError

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


@lru_cache(maxsize=1)
def hs_codes() -> dict[str, str]:
    """All HS 2022 chapters (2 digits), headings (4) and subheadings (6) with descriptions."""
    raw = (DATA_DIR / "hs" / "hs2022.csv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    return {row["hscode"]: row["description"] for row in csv.DictReader(io.StringIO(text))}


def normalize_hs(value: str) -> str:
    """Return the HS code as digits, checked against HS 2022, or raise :class:`InputError`.

    Accepts dots and blanks (``2811.11``). National extensions (8 or 10 digits, e.g. a CN or
    HTS code) are accepted when their first six digits are an HS 2022 subheading; they are
    returned in full.
    """
    digits = re.sub(r"[\s.]", "", value.strip())
    if not digits.isdigit() or len(digits) not in (2, 4, 6, 8, 10):
        raise InputError(
            f"malformed HS code {value!r}: expected 2, 4, 6, 8 or 10 digits", field="hs"
        )
    codes = hs_codes()
    if digits[: min(len(digits), 6)] not in codes:
        raise InputError(f"unknown HS code {value!r}: not in the HS 2022 nomenclature", field="hs")
    return digits


def hs_description(code: str) -> str | None:
    """The HS 2022 description of ``code`` (or of its 6-digit subheading)."""
    return hs_codes().get(code[:6])

"""Qualifiers in brackets and short names, on names as published: list entries (METI End User
List, US CSL, OFAC SDN, UN) and customer names of exchange listings (benchmarks/clean_book.csv).
The weights come from the real UN and CSL extracts of the session screener."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import variants
from tradeguard.screening import Screener

# (query, list entry, whether the pair must reach the default threshold, why)
CASES = [
    ("Acme Trading (HK) Ltd", "DULING TECHNOLOGY (HK) LIMITED.", False, "(HK) is a place, no name"),
    ("Acme Foods (USA) Inc.", "LA HACIENDA (USA), LLC", False, "(USA) is a place, no name"),
    ("Acme Components (U.K.) Ltd", "Well Smart (U.K.) Technology", False, "(U.K.) with dots"),
    ("Lunit Inc.", "LANIT INCORPORATED", False, "a short name one letter away is another name"),
    ("Yesco Holdings Co., Ltd.", "E.S.Co", False, "a short name does not meet joined letters"),
    ("SAMT Co., Ltd.", "SAMT", True, "a short name spelt the same still meets"),
    ("KOMID", "Korea Mining Development Trading Corporation (KOMID)", True, "a stated acronym"),
    (
        "Leader (HK) International",
        "LEADER (HONG KONG) INTERNATIONAL",
        True,
        "the name beside its place",
    ),
    ("Jang Hyon U", "JANG, Hyon-u", True, "persons: short given names keep their variants"),
]


@pytest.mark.parametrize(("query", "entry", "meets", "why"), CASES, ids=[c[3] for c in CASES])
def test_pair(screener: Screener, query: str, entry: str, meets: bool, why: str) -> None:
    score = float(screener.compare(query, entry)["score"])
    assert (score >= screener.threshold) is meets, f"{query!r} / {entry!r}: {score:.2f} ({why})"


@pytest.mark.parametrize(
    ("name", "absent", "present"),
    [
        ("DULING TECHNOLOGY (HK) LIMITED.", "HK", "DULING TECHNOLOGY LIMITED."),
        ("LA HACIENDA (USA), LLC", "USA", "LA HACIENDA , LLC"),
        ("Fox Corporation (Class B)", "Class B", "Fox Corporation"),
        ("BUTEMBO AIRLINES (BAL)", None, "BAL"),
        ("KOREA KWANGSON BANKING CORPORATION (KKBC)", None, "KKBC"),
    ],
)
def test_bracket_reading(name: str, absent: str | None, present: str) -> None:
    readings = variants(name)
    assert present in readings
    if absent is not None:
        assert absent not in readings

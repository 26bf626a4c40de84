"""Katakana readings of foreign names: the combinations Japanese uses for foreign sounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.names.katakana import romanize, romanize_text
from tradeguard.names.translit import latin_readings


@pytest.mark.parametrize(
    ("kana", "latin"),
    [
        ("ラティーフ", "ratiifu"),  # Latif: ティ is ti, not tei
        ("ティクリーティ", "tikuriiti"),  # Tikriti
        ("トゥルキ", "turuki"),  # Turki
        ("ジェイル", "jeiru"),  # Jae Il
        ("ウィリアム", "wiriamu"),
        ("グァンソク", "gwansoku"),  # Kwang Sok
        ("ヴォロディミル", "vorodimiru"),
        ("ハッサン", "hassan"),  # small tsu doubles the consonant
        ("マッチ", "matchi"),
        ("プーチン", "puuchin"),  # the long mark repeats the vowel
        ("ジョンイル", "jon'iru"),  # n' before a vowel, as Hepburn writes it
        ("トウキョウ", "toukyou"),  # plain Japanese kana read as before
    ],
)
def test_foreign_sounds(kana: str, latin: str) -> None:
    assert romanize(kana) == latin


def test_real_list_name_reading_meets_its_latin_spelling() -> None:
    """A name of the Japan MOF list in katakana reads close to its Latin spelling there
    (Hani Abd-Al-Latif Tilfah Al-Tikriti)."""
    readings = {r.method: r.text for r in latin_readings("ハーニー・アブド・アル・ラティーフ")}
    assert readings["kana"] == "haanii abudo aru ratiifu"
    assert readings["kana-loanword"] == "haanii abd ar ratiif"


def test_other_scripts_are_left_alone() -> None:
    assert romanize_text("株式会社グローブス") == "株式会社 guroobusu "


@given(st.text(alphabet=[chr(c) for c in range(0x30A1, 0x30FD)], max_size=30))
def test_any_katakana_reads_as_ascii(text: str) -> None:
    out = romanize_text(text)
    assert out.isascii() or "・" in out

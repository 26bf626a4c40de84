"""Katakana readings of foreign names: the combinations Japanese uses for foreign sounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.names.katakana import korean_syllables, romanize, romanize_text
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


@pytest.mark.parametrize(
    ("kana", "syllables"),
    [
        ("ソンヒョク", ["son", "hyok"]),  # Song Hyok: ン final, ヒョ one syllable, ク final
        ("グァンソク", ["kwan", "sok"]),  # Kwang Sok: the voiced グ is a plain k
        ("キム", ["kim"]),
        ("チョル", ["chol"]),
        ("ジョンイル", ["jon", "il"]),  # Jong Il
        ("ムンキル", ["mun", "kil"]),  # Mun Kil: ム starts a syllable, ル ends one
        ("サイード", None),  # a long vowel: not Korean
        ("アッラー", None),
    ],
)
def test_korean_syllables(kana: str, syllables: list[str] | None) -> None:
    assert korean_syllables(kana) == syllables


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("リ・ソンヒョク", "ri son hyok"),  # MOF list, Ri Song Hyok
        ("シム・グァンソク", "shim kwan sok"),  # MOF list, Sim Kwang Sok
        ("カン・ムンキル", "kang mun kil"),  # MOF list, Kang Mun Kil (ン also ng)
        ("ムハンマド・サイード", None),  # not a Korean surname first
        ("アブ・アブダッラー", None),
    ],
)
def test_korean_reading_of_katakana_names(name: str, reading: str | None) -> None:
    readings = {r.method: r.text for r in latin_readings(name, person=True)}
    assert readings.get("kana-korean") == reading


@pytest.mark.parametrize(
    ("name", "person", "readings"),
    [
        # エ is ㅚ, ㅐ or ㅔ: チェ Choe (MOF 15-14), ペク Paek (MOF 15-6)
        ("チェ・ソンイル", True, ["choe son il"]),
        ("ペク・チャンホ", None, ["paek chan ho"]),
        # ン is a final n or ng: チョン is the surname Chon (전) or Chong (정; MOF 17-84)
        ("チョン・ヨンナム", True, ["chon yon nam", "chong yon nam"]),
        # one word, a surname's syllable first and a final among its syllables
        ("キムジョンウン", True, ["kim jon un"]),
        ("キムジョンウン", False, []),  # an organisation's name is not split
        ("リスヨ", True, []),  # no final consonant: not read as a Korean name
        ("ハマス", None, []),
        ("キムジョンウンチョルス", True, []),  # five syllables: not one Korean name
    ],
)
def test_korean_readings_as_katakana_writes_korean(
    name: str, person: bool | None, readings: list[str]
) -> None:
    found = [r.text for r in latin_readings(name, person=person) if r.method == "kana-korean"]
    assert found == readings


@given(
    st.text(
        alphabet="アイウエオカキクケコガギグゲゴサシスソジタチツテトダドナニヌネノハヒフヘホバパマミムメモヤユヨラリルレロワンッーャュョァィゥェォ",
        max_size=12,
    )
)
def test_korean_syllables_never_fail(word: str) -> None:
    syllables = korean_syllables(word)
    if syllables is not None:
        assert all(s and s.isascii() and s.isalpha() for s in syllables)
        assert "ー" not in word
        assert syllables[0][:1] not in {"g", "d", "b"}  # plain initials, as DPRK spellings

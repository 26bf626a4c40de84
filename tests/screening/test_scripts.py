"""Cross-script and romanization comparisons with the screening scorer (real list names)."""

from __future__ import annotations

import pytest

from tradeguard.screening import Screener

PAIRS = [
    ("佐藤太郎", "Taro Sato", "Person"),  # kanji, Japanese reading
    ("サトウ タロウ", "Sato Taro", "Person"),  # katakana, Hepburn long vowels
    ("Satou Tarou", "SATO Taro", "Person"),
    ("Ohno Kenji", "Ōno Kenji", "Person"),
    ("Сергей Иванов", "Sergey Ivanov", "Person"),  # Cyrillic
    ("Рособоронэкспорт", "ROSOBORONEXPORT", "Organization"),
    ("محمد حسن آخوند", "MOHAMMAD HASSAN AKHUND", "Person"),  # Arabic (UN TAi.002)
    ("Ri Yong Gil", "Lee Yong-gil", "Person"),
    ("Pak Pong Ju", "Park Bong-ju", "Person"),
    ("Choe Ryong Hae", "Choi Yong-hae", "Person"),
    ("리영길", "RI YONG GIL", "Person"),
    ("株式会社東芝", "Toshiba Corporation", "Organization"),
    # the Japan MOF list's katakana names against the Latin names of the same entries
    ("サイイド・アクマン", "Saeed Akman", "Person"),  # Sayyid / Saeed: vowels as spelt
    ("アブー・イマード", "Abu Emad", "Person"),
    ("ハルキー・ワーイル・ナーディル", "Al-Halqi Wael Nader", "Person"),  # ディ is di
    ("ムニール・エル・ムタサッディク", "MOUNIR EL MOTASSADEQ", "Person"),  # the article el
    ("アブデル・ハーミド・マフムード大佐", "Col Abdel Hamid Mahmoud", "Person"),  # 大佐 colonel
    ("リ・ソンヒョク", "RI SONG HYOK", "Person"),  # a Korean name in katakana
    ("シム・グァンソク", "Sim Kwang Sok", "Person"),
    ("عبد الروف ذاکر", "ABDUL RAUF ZAKIR", "Person"),  # UN TAi.164: Persian ذ is z
]


@pytest.mark.parametrize(("a", "b", "schema"), PAIRS)
def test_same_party_across_scripts(screener: Screener, a: str, b: str, schema: str) -> None:
    result = screener.compare(a, b, schema)
    assert result["match"], result["explanation"]


DIFFERENT = [
    ("Kim Jong Sik", "Kim Jong Chol", "Person"),
    ("Acme Trading Co., Ltd.", "Zenith Trading Co., Ltd.", "Organization"),
    ("Tanaka Hiroshi", "Tanaka Takeshi", "Person"),
    ("サイード・アクマン", "Saad Akman", "Person"),  # a long i is no a
    ("リ・ソンヒョク", "Ri Song Chol", "Person"),
]


@pytest.mark.parametrize(("a", "b", "schema"), DIFFERENT)
def test_different_parties(screener: Screener, a: str, b: str, schema: str) -> None:
    assert not screener.compare(a, b, schema)["match"]

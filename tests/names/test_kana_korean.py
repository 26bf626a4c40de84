"""Names written in one script as readings of another: katakana of Korean organisation
names, English words in katakana, Russian spellings of Arabic names, romanized Korean words
(names from the Japan MOF list of 2026-03-05 and the UN and EU lists)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.names.glossary import romanized_glossed
from tradeguard.names.kana_korean import (
    hangul_keys,
    organisation_reading,
    read_word,
    syllable_key,
)
from tradeguard.names.katakana import korean_syllables
from tradeguard.names.phonetic import kana_skeletons
from tradeguard.names.translit import latin_readings


def _readings(name: str, person: bool | None = False) -> dict[str, str]:
    return {r.method: r.text for r in latin_readings(name, person)}


@pytest.mark.parametrize(
    ("kana", "korean"),
    [
        # 조선련봉총회사, Korea Ryonbong General Corporation (MOF, the UN's KPe.001)
        ("チョソンリョンボンチョンフェサ", "korea ryonpon general corporation"),
        # 조선광업개발무역회사, Korea Mining Development Trading Corporation (KOMID)
        ("チョソンクァンオプケバルムヨクフェサ", "korea mining development trading company"),
        ("チョングック", "general bureau"),  # 총국: the final ㄱ written ック
        ("クッパン", "defense"),  # 국방: a final stop written ッ
        ("デドン", "taeton"),  # 대동 (Daedong): no word of the vocabulary, spelt
    ],
)
def test_katakana_read_as_korean_words(kana: str, korean: str) -> None:
    found = read_word(kana)
    assert found is not None
    assert found[0] == korean


def test_a_katakana_syllable_and_its_hangul_share_a_key() -> None:
    # 회 is フェ, 대 デ, 총 チョン (ng as n), 국 クック (a final stop)
    for kana, hangul in (("フェ", "회"), ("デ", "대"), ("チョン", "총"), ("ボン", "봉")):
        syllables = korean_syllables(kana)
        assert syllables is not None
        assert (syllable_key(syllables[0]),) == hangul_keys(hangul)


def test_english_words_in_katakana_beside_a_korean_name() -> None:
    # MOF: デドン・クレジット・バンク = Daedong Credit Bank
    assert _readings("デドン・クレジット・バンク")["kana-korean"] == "taeton credit bank"
    # MOF 14-58: ハプジャンガン・シッピング・コープ = HAPJANGGANG SHIPPING CORP
    assert "hapujangan shipping corp" in _readings("ハプジャンガン・シッピング・コープ").values()
    # MOF: フォーリン・トレード・バンク = Foreign Trade Bank
    readings = [r.text for r in latin_readings("フォーリン・トレード・バンク", False)]
    assert "foreign trade bank" in readings


@pytest.mark.parametrize(
    "name",
    [
        "ソフトバンクグループ",  # SoftBank Group: ソフト ends in no Korean final
        "トヨタ",  # a Japanese name in katakana alone
        "ラティーフ",  # a long vowel: no Korean syllables
    ],
)
def test_japanese_names_in_katakana_are_not_read_as_korean(name: str) -> None:
    assert organisation_reading(name) is None
    assert "kana-korean" not in _readings(name)


def test_a_person_in_katakana_keeps_the_person_reading() -> None:
    # キムジョンウン (Kim Jong Un, MOF): read syllable by syllable as a person's name only
    readings = _readings("キムジョンウン", True)
    assert readings["kana-korean"] == "kim jon un"


def test_russian_spellings_of_arabic_names() -> None:
    # Абу Джихад (MOF) = Abu Jihad (EU)
    readings = _readings("Абу Джихад", True)
    assert readings["cyrillic"] == "abu dzhikhad"
    assert readings["cyrillic-foreign"] == "abu jihad"
    assert "cyrillic-foreign" not in _readings("Иван Петров", True)


def test_romanized_korean_words_of_the_script_words() -> None:
    # UN KPe.001's Latin original-script name: 광업 (mining) is a script word
    glossed = romanized_glossed("choson kwangop kaebal muyok hoesa")
    assert glossed == "korea mining development trading company"


@given(st.text(alphabet=[chr(c) for c in range(0x30A1, 0x30FB)], min_size=1, max_size=20))
def test_any_katakana_word_reads_as_latin_or_not_at_all(word: str) -> None:
    found = read_word(word)
    if found is not None:
        assert found[0].isascii()
        assert found[0] == found[0].strip()


@pytest.mark.parametrize(
    ("kana_reading", "latin"),
    [
        ("saarefu", "saleh"),  # サーレフ (MOF) = Saleh (EU)
        ("saareha", "saleh"),  # サーレハ
        ("saariha", "salih"),  # サーリハ = Salih
        ("faarefu", "faleh"),  # ファーレフ = Faleh
    ],
)
def test_a_final_h_of_an_arabic_name_is_heard_as_katakana_writes_it(
    kana_reading: str, latin: str
) -> None:
    assert set(kana_skeletons(kana_reading)) & set(kana_skeletons(latin))

"""Chinese, Japanese and Korean names against the bundled snapshot of the real lists: Han
characters meet by their characters (not by how they sound), and a kanji name sharing only
generic words or a sound with a listed one does not alert."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import analyse
from tradeguard.screening import Query, Screener


def _entries(full: Screener, name: str, countries: list[str] | None = None) -> dict[str, float]:
    """Every entry of every party found at the default threshold, with the party's score."""
    found: dict[str, float] = {}
    for match in full.screen(Query(name, countries=countries or [])):
        for entry in {match.entity_id, *(str(m["entity_id"]) for m in match.memberships)}:
            found[entry] = max(found.get(entry, 0.0), match.score)
    return found


def test_kanji_are_not_compared_by_their_readings() -> None:
    """東京 (toukyou) and 公共 (koukyou) are one letter apart when read, two words written."""
    kanji = [f for f in analyse("東京エレクトロン株式会社", False) if "toukyou" in f.text]
    assert kanji and all(f.han for f in kanji)
    chars = {f.method: f.text for f in analyse("東京エレクトロン株式会社", False)}
    assert chars["kana-han"] == "东京 erekutoron kk"


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("東京エレクトロン株式会社", "JP"),  # Tokyo Electron: not MOF 28-107 Elektron-Optronic
        ("住友重機械工業株式会社", "JP"),  # Sumitomo Heavy Industries: generic words only
        ("三菱電機株式会社", "JP"),  # Mitsubishi Electric
    ],
)
def test_japanese_firms_do_not_alert(full: Screener, name: str, country: str) -> None:
    assert _entries(full, name, [country]) == {}


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # the MOF's own other writings of Elektron-Optronic (28-107) and Svetlana (28-191)
        ("公開株式会社エレクトロン・オプトロニク", "jp_mof:28-107"),
        ("エレクトロン・オプトロニク株式会社", "jp_mof:28-107"),
        ("スヴェトラーナ半導體", "jp_mof:28-191"),  # 半導体 in traditional characters
    ],
)
def test_kana_and_kanji_names_meet_by_their_characters(
    full: Screener, name: str, entry: str
) -> None:
    assert entry in _entries(full, name)


@pytest.mark.parametrize(
    ("name", "lists", "entry"),
    [
        # the full DPRK name in RR: Korea Ryonbong General Corporation (UN KPe.002)
        ("Joseon Ryeonbong Chonghoesa", ["un_sc"], "un_sc:KPe.002"),
        # the UN's romanized alias against the SDN, which writes the bank in English only
        ("Choson Taesong Unhaeng", ["us_ofac_sdn"], "us_ofac_sdn:12312"),
        ("Joseon Daeseong Eunhaeng", ["us_ofac_sdn"], "us_ofac_sdn:12312"),
        # Chinese forms no list carries: read as Korean (朝鮮 korea, 大成 대성 taesong)
        ("朝鲜大成银行", None, "un_sc:KPe.035"),
        ("朝鲜连峰总公司", ["un_sc"], "un_sc:KPe.002"),
    ],
)
def test_korean_names_in_latin_and_chinese_find_the_entry(
    full: Screener, name: str, lists: list[str] | None, entry: str
) -> None:
    matches = full.screen(Query(name, lists=lists))
    found = {
        e for m in matches for e in {m.entity_id, *(str(x["entity_id"]) for x in m.memberships)}
    }
    assert entry in found


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("大成建設株式会社", "JP"),  # Taisei Corporation: 大成 is 대성 (Daesong) read as Korean
        ("韩国大成集团", "KR"),  # Daesung Group, written in Chinese
        ("三星电子", "KR"),  # Samsung Electronics, written in Chinese
        ("Joseon Muyok Hoesa", "KR"),  # "Korea Trading Company": generic words only
    ],
)
def test_generic_words_and_a_korean_reading_alone_do_not_alert(
    full: Screener, name: str, country: str
) -> None:
    found = _entries(full, name, [country] if country else None)
    assert not any(e.startswith("un_sc:KPe") for e in found), found


@pytest.mark.parametrize(
    ("name", "entry"),
    [
        # METI's own kanji names, every character a word of the vocabulary (issue 17)
        ("朝鮮国際化学合営会社", "jp_meti_eul:343"),
        ("中国精密機械進出口有限公司", "jp_meti_eul:517"),
    ],
)
def test_an_original_script_name_finds_its_own_entry(full: Screener, name: str, entry: str) -> None:
    found = _entries(full, name)
    assert found.get(entry, 0.0) >= 0.99
    # the UN-designated joint venture is found with it (its party)
    if entry == "jp_meti_eul:343":
        assert any(m.party_id == "un_sc:KPe.039" for m in full.screen(Query(name)))

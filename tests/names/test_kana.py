"""Katakana readings of foreign names meet their Latin spellings, and bracketed alternatives
in list names become names of their own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.registry import parse_path
from tradeguard.names.analysis import analyse, make_token, variants
from tradeguard.names.katakana import _LETTER_NAMES, acronym_reading, spelt_letters
from tradeguard.names.normalize import fold
from tradeguard.names.phonetic import kana_skeleton, kana_skeletons, kana_vowels
from tradeguard.screening import Match, Query, Screener
from tradeguard.screening.similarity import token_similarity

MOF = Path(__file__).parent.parent / "fixtures" / "lists" / "jp_mof"


@pytest.mark.parametrize(
    ("kana_reading", "latin"),
    [
        ("ruijikov", "ryzhkov"),
        ("jierchakov", "zheltiakov"),
        ("areksandr", "alexander"),
        ("mohanmedo", "mohammed"),
        ("puuchin", "putin"),
        ("abdarraa", "abdallah"),
    ],
)
def test_kana_skeleton_meets_latin_spelling(kana_reading: str, latin: str) -> None:
    assert kana_skeleton(kana_reading) == kana_skeleton(latin)


@pytest.mark.parametrize(
    ("kana_reading", "latin"),
    [
        ("baaii", "bhai"),  # バーイー, Bhai: katakana has no aspirated b
        ("usutaazu", "ustadh"),  # ウスターズ, Ustadh: dh is the Arabic ذ
        ("shindo", "sindhi"),  # シンド, Sindhi: dh is an Indic d
        ("imamobitchi", "imamovic"),  # イマモビッチ, Imamović written without its diacritic
        # MOF's readings of European names as their speakers say them (EU and OFAC spellings)
        ("jeemuzu", "james"),  # ジェームズ・コアン・チョル, James Koang Chual: a voiced final s
        ("joonzu", "jones"),  # サリー・アン・フランシス・ジョーンズ, Sally-Anne Frances Jones
        ("furanshisu", "frances"),
        ("petorofu", "petrov"),  # ペトロフ: a final v is voiceless
        ("efugenii", "evgeny"),  # エフゲニー: so is a v before a consonant
        ("arekusandorovichi", "aleksandrovich"),  # アレクサンドロヴィチ: the h of ch stays
        ("toomasu", "thomas"),  # トーマス: th is ト
    ],
)
def test_kana_skeletons_of_letters_heard_otherwise(kana_reading: str, latin: str) -> None:
    assert set(kana_skeletons(kana_reading)) & set(kana_skeletons(latin))


@pytest.mark.parametrize(("a", "b"), [("ruijikov", "rodriguez"), ("sergei", "sarkis")])
def test_kana_skeleton_keeps_different_names_apart(a: str, b: str) -> None:
    assert kana_skeleton(a) != kana_skeleton(b)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=20))
def test_kana_skeleton_is_consonants_only(token: str) -> None:
    key = kana_skeleton(token)
    assert not set(key) & set("aeiouyw")
    assert key == key.lower()
    assert kana_skeleton(token) == key  # stable


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Vladimir Artyakov (Artjakov)", ["Vladimir Artyakov", "Vladimir Artjakov"]),
        ("Aleksander(Alexander)Mikheev", ["Aleksander Mikheev", "Alexander Mikheev"]),
        ("Mikhail ZHELTIAKOV (ZHELTYAKOV)", ["Mikhail ZHELTIAKOV", "Mikhail ZHELTYAKOV"]),
        (
            "KOREA MINING DEVELOPMENT TRADING CORPORATION (KOMID)",
            ["KOREA MINING DEVELOPMENT TRADING CORPORATION", "KOMID"],
        ),
        (
            "Aleksey (Alexey, Alexy) Mishustin",
            ["Aleksey Mishustin", "Alexey Mishustin", "Alexy Mishustin"],
        ),
        ("(KOVALCHUK), Vasiliy", ["(KOVALCHUK), Vasiliy"]),
        ("Kim Jong Sik", ["Kim Jong Sik"]),
        ("Unclosed (bracket", ["Unclosed (bracket"]),
        # UN KPe.017: a place inside the name qualifies it and is no name of its own
        (
            "LEADER (HONG KONG) INTERNATIONAL",
            ["LEADER INTERNATIONAL", "LEADER HONG KONG INTERNATIONAL"],
        ),
        ("WEE TIONG (S) PTE LTD", ["WEE TIONG PTE LTD"]),  # OFAC SDN: (S) for Singapore
        # CSL: an acronym inside the name still stands on its own
        (
            "China Electronics Technology Group Corp. (CETC) 54th Research Institute",
            [
                "China Electronics Technology Group Corp. 54th Research Institute",
                "CETC",
            ],
        ),
    ],
)
def test_bracketed_alternatives(name: str, expected: list[str]) -> None:
    assert variants(name) == expected


@given(st.text(alphabet="ab (),", max_size=30))
def test_variants_never_fail_and_keep_letters(name: str) -> None:
    out = variants(name)
    assert len(out) == len(set(out))
    for text in out:
        assert set(text) <= set(name) | {" "}
    assert analyse(name) is not None


@pytest.fixture(scope="module")
def mof() -> list[Entity]:
    return list(parse_path(MOF / "shisantouketsu20260305-extract.xlsx").entities)


def _screen_held_out(
    mof: list[Entity], name: str, schema: str = "Person"
) -> tuple[Entity, list[Match]]:
    """The MOF entry that carries ``name``, and what screening ``name`` finds once every
    original-script name is held out of the index (so only the Latin names can meet it)."""
    target = next(e for e in mof if any(n.value == name for n in e.names))
    held_out = [
        replace(e, names=[n for n in e.names if n.kind != NameKind.ORIGINAL_SCRIPT]) for e in mof
    ]
    return target, Screener.from_entities(held_out).screen(Query(name, schema=schema))


@pytest.mark.parametrize(
    "kana",
    [
        "ウラジーミル・プーチン",
        "セルゲイ・ナルィシュキン",
        "ユーリー・コヴァリチュク",
        "ウラジーミル・コロコリツェフ",
        "イーゴリ・ショゴレフ",
    ],
)
def test_katakana_name_finds_latin_entry_of_the_real_mof_list(mof: list[Entity], kana: str) -> None:
    """The MOF list's own katakana name, held out of the index, finds the entry by its Latin
    names alone (a Japanese officer typing the name as the press writes it)."""
    target, matches = _screen_held_out(mof, kana)
    assert target.id in [m.entity_id for m in matches]
    best = next(m for m in matches if m.entity_id == target.id)
    assert best.explanation["name"]["reading"].startswith("kana")


@pytest.mark.parametrize(
    ("kana_reading", "latin"),
    [
        ("saiido", "sayed"),  # サイード: Sayed / Saeed / Said
        ("saiido", "saeed"),
        ("imaado", "emad"),  # イマード
        ("iigori", "igor"),
    ],
)
def test_short_names_agree_in_their_vowel_classes(kana_reading: str, latin: str) -> None:
    assert kana_vowels(kana_reading) == kana_vowels(latin)


@pytest.mark.parametrize(("a", "b"), [("saiido", "saad"), ("rossi", "aeras"), ("sami", "sumi")])
def test_short_names_with_other_vowels_stay_apart(a: str, b: str) -> None:
    assert kana_vowels(a) != kana_vowels(b)


@pytest.mark.parametrize(
    ("kana_reading", "latin"),
    [
        ("naadiru", "nader"),  # ナーディル: ディ is di, not ji
        ("mutasaddiku", "motassadeq"),
        ("puuchin", "putin"),  # プーチン: the Latin ti heard as chi
        ("son", "song"),  # ソン: a final ng is ン
        ("kingu", "king"),  # キング
    ],
)
def test_kana_skeletons_meet(kana_reading: str, latin: str) -> None:
    assert set(kana_skeletons(kana_reading)) & set(kana_skeletons(latin))


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=20))
def test_kana_vowels_and_skeletons_are_stable(token: str) -> None:
    vowels = kana_vowels(token)
    assert not set(vowels) & set("eo")
    assert kana_vowels(token) == vowels
    skeletons = kana_skeletons(token)
    assert skeletons[0] == kana_skeleton(token)
    assert all(not set(s) & set("aeiouyw") for s in skeletons)


@pytest.mark.parametrize(
    "kana",
    [
        "キム・グァンチュン",  # Kim Kwang Chun
        "キム・グァンヨン",  # Kim Kwang Yon
        "カン・ムンキル",  # Kang Mun Kil
        "チャン・ソンチョル",  # Jang Song Chol
        "サイイド・モハンメド・ハッカーニ",  # Sayyed Mohammed Haqqani
        "ハーリド・アブド・アル・ラフマン・ハムド・アル・ファワズ",  # Khalid Abd al-Rahman ...
        "アブー・トゥラブ",  # Abu Turab
        "خالد عبد الرحمن حمد الفواز",  # the same entry in Arabic script
    ],
)
def test_korean_and_arabic_names_find_latin_entry_of_the_real_mof_list(
    mof: list[Entity], kana: str
) -> None:
    """Korean and Arabic names of the MOF list, in katakana or Arabic script with every
    original-script name held out, find the entry by its Latin names alone."""
    target, matches = _screen_held_out(mof, kana)
    assert target.id in [m.entity_id for m in matches]


def test_arabic_name_of_the_un_list_finds_the_mof_entry(mof: list[Entity]) -> None:
    """UN TAi.016 in Arabic script (الله داد: the name of God keeps its article) finds the
    MOF's ALLAH DAD TAYEB WALI MUHAMMAD by its Latin names, first of all entries."""
    held_out = [
        replace(e, names=[n for n in e.names if n.kind != NameKind.ORIGINAL_SCRIPT]) for e in mof
    ]
    matches = Screener.from_entities(held_out).screen(
        Query("الله داد طیب ولی محمد", schema="Person"), threshold=0.0
    )
    assert matches[0].entity_id == "jp_mof:2-16"
    assert matches[0].score > 2 * matches[1].score


@pytest.mark.parametrize(
    ("kana", "acronym"),
    [
        ("オーエムエム", "omm"),  # MOF 14-20: OMM, one word
        ("ディー・シー・ビー", "dcb"),  # MOF 14-23: DCB
        ("ケー・ケー・ビー・シー", "kkbc"),  # MOF 14-25: KKBC
        ("エム・アイ・ディー", "mid"),  # MOF 16-7: MID
        ("ケー・ピー・エー・ユニット586", "kpa ユニット586"),  # MOF 16-9: KPA Unit 586
        ("イースト・シー・シッピング", None),  # a letter name alone is a word: East Sea
    ],
)
def test_spelt_out_letters_read_as_an_acronym(kana: str, acronym: str | None) -> None:
    assert acronym_reading(fold(kana)) == acronym


@pytest.mark.parametrize(
    "kana", ["オーエムエム", "ディー・シー・ビー", "ケー・ケー・ビー・シー", "エフ・ティー・ビー"]
)
def test_katakana_acronym_finds_the_latin_acronym_of_the_real_mof_list(
    mof: list[Entity], kana: str
) -> None:
    """An acronym the MOF list spells out in katakana, held out of the index, finds the entry
    by the Latin acronym it also lists (OMM, DCB, KKBC, FTB)."""
    target, matches = _screen_held_out(mof, kana, "Organization")
    assert target.id in [m.entity_id for m in matches]


@given(st.lists(st.sampled_from(sorted(_LETTER_NAMES)), min_size=1, max_size=6))
def test_any_spelt_out_word_reads_back_as_its_letters(letters: list[str]) -> None:
    """A word made of letter names (first spelling of each) reads back as those letters."""
    word = "".join(_LETTER_NAMES[letter][0] for letter in letters)
    assert spelt_letters(word) == "".join(letters)


@pytest.mark.parametrize(
    ("reading", "latin", "meets"),
    [
        ("akiresu", "kliosa", False),  # アキレス (Achilles): an initial vowel is kept
        ("urajiimiru", "vladimir", True),  # ウ for v
        ("ereena", "yelena", True),  # initial y written or not
        ("oregu", "oleg", True),
    ],
)
def test_a_katakana_hearing_opens_as_the_spelling(reading: str, latin: str, meets: bool) -> None:
    sim, _ = token_similarity(make_token(reading), make_token(latin), kana=True)
    assert (sim > 0) is meets


@pytest.mark.parametrize(
    ("reading", "latin"),
    [
        ("byonchor", "bianchi"),  # ビョンチョル read as a loanword is no hearing of Bianchi
        ("areksandr", "aleksandrovich"),  # a given name is no patronymic
    ],
)
def test_kana_hearings_keep_other_names_apart(reading: str, latin: str) -> None:
    assert token_similarity(make_token(reading), make_token(latin), kana=True)[0] == 0.0

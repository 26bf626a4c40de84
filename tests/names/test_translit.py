"""Transliteration and romanization-variant cases (table-driven)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.names.analysis import TokenClass, analyse, split_glued
from tradeguard.names.phonetic import phonetic, skeleton
from tradeguard.names.translit import latin_readings
from tradeguard.screening.index import form_keys

READINGS = [
    ("김정식", "kim jong sik"),  # DPRK / McCune-Reischauer style, syllables apart
    ("김정식", "gim jeongsik"),  # Revised Romanization
    ("리영길", "ri yong kil"),
    ("조선련봉총회사", "korea ryon pong general corp"),  # 조선 = Korea, 총회사 = general corp.
    ("東京", "toukyou"),  # kanji, Japanese reading
    ("東京", "dong jing"),  # kanji, pinyin reading
    ("トウキョウ", "toukyou"),  # katakana
    ("株式会社東芝", "kk toushiba"),  # Japanese company form
    ("有限公司", "co ltd"),
    ("Рособоронэкспорт", "rosoboroneksport"),
    ("ООО Ромашка", "llc romashka"),
    ("محمد بن سلمان", "mhmd bn slman"),
    ("عبدالخالق الحوثي", "bd al khalq al hwthy"),  # article and Abd- split off
    ("عبد الروف ذاکر", "bd al rwf zakr"),  # UN TAi.164, Abdul Rauf Zakir: Persian ذ is z
    ("حمد ذياب", "hmd dhyab"),  # Arabic ذ stays dh
    ("عبدالله", "bd allah"),  # Abdullah: the name of God keeps its article
    ("سيف الله", "syf allah"),  # Sayf Allah (Saifullah), UN QDi.333
    ("リ・ソンヒョク", "ri son hyok"),  # MOF: Ri Song Hyok, a Korean name in katakana
]


@pytest.mark.parametrize(("text", "reading"), READINGS)
def test_readings(text: str, reading: str) -> None:
    assert reading in [r.text for r in latin_readings(text)]


EQUIVALENT = [
    ["ri", "rhee", "lee", "yi"],
    ["pak", "park", "bak"],
    ["kim", "gim"],
    ["choe", "choi"],
    ["jong", "chong", "jeong"],
    ["ryong", "yong", "ryeong"],
    ["kang", "gang"],
    ["ryonbong", "ryeonbong", "ryonpong"],
    ["ono", "ohno", "oono", "ouno"],
    ["ito", "itoh", "itou"],
    ["tokyo", "toukyou"],
    ["dmitriy", "dmitry"],
    ["nikolayevich", "nikolaevich"],
    ["jaksic", "jaxic"],
    ["natalya", "natalia"],  # Russian я as BGN/PCGN and as ICAO passports write it
    ["yakovlev", "iakovlev"],
    ["yuriy", "iurii"],
    ["dyakonova", "diakonova"],
]


@pytest.mark.parametrize("group", EQUIVALENT, ids=["/".join(g) for g in EQUIVALENT])
def test_romanization_variants_share_a_key(group: list[str]) -> None:
    assert len({phonetic(token) for token in group}) == 1


def test_company_forms_and_generic_words_are_marked() -> None:
    (form,) = analyse("Korea Ryonbong General Trading Co., Ltd.")
    classes = {t.text: t.cls for t in form.tokens}
    assert classes["ryonbong"] == TokenClass.NAME
    assert classes["general"] == TokenClass.GENERIC
    assert classes["trading"] == TokenClass.GENERIC
    assert classes["co"] == TokenClass.FORM and classes["ltd"] == TokenClass.FORM
    (form,) = analyse("Joint Stock Company Rosoboronexport")
    assert [t.text for t in form.tokens] == ["jsc", "rosoboronexport"]
    # Spellings of one form meet at the same key.
    assert analyse("Acme Company")[0].tokens[1].phon == analyse("Acme Co.")[0].tokens[1].phon


def test_a_word_of_a_legal_form_alone_is_a_form() -> None:
    """ "Liability" names nothing but a legal form, also when "limited" is left out."""
    (form,) = analyse("LIABILITY MOSCOW ARMS")
    assert form.tokens[0].cls == TokenClass.FORM and form.tokens[0].phon == "=llc"
    (form,) = analyse("Defense Engineering Liability Partnership")
    assert [t.text for t in form.tokens] == ["defense", "engineering", "llc"]


def test_a_lone_form_is_a_name() -> None:
    (form,) = analyse("Corporation")
    assert form.tokens[0].cls == TokenClass.NAME


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        # the benchmark's joined-word transformation of OFAC SDN names
        ("kordexjoint stock company", ["kordex", "jsc"]),
        ("limited liability companyspring elektroniks", ["llc", "spring", "elektroniks"]),
        ("veb engineering limitedliability company", ["veb", "engineering", "llc"]),
        ("IKSJOINT STOCK COMPANY", ["iks", "jsc"]),  # CSL: IKS Joint Stock Company
        ("Comco Ltd", ["comco", "ltd"]),  # "co" is too short to be split off
        ("Unlimited Liability Company", ["unlimited", "llc"]),  # "un" is no word
    ],
)
def test_company_form_glued_to_a_word_is_split(name: str, tokens: list[str]) -> None:
    assert [t.text for t in analyse(name)[0].tokens] == tokens


WORDS = st.sampled_from(["joint", "stock", "company", "limited", "liability", "co", "kordex"])


@given(
    st.lists(
        st.one_of(WORDS, st.text(alphabet="abcdefjklmnosty", min_size=1, max_size=12)), max_size=6
    )
)
def test_split_glued_keeps_the_letters(words: list[str]) -> None:
    out = split_glued(words)
    assert "".join(out) == "".join(words)
    assert len(out) >= len(words)
    assert all(out)
    assert split_glued(out) == out  # nothing left to split


def test_arabic_script_words_meet_one_latin_word() -> None:
    """ولی جان (UN TAi.095) is WALIJAN in the entry's Latin name: the skeleton of the two
    words written without vowels is a retrieval key of its own."""
    (form,) = analyse("ولی جان")
    assert "s:" + skeleton("walijan") in form_keys(form)


def test_two_latin_words_with_other_vowels_share_the_pair_skeleton() -> None:
    """MATUQ MOHAMMED MATUQ (Japan MOF 23-9) spelt Matuq Muhammad: the consonants of the pair
    are one key; a pair of short words (Abu Ali) has none, it would find too many."""
    listed = form_keys(analyse("MATUQ MOHAMMED MATUQ", True)[0])
    query = form_keys(analyse("Matuq Muhammad", True)[0])
    shared = {k for k in listed if k.startswith("s:") and k in query}
    assert "s:" + skeleton("matuqmuhammad") in shared
    assert not any(k.startswith("s:") and len(k) < 7 for k in form_keys(analyse("Abu Ali")[0]))


_SYLLABLE = st.tuples(st.sampled_from("bdfklmnprstvz"), st.booleans(), st.sampled_from("aou"))


@given(st.lists(_SYLLABLE, min_size=2, max_size=4))
def test_ya_and_ia_after_a_consonant_share_a_key(syllables: list[tuple[str, bool, str]]) -> None:
    """Russian я, ю, ё after a consonant: ``ya`` (BGN/PCGN) and ``ia`` (ICAO) give one key."""
    with_y = "".join(c + ("y" if soft else "") + v for c, soft, v in syllables)
    with_i = "".join(c + ("i" if soft else "") + v for c, soft, v in syllables)
    assert phonetic(with_y) == phonetic(with_i)

"""The bilingual glossary: generic words of original-script organisation names read in English
meet the Latin names of the same entries."""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.registry import parse_path
from tradeguard.lists.snapshot import manifest, materialise
from tradeguard.names.analysis import analyse
from tradeguard.names.glossary import glossary, glossed, segment
from tradeguard.names.normalize import fold
from tradeguard.names.vocab import countries_version, versions, vocabulary
from tradeguard.screening import Query, Screener

FIXTURES = Path(__file__).parent.parent / "fixtures" / "lists"
#: a list entry pairing a word in its original script with its English name
LIST_SOURCES = ("UN SC KP", "EU FSF ", "METI End User List ", "Japan MOF list ")


def test_every_record_has_a_source_and_english() -> None:
    records = [r for rs in vocabulary().glossary.values() for r in rs]
    assert len(records) > 500
    for record in records:
        assert record["lang"] in {"ja", "zh-Hans", "zh-Hant", "ko"}
        assert record["en"] and all(isinstance(e, str) and e for e in record["en"])
        assert record["class"] in {"generic", "form"}
        assert str(record["source"]).startswith(
            ("JMdict ", "CC-CEDICT ", "Sino-Korean reading", *LIST_SOURCES)
        )


def test_versions_name_the_glossary_and_cldr() -> None:
    found = versions()
    assert found["glossary"]
    assert found["countries"] == countries_version()
    assert "ICU" in found["countries"]


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("ロシア", "russia"),
        ("俄罗斯", "russia"),
        ("俄羅斯", "russia"),
        ("러시아", "russia"),
        ("Россия", "russia"),
        ("シリア", "syria"),
        ("北朝鮮", "north korea"),
    ],
)
def test_country_names_come_from_cldr(name: str, english: str) -> None:
    assert glossed(fold(name))[0][0] == english


@pytest.mark.parametrize(
    ("name", "first", "second"),
    [
        ("西安導航技術研究所", "西安 navigation technology institute", None),
        ("研究所", "institute", "research institute"),
        ("機械", "machinery", "machine"),
        ("サウス・ライン", None, None),  # サウス is not a JMdict headword: the line alone
        ("ニュー・サイバー・アーミー", "new cyber army", None),
        ("コロムナ機械建設設計局", "コロムナ machinery construction design bureau", None),
    ],
)
def test_glossed_readings(name: str, first: str | None, second: str | None) -> None:
    readings = [text for text, _ in glossed(fold(name))]
    if first is not None:
        assert readings[0] == first
    if second is not None:
        assert readings[1] == second


@pytest.mark.parametrize("name", ["北京", "西安", "南京", "東京", "マリア", "新潟"])
def test_one_character_words_and_katakana_inside_names_stay_names(name: str) -> None:
    """北 of 北京 is no direction and マリ (Mali) no part of マリア: nothing is read."""
    assert glossed(fold(name)) == []


def test_person_names_get_no_glossed_reading() -> None:
    assert not any(f.method.endswith("gloss") for f in analyse("新井", person=True))


def test_a_query_gets_few_forms() -> None:
    forms = analyse("中国精密機械進出口有限公司", person=False)
    assert 2 < len(forms) <= 6
    assert sum(f.method.endswith("gloss") for f in forms) <= 3


_CJK = st.text(
    alphabet=st.sampled_from(
        sorted(set("".join(glossary().unspaced)) | set("西安京鮮マリアコロムナ"))
    ),
    max_size=12,
)


@given(_CJK)
def test_segmentation_keeps_every_character(text: str) -> None:
    assert "".join(piece for piece, _ in segment(text)) == text


@given(_CJK)
def test_characters_outside_glossary_words_are_kept(text: str) -> None:
    """Whatever is not a glossary word is in the glossed text as it was."""
    for reading, _ in glossed(text):
        for piece, renderings in segment(text):
            if renderings is None and piece.strip():
                assert piece in reading


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", max_size=40))
def test_latin_text_is_left_as_it_is(text: str) -> None:
    assert glossed(text) == []
    assert "".join(piece for piece, _ in segment(text)) == text


def _held_out(entities: list[Entity], name: str) -> tuple[Entity, list[str]]:
    """The entry carrying ``name``, and the entries screening ``name`` finds once every
    original-script name is held out of the index (only the Latin names can meet it)."""
    target = next(e for e in entities if any(n.value == name for n in e.names))
    held_out = [
        replace(e, names=[n for n in e.names if n.kind != NameKind.ORIGINAL_SCRIPT])
        for e in entities
    ]
    matches = Screener.from_entities(held_out).screen(Query(name, schema=target.schema))
    return target, [m.entity_id for m in matches]


@pytest.fixture(scope="module")
def meti() -> list[Entity]:
    return list(parse_path(FIXTURES / "jp_meti" / "20250929_4-extract.xlsx").entities)


@pytest.fixture(scope="module")
def mof() -> list[Entity]:
    return list(parse_path(FIXTURES / "jp_mof" / "shisantouketsu20260305-extract.xlsx").entities)


@pytest.mark.parametrize(
    "name",
    [
        "西安導航技術研究所",  # METI: Xian Research Institute of Navigation Technology
        "中国西南電子技術研究所",  # METI: CETC 10th Research Institute
    ],
)
def test_meti_kanji_name_finds_latin_entry(meti: list[Entity], name: str) -> None:
    target, found = _held_out(meti, name)
    assert target.id in found


@pytest.mark.parametrize(
    "name", ["ロシア連邦中央銀行"]
)  # MOF: Central Bank of the Russian Federation
def test_mof_name_finds_latin_entry(mof: list[Entity], name: str) -> None:
    target, found = _held_out(mof, name)
    assert target.id in found


#: a source citing a list entry: the list, the entry id and what follows it
_CITED = re.compile(r"(UN SC|EU FSF|METI End User List|Japan MOF list) ([A-Za-z0-9.-]+)(.*)")
_LISTS = {
    "UN SC": "un_sc",
    "EU FSF": "eu_fsf",
    "METI End User List": "jp_meti_eul",
    "Japan MOF list": "jp_mof",
}


def _cited_names(rest: str) -> list[str]:
    """The names a source quotes after the entry id: ``: A = B`` or `` pairs A with B``."""
    rest = rest.split(";")[0].strip()
    if rest.startswith(":"):
        return [n.strip() for n in rest[1:].split(" = ")]
    if rest.startswith("pairs "):
        return [n.strip() for n in rest[len("pairs ") :].split(" with ")]
    return []


@pytest.fixture(scope="module")
def cited_entries() -> dict[str, Entity]:
    out: dict[str, Entity] = {}
    with tempfile.TemporaryDirectory() as workdir:
        for item in manifest():
            if item.list in _LISTS.values():
                for entity in parse_path(materialise(item, Path(workdir))).entities:
                    out[entity.id] = entity
    return out


def test_list_sources_are_the_lists_own_pairings(cited_entries: dict[str, Entity]) -> None:
    """Each record citing a list entry names an entry of the bundled snapshot, and the names it
    quotes (the original and its English) are names of that entry."""
    cited = 0
    for records in vocabulary().glossary.values():
        for record in records:
            match = _CITED.search(str(record["source"]))
            if match is None:
                continue
            cited += 1
            entity = cited_entries.get(f"{_LISTS[match.group(1)]}:{match.group(2)}")
            assert entity is not None, record
            names = {fold(n.value) for n in entity.names}
            for name in _cited_names(match.group(3)):
                assert fold(name) in names, (record, name)
    assert cited >= 25

"""Trade words written otherwise: synonyms of one trade, abbreviations, translations, digits
for letters, and a mixed-script name whose one part is only a trade word (real list entries of
the UN and OFAC SDN extracts)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.lists.registry import parse_path
from tradeguard.names.analysis import unleet
from tradeguard.screening import Query, Screener
from tradeguard.screening.mixed import generic_only, parts

FIXTURES = Path(__file__).parent.parent / "fixtures" / "lists"


@pytest.fixture(scope="module")
def lists() -> Screener:
    entities = []
    for rel in ("un/consolidated-2026-02-27-extract.xml", "ofac/sdn-2024-05-03-extract.csv"):
        entities.extend(parse_path(FIXTURES / rel).entities)
    return Screener.from_entities(entities)


def _found(screener: Screener, name: str, schema: str = "Organization") -> dict[str, float]:
    found: dict[str, float] = {}
    for match in screener.screen(Query(name, schema=schema), limit=20):
        for entry in {match.entity_id, *(str(m["entity_id"]) for m in match.memberships)}:
            found[entry] = max(found.get(entry, 0.0), match.score)
    return found


@pytest.mark.parametrize(
    ("query", "entry"),
    [
        # abbreviations the lists write (SHPG, DEV., GEN., BK)
        ("KOREAN RYONBONG GEN CORP", "un_sc:KPe.002"),
        ("Korea Mining Dev. Trading Corp.", "un_sc:KPe.001"),
        ("Tanchon Commercial Bk", "un_sc:KPe.003"),
        # a Romance language's bank
        ("Banco Koryo", "un_sc:KPe.045"),
        # the lists' translations: 신용/信用 credit, 민족/民族 national
        ("대동신용은행", "un_sc:KPe.023"),
        ("大同信用銀行", "un_sc:KPe.023"),
        ("조선민족보험총회사", "us_ofac_sdn:20573"),
        ("朝鮮民族保険総会社", "us_ofac_sdn:20573"),
        # digits for letters
        ("K0rea Ry0nb0ng General C0rporation", "un_sc:KPe.002"),
        ("Ryonb0ng Gen. Corp.", "un_sc:KPe.002"),
    ],
)
def test_written_otherwise_is_found(lists: Screener, query: str, entry: str) -> None:
    found = _found(lists, query)
    assert found.get(entry, 0.0) >= lists.threshold, sorted(found.items(), key=lambda x: -x[1])


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Mahan Airlines", "MAHAN AIR"),
        ("Mahan Aviation Company", "MAHAN AIR CO."),
        ("マーハーン航空", "MAHAN AIR"),
        ("KOREAN POLISH SHPG CO LTD", "Korean Polish Shipping Company Limited"),
        ("イラン・イスラム共和国海運", "ISLAMIC REPUBLIC OF IRAN SHIPPING LINES"),
    ],
)
def test_one_trade_word_family(lists: Screener, query: str, listed: str) -> None:
    """OFAC SDN 10468 MAHAN AIR, as the airline and Japan MOF write it; UN-listed IRISL."""
    assert lists.compare(query, listed, "Organization")["match"]


@pytest.mark.parametrize("query", ["LG화학", "KCC화학", "DIC化学", "Tokyo 化学工業"])
def test_a_trade_word_part_alone_alerts_nothing(lists: Screener, query: str) -> None:
    """化学 (chemical) read alone met KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY."""
    found = _found(lists, query)
    assert max(found.values(), default=0.0) < lists.threshold, found


def test_generic_parts() -> None:
    assert [generic_only(t) for _, t in parts("LG화학")] == [False, True]
    assert [generic_only(t) for _, t in parts("Acme 株式会社")] == [False, True]
    assert [generic_only(t) for _, t in parts("SMIC 中芯国际")] == [False, False]


@pytest.mark.parametrize(
    ("word", "read"),
    [
        ("k0rea", "korea"),
        ("ry0nb0ng", "ryonbong"),
        ("genera1", "general"),
        ("m1cro", "micro"),
        ("azov2000", "azov2000"),
        ("s300", "s300"),
        ("mig29", "mig29"),
        ("7eleven", "7eleven"),
        ("zoe1", "zoe1"),
        ("3m", "3m"),
    ],
)
def test_digits_for_letters(word: str, read: str) -> None:
    assert unleet(word) == read


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", max_size=12))
def test_digits_read_keep_the_length_and_the_letters(word: str) -> None:
    read = unleet(word)
    assert len(read) == len(word)
    assert all(a == b for a, b in zip(word, read, strict=True) if a.isalpha())
    assert read == word or read.isalpha()


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Ким Чен Ын", "KIM JONG UN"),
        ("Чхве Рён Хэ", "CHOE RYONG HAE"),
        ("Ли Пён Чхоль", "RI PYONG CHOL"),
    ],
)
def test_russian_transcription_of_korean_names(lists: Screener, query: str, listed: str) -> None:
    """Kontsevich's Cyrillic of Korean names meets the lists' McCune-Reischauer spelling."""
    assert lists.compare(query, listed, "Person")["match"]


def test_russian_names_get_no_korean_reading(lists: Screener) -> None:
    from tradeguard.names.translit import latin_readings

    assert [r.method for r in latin_readings("Игорь Сечин", True)] == ["cyrillic"]
    assert not lists.compare("Ким Чен Ын", "KIM CHONG IL", "Person")["match"]

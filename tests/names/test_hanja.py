"""Han characters read as Korean: the Unicode Han Database's kHangul readings, the characters
first in their traditional forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.names import hanja
from tradeguard.names.analysis import analyse
from tradeguard.names.hanzi import HAN_RUN
from tradeguard.names.vocab import versions


@pytest.mark.parametrize(
    ("text", "person", "korean"),
    [
        ("朝鲜大成银行", False, "조선대성은행"),  # simplified: 鲜 银 read as 鮮 銀
        ("朝鮮連峰総会社", False, "조선련봉총회사"),  # METI's Japanese forms: 総 会 as 總 會
        ("朝鮮連峰總會社", False, "조선련봉총회사"),
        ("金策", False, "금책"),  # gold ...
        ("金策", True, "김책"),  # ... and Kim in a name
        ("Korea 大成", False, "Korea 대성"),
    ],
)
def test_korean_readings(text: str, person: bool, korean: str) -> None:
    assert hanja.hangul(text, person) == korean


def test_text_without_han_has_no_reading() -> None:
    assert hanja.hangul("조선 Korea") is None


def test_the_table_names_its_unicode_version() -> None:
    assert hanja.version() == "15.0.0"
    assert versions()["hanja_hangul"] == "15.0.0"


_HAN = st.text(
    alphabet=st.sampled_from("朝鲜鮮大成银銀行連连峰峯総總会會社公司金策國国"), max_size=10
)


@given(_HAN)
def test_every_character_is_read_as_one_syllable(text: str) -> None:
    korean = hanja.hangul(text)
    if text:
        assert korean is not None and len(korean) == len(text)
        assert HAN_RUN.search(korean) is None


def test_a_firm_is_read_as_the_lists_write_it() -> None:
    """Words whole (Taesong), the glossary's words in English; readings of Han characters."""
    forms = [f for f in analyse("朝鲜大成银行", False) if f.method.startswith("hanja")]
    assert [f.text for f in forms] == ["korea taesong bank"]
    assert all(f.han for f in forms)
    persons = [f.text for f in analyse("金正恩", True) if f.method.startswith("hanja")]
    assert persons == ["kim jong un"]

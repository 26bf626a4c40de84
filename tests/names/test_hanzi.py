"""Han characters in one form across simplified, traditional and Japanese writing."""

from __future__ import annotations

import pytest

from tradeguard.names.analysis import analyse
from tradeguard.names.hanzi import fold_han


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("朝鮮連峰総会社", "朝鲜连峰总会社"),  # METI's Japanese form / simplified
        ("朝鮮連峰總公司", "朝鲜连峰总公司"),  # traditional / simplified
        ("國際", "国際"),
        ("鋼鐵", "钢铁"),
    ],
)
def test_forms_of_one_character_fold_alike(a: str, b: str) -> None:
    assert fold_han(a) == fold_han(b)


def test_other_text_is_kept() -> None:
    assert fold_han("Korea 연봉 ryonbong") == "Korea 연봉 ryonbong"
    assert fold_han("新光") != fold_han("伸興")


def test_han_name_has_a_character_form() -> None:
    """The METI kanji of Korea Ryonbong General Corporation and its simplified form give the
    same character form, the company form and the translated word cut out."""
    forms = {f.method: f.text for f in analyse("朝鮮連峰総会社", False)}
    assert forms["han"] == "korea 连峰 general corp"
    simplified = {f.method: f.text for f in analyse("朝鲜连峰总公司", False)}
    assert simplified["han"] == forms["han"]

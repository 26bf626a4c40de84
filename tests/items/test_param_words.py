"""Parameter words in Japanese, Korean and Chinese are data (``words`` in
data/controls/parameters.yaml, each with its language and source) that the text patterns name
as ``<<group>>``: "불소 함량 12%" reads the fluorine content as "フッ素含有量 12%" does, a space
between the words or none."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tradeguard.errors import InputError
from tradeguard.items import classify, knowledge_base
from tradeguard.items.params import _expand

PARAMETERS = Path(__file__).parents[2] / "tradeguard" / "data" / "controls" / "parameters.yaml"


@pytest.mark.parametrize(
    "description",
    [
        "불화 폴리이미드 불소 함량 12%",
        "불화 폴리이미드 불소함량 12%",
        "フッ化ポリイミド フッ素含有量 12%",
        "氟化聚酰亚胺 氟含量 12%",
    ],
)
def test_fluorine_content_is_read_in_each_language(description: str) -> None:
    result = classify(description)
    assert result.controlled is None
    assert result.missing_parameters == ["unprocessed"]
    [entry] = [e for e in result.entries if e.code == "1C009.b"]
    assert "fluorine_pct = 12" in entry.why


def test_fluorine_content_below_the_threshold_in_korean_is_not_controlled() -> None:
    assert classify("불화 폴리이미드 수지 불소 함량 8%").controlled is False


@pytest.mark.parametrize(
    ("param", "text", "value"),
    [
        ("purity_pct", "포스핀 순도 99.9999%", 99.9999),
        ("purity_pct", "磷化氢 纯度 99.9999%", 99.9999),
        ("positioning_accuracy_um", "cnc 선반 위치결정 정밀도 4 um", 4.0),
        ("positioning_accuracy_um", "nc旋盤 位置決め精度 ±4um", 4.0),
        ("positioning_accuracy_um", "数控车床 定位精度 4um", 4.0),
        ("positioning_accuracy_um", "cnc lathe, positioning accuracy 3.5 um", 3.5),
        ("axes", "5축 머시닝센터", 5.0),
    ],
)
def test_parameter_words_are_read(param: str, text: str, value: float) -> None:
    hit = knowledge_base().params.params[param].from_text(text)
    assert hit is not None and hit[0] == value


def test_a_content_word_beside_fluorine_is_not_a_concentration() -> None:
    concentration = knowledge_base().params.params["concentration_pct"]
    assert concentration.from_text("불화 폴리이미드 불소 함량 12%") is None
    assert concentration.from_text("불산 55%") == (55.0, "55%")


def test_every_parameter_word_has_its_language_and_source() -> None:
    doc = yaml.safe_load(PARAMETERS.read_text(encoding="utf-8"))
    langs = set()
    for group, items in doc["words"].items():
        for item in items:
            assert item["text"] and item["source"], group
            assert item["verified"] is False, (group, item["text"])
            langs.add(item["lang"])
    # English words too: the unit words of a dose, the words next to a share in a mixture;
    # German, French, Spanish and Italian stems of chemical names (chemical_stems)
    assert langs == {"en", "ja", "ko", "zh", "de", "fr", "es", "it"}


def test_an_unknown_word_group_is_refused() -> None:
    with pytest.raises(InputError, match="unknown word group"):
        _expand("<<colour>>\\s*(\\d+)", {"fluorine": ("불소",)})

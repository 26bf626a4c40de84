"""The words the free-text index leaves out (tradeguard/data/controls/text_stop_words.yaml,
read by tradeguard/items/textindex.py): each is frequent in Annex I's own text, the list's
fixed wording is quoted from it, and the index reads them as it did when they were in code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tradeguard.errors import InputError
from tradeguard.items.classifier import knowledge_base
from tradeguard.items.kb_load import CONTROLS_DIR
from tradeguard.items.textindex import STOP_WORDS_FILE, read_stop_words, tokens

DOC = yaml.safe_load(STOP_WORDS_FILE.read_text("utf-8"))


def _annex() -> dict[str, str]:
    raw = json.loads((CONTROLS_DIR / "annex_i_text.json").read_text("utf-8"))
    return {e["code"]: f"{e.get('title') or ''}\n{e.get('text') or ''}" for e in raw["entries"]}


def test_every_stop_word_is_frequent_in_the_control_lists_text() -> None:
    text = "\n".join(_annex().values()).lower()
    words = read_stop_words(STOP_WORDS_FILE)
    assert len(words) == 40
    for word in words:
        assert len(re.findall(rf"\b{re.escape(word)}\b", text)) >= 17, word


def test_the_fixed_wording_is_quoted_from_the_list() -> None:
    annex = _annex()
    [fixed] = [g for g in DOC["stop"] if g.get("quotes")]
    quoted = set()
    for quote in fixed["quotes"]:
        assert quote["quote"]["text"] in annex[quote["entry"]], quote
        quoted.update(re.findall(r"[a-z]+", quote["quote"]["text"].lower()))
    assert set(fixed["words"]) <= quoted


def test_the_index_leaves_them_out() -> None:
    assert tokens("Equipment specially designed therefor, as follows: on the wafers") == [
        "equipment",
        "wafer",
    ]
    assert tokens("having any of the following") == []
    assert knowledge_base().files["text_stop_words.yaml"] == DOC["meta"]["version"]


def test_a_group_without_a_source_or_with_a_yaml_boolean_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stop.yaml"
    path.write_text("stop:\n  - {words: [the, of], source: x}\n", "utf-8")
    assert read_stop_words(path) == frozenset({"the", "of"})
    for bad in ("{words: [the]}", "{words: [on], source: x}", "{words: [], source: x}"):
        path.write_text(f"stop:\n  - {bad}\n", "utf-8")
        with pytest.raises(InputError, match="needs lower-case words and a source"):
            read_stop_words(path)

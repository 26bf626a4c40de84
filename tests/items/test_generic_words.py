"""The words of a use or a class of goods (tradeguard/data/controls/generic_words.yaml, read
by tradeguard/items/entry_names.py): each names where it comes from, the synonyms it keeps from
deciding are the knowledge base's own, and the control list's wording it quotes is the list's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tradeguard.errors import InputError
from tradeguard.items.classifier import knowledge_base
from tradeguard.items.entry_names import (
    GENERIC_WORDS_FILE,
    entry_names,
    generic,
    generic_words,
    read_generic_words,
    stem,
    title_names,
    words,
)
from tradeguard.items.kb_load import CONTROLS_DIR

DOC = yaml.safe_load(GENERIC_WORDS_FILE.read_text("utf-8"))
RECORDS = DOC["generic"]


def _annex() -> dict[str, str]:
    raw = json.loads((CONTROLS_DIR / "annex_i_text.json").read_text("utf-8"))
    return {e["code"]: f"{e.get('title') or ''}\n{e.get('text') or ''}" for e in raw["entries"]}


def test_the_words_are_the_files_and_read_once() -> None:
    assert generic_words() == frozenset(r["word"] for r in RECORDS)
    assert len(generic_words()) == len(RECORDS) == 18
    assert generic_words() is generic_words()
    assert {"gas", "agent", "equipment", "fumigant"} <= generic_words()


def test_the_synonyms_a_word_keeps_from_deciding_are_the_entrys_own() -> None:
    """Each example is a synonym of its entry with the word in it, and it does not decide the
    entry (it is not among the entry's names, unless it is also the entry's title, which
    always decides: 0C002 "Special fissile materials")."""
    kb = knowledge_base()
    seen = 0
    for record in RECORDS:
        for example in record["examples"]:
            entry = kb.entries[example["entry"]]
            assert example["synonym"] in entry.synonyms, example
            assert stem(record["word"]) in words(example["synonym"]), example
            assert generic(example["synonym"]), example
            named = tuple(words(example["synonym"]))
            titles = {tuple(words(t)) for t in title_names(entry)}
            assert named not in entry_names(entry) or named in titles, example
            seen += 1
    assert seen >= 20


def test_a_quote_of_the_control_list_is_its_wording_else_the_word_is_unverified() -> None:
    annex = _annex()
    for record in RECORDS:
        quote = record.get("annex")
        if quote is None:
            assert record["verified"] is False, record["word"]
            assert record["examples"], record["word"]
            continue
        assert quote["quote"]["text"] in annex[quote["entry"]], quote
        assert stem(record["word"]) in words(quote["quote"]["text"]), quote
        assert record["source"] == DOC["meta"]["sources"][0]


def test_the_knowledge_base_versions_the_file() -> None:
    assert knowledge_base().files["generic_words.yaml"] == DOC["meta"]["version"]


def test_a_word_without_a_source_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("generic:\n  - {word: gas, source: a dictionary}\n", "utf-8")
    assert read_generic_words(good) == frozenset({"gas"})
    for bad in ("{word: gas}", "{word: Gas, source: x}", "{source: x}"):
        path = tmp_path / "bad.yaml"
        path.write_text(f"generic:\n  - {bad}\n", "utf-8")
        with pytest.raises(InputError, match="needs a lower-case word and a source"):
            read_generic_words(path)

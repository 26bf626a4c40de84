"""The EU licence reasons name the destination group as Regulation (EU) 2021/821 does (the
destinations of EU001, Annex II Section A, or not), never the internal code third_country: in
the engine's English and in the pages' Japanese and Korean."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.language import i18n, reason_words
from tradeguard.policy import EntryFacts, ItemFacts, PolicyEngine, load_policy

ITEM = ItemFacts(line=1, cas="7664-39-3", entries=(EntryFacts("1C350.24", ("AG",), ()),))


def _in(lang: str, reason: dict[str, object]) -> str:
    token = i18n.use(lang)
    try:
        return str(reason_words.sentence(reason))
    finally:
        i18n.reset(token)


@pytest.mark.parametrize(
    ("destination", "en", "ja", "ko"),
    [
        ("CN", "not an EU001 destination", "EU001の仕向地以外", "EU001 대상 목적지가 아님"),
        ("JP", "an EU001 destination", "EU001の仕向地（", "EU001 대상 목적지("),
    ],
)
def test_the_group_is_named_as_the_regulation_does(
    destination: str, en: str, ja: str, ko: str
) -> None:
    engine = PolicyEngine(load_policy())
    [reason] = engine.licensing("EU", destination, ITEM, [], date(2026, 11, 20))
    assert f"to {destination} ({en} (Regulation (EU) 2021/821, Annex II, Section A))" in (
        reason.message
    )
    data = reason.model_dump()
    assert "third_country" not in reason.message
    for lang, words in (("ja", ja), ("ko", ko)):
        shown = _in(lang, data)
        assert words in shown and "third_country" not in shown, shown
        assert "グループ" not in shown and "그룹" not in shown


def test_other_jurisdictions_keep_their_group_letters() -> None:
    engine = PolicyEngine(load_policy())
    [reason] = engine.licensing("JP", "CN", ITEM, [], date(2026, 11, 20))
    assert "(group C)" in reason.message
    assert "group_name" not in reason.params

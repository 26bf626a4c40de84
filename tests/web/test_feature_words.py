"""The evidence beyond the name in a match's explanation (birth date, nationality, country,
identifiers, a weak alias, and what the screener concluded from them) is written in the page's
language from each feature's code and parameters, on a real screening of the bundled lists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.language import i18n
from tradeguard.reports import explain, explain_words
from tradeguard.screening import features as ft
from tradeguard.store import Store

from .helpers import log_in, page_client
from .test_no_english import english


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("ja", ["識別番号", "が完全に一致します", "生年 1971 は掲載の", "国 CD が一致します"]),
        (
            "ko",
            ["식별번호", "이(가) 정확히 일치합니다", "출생연도 1971", "국가 CD이(가) 일치합니다"],
        ),
    ],
)
def test_secondary_evidence_in_the_page_language(
    client: TestClient, lang: str, said: list[str]
) -> None:
    csrf = log_in(client)
    client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
    form = {
        "csrf": csrf,
        "name": "Floribert Ngabu Njabu",
        "type": "Person",
        "birth_date": "1971",
        "country": "CD",
        "identifier": "OB0243318",
    }
    r = client.post("/ui/screen", data=form)
    assert r.status_code == 200, r.text[-500:]
    for words in said:
        assert words in r.text, words
    assert "agrees with" not in r.text and "matches exactly" not in r.text
    assert not english(r.text), english(r.text)


def _in(lang: str, feature: dict[str, object]) -> str:
    token = i18n.use(lang)
    try:
        return explain_words.detail(feature)
    finally:
        i18n.reset(token)


def test_what_the_screener_concluded_is_said_too() -> None:
    effect = ft.birth_date_effect("1941", ["1971-05-23"])
    assert effect is not None
    effect.note("namesake", ": a namesake, below the alert threshold")
    feature = effect.to_dict()
    assert feature["detail"] == (
        "birth date 1941 contradicts 1971-05-23: a namesake, below the alert threshold"
    )
    assert _in("ja", feature) == (
        "生年月日 1941 は掲載の 1971年5月23日 と矛盾します：同名の別人とみられ、警告の基準値を下回ります"
    )
    assert _in("en", feature) == feature["detail"]
    countries = ft.country_effect(["JP"], ["KP", "CN"])
    assert countries is not None
    countries.note("nationality", " (nationality): a namesake, below the alert threshold")
    assert _in("ko", countries.to_dict()) == (
        "국가 JP은(는) 등재된 CN, KP와(과) 다릅니다(국적): 동명이인으로 보여 경보 기준치 아래입니다"
    )
    # the English report keeps the English sentence
    assert "Birth date 1941 contradicts" in " ".join(
        explain.sentences({"features": [feature], "name": {}})
    )


def test_a_feature_without_a_code_keeps_its_english() -> None:
    old = {"feature": "country", "effect": 0.03, "detail": "country KP agrees"}
    assert _in("ja", old) == "country KP agrees"


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_an_effect_that_rounds_to_nothing_is_not_shown_as_one(lang: str) -> None:
    """A contradiction capped at the alert threshold may move the score by 0 (the name's score
    already at the threshold) or by less than 0.005: the explanations say the score is
    unchanged, never "lowers the score by 0.00", and the command line shows no "(-0.00)"."""
    from tradeguard.cli.render.screening import reasons

    countries = ft.country_effect(["JP"], ["KP", "CN"])
    assert countries is not None
    countries.note("kept", "; the full name matches exactly, so the match is kept")
    for effect in (0.0, -0.004, 0.003, -0.0):
        countries.effect = effect
        feature = countries.to_dict()
        explanation = {"features": [feature], "name": {}}
        token = i18n.use(lang)
        try:
            said = explain_words.sentences(explanation)
            unchanged = i18n.gettext("%(detail)s: the score is unchanged.") % {
                "detail": explain_words.detail(feature)
            }
            moved = [
                i18n.gettext(t).split("%(effect)s")[0].split("%(detail)s")[1]
                for t in (
                    "%(detail)s: raises the score by %(effect)s.",
                    "%(detail)s: lowers the score by %(effect)s.",
                )
            ]
        finally:
            i18n.reset(token)
        assert said[-1][1:] == unchanged[1:], (lang, effect, said)  # (a capital in English)
        assert not any(m in s for m in moved for s in said), (lang, effect)
        assert "0.00" not in " ".join(explain.sentences(explanation))
        assert "0.00" not in reasons(explanation) and feature["detail"] in reasons(explanation)
    countries.effect = -0.37
    assert reasons({"features": [countries.to_dict()], "name": {}}).endswith("(-0.37)")

"""Dates inside a reason's sentence and a match's evidence on a page or report in Japanese or
Korean are written as the language writes a date, not in ISO form: a Japanese measure's start
after its quoted title, a contract's date among the grounds of a Korean review, a birth date.
The English sentences the core writes keep their ISO dates."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.language import i18n, reason_words
from tradeguard.policy import ItemFacts, PolicyEngine, load_policy
from tradeguard.policy.kr_annex import load_annex2_2
from tradeguard.policy.kr_model import KrFacts
from tradeguard.reports import explain_words
from tradeguard.shipments import Evaluator
from tradeguard.shipments.model import parse_shipment

from ..conftest import FIXTURES
from ..shipment_docs import hf_japan_to_korea

#: Japan to Korea, hydrogen fluoride on 2019-07-10: the 2019 measure on three semiconductor
#: materials (tradeguard/data/policy/jp.yaml, in force from 2019-07-04) asks an individual
#: licence
HF = hf_japan_to_korea("T-HF")
WRITTEN = {"ja": "2019年7月4日", "ko": "2019년 7월 4일"}


def _in(lang: str, write: object, *args: object) -> str:
    token = i18n.use(lang)
    try:
        return str(write(*args))  # type: ignore[operator]
    finally:
        i18n.reset(token)


@pytest.fixture(scope="module")
def hf_reason() -> dict[str, object]:
    decision = Evaluator().evaluate(parse_shipment(HF), date(2019, 7, 10)).to_dict()
    (reason,) = [r for r in decision["reasons"] if r["code"] == "LICENCE_REQUIRED"]
    return dict(reason)


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_a_measures_start_is_a_date_of_the_language(
    hf_reason: dict[str, object], lang: str
) -> None:
    said = _in(lang, reason_words.sentence, hf_reason)
    assert "2019-07-04" not in said
    assert WRITTEN[lang] in said
    # the measure's title stays quoted in its original English, without the date
    title = "Individual licences for three semiconductor materials to South Korea"
    assert f'<q lang="en">{title}</q>' in said


def test_the_english_sentence_keeps_its_iso_date(hf_reason: dict[str, object]) -> None:
    said = _in("en", reason_words.sentence, hf_reason)
    assert "(in force from 2019-07-04)" in said


@pytest.mark.parametrize(("lang", "contract"), [("ja", "2023年3月1日"), ("ko", "2023년 3월 1일")])
def test_a_contracts_date_among_the_grounds_of_a_korean_review(lang: str, contract: str) -> None:
    """A CNC machine tool to Russia on 2023-06-01 under a contract of 2023-03-01 (Annex 2-2;
    the grounds of the exceptional review name the contract's date and the row's start)."""
    engine = PolicyEngine(load_policy())
    engine.set_kr_annex2_2(load_annex2_2(FIXTURES / "kr" / "annex2_2_handmade.csv"))
    item = ItemFacts(line=1, hs="845961", description="CNC machine tool")
    kr = KrFacts(contract_date=date(2023, 3, 1), korean_subsidiary=True)
    (reason,) = engine.catch_all("KR", "RU", item, None, [], date(2023, 6, 1), kr=kr)
    assert "2023-03-01" in reason.message  # the core's English
    said = _in(lang, reason_words.sentence, reason.model_dump())
    assert contract in said
    assert "2023-03-01" not in said and "2022-" not in said


@pytest.mark.parametrize(
    ("lang", "whole", "month"),
    [("ja", "1960年5月14日", "1960-05"), ("ko", "1960년 5월 14일", "1960-05")],
)
def test_a_birth_date_in_the_evidence_is_a_date_of_the_language(
    lang: str, whole: str, month: str
) -> None:
    exact = {"code": "birth_date_exact", "params": {"query": "1960-05-14", "listed": "1960-05-14"},
             "detail": "birth date 1960-05-14 = 1960-05-14"}  # fmt: skip
    said = _in(lang, explain_words.detail, exact)
    assert said.count(whole) == 2 and "1960-05-14" not in said
    partial = {"code": "birth_date_contradicts", "params": {"query": month, "listed": "1971"},
               "detail": f"birth date {month} contradicts 1971"}  # fmt: skip
    assert month in _in(lang, explain_words.detail, partial)  # not a whole date: as it is

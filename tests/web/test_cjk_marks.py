"""A Hangul query that met a kanji name through the characters' Korean readings shows the
words that met, marked on both sides: the listed name and the query (names of the bundled
lists: METI's kanji for Korea Ryonbong General Corporation)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.reports import marks
from tradeguard.reports.explain import highlight
from tradeguard.store import Store

from .helpers import log_in, page_client


def test_the_runs_two_names_share_read_in_hangul() -> None:
    assert marks.spans("朝鮮連峰総会社", "조선련봉총회사") == [(0, 7)]
    assert marks.spans("조선련봉총회사", "朝鮮連峰総会社") == [(0, 7)]
    # a trading company of the same name: the name and the company word, not the trade
    assert marks.spans("朝鮮連峰総会社", "련봉무역회사") == [(2, 4), (5, 7)]
    assert marks.spans("련봉무역회사", "朝鮮連峰総会社") == [(0, 2), (4, 6)]
    assert marks.spans("Korea Ryonbong", "조선련봉총회사") == []  # not read in Hangul
    assert marks.spans("朝鮮", "조") == []  # one syllable in common is chance


def test_latin_words_are_marked_as_before_on_both_sides() -> None:
    explanation = {
        "query_name": "Korea Ryonbong Trading",
        "matched_name": "KOREA RYONBONG GENERAL CORPORATION",
        "name": {"tokens": [{"query": "ryonbong", "candidate": "ryonbong"}]},
    }
    assert str(highlight("KOREA RYONBONG GENERAL CORPORATION", explanation)) == (
        "KOREA <mark>RYONBONG</mark> GENERAL CORPORATION"
    )
    assert str(highlight("Korea Ryonbong Trading", explanation, "query")) == (
        "Korea <mark>Ryonbong</mark> Trading"
    )


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def test_a_hangul_query_and_the_kanji_it_met_are_marked(client: TestClient) -> None:
    csrf = log_in(client)
    client.get("/ui/lang", params={"l": "ko", "next": "/ui/"})
    r = client.post("/ui/screen", data={"csrf": csrf, "name": "조선련봉총회사"})
    assert r.status_code == 200, r.text[-500:]
    shown = re.findall(r'class="name" translate="no">(.*?)</span>', r.text)
    assert "<mark>朝鮮連峰総会社</mark>" in shown, shown
    assert "조회 이름: <mark>조선련봉총회사</mark>" in r.text

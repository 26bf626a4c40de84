"""Designated names written to slip past word-by-word matching (a trial at algorithm 35 found
each of these CLEAR): words run together, letters spaced out, Hangul typed as separate jamo.
Against the bundled snapshot of the real lists; the clean names are rows of
benchmarks/clean_book.csv (listed companies)."""

from __future__ import annotations

import pytest

from tradeguard.screening import Query, Screener
from tradeguard.screening.rewritten import rewrite

KOMID = ("un_sc", "KPe.001")  # KOREA MINING DEVELOPMENT TRADING CORPORATION
KOMID_METI = ("jp_meti_eul", "352")  # 朝鮮鉱業開発貿易会社, its METI copy


def _scores(full: Screener, name: str, entry: tuple[str, str]) -> tuple[float, list[str]]:
    """The best score of an entry (found as a match or as a member of a party matched) for
    a name, and the features of the match that carried it."""
    best, features = 0.0, []
    for match in full.screen(Query(name=name), limit=10):
        scores = [match.score] if (match.list, match.source_id) == entry else []
        scores += [
            float(m["score"])
            for m in match.memberships
            if (m["list"], m["source_id"]) == entry and m["score"] is not None
        ]
        if scores and max(scores) > best:
            best = max(scores)
            features = [f["feature"] for f in match.explanation.get("features", [])]
    return best, features


@pytest.mark.parametrize(
    "name",
    [
        "KoreaMiningDevelopmentTradingCorporation",
        "KOREAMININGDEVELOPMENTTRADINGCORPORATION",
        "koreaminingdevelopmenttradingcorporation",
        "K o r e a M i n i n g D e v e l o p m e n t T r a d i n g",
        "K-O-R-E-A M-I-N-I-N-G D-E-V-E-L-O-P-M-E-N-T T-R-A-D-I-N-G",
    ],
)
def test_komid_written_to_evade_is_komid(full: Screener, name: str) -> None:
    score, features = max(_scores(full, name, KOMID), _scores(full, name, KOMID_METI))
    assert score >= 0.95, name
    assert "rewritten" in features


def test_hangul_typed_as_jamo_is_the_name(full: Screener) -> None:
    assert _scores(full, "조선광업개발무역회사", KOMID_METI)[0] == 1.0
    score, features = _scores(full, "ㅈㅗㅅㅓㄴ광업개발무역회사", KOMID_METI)
    assert score == 1.0
    assert "rewritten" in features


def test_the_name_as_listed_is_not_screened_twice(full: Screener) -> None:
    (top,) = full.screen(Query(name="Korea Mining Development Trading Corporation"), limit=1)
    assert top.score == 1.0
    assert "rewritten" not in [f["feature"] for f in top.explanation.get("features", [])]


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Echomarketing Co.,Ltd.", "KR"),
        ("TE Connectivity", "US"),
        ("e-therapeutics plc", "GB"),
        ("Migo Opportunities Trust PLC", "GB"),
        ("SK Biopharmaceuticals Co., Ltd.", "KR"),
        ("LyondellBasell", "US"),
    ],
)
def test_clean_names_read_back_meet_nothing(full: Screener, name: str, country: str) -> None:
    assert full.screen(Query(name=name, countries=[country])) == []


def test_a_long_word_is_cut_only_into_listed_words_of_three_letters() -> None:
    freq = {w: 5 for w in ("korea", "mining", "echo", "ec", "ho", "con", "ne", "cti", "vi", "ty")}
    assert rewrite("KOREAMINING", freq) is None  # eleven letters: a name of its own
    assert rewrite("KOREAMININGCO", freq) == "korea mining co"
    assert rewrite("Connectivity", {**freq, "connect": 1}) is None
    assert rewrite("Korea Mining", freq) is None

"""Names that are readings of each other in two scripts, against the bundled snapshot of the
real lists (algorithm 40): the Japan MOF list's katakana of DPRK organisations (their Korean
reading, their English words in katakana), the Russian spelling of an Arabic name, and a
Korean person's name written as one katakana word."""

from __future__ import annotations

import pytest

from tradeguard.screening import Query, Screener


def _best(full: Screener, name: str, list_id: str, source_id: str, schema: str) -> float:
    """The best score of one entry for a name, found as a match or as a member of a party."""
    scores = [0.0]
    for match in full.screen(Query(name=name, schema=schema), threshold=0.0, limit=20):
        if (match.list, match.source_id) == (list_id, source_id):
            scores.append(match.score)
        scores += [
            float(m["score"])
            for m in match.memberships
            if (m["list"], m["source_id"]) == (list_id, source_id) and m["score"] is not None
        ]
    return max(scores)


@pytest.mark.parametrize(
    ("name", "list_id", "source_id", "schema"),
    [
        # MOF: the Korean reading of 조선련봉총회사 in katakana, as one word
        ("チョソンリョンボンチョンフェサ", "un_sc", "KPe.002", "Organization"),
        # MOF: 대동 in katakana beside English words in katakana (Daedong Credit Bank)
        ("デドン・クレジット・バンク", "un_sc", "KPe.023", "Organization"),
        ("デドン・クレジット・バンク", "eu_fsf", "107842", "Organization"),
        # MOF: Foreign Trade Bank, its words in katakana
        ("フォーリン・トレード・バンク", "un_sc", "KPe.047", "Organization"),
        # MOF: Абу Джихад, the Russian spelling of Abu Jihad (UN QDi.192)
        ("Абу Джихад", "un_sc", "QDi.192", "Person"),
    ],
)
def test_a_reading_in_another_script_finds_the_entry(
    full: Screener, name: str, list_id: str, source_id: str, schema: str
) -> None:
    assert _best(full, name, list_id, source_id, schema) >= full.threshold


def test_a_korean_name_as_one_katakana_word_meets_that_person_only(full: Screener) -> None:
    # キムジョンウン (MOF): Kim Jong Un, not Kim Yo Jong (SDN 21444), whom the word read as
    # Japanese (kimujonun) met joined at 0.85
    matches = full.screen(Query(name="キムジョンウン", schema="Person"))
    assert matches and matches[0].source_id == "20157"  # KIM, Jong Un (SDN)
    assert _best(full, "キムジョンウン", "us_ofac_sdn", "21444", "Person") < full.threshold

from __future__ import annotations

import gc
from dataclasses import replace
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity
from tradeguard.lists.registry import parse_path
from tradeguard.screening import Match, Query, Screener


def _score(screener: Screener, query: Query, entity_id: str) -> float:
    for match in screener.screen(query, threshold=0.0, limit=50):
        if match.entity_id == entity_id:
            return match.score
    return 0.0


def test_match_json_shape(screener: Screener) -> None:
    match = screener.screen(Query("Korea Ryonbong General Corporation"))[0]
    assert isinstance(match, Match)
    data = match.to_dict()
    assert list(data) == [
        "entity_id", "list", "source_id", "schema", "caption", "matched_name", "score",
        "programs", "explanation", "party_id", "memberships", "party_evidence",
    ]  # fmt: skip
    assert data["explanation"]["algorithm"].startswith("tradeguard-names/")
    assert data["explanation"]["threshold"] == screener.threshold


def test_results_ranked_best_first(screener: Screener) -> None:
    matches = screener.screen(Query("Ryonbong General"), threshold=0.0, limit=10)
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True)


def _effect(screener: Screener, query: Query, entity_id: str, feature: str) -> float:
    for match in screener.screen(query, threshold=0.0, limit=50):
        if match.entity_id == entity_id:
            effects = [
                f["effect"] for f in match.explanation["features"] if f["feature"] == feature
            ]
            return float(effects[0]) if effects else 0.0
    raise AssertionError(f"{entity_id} not found")


def test_birth_date_agreement_and_contradiction(screener: Screener) -> None:
    # us_csl:21944 'ABBAS, Rim, born 1973-03-25
    def effect(birth_date: str) -> float:
        query = Query("Rim Abas", "Person", birth_date=birth_date)
        return _effect(screener, query, "us_csl:21944", "birth_date")

    assert effect("1973-03-25") > effect("1973") > 0
    assert effect("1974") == 0  # one year off: neither agrees nor contradicts
    assert effect("1990-01-01") < 0
    plain = _score(screener, Query("Rim Abas", "Person"), "us_csl:21944")
    wrong = _score(screener, Query("Rim Abas", "Person", birth_date="1990"), "us_csl:21944")
    assert wrong < plain - 0.1


def test_country_agreement_and_contradiction(screener: Screener) -> None:
    def effect(country: str) -> float:
        query = Query("Rim Abas", "Person", countries=[country])
        return _effect(screener, query, "us_csl:21944", "country")

    assert effect("SY") > 0 > effect("JP")
    plain = _score(screener, Query("Rim Abas", "Person"), "us_csl:21944")
    differ = _score(screener, Query("Rim Abas", "Person", countries=["JP"]), "us_csl:21944")
    assert differ < plain


def test_identifier_alone_is_a_strong_hit(screener: Screener) -> None:
    # The vessel AM NOK GANG has IMO 8132835.
    matches = screener.screen(Query("Unknown Ship", "Vessel", identifiers=["IMO 8132835"]))
    assert matches and matches[0].entity_id == "us_csl:17084"
    assert matches[0].score >= 0.95
    features = {f["feature"] for f in matches[0].explanation["features"]}
    assert "identifier" in features


def test_weak_alias_counts_less(entities: list[Entity]) -> None:
    from tradeguard.lists.model import Name, NameKind

    base = Entity("custom:1", "custom", "1", "Person", names=[Name("Ahmad Tarik Hassan")])
    weak = Entity("custom:2", "custom", "2", "Person", names=[
        Name("Someone Else"), Name("Ahmad Tarik Hassan", NameKind.WEAK_ALIAS)])  # fmt: skip
    screener = Screener.from_entities([*entities, base, weak])
    matches = {m.entity_id: m for m in screener.screen(Query("Ahmad Tarik Hassan"))}
    assert matches["custom:1"].score > matches["custom:2"].score
    assert matches["custom:2"].explanation["name_kind"] == "weak_alias"


def test_per_list_threshold(entities: list[Entity]) -> None:
    screener = Screener.from_entities(entities)
    query = Query("Ryonbong")

    def reached(list_id: str) -> bool:  # a membership of that list reached its threshold
        return any(
            x["list"] == list_id and x["score"] is not None
            for m in screener.screen(query)
            for x in m.memberships
        )

    assert reached("us_csl")
    screener.list_thresholds["us_csl"] = 0.99
    assert not reached("us_csl")
    assert reached("un_sc")


def test_lists_filter(screener: Screener) -> None:
    matches = screener.screen(Query("Korea Ryonbong General Corporation", lists=["un_sc"]))
    assert matches and {m.list for m in matches} == {"un_sc"}


def test_bad_input(screener: Screener) -> None:
    with pytest.raises(InputError):
        screener.screen(Query("!!!"))
    with pytest.raises(InputError):
        screener.screen(Query("Kim", schema="Planet"))
    with pytest.raises(InputError):
        screener.screen(Query("Kim"), threshold=1.5)


def test_compare_explains(screener: Screener) -> None:
    result = screener.compare("Ryonbong", "Korea Ryon-Bong General Corp")
    assert result["match"] is True
    tokens = result["explanation"]["tokens"]
    assert tokens[0]["how"].startswith("joined")
    unmatched = {t["token"] for t in result["explanation"]["unmatched_candidate"]}
    assert "korea" in unmatched
    weights = {t["token"]: t["weight"] for t in result["explanation"]["unmatched_candidate"]}
    assert weights["corp"] < weights["general"] < weights["korea"]


def test_a_word_met_twice_leaves_the_rest_in_order(screener: Screener) -> None:
    """HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE (UN TAe.010): a query that writes the first
    HAJI joined to the next word meets the second HAJI alone; the leftover words must stay in
    order for the joined word to meet them."""
    for query in (
        "Hajikhairullah Haji Sattar Money Exchange",
        "Money Exchange Hajikhairullah Haji Sattar",
        "Haji Khairullah Hajisattar Money Exchange",
    ):
        assert _score(screener, Query(query), "un_sc:TAe.010") == 1.0, query
    result = screener.compare("Hajikhairullah Haji Sattar", "HAJI KHAIRULLAH HAJI SATTAR")
    pairs = [(t["query"], t["candidate"], t["how"]) for t in result["explanation"]["tokens"]]
    assert ("haji", "haji", "exact") in pairs
    assert ("hajikhairullah", "haji khairullah", "joined-exact") in pairs


def test_cache_round_trip(
    entities: list[Entity], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEGUARD_HOME", str(tmp_path))
    built = Screener.from_entities(entities, versions_key="abc123")
    files = list((tmp_path / "screening").glob("index-*.pickle"))
    assert len(files) == 1
    loaded = Screener.from_entities([], versions_key="abc123")  # from the cache
    assert len(loaded.entities) == len(built.entities)
    query = Query("Jong-sik Kim", "Person")
    assert [m.to_dict() for m in loaded.screen(query)] == [m.to_dict() for m in built.screen(query)]
    Screener.from_entities(entities[:10], versions_key="def456")
    assert [f.name for f in (tmp_path / "screening").glob("index-*.pickle")] != [files[0].name]


def test_a_screener_built_or_loaded_is_out_of_the_collectors_view(
    entities: list[Entity], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index lives as long as the screener: a full garbage collection must not walk it
    (on the full lists one walk took 0.65 s of CPU, about once per 600 unseen names)."""
    monkeypatch.setenv("TRADEGUARD_HOME", str(tmp_path))
    try:
        for _ in range(2):  # built and cached, then loaded from the cache
            gc.unfreeze()
            screener = Screener.from_entities(entities, versions_key="abc123")
            assert gc.is_tracked(screener)
            assert not any(obj is screener for obj in gc.get_objects())
            assert not any(obj is screener.names for obj in gc.get_objects())
    finally:
        gc.unfreeze()


def test_an_entry_found_brings_its_copies_on_other_lists() -> None:
    """The CSL repeats SDN 31771 with more spellings: a query spelt as only the CSL writes it
    finds the CSL copy exactly, and the SDN entry through the name both carry, scored on its
    own name (not the copy's)."""
    twins = Path(__file__).parents[1] / "fixtures/lists/twins"
    entities = [
        *parse_path(twins / "sdn-2024-05-03-31771.csv").entities,
        *parse_path(twins / "csl-2022-05-31771.csv").entities,
    ]
    screener = Screener.from_entities(entities)
    assert screener.twins == {0: (1,), 1: (0,)}
    # one party (the same name, no contradicting data), each copy scored on its own names
    (party,) = screener.screen(Query("HARB, Mostafa Habib", "Person"))
    found = {x["entity_id"]: x for x in party.memberships}
    assert party.entity_id == "us_csl:31771" and found["us_csl:31771"]["score"] == 1.0
    sdn = found["us_ofac_sdn:31771"]
    assert sdn["matched_name"] == "HARB, Mustafa Habib" and 0.9 < sdn["score"] < 1.0
    # a copy on a list the query leaves out stays out
    only = screener.screen(Query("HARB, Mostafa Habib", "Person", lists=["us_csl"]))
    assert [m.entity_id for m in only] == ["us_csl:31771"]
    # the same name on two entries of one list is no copy
    same_list = Screener.from_entities([entities[0], replace(entities[0], id="us_ofac_sdn:x")])
    assert same_list.twins == {}


def test_synonyms_are_not_one_generic_word(screener: Screener) -> None:
    """Generic words meet as one word only when they are spellings or translations of it
    (trading / torgovyy), not synonyms: CASPIAN MARITIME is not Caspian Shipping."""
    result = screener.compare("Caspian Shipping Limited", "CASPIAN MARITIME LIMITED", "Company")
    pairs = {(t["query"], t["candidate"]) for t in result["explanation"]["tokens"]}
    assert ("shipping", "maritime") not in pairs
    assert result["match"] is False
    same = screener.compare("Caspian Trading Limited", "CASPIAN TORGOVYY LIMITED", "Company")
    assert same["match"] is True


def test_a_name_screened_again_is_analysed_once_and_scores_the_same(
    entities: list[Entity],
) -> None:
    from tradeguard.names.analysis import analyse
    from tradeguard.screening import entries

    screener = Screener.from_entities(entities)
    query = "Korea Ryonbong General Corp"
    first = [m.to_dict() for m in screener.screen(Query(query, "Organization"))]
    assert screener._analysed[(query, False)] == tuple(analyse(query, False))
    forms = screener.analysed(query, False)
    forms.clear()  # a caller's list is its own: the kept forms stay
    assert screener.analysed(query, False) == analyse(query, False)
    again = [m.to_dict() for m in screener.screen(Query(query, "Organization"))]
    assert first and again == first
    # the cache is emptied when full, never grows past its limit
    for n in range(entries._ANALYSED_LIMIT + 5):
        screener.analysed(f"name {n}", None)
    assert len(screener._analysed) <= entries._ANALYSED_LIMIT

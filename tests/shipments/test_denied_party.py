"""A party on the BIS Denied Persons List in a shipment: a denial order forbids anyone to take
part with the denied person in an export transaction subject to the EAR. The real list
(``dpl-extract.txt``, BIS's own dpl.txt lines) is loaded beside the bundled lists; the consignee
is ADT Analog and Digital Technik (Germany), a denied party of that file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tradeguard.lists.consequences import list_info
from tradeguard.lists.registry import parse_path
from tradeguard.shipments import Decision, Evaluator, parse_shipment
from tradeguard.store import Store

from ..conftest import FIXTURES

ON = date(2026, 12, 6)
DENIED = "ADT ANALOG AND DIGITAL TECHNIK"


@pytest.fixture(scope="module")
def evaluator(
    snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Evaluator]:
    target = tmp_path_factory.mktemp("dpl") / "store.db"
    target.write_bytes(snapshot_template.read_bytes())
    store = Store.open(f"sqlite:///{target}")
    try:
        store.load(parse_path(FIXTURES / "lists" / "us_csl" / "dpl-extract.txt"))
        yield Evaluator.from_store(store)
    finally:
        store.close()


def _shipment(export_country: str, origin: str | None, consignee: str = DENIED) -> dict[str, Any]:
    exporter = {"JP": ("Okamura Office Interiors Co., Ltd.", "2-7-1 Kitasaiwai, Yokohama")}.get(
        export_country, ("Pacific Workspace Supply Inc.", "500 Harbor Blvd, Long Beach, CA 90802")
    )
    item: dict[str, Any] = {"description": "Swivel office chairs", "hs": "9401.31", "value": 800}
    if origin:
        item["origin"] = origin
    return {
        "export_country": export_country,
        "exporter": {"name": exporter[0], "country": export_country, "address": exporter[1]},
        "consignee": {"name": consignee, "country": "DE", "address": "Hauptstrasse 1, Berlin"},
        "destination": "DE",
        "items": [item],
    }


def _run(evaluator: Evaluator, doc: dict[str, Any]) -> Decision:
    return evaluator.evaluate(parse_shipment(doc, "test"), ON)


def test_a_us_export_to_a_denied_person_is_prohibited(evaluator: Evaluator) -> None:
    decision = _run(evaluator, _shipment("US", None))
    assert decision.verdict == "PROHIBITED", decision.reasons
    [reason] = [r for r in decision.reasons if r.code == "DENIED_PARTY"]
    assert reason.severity == "prohibited" and reason.party == "consignee"
    assert reason.params["form"] == "denied_ear"
    assert reason.params["grounds"] == [{"code": "ear_us_export"}]
    assert "736.2(b)(4)" in reason.legal_basis and "Part 764" in reason.legal_basis
    assert reason.evidence["quote"].startswith("The failure by any person to comply")
    [party] = [p for p in decision.parties if p.role == "consignee"]
    assert party.matches[0].level == "denied"


def test_a_us_origin_item_from_japan_is_prohibited(evaluator: Evaluator) -> None:
    decision = _run(evaluator, _shipment("JP", "US"))
    assert decision.verdict == "PROHIBITED", decision.reasons
    [reason] = [r for r in decision.reasons if r.code == "DENIED_PARTY"]
    assert reason.params["grounds"] == [{"code": "ear_us_origin", "items": ["1"]}]
    assert "item 1 of US origin" in reason.message


def test_japanese_goods_to_a_denied_person_are_a_red_flag(evaluator: Evaluator) -> None:
    decision = _run(evaluator, _shipment("JP", "JP"))
    [reason] = [r for r in decision.reasons if r.code == "DENIED_PARTY"]
    assert reason.severity == "review" and reason.params["form"] == "denied_unknown"
    assert decision.verdict == "REVIEW", decision.reasons


def test_another_name_is_no_denied_party(evaluator: Evaluator) -> None:
    decision = _run(evaluator, _shipment("US", None, "Pacific Workspace Supply Inc."))
    assert not [r for r in decision.reasons if r.code == "DENIED_PARTY"]


def test_the_list_has_its_title_and_consequence_in_three_languages() -> None:
    info = list_info("us_bis_dpl")
    assert info.jurisdiction == "US" and info.name("en") == "BIS Denied Persons List"
    assert {info.name(lang) for lang in ("en", "ja", "ko")} != {"us_bis_dpl"}
    assert "EAR" in info.consequence("ja") and "EAR" in info.consequence("ko")
    assert info.quote is not None and "denial order" in info.quote
    assert list_info("us_ofac_sdn").rank < info.rank < list_info("us_csl").rank


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_the_reason_is_written_in_the_pages_language(evaluator: Evaluator, lang: str) -> None:
    from tradeguard.language import i18n, reason_words

    for doc, said in (
        (_shipment("US", None), {"ja": "米国からの輸出", "ko": "미국으로부터의 수출"}),
        (_shipment("JP", "US"), {"ja": "品目1が米国原産", "ko": "품목 1이(가) 미국산"}),
        (_shipment("JP", None), {"ja": "EARの対象となる品目", "ko": "EAR 대상 품목"}),
    ):
        [reason] = [r for r in _run(evaluator, doc).reasons if r.code == "DENIED_PARTY"]
        token = i18n.use(lang)
        try:
            text = re.sub(r"<[^>]+>", "", str(reason_words.sentence(reason.model_dump())))
        finally:
            i18n.reset(token)
        assert said[lang] in text and "denial order" not in text, text
        assert DENIED in text  # the list's caption, as the list writes it

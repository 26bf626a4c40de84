"""The case page and the case report say what a linked evaluation changed: a link that brought
another verdict reads "the verdict changed from X to Y" with the new decision's reasons (not a
bare "case linked again"), and the proposal it withdrew is named, with a notice to its proposer,
in English, Japanese and Korean. The decisions are real evaluations: Japan to Korea, hydrogen
fluoride on 2019-07-10 under a comprehensive licence (LICENCE_REQUIRED), then the declaration
corrected to a DPRK consignee (PROHIBITED)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tradeguard.accounts import users
from tradeguard.cases import alerts
from tradeguard.cases import workflow as rv
from tradeguard.language import i18n, reason_words
from tradeguard.language.labels import label, outcome
from tradeguard.reports.case import case_report
from tradeguard.shipments import Evaluator, parse_shipment
from tradeguard.store import Store

from ..cases.helpers import ADMIN
from ..shipment_docs import hf_japan_to_korea
from .helpers import log_in, page_client

DAY = date(2019, 7, 10)
SHIPMENT = hf_japan_to_korea("WEB-HF-2")
CORRECTED = {
    **SHIPMENT,
    "destination": "KP",
    "consignee": {"name": "Korea Ryonbong General Corporation", "country": "KP",
                  "address": "Pyongyang"},
}  # fmt: skip

WITHDRAWN = (
    "The proposal “%(proposal)s” by %(user)s was withdrawn: the verdict changed from %(old)s "
    "to %(new)s, and an outcome proposed on other facts cannot be approved."
)


@pytest.fixture
def client(sqlite_store: Store) -> Iterator[TestClient]:
    yield from page_client(sqlite_store)


def _evaluated(store: Store, shipment: dict[str, Any]) -> tuple[int | None, dict[str, Any]]:
    decision = Evaluator().evaluate(parse_shipment(shipment), DAY).to_dict()
    found = alerts.record_decision(
        store, ADMIN, "evaluate.api", "shipment:WEB-HF-2", shipment, decision,
        open_if_not_clear=True,
    )  # fmt: skip
    return found.case_id, decision


def _text(html: str) -> str:
    html = re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)  # the case's JSON as stored
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", html)))


def test_the_trail_says_the_verdict_changed_and_why(
    client: TestClient, sqlite_store: Store
) -> None:
    case_id, first = _evaluated(sqlite_store, SHIPMENT)
    assert case_id is not None and first["verdict"] == "LICENCE_REQUIRED"
    proposer = users.get_user(sqlite_store, "ana").actor
    rv.propose(sqlite_store, proposer, case_id, "licence_obtained", "granted", licence_ref="M-1")
    linked, second = _evaluated(sqlite_store, CORRECTED)
    assert linked == case_id and second["verdict"] == "PROHIBITED"
    assert rv.get_case(sqlite_store, case_id).status == "open"
    for lang in ("en", "ja", "ko"):
        token = i18n.use(lang)
        try:
            changed = i18n.gettext("The verdict changed from %(old)s to %(new)s.") % {
                "old": label("LICENCE_REQUIRED"),
                "new": label("PROHIBITED"),
            }
            withdrawn = i18n.gettext(WITHDRAWN) % {
                "proposal": outcome("licence_obtained"),
                "user": "ana",
                "old": label("LICENCE_REQUIRED"),
                "new": label("PROHIBITED"),
            }
            reasons = [_text(str(reason_words.sentence(r))) for r in second["reasons"]]
            yours = i18n.gettext("Your proposal was withdrawn.")
        finally:
            i18n.reset(token)
        for who, told in (("ana", True), ("rita", False)):
            log_in(client, who)
            client.cookies.set("tg_lang", lang)
            page = _text(client.get(f"/ui/cases/{case_id}").text)
            trail = page[page.index(changed) :]  # the trail's link, then its reasons
            assert all(r in trail for r in reasons), (lang, reasons)
            assert page.count(withdrawn) == 2, lang  # the notice and the trail
            assert (yours in page) is told, (lang, who)
        report = _text(case_report(sqlite_store, case_id, lang).html)
        assert changed in report and withdrawn in report, lang


def test_a_link_with_the_same_decision_says_nothing_more(
    client: TestClient, sqlite_store: Store
) -> None:
    case_id, _ = _evaluated(sqlite_store, SHIPMENT)
    _evaluated(sqlite_store, SHIPMENT)
    log_in(client, "ana")
    page = client.get(f"/ui/cases/{case_id}").text
    assert "case.link" in page and 'class="change"' not in page
    assert 'id="case-withdrawn"' not in page

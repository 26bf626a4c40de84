"""The case pages: outcomes offered by the case's kind, the licence reference, assignment to a
person and the assignee filter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tradeguard.cases import workflow as rv
from tradeguard.language import i18n
from tradeguard.policy.reasons import UNVERIFIED_NOTE
from tradeguard.shipments import Evaluator, parse_shipment
from tradeguard.store import Store

from ..cases.helpers import ADMIN, screening_case
from ..shipment_docs import hf_japan_to_korea
from .helpers import log_in, page_client


@pytest.fixture
def client(sqlite_store: Store) -> Iterator[TestClient]:
    yield from page_client(sqlite_store)


def test_outcomes_by_kind_assignment_and_filter(client: TestClient, sqlite_store: Store) -> None:
    screening = screening_case(sqlite_store)
    with sqlite_store.session() as session, session.begin():
        shipment = rv.open_case(
            session, ADMIN, kind="shipment", subject="shipment:WEB-1",
            detail={"decision": {"verdict": "LICENCE_REQUIRED", "reasons": []}},
        )  # fmt: skip
    csrf = log_in(client, "ana")
    page = client.get(f"/ui/cases/{screening}").text
    assert 'value="true_match"' in page and 'value="block"' not in page
    page = client.get(f"/ui/cases/{shipment}").text
    assert 'value="block"' in page and 'value="licence_obtained"' in page
    assert 'value="true_match"' not in page and 'name="licence_ref"' in page
    form = {"csrf": csrf, "proposal": "licence_obtained", "comment": "granted"}
    r = client.post(f"/ui/cases/{shipment}/propose", data=form)
    assert r.status_code == 422 and "reference of the licence" in r.text
    r = client.post(f"/ui/cases/{shipment}/propose", data=form | {"licence_ref": "METI-77"})
    assert r.status_code == 200 and "licence METI-77" in r.text
    r = client.post(f"/ui/cases/{screening}/assign", data={"csrf": csrf, "assignee": "rita"})
    assert r.status_code == 200
    assert re.search(r'id="case-assignee">rita<', r.text)
    r = client.post(f"/ui/cases/{screening}/assign", data={"csrf": csrf, "assignee": "zed"})
    assert r.status_code == 422 and "no active user &#39;zed&#39;" in r.text
    listing = client.get("/ui/cases", params={"assigned": "rita"}).text
    assert f"/ui/cases/{screening}" in listing and f'/ui/cases/{shipment}"' not in listing
    listing = client.get("/ui/cases", params={"assigned": ""}).text
    assert f"/ui/cases/{shipment}" in listing and f'/ui/cases/{screening}"' not in listing
    assert client.post(f"/ui/cases/{screening}/assign", data={"assignee": "ana"}).status_code == 403


def test_pages_in_japanese_and_korean(client: TestClient) -> None:
    log_in(client, "ana")
    r = client.get("/ui/cases", headers={"Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5"})
    assert r.status_code == 200 and '<html lang="ja">' in r.text
    assert "ダッシュボード" in r.text and "ログアウト" in r.text
    r = client.get("/ui/lang", params={"l": "ko", "next": "/ui/cases"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/ui/cases"
    r = client.get("/ui/cases", headers={"Accept-Language": "ja"})  # the switch wins
    assert '<html lang="ko">' in r.text and "대시보드" in r.text and "로그아웃" in r.text
    r = client.get(
        "/ui/lang", params={"l": "en", "next": "//evil.example/"}, follow_redirects=False
    )
    assert r.headers["location"] == "/ui/"
    assert "Dashboard" in client.get("/ui/cases").text
    assert client.get("/ui/lang", params={"l": "fr"}).status_code == 422


def test_dates_and_numbers_follow_the_language() -> None:
    from datetime import datetime

    from tradeguard.language import i18n
    from tradeguard.web.render import environment

    plural = environment().from_string('{{ ngettext("%(num)d row", "%(num)d rows", n) }}')
    at = datetime(2026, 12, 6, 9, 5)
    for lang, day, when, rows, share in (
        ("en", "December 6, 2026", "6 Dec 2026 09:05 UTC", "12,345 rows", "51%"),
        ("ja", "2026年12月6日", "2026年12月6日 9:05 UTC", "12,345行", "51%"),
        ("ko", "2026년 12월 6일", "2026년 12월 6일 09:05 UTC", "12,345행", "51%"),
    ):
        token = i18n.use(lang)
        try:
            assert i18n.local_date("2026-12-06") == day, lang
            assert i18n.local_datetime(at) == when, lang
            assert i18n.local_number(1665) == "1,665"
            assert plural.render(n=12345) == rows, lang  # a count in a plural message too
            assert i18n.local_percent(51.0, 100) == share
            assert i18n.local_date("1960") == "1960"  # a year alone stays as the list has it
        finally:
            i18n.reset(token)


def test_an_unverified_reason_is_marked_once_and_a_licence_named_by_its_kind(
    client: TestClient, sqlite_store: Store
) -> None:
    """Japan to Korea, hydrogen fluoride on 2019-07-10 under a comprehensive (bulk) licence:
    an individual licence is needed, the rule's source is not verified. The case page says
    "not verified" once, and names the licence comprehensive (not "general") in each language."""
    shipment = hf_japan_to_korea("WEB-HF")
    decision = Evaluator().evaluate(parse_shipment(shipment), date(2019, 7, 10)).to_dict()
    [reason] = [r for r in decision["reasons"] if r["code"] == "LICENCE_REQUIRED"]
    assert reason["message"].endswith(UNVERIFIED_NOTE) and not reason["verified"]
    with sqlite_store.session() as session, session.begin():
        case = rv.open_case(
            session, ADMIN, kind="shipment", subject="shipment:WEB-HF",
            detail={"decision": decision},
        )  # fmt: skip
    log_in(client, "ana")
    for lang in ("en", "ja", "ko"):
        client.cookies.set("tg_lang", lang)
        words = i18n.translations(lang)
        html = client.get(f"/ui/cases/{case}").text
        html = re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)  # the case's JSON as stored
        page = unescape(re.sub(r"<[^>]+>", "", html))
        assert page.count(words.gettext("(not verified against the official text)")) == 1, lang
        assert "[source not verified" not in page, lang
        kind = words.gettext("%(number)s (%(kind)s)") % {
            "number": "METI-BULK-0042",
            "kind": words.gettext("comprehensive"),
        }
        assert kind in page and "(general)" not in page, lang

"""Every page in Japanese and in Korean: no heading, column, legend, label, button or term of
the page is left in English (data values — names, list entries, legal quotes — stay as
published), and dates and numbers follow the language."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from babel.dates import format_date
from fastapi.testclient import TestClient

from tradeguard.language import i18n
from tradeguard.language.labels import VERBS, edge_label
from tradeguard.store import Store

from ..cases.helpers import screening_case
from .helpers import log_in, page_client
from .test_catalogues import _extracted

#: the elements that name things on a page
TAGS = {"h1", "h2", "h3", "legend", "label", "button", "summary", "dt", "caption", "option"}
NAMED = {"label", "legend", "button", "summary", "th"}
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")

SHIPMENT = {
    "id": "FORM-1",
    "destination": "中国",
    "as_of": "2026-03-01",
    "exporter.name": "Morita Chemical Trading Co., Ltd.",
    "exporter.country": "日本",
    "consignee.name": "Dandong Hongxiang Industrial Development Co., Ltd.",
    "consignee.country": "CN",
    "end_user.name": "조선련봉총회사",
    "end_user.country": "북한",
    "items.0.description": "Centrifugal pumps, stainless steel",
    "items.0.hs": "8413.70",
}


class _Headings(HTMLParser):
    """The text of each naming element and of each column header."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, list[str]]] = []
        self.texts: list[str] = []
        self.named: list[str] = []  # labels, legends, buttons, summaries, column headers

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in TAGS or (tag == "th" and ("scope", "col") in attrs):
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if (tag in TAGS or tag == "th") and self.open:
            name, parts = self.open.pop()
            text = " ".join("".join(parts).split())
            self.texts.append(text)
            if name in NAMED:
                self.named.append(text)

    def handle_data(self, data: str) -> None:
        for _tag, parts in self.open:
            parts.append(data)


def _english() -> set[str]:
    """The English texts of the catalogue (msgids, placeholders and colons aside)."""
    out = set()
    for msgid in _extracted():
        for text in msgid if isinstance(msgid, tuple) else (msgid,):
            if "%(" not in text and text.upper() != text:
                out.add(text.rstrip(":"))
    return out


ENGLISH = _english()


#: what a label, legend, button, summary or column may say in any language
UNIVERSAL = {"", "ID", "EU:", "Id"}


def _left_in_english(html: str) -> list[str]:
    """Texts of the catalogue left in English, and labels, legends, buttons, summaries and
    column headers without a Japanese or Korean word (a text the catalogue does not have)."""
    parser = _Headings()
    parser.feed(html)
    left = [t for t in parser.texts if t.rstrip(":") in ENGLISH]
    left += [t for t in parser.named if not CJK.search(t) and t not in UNIVERSAL]
    return left


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


def _pages(client: TestClient, store: Store, csrf: str) -> Iterator[tuple[str, str, str]]:
    """(page, its HTML, the translated msgid its first heading must be) for every page."""

    def get(path: str, **params: str) -> str:
        r = client.get(path, params=params)
        assert r.status_code == 200, (path, r.text[-300:])
        return r.text

    yield "dashboard", get("/ui/"), "Dashboard"
    yield "screening form", get("/ui/screen"), "Screen a party"
    r = client.post(
        "/ui/screen",
        data={"csrf": csrf, "name": "Korea Ryonbong General Corp", "open_cases": "1"},
    )
    yield "screening result", r.text, "Screen a party"
    yield "batch", get("/ui/batch"), "Batch screening"
    yield "shipment document", get("/ui/shipment"), "Evaluate a shipment"
    yield "shipment form", get("/ui/shipment/form"), "Evaluate a shipment"
    r = client.post("/ui/shipment/form", data=SHIPMENT | {"csrf": csrf, "destination": "Korea"})
    assert r.status_code == 422
    yield "shipment form with errors", r.text, "Evaluate a shipment"
    r = client.post("/ui/shipment/form", data=SHIPMENT | {"csrf": csrf})
    assert r.status_code == 200 and "v-prohibited" in r.text
    yield "shipment decision", r.text, "Evaluate a shipment"
    text = get("/ui/exposure", q="International Trading Co., Ltd.")
    yield "exposure candidates", text, "Exposure of a party"
    found = re.search(r'href="/ui/exposure\?id=([^&"]+)', text)
    assert found
    yield (
        "exposure",
        get("/ui/exposure", id=found.group(1).replace("%3A", ":")),
        "Exposure of a party",
    )
    yield "entity", get("/ui/entity/un_sc:KPe.002"), "Names"
    yield "cases", get("/ui/cases"), "Cases"
    yield "case", get(f"/ui/cases/{screening_case(store)}"), "Evidence"
    yield "lists", get("/ui/lists"), "Lists"
    yield "password", get("/ui/password"), "Change your password"


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_every_page_is_in_the_language(client: TestClient, loaded_store: Store, lang: str) -> None:
    if lang == "ja":  # from the browser ...
        client.headers["Accept-Language"] = "ja-JP,ja;q=0.9,en;q=0.5"
    csrf = log_in(client)
    if lang == "ko":  # ... or the switch
        client.get("/ui/lang", params={"l": "ko", "next": "/ui/"})
    token = i18n.use(lang)
    try:
        seen = 0
        for page, html, heading in _pages(client, loaded_store, csrf):
            assert f'<html lang="{lang}">' in html, page
            assert i18n.gettext(heading) in html, (page, heading)
            left = _left_in_english(html)
            assert not left, f"{lang} {page}: left in English: {left}"
            seen += 1
        assert seen == 15
    finally:
        i18n.reset(token)


def test_the_log_in_page_and_its_error_follow_the_browser(client: TestClient) -> None:
    client.cookies.clear()
    headers = {"Accept-Language": "ko-KR,ko;q=0.9"}
    html = client.get("/ui/login", headers=headers).text
    assert "<h1>로그인</h1>" in html and not _left_in_english(html)
    r = client.post("/ui/login", data={"username": "ana", "password": "nope"}, headers=headers)
    assert r.status_code == 401 and "사용자 이름 또는 비밀번호가 틀립니다" in r.text


def test_dates_numbers_and_codes_follow_the_language(client: TestClient) -> None:
    csrf = log_in(client)
    client.get("/ui/lang", params={"l": "ja", "next": "/ui/"})
    r = client.post("/ui/shipment/form", data=SHIPMENT | {"csrf": csrf})
    # the as-of date in Japanese, the verdict in words, the field labels translated
    as_of = format_date(__import__("datetime").date(2026, 3, 1), format="long", locale="ja")
    assert as_of == "2026年3月1日" and f"基準日 {as_of}" in r.text
    assert '<span class="verdict v-prohibited">輸出禁止</span>' in r.text
    assert ">需要者</legend>" in r.text and ">仕向地</label>" in r.text
    client.get("/ui/lang", params={"l": "ko", "next": "/ui/"})
    r = client.post("/ui/shipment/form", data=SHIPMENT | {"csrf": csrf, "destination": "Korea"})
    error = re.search(r'id="f-destination-err"[^>]*>([^<]+)<', r.text)
    assert error and error.group(1).startswith("국가명 “Korea”은(는) 여러 나라를 가리킵니다")
    assert "KR (대한민국) 또는 KP (북한)" in error.group(1)  # the candidates' names in Korean


def test_the_graphs_relations_are_in_the_language(client: TestClient) -> None:
    log_in(client)
    client.get("/ui/lang", params={"l": "ja", "next": "/ui/"})
    text = client.get("/ui/exposure", params={"q": "International Trading Co., Ltd."}).text
    found = re.search(r'href="/ui/exposure\?id=([^&"]+)', text)
    assert found
    node = found.group(1).replace("%3A", ":")
    r = client.get("/ui/exposure/graph.json", params={"id": node, "depth": 3})
    edges = [e["data"] for e in r.json()["elements"]["edges"]]
    token = i18n.use("ja")
    try:
        japanese = {i18n.gettext(v) for v in VERBS.values()}
        wanted = [edge_label(e["kind"], e.get("share_pct")) for e in edges]
    finally:
        i18n.reset(token)
    assert edges and [e["label"] for e in edges] == wanted
    assert all(e["label"] in japanese or "%" in e["label"] for e in edges), (
        edges
    )  # a relation's word, or its label with the share in it
    client.get("/ui/lang", params={"l": "en", "next": "/ui/"})
    r = client.get("/ui/exposure/graph.json", params={"id": node, "depth": 3})
    assert {e["data"]["label"].split(" ")[0] for e in r.json()["elements"]["edges"]} <= {
        w.split(" ")[0] for w in VERBS.values()
    }


def test_the_lists_page_writes_dates_and_numbers_in_the_language(client: TestClient) -> None:
    log_in(client)
    for lang, published, year in (("ja", "2026年2月27日", "年"), ("ko", "2026년 2월 27일", "년")):
        client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
        html = client.get("/ui/lists").text
        un = re.search(r"<code>un_sc</code></th>(.*?)</tr>", html, re.S)
        assert un and f"<td>{published}</td>" in un.group(1), lang  # the publication date
        csl = re.search(r"<code>us_csl</code></th>(.*?)</tr>", html, re.S)
        assert csl, lang
        cells = re.findall(r"<td>([^<]*)</td>", csl.group(1))
        assert re.fullmatch(r"\d,\d{3}", cells[1]), cells  # its age: over 1,600 days, grouped
        assert "14,048" in cells and any(year in c and "UTC" in c for c in cells), cells

"""No English sentence is left on a page in Japanese or Korean: every page, the error pages a
user can reach and the decisions of the example shipments (whose reasons the core writes in
English) are rendered with the test client, and each text of the page outside its data is
searched for English words.

Data is what the page marks as such: names, addresses, remarks and programmes of the lists
(``translate="no"``), and the legal citations and data-file sentences quoted in English and
labelled (``lang="en"``). Codes (``un_sc:KPe.002``, ``1C350.24``, ``HS 841370``) and proper
nouns are no sentence: an English sentence here is two words side by side of which one is a
lower-case English word."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tradeguard import jobs
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..conftest import FIXTURES
from .helpers import log_in, page_client
from .test_pages_i18n import _pages

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "shipments"
#: the decisions whose reasons cover the UN bans, red flags, party matches and licences
SHIPMENTS = ("cn-kp-machinery.yaml", "jp-my-transshipment.yaml", "jp-kr-fluorinated-polyimide.yaml")

#: elements whose text is not the page's words (scripts, the document being edited, code)
SKIP = {"script", "style", "textarea", "code", "pre", "metadata"}
VOID = {"input", "meta", "br", "img", "link", "hr", "col", "source", "wbr", "path", "use"}
#: a word: letters only, with an inner apostrophe or hyphen (no digits, dots or underscores)
WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
TOKEN = re.compile(r"\S+")
#: lower-case words that are no English sentence: measurement units, the list's file formats
ALLOWED = {"sdn", "pdf", "csv", "xlsx", "json", "yaml"}


class _PageText(HTMLParser):
    """The texts of a page outside its marked data and code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[bool] = []  # per open element: is it data
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        names = dict(attrs)
        marked = names.get("translate") == "no" or ("lang" in names and tag != "html")
        self.data.append(marked or tag in SKIP)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.data:
            self.data.pop()

    def handle_data(self, data: str) -> None:
        if not any(self.data) and data.strip():
            self.texts.append(" ".join(data.split()))


def _is_word(token: str) -> bool:
    return WORD.fullmatch(token.strip("()[],.;:!?“”「」‘’\"'")) is not None


def _lower(token: str) -> bool:
    bare = token.strip("()[],.;:!?“”「」‘’\"'")
    return bare.islower() and len(bare) > 1 and bare not in ALLOWED


def english(html: str) -> list[str]:
    """The texts of the page with an English sentence: two words side by side, one of them a
    lower-case word."""
    parser = _PageText()
    parser.feed(html)
    found = []
    for text in parser.texts:
        tokens = TOKEN.findall(re.sub(r"`[^`]*`", "", text))  # a command to run is code
        for a, b in itertools.pairwise(tokens):
            if _is_word(a) and _is_word(b) and (_lower(a) or _lower(b)):
                found.append(text)
                break
    return found


def test_the_finder_finds_english_and_leaves_data() -> None:
    page = (
        '<html lang="ja"><body><p>輸出禁止：no data in this period</p>'
        '<p translate="no">Republic of Korea</p><p>根拠 <span lang="en">FEFTA Art. 48</span>'
        "</p><p>KOREA RYONBONG GENERAL CORPORATION (un_sc:KPe.002, HS 841370)</p>"
        '<pre>{"query": "the name"}</pre><p>`tradeguard lists update --list un_sc`</p>'
        "</body></html>"
    )
    assert english(page) == ["輸出禁止：no data in this period"]


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


#: a batch's rows as the screening job keeps them: a Hangul name that hit a designated party,
#: a name with lower-case words (data), and a row without a hit
BATCH = [
    {
        "id": "1",
        "query": {"name": "조선련봉총회사", "countries": ["KP"]},
        "matches": [
            {
                "entity_id": "un_sc:KPe.002",
                "list": "un_sc",
                "caption": "KOREA RYONBONG GENERAL CORPORATION",
                "matched_name": "朝鮮連峰総会社",
                "score": 1.0,
            }
        ],
    },
    {"id": "2", "query": {"name": "the office furniture company"}, "matches": []},
]


def _more_pages(client: TestClient, csrf: str, store: Store) -> Iterator[tuple[str, int, str]]:
    """(page, status, HTML) of the error pages, a batch's result table and the example
    shipments' decisions."""
    job_id = jobs.create_job(store, "screen.batch", len(BATCH), "ana")
    jobs.finish(store, job_id, BATCH)
    r = client.get(f"/ui/batch/{job_id}")
    yield "batch result table", r.status_code, r.text
    for path in ("/ui/no-such-page", "/ui/entity/xx:1", "/ui/lists/un_sc/diff"):
        r = client.get(path)
        yield path, r.status_code, r.text
    r = client.post("/ui/shipment", data={"csrf": csrf, "shipment": "id: x\nitems: [{hs: 1}]"})
    yield "shipment document with an error", r.status_code, r.text
    for name in SHIPMENTS:
        text = (EXAMPLES / name).read_text(encoding="utf-8")
        r = client.post("/ui/shipment", data={"csrf": csrf, "shipment": text})
        yield name, r.status_code, r.text


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_no_english_sentence_on_the_pages(
    client: TestClient, loaded_store: Store, lang: str
) -> None:
    csrf = log_in(client)
    client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
    left = {}
    statuses = {}
    for page, html, _heading in _pages(client, loaded_store, csrf):
        left[page] = english(html)
    for page, status, html in _more_pages(client, csrf, loaded_store):
        statuses[page] = status
        assert f'<html lang="{lang}">' in html, page  # an HTML page, not a JSON problem
        left[page] = english(html)
    assert statuses["/ui/no-such-page"] == 404
    assert statuses["/ui/entity/xx:1"] == statuses["/ui/lists/un_sc/diff"] == 422
    assert all(statuses[name] == 200 for name in SHIPMENTS)
    assert statuses["batch result table"] == 200
    api = client.get("/no-such-endpoint")  # the API's own 404 stays a problem body
    assert api.status_code == 404
    assert api.headers["content-type"].startswith("application/problem+json")
    left = {page: texts for page, texts in left.items() if texts}
    assert not left, f"English left on the {lang} pages:\n" + "\n".join(
        f"{page}: {text[:200]}" for page, texts in left.items() for text in texts
    )


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_no_english_sentence_on_a_lists_changes(sqlite_store: Store, lang: str) -> None:
    """The changes between two real versions of the UN list: entries added, removed and
    changed, the changed fields named in the page's language."""
    for name in (
        "consolidated-2025-11-20-diff-extract.xml",
        "consolidated-2026-02-27-diff-extract.xml",
    ):
        sqlite_store.load(parse_path(FIXTURES / "lists" / "un_diff" / name))
    for client in page_client(sqlite_store):
        log_in(client)
        client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
        r = client.get("/ui/lists/un_sc/diff")
        assert r.status_code == 200 and f'<html lang="{lang}">' in r.text
        assert "SDi.007" in r.text  # an entry added
        assert not english(r.text), english(r.text)

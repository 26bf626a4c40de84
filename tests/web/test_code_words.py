"""Codes the pages used to show as they are: the audit trail's actions (case and audit pages)
and the lists' codes (the lists page and a list's changes), now in words in the page's
language — the publisher and title of each list, what each recorded action did."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.cases import workflow as rv
from tradeguard.language import audit_words, i18n
from tradeguard.lists.consequences import list_info
from tradeguard.lists.model import LIST_IDS
from tradeguard.store import Store

from ..cases.helpers import ADMIN
from .helpers import log_in, page_client

#: every action the core records (``audit.append``/``audit.record`` and the use cases)
RECORDED = [
    "case.open", "case.assign", "case.link", "case.merge", "case.propose", "case.review",
    "case.withdraw",
    "config.set", "counterparties.import", "lists.load", "lists.update", "login.fail", "login.lock",
    "login.unlock", "monitor.run", "screen.batch", "screen.monitor", "declarations.audit",
    "session.start", "session.end", "token.issue", "token.revoke", "user.add", "user.disable",
    "user.enable", "user.password", "user.role", "screen.api", "screen.web", "screen.cli",
    "classify.api", "evaluate.web", "evaluate.cli",
]  # fmt: skip


def _in(lang: str, code: str) -> str:
    token = i18n.use(lang)
    try:
        return str(audit_words.action(code))
    finally:
        i18n.reset(token)


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_every_recorded_action_has_words(lang: str) -> None:
    for code in RECORDED:
        shown = _in(lang, code)
        assert shown.endswith(f' <code translate="no">{code}</code>'), shown
        assert not shown.startswith("<code"), shown
    assert _in("ja", "case.open") == '案件の作成 <code translate="no">case.open</code>'
    assert _in("ko", "evaluate.web") == (
        '수출 건 심사(웹 화면) <code translate="no">evaluate.web</code>'
    )
    assert _in("ja", "something.new") == '<code translate="no">something.new</code>'


def test_the_actions_the_core_records_are_all_known() -> None:
    """A new action string in the core must get words (or be added to ``RECORDED``)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "tradeguard"
    found = set()
    for path in root.rglob("*.py"):
        if "web" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r'(?:append|record)\([^()]*?,\s*"([a-z]+\.[a-z_]+)"', text):
            found.add(match.group(1))
    assert found, "no action found: the pattern is stale"
    assert not found - set(RECORDED), found - set(RECORDED)


@pytest.fixture
def client(sqlite_store: Store) -> Iterator[TestClient]:
    yield from page_client(sqlite_store)


def test_the_case_trail_in_japanese(client: TestClient, sqlite_store: Store) -> None:
    with sqlite_store.session() as session, session.begin():
        case = rv.open_case(
            session, ADMIN, kind="shipment", subject="shipment:WEB-2",
            detail={"decision": {"verdict": "REVIEW", "reasons": []}},
        )  # fmt: skip
    log_in(client, "ana")
    client.get("/ui/lang", params={"l": "ja", "next": "/ui/"})
    page = client.get(f"/ui/cases/{case}").text
    assert '<td>案件の作成 <code translate="no">case.open</code></td>' in page


@pytest.mark.parametrize(
    ("lang", "name", "publisher"),
    [
        ("ja", "国連安保理統合制裁リスト", "国際連合安全保障理事会"),
        ("ko", "유엔 안보리 통합제재목록", "국제연합 안전보장이사회"),
        ("en", "UN Security Council Consolidated List", "United Nations Security Council"),
    ],
)
def test_the_lists_page_names_each_list_and_its_publisher(
    loaded_store: Store, lang: str, name: str, publisher: str
) -> None:
    for client in page_client(loaded_store):
        log_in(client, "ana")
        client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
        page = client.get("/ui/lists").text
        row = re.search(r'<th scope="row">([^\n]*?)<code>un_sc</code></th>', page)
        assert row is not None, page[:2000]
        assert name in row.group(1) and publisher in row.group(1)


def test_every_described_list_has_a_publisher_in_three_languages() -> None:
    for list_id in LIST_IDS:  # every list the parsers produce, the Denied Persons List too
        info = list_info(list_id)
        assert all(info.publisher(lang) for lang in ("en", "ja", "ko")), list_id
        assert all(info.name(lang) != list_id for lang in ("en", "ja", "ko")), list_id
        assert info.basis and info.jurisdiction in (None, "UN", "US", "JP", "EU", "GB"), list_id
    assert list_info("no_such_list").publisher("ja") == ""

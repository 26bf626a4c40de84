"""End to end in a real browser: log in, screen a designated name in Latin letters, kanji and
Hangul (a case per party, not per list copy), open the entity and its graph, evaluate a
shipment, propose a case as an analyst and approve it as a reviewer (four eyes: the proposer
may not approve), and fetch the case report. Screenshots go to ``test-artifacts/web/``."""

from __future__ import annotations

import re
import shutil
import subprocess
from typing import Any

import pytest

from .conftest import ARTIFACTS, PASSWORD

HANGUL = "조선련봉총회사"  # Korea Ryonbong General Corporation (UN KPe.002)
NAMES = ("Korea Ryonbong General Corporation", "朝鮮連峰総会社", HANGUL)


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _login(page: Any, base: str, who: str) -> None:
    page.goto(f"{base}/ui/")
    assert "/ui/login" in page.url  # no session: sent to the log-in page
    page.get_by_label("User name").fill(who)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/ui/")
    assert page.get_by_role("heading", name="Dashboard").is_visible()


def test_screen_entity_shipment_and_four_eyes(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(90_000)
    refused: list[str] = []  # what the Content-Security-Policy blocked (nothing, or a page broke)
    page.on(
        "console",
        lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None,
    )

    page.goto(f"{server}/ui/login")
    page.get_by_label("User name").fill("ana")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("alert").inner_text() == "wrong user name or password"

    _login(page, server, "ana")
    _shot(page, "01-dashboard")
    # keyboard: the first Tab reaches the skip link, which moves focus to the main content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"

    # the same UN-designated party screened in Latin letters, kanji (METI's form) and Hangul
    # (HTMX swaps the results into an aria-live region); a case is opened per party, not per
    # list copy: one case link per row, each a different case
    page.get_by_role("link", name="Screen").click()
    for n, name in enumerate(NAMES):
        page.get_by_label("Name (any script)").fill(name)
        page.get_by_label("Open a case for each hit").check()
        before = page.locator("#results").inner_html()
        page.get_by_role("button", name="Screen").click()
        page.wait_for_function(
            "b => document.querySelector('#results').innerHTML !== b", arg=before
        )
        first = page.locator("#results li.match").first
        first.wait_for()
        assert page.locator("#results").get_attribute("aria-live") == "polite"
        assert "RYONBONG" in first.locator("a.caption").inner_text().upper(), name
        assert first.locator(".memberships .badge").count() >= 2, name  # one row, its lists
        rows = page.locator("#results li.match")
        links = [rows.nth(i).locator("a.case-link") for i in range(rows.count())]
        cases = [re.sub(r"\D", "", link.inner_text()) for link in links if link.count()]
        assert cases and len(set(cases)) == len(cases), (name, cases)
        _shot(page, f"02-screen-{n}")
    first = page.locator("#results li.match").first
    assert float(first.locator("meter").get_attribute("value") or 0) >= 0.9
    first.locator("summary").click()
    assert "Words that agree" in first.inner_text()
    assert "UN Security Council asset freeze" in first.locator(".memberships").inner_text()
    assert first.locator(".matched mark").count() >= 1
    case_id = int(re.sub(r"\D", "", first.locator("a.case-link").inner_text()))

    # the entity, its names in every script, list memberships and the relation graph
    first.locator("a.caption").click()
    page.wait_for_url(re.compile(r"/ui/entity/"))
    page.locator("#graph[data-ready='1']").wait_for()
    assert page.locator("#graph canvas").count() > 0
    text = page.locator("main").inner_text()
    assert "List memberships" in text and "un_sc" in text
    assert "parties" in page.locator("#graph-summary").inner_text()
    _shot(page, "03-entity-graph")

    # a shipment to the same party: PROHIBITED, with its legal basis, and a case opened
    page.get_by_role("link", name="Shipment").click()
    page.get_by_role("link", name="paste or upload a JSON/YAML document").click()
    page.get_by_role("button", name="Evaluate").click()
    verdict = page.locator("#decision .verdict")
    verdict.wait_for()
    assert verdict.inner_text() == "PROHIBITED"
    assert page.locator("#decision table tbody tr").count() >= 1
    assert page.locator("#decision td").nth(2).inner_text().strip() != ""
    _shot(page, "04-shipment-decision")

    # the analyst proposes; the analyst may not approve
    page.goto(f"{server}/ui/cases/{case_id}")
    page.get_by_label("True match").check()
    page.get_by_label("Comment (required)").fill("Same entity: UN KPe.002, Hangul name exact")
    page.get_by_role("button", name="Propose").click()
    page.wait_for_url(f"{server}/ui/cases/{case_id}")
    assert page.locator("#case-status").inner_text() == "proposed"
    assert page.get_by_role("button", name="Approve").count() == 0
    _shot(page, "05-case-proposed")
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/ui/login"))

    # a second user, a reviewer, approves
    _login(page, server, "rita")
    page.get_by_role("link", name="Cases").click()
    page.get_by_label("Status").select_option("proposed")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name=f"case {case_id}", exact=True).click()
    page.get_by_label("Comment (required to reject)").fill("Agreed")
    page.get_by_role("button", name="Approve").click()
    page.wait_for_url(f"{server}/ui/cases/{case_id}")
    assert page.locator("#case-status").inner_text() == "closed"
    assert "Chain check: intact" in page.locator("main").inner_text()
    _shot(page, "06-case-approved")
    assert refused == []

    # the case report the reviewer downloads states the facts
    response = page.request.get(f"{server}/ui/cases/{case_id}/report.pdf")
    assert response.status == 200 and response.body()[:5] == b"%PDF-"
    pdf = ARTIFACTS / f"case-{case_id}.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert f"Case {case_id}" in text and HANGUL in text
    assert "VERIFIED" in text and "rita" in text and "ana" in text
    # the report names the list entry of the hit and that list's version
    entry = re.search(r"List entry\s+([a-z_]+):\S+", text)
    assert entry is not None
    assert re.search(rf"^{entry.group(1)}\s+\d+\s+\d{{4}}-\d\d-\d\d", text, re.MULTILINE)
    context.close()

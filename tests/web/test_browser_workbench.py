"""The workbench in Debian's chromium: the shipment form with a field error and then a valid
declaration, the case it opened read back from its PDF report (parties, items, verdict,
reasons with their legal basis, list versions), tracing a firm on no list through the exposure
page and its graph, and an axe-core check (injected by the test, vendored in tests/web/assets)
with no serious or critical violation on each page. Screenshots go to test-artifacts/web/."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import ARTIFACTS, PASSWORD

AXE = Path(__file__).parent / "assets" / "axe.min.js"


def _shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _axe(page: Any, where: str) -> None:
    """No serious or critical accessibility violation on the page as it is now."""
    if page.evaluate("typeof window.axe") == "undefined":
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " target: v.nodes[0] && v.nodes[0].target})); }"
    )
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not bad, f"{where}: {json.dumps(bad)}"


def _login(page: Any, server: str, who: str) -> None:
    page.goto(f"{server}/ui/login")
    page.get_by_label("User name").fill(who)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{server}/ui/")


def _pdf_text(page: Any, url: str, name: str) -> str:
    """The PDF at ``url`` (downloaded in the browser's session, kept beside the screenshots)
    as text (poppler's pdftotext)."""
    response = page.request.get(url)
    assert response.status == 200 and response.body()[:5] == b"%PDF-"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(response.body())
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_shipment_form_exposure_and_accessibility(server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    _login(page, server, "ana")
    _axe(page, "dashboard")

    # the form: an ambiguous destination is shown beside its field, the values stay
    page.get_by_role("link", name="Shipment").click()
    page.wait_for_url(f"{server}/ui/shipment/form")
    _axe(page, "shipment form")
    page.get_by_label("Destination country").fill("Korea")
    page.locator("#f-exporter-name").fill("Morita Chemical Trading Co., Ltd.")
    page.locator("#f-exporter-country").fill("日本")
    page.locator("#f-consignee-name").fill("조선련봉총회사")
    page.locator("#f-consignee-country").fill("中国")
    page.get_by_label("Description (1)").fill("Centrifugal pumps, stainless steel")
    page.locator("#f-items-0-hs").fill("8413.70")
    page.get_by_role("button", name="Evaluate").click()
    error = page.locator("#f-destination-err")
    error.wait_for()
    assert "KR (South Korea) or KP (North Korea)" in error.inner_text()
    assert page.locator("#f-destination").get_attribute("aria-invalid") == "true"
    assert page.locator("#f-exporter-name").input_value() == "Morita Chemical Trading Co., Ltd."
    _shot(page, "10-shipment-form-error")
    _axe(page, "shipment form with errors")
    page.get_by_label("Destination country").fill("中国")
    page.get_by_role("button", name="Evaluate").click()
    verdict = page.locator("#decision .verdict")
    verdict.wait_for()
    assert verdict.inner_text() == "PROHIBITED"
    _shot(page, "11-shipment-form-decision")

    # the case the decision opened: its report (a reviewer's download) read back from the PDF
    link = page.locator("#decision a[href^='/ui/cases/']")
    case_id = int(re.sub(r"\D", "", link.get_attribute("href") or ""))
    reviewer = browser.new_context()
    other = reviewer.new_page()
    other.set_default_timeout(90_000)
    _login(other, server, "rita")
    url = f"{server}/ui/cases/{case_id}/report.pdf"
    assert page.request.get(url).status == 403  # the analyst has no audit permission
    text = _pdf_text(other, url, f"case-{case_id}-shipment")
    reviewer.close()
    assert f"Case {case_id}" in text
    for party in ("Morita Chemical Trading Co., Ltd.", "조선련봉총회사"):  # parties
        assert party in text, party
    assert "Centrifugal pumps" in text and "841370" in text  # items
    assert re.search(r"Verdict\s+PROHIBITED", text)
    reasons = text[text.index("Reasons and legal basis") : text.index("List versions")]
    assert "prohibited" in reasons and re.search(r"UNSC|Security Council|resolution", reasons)
    versions = text[text.index("List versions") : text.index("Reviewers")]
    assert re.search(r"^un_sc\s+\d+\s+\d{4}-\d\d-\d\d", versions, re.MULTILINE)
    assert re.search(r"[0-9a-f]{16}", versions)  # the source file's hash

    # a firm on no list, by a name that is not exactly its own
    page.get_by_role("link", name="Exposure").click()
    page.get_by_label("Name or entity id (any party, on a list or not)").fill(
        "International Trading Co., Ltd."
    )
    page.get_by_role("button", name="Trace").click()
    page.get_by_role("heading", name="Which party do you mean?").wait_for()
    _axe(page, "exposure candidates")
    page.get_by_role("link", name="International Trading", exact=True).click()
    page.locator("#graph[data-ready='1']").wait_for()
    assert page.locator("#graph canvas").count() > 0
    assert "Exposed" in page.locator("#exposure-verdict").inner_text()
    page.get_by_role("button", name="Zoom in").click()
    _shot(page, "12-exposure-graph")
    _axe(page, "exposure")
    context.close()

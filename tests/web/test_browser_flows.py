"""The analyst's flows end to end in Debian's chromium, once in each language of the pages
(English, Japanese, Korean: the browser asks for it, the test asserts on the catalogue's words
for it). An analyst logs in (a wrong password first), screens the UN-designated Korea Ryonbong
General Corporation in Latin letters, kanji and Hangul (one row and one case per party), opens
the entry and its graph, evaluates a shipment from a document and from the form (a field error,
then a valid declaration), traces a firm on no list through the exposure page, and proposes an
outcome; a reviewer, another user, approves it, reads the case trail and the case reports back
from their PDFs, and proposes on another case, which four-eyes then keeps from them. axe-core
finds no serious or critical violation on any page reached; the Content-Security-Policy
refuses nothing. Screenshots and PDFs go to test-artifacts/web/ (``NN-<lang>-<what>``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal

from tradeguard.language import audit_words
from tradeguard.lists.consequences import list_info

from .browsing import LOCALES, Words, axe, downloaded_pdf_text, log_in, read_pdf, shot
from .conftest import ARTIFACTS

HANGUL = "조선련봉총회사"  # Korea Ryonbong General Corporation (UN KPe.002)
NAMES = ("Korea Ryonbong General Corporation", "朝鮮連峰総会社", HANGUL)
AS_OF = "2026-06-01"
#: a list's publication date as each language writes it in a report
PUBLISHED = {
    "en": r"[A-Z][a-z]+ \d{1,2}, \d{4}",
    "ja": r"\d{4}年\d{1,2}月\d{1,2}日",
    "ko": r"\d{4}년 \d{1,2}월 \d{1,2}일",
}


@dataclass
class Flow:
    """One language's run: the server, the analyst's and the reviewer's pages, their words,
    and what the steps found (case ids)."""

    server: str
    lang: str
    t: Words
    browser: Any
    contexts: list[Any] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    cases: dict[str, int] = field(default_factory=dict)

    def page(self) -> Any:
        """A page in a new browser context asking for the flow's language."""
        context = self.browser.new_context(
            viewport={"width": 1366, "height": 900}, locale=LOCALES[self.lang]
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(90_000)
        page.on("console", self._console)
        return page

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)

    def go(self, page: Any, label: str) -> None:
        """Follow the main navigation's link ``label`` (a msgid)."""
        nav = page.get_by_role("navigation", name=self.t("Main"))
        nav.get_by_role("link", name=self.t(label), exact=True).click()

    def shot(self, page: Any, n: int, what: str) -> None:
        shot(page, f"{n:02d}-{self.lang}-{what}")

    def url(self, path: str) -> str:
        return f"{self.server}{path}"


@pytest.fixture(scope="module")
def expect() -> Any:
    sync_api = pytest.importorskip("playwright.sync_api")
    sync_api.expect.set_options(timeout=90_000)
    return sync_api.expect


@pytest.fixture(params=["en", "ja", "ko"])
def flow(request: pytest.FixtureRequest, server: str, browser: Any) -> Iterator[Flow]:
    run = Flow(server, request.param, Words(request.param), browser)
    yield run
    for context in run.contexts:
        context.close()


def test_analyst_and_reviewer_flows(flow: Flow, expect: Any) -> None:
    ana = flow.page()
    _log_in_and_dashboard(flow, ana, expect)
    _screen_three_scripts(flow, ana, expect)
    _entity(flow, ana, expect)
    _shipment_document(flow, ana, expect)
    _shipment_form(flow, ana, expect)
    _exposure_of_a_firm_on_no_list(flow, ana, expect)
    _lists_and_batch(flow, ana, expect)
    _analyst_proposes(flow, ana, expect)
    rita = flow.page()
    log_in(rita, flow.server, "rita", flow.t)
    _reviewer_approves(flow, rita, expect)
    _reviewer_reads_the_reports(flow, rita, ana)
    _reviewer_proposes_and_may_not_approve(flow, rita, ana, expect)
    assert flow.refused == []


def _log_in_and_dashboard(flow: Flow, page: Any, expect: Any) -> None:
    t = flow.t
    page.goto(flow.url("/ui/"))
    expect(page).to_have_url(re.compile(r"/ui/login"))  # no session: sent to the log-in page
    expect(page.locator("html")).to_have_attribute("lang", flow.lang)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Log in"))
    page.get_by_label(t("User name")).fill("ana")
    page.get_by_label(t("Password")).fill("wrong password")
    page.get_by_role("button", name=t("Log in")).click()
    expect(page.get_by_role("alert")).to_have_text(t("wrong user name or password"))
    axe(page, "log-in page with its error")
    log_in(page, flow.server, "ana", t)
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Dashboard"))
    # the bundled lists are older than their publishers' cadence: the banner names each, with
    # its age and limit, in the page's language (METI's End User List: a year and more)
    banner = page.locator(".banner.stale")
    expect(banner).to_contain_text(t("Stale data:"))
    meti = list_info("jp_meti_eul")
    age = (datetime.now(UTC).date() - date(2025, 9, 29)).days
    said = t(
        "%(days)s days; limit %(limit)s", days=format_decimal(age, locale=flow.lang), limit=400
    )
    expect(banner).to_contain_text(f"{meti.name(flow.lang)} ({said})")
    flow.shot(page, 1, "dashboard")
    axe(page, "dashboard")
    # keyboard: the first Tab reaches the skip link, which moves focus to the main content
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"


def _screen_three_scripts(flow: Flow, page: Any, expect: Any) -> None:
    """The same party in Latin letters, kanji (METI's form) and Hangul: one row per party
    with its lists as badges, and one case per party (a different case on each row)."""
    t = flow.t
    flow.go(page, "Screen")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Screen a party"))
    heading = page.locator("#results-h")
    for n, name in enumerate(NAMES):
        page.get_by_label(t("Name (any script)")).fill(name)
        page.get_by_label(t("Open a case for each hit")).check()
        page.get_by_role("button", name=t("Screen"), exact=True).click()
        expect(heading).to_contain_text(name)  # HTMX swapped the results in
        expect(page.locator("#results")).to_have_attribute("aria-live", "polite")
        first = page.locator("#results li.match").first
        expect(first.locator("a.caption")).to_contain_text(re.compile("RYONBONG", re.I))
        assert first.locator(".memberships .badge").count() >= 2, name  # one row, its lists
        cases = [
            re.sub(r"\D", "", c) for c in page.locator("#results a.case-link").all_inner_texts()
        ]
        assert cases and len(set(cases)) == len(cases), (name, cases)
        if n == 0:  # the words that met the query marked (Latin letters)
            assert first.locator(".matched mark").count() >= 1
        flow.shot(page, 2 + n, f"screen-{n}")
    axe(page, "screening results")
    first = page.locator("#results li.match").first
    assert float(first.locator("meter").get_attribute("value") or 0) >= 0.9
    un = list_info("un_sc")
    expect(first.locator(".memberships")).to_contain_text(un.name(flow.lang))
    expect(first.locator(".memberships")).to_contain_text(un.consequence(flow.lang))
    first.locator("summary", has_text=t("Why this matches")).click()
    expect(first.locator("ul.explain")).to_contain_text(t.head("Words that agree: %(pairs)s."))
    flow.cases["screening"] = int(re.sub(r"\D", "", first.locator("a.case-link").inner_text()))


def _entity(flow: Flow, page: Any, expect: Any) -> None:
    """The entry: its names, list memberships and relation graph."""
    t = flow.t
    page.locator("#results li.match").first.locator("a.caption").click()
    page.wait_for_url(re.compile(r"/ui/entity/"))
    page.locator("#graph[data-ready='1']").wait_for()
    assert page.locator("#graph canvas").count() > 0
    expect(page.get_by_role("heading", name=t("List memberships"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("un_sc")
    expect(page.locator("#graph-summary")).to_have_text(
        t.pattern("{parties} parties, {relations} relations")
    )
    flow.shot(page, 5, "entity-graph")
    axe(page, "entity")


def _shipment_document(flow: Flow, page: Any, expect: Any) -> None:
    """The prepared JSON/YAML document (the page's example: a shipment to the same party)."""
    t = flow.t
    flow.go(page, "Shipment")
    page.locator("main a[href='/ui/shipment']").click()
    page.wait_for_url(flow.url("/ui/shipment"))
    page.get_by_role("button", name=t("Evaluate")).click()
    expect(page.locator("#decision .verdict")).to_have_text(t.code("PROHIBITED"))
    assert page.locator("#decision table tbody tr").count() >= 1
    assert page.locator("#decision td").nth(2).inner_text().strip() != ""  # a legal basis
    flow.shot(page, 6, "shipment-document")
    axe(page, "shipment document and its decision")


def _shipment_form(flow: Flow, page: Any, expect: Any) -> None:
    """The form: an ambiguous destination shown beside its field with the values kept, then
    the valid declaration's decision, as of a given date (not today's)."""
    t = flow.t
    flow.go(page, "Shipment")
    page.wait_for_url(flow.url("/ui/shipment/form"))
    axe(page, "shipment form")
    page.get_by_label(t("Destination country")).fill("Korea")
    page.get_by_label(t("As of")).fill(AS_OF)
    page.locator("#f-exporter-name").fill("Morita Chemical Trading Co., Ltd.")
    page.locator("#f-exporter-country").fill("日本")
    page.locator("#f-consignee-name").fill(HANGUL)
    page.locator("#f-consignee-country").fill("中国")
    page.get_by_label(t("Description (%(n)s)", n=1)).fill("Centrifugal pumps, stainless steel")
    page.locator("#f-items-0-hs").fill("8413.70")
    page.get_by_role("button", name=t("Evaluate"), exact=True).click()
    error = page.locator("#f-destination-err")
    expect(error).to_have_text(
        t.pattern("ambiguous country “%(value)s”: %(candidates)s; give the code")
    )
    expect(error).to_contain_text("KR")
    expect(error).to_contain_text("KP")
    expect(page.locator("#f-destination")).to_have_attribute("aria-invalid", "true")
    one = t.plural("%(num)d field to correct:", "%(num)d fields to correct:", 1) % {"num": 1}
    expect(page.locator("#form-errors")).to_contain_text(one)  # the destination alone
    # the summary names the field as its label does, in the language, and links to it
    expect(page.locator("#form-errors a")).to_have_text(t("Destination country"))
    expect(page.locator("#f-exporter-name")).to_have_value("Morita Chemical Trading Co., Ltd.")
    flow.shot(page, 7, "shipment-form-error")
    axe(page, "shipment form with errors")
    page.get_by_label(t("Destination country")).fill("中国")
    page.get_by_role("button", name=t("Evaluate"), exact=True).click()
    expect(page.locator("#decision .verdict")).to_have_text(t.code("PROHIBITED"))
    as_of = format_date(date.fromisoformat(AS_OF), format="long", locale=flow.lang)
    expect(page.locator("#decision")).to_contain_text(as_of)  # the date in the language
    flow.shot(page, 8, "shipment-form-decision")
    axe(page, "shipment form's decision")
    link = page.locator("#decision a[href^='/ui/cases/']")
    flow.cases["shipment"] = int(re.sub(r"\D", "", link.get_attribute("href") or ""))


def _exposure_of_a_firm_on_no_list(flow: Flow, page: Any, expect: Any) -> None:
    """A firm on no list, by a name that is not exactly its own: candidates to choose from,
    then the verdict, the path that sets it and a graph with its legend."""
    t = flow.t
    flow.go(page, "Exposure")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Exposure of a party"))
    axe(page, "exposure form")
    field_label = t("Name or entity id (any party, on a list or not)")
    page.get_by_label(field_label).fill("International Trading Co., Ltd.")
    page.get_by_role("button", name=t("Trace")).click()
    expect(page.get_by_role("heading", name=t("Which party do you mean?"))).to_be_visible()
    choice = page.get_by_role("row").filter(
        has=page.get_by_role("link", name="International Trading", exact=True)
    )
    expect(choice).to_contain_text(t("on no list"))
    flow.shot(page, 9, "exposure-candidates")
    axe(page, "exposure candidates")
    choice.get_by_role("link", name="International Trading", exact=True).click()
    page.locator("#graph[data-ready='1']").wait_for()
    assert page.locator("#graph canvas").count() > 0
    expect(page.locator("#exposure-verdict")).to_contain_text(t("Exposed"))
    expect(page.locator("li.verdict-path")).to_contain_text(t("Sets the verdict:"))
    legend = page.get_by_role("list", name=t("Legend"))
    expect(legend).to_contain_text(t("the path that sets the verdict"))
    expect(legend).to_contain_text(t("designated (on a list)"))
    expect(page.locator("#graph-summary")).to_have_text(
        t.pattern("{parties} parties, {relations} relations")
    )
    page.get_by_role("button", name=t("Zoom in")).click()
    flow.shot(page, 10, "exposure-graph")
    axe(page, "exposure")


def _lists_and_batch(flow: Flow, page: Any, expect: Any) -> None:
    t = flow.t
    flow.go(page, "Lists")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Lists"))
    un = list_info("un_sc")  # each list by its title and publisher in the page's language
    row = page.get_by_role("rowheader", name=un.name(flow.lang))
    expect(row).to_contain_text(un.publisher(flow.lang))
    expect(row).to_contain_text("un_sc")
    expect(page.get_by_role("columnheader", name=t("Age (days)"))).to_be_visible()
    expect(page.get_by_role("columnheader", name=t("Stale after (days)"))).to_be_visible()
    flow.shot(page, 11, "lists")
    axe(page, "lists")
    flow.go(page, "Batch")
    page.wait_for_url(flow.url("/ui/batch"))
    axe(page, "batch")


def _analyst_proposes(flow: Flow, page: Any, expect: Any) -> None:
    """The analyst finds the screening case in the queue and proposes; the page says that
    another user must review it, and offers no approval."""
    t = flow.t
    case_id = flow.cases["screening"]
    flow.go(page, "Cases")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Cases"))
    page.get_by_label(t("Kind")).select_option("screening")
    page.get_by_role("button", name=t("Filter")).click()
    expect(page.locator("table caption")).to_have_text(
        t.pattern("%(num)d case, newest first", "%(num)d cases, newest first")
    )
    axe(page, "cases")
    page.get_by_role("link", name=t("case %(id)s", id=case_id), exact=True).click()
    page.wait_for_url(flow.url(f"/ui/cases/{case_id}"))
    axe(page, "case to propose on")
    page.get_by_label(t.code("true_match")).check()
    page.get_by_label(t("Comment (required)")).fill("Same entity: UN KPe.002, Hangul name exact")
    page.get_by_role("button", name=t("Propose")).click()
    page.wait_for_url(flow.url(f"/ui/cases/{case_id}"))
    expect(page.locator("#case-status")).to_have_text(t.code("proposed"))
    four_eyes = t("You proposed this outcome; a different reviewer must approve it (four-eyes).")
    expect(page.get_by_text(four_eyes)).to_be_visible()
    expect(page.get_by_role("button", name=t("Approve"))).to_have_count(0)
    flow.shot(page, 12, "case-proposed")
    axe(page, "proposed case")


def _reviewer_approves(flow: Flow, page: Any, expect: Any) -> None:
    """Another user, a reviewer, finds the proposal in the queue and approves it; the trail
    shows who did what, and the chain check holds."""
    t = flow.t
    case_id = flow.cases["screening"]
    flow.go(page, "Cases")
    page.get_by_label(t("Status")).select_option("proposed")
    page.get_by_role("button", name=t("Filter")).click()
    page.get_by_role("link", name=t("case %(id)s", id=case_id), exact=True).click()
    page.wait_for_url(flow.url(f"/ui/cases/{case_id}"))
    review = page.locator("main form[action$='/review']")
    expect(review).to_contain_text(t("%(user)s proposes", user="ana"))
    expect(review).to_contain_text(t.code("true_match"))
    axe(page, "case to review")
    page.get_by_label(t("Comment (required to reject)")).fill("Agreed")
    page.get_by_role("button", name=t("Approve")).click()
    page.wait_for_url(flow.url(f"/ui/cases/{case_id}"))
    expect(page.locator("#case-status")).to_have_text(t.code("closed"))
    trail = page.get_by_role("region", name=t("Audit trail"))
    for actor, action in (("ana", "case.open"), ("ana", "case.propose"), ("rita", "case.review")):
        row = trail.get_by_role("row").filter(has_text=action)
        expect(row.first).to_contain_text(actor)
    expect(trail).to_contain_text(f"{t('Chain check:')} {t('intact')}")
    flow.shot(page, 13, "case-approved")
    axe(page, "reviewed case")


def _reviewer_reads_the_reports(flow: Flow, page: Any, analyst: Any) -> None:
    """The reports of both cases, downloaded by the reviewer (the analyst has no audit
    permission) in the page's language and read back: the screening case's hit, list version
    and trail; the shipment case's parties, items, verdict, reasons and list versions, in the
    catalogue's words for the language, dates as it writes them, the data as published."""
    t = flow.t
    published = PUBLISHED[flow.lang]
    link = t("case report (PDF)")
    case_id = flow.cases["screening"]
    assert analyst.request.get(flow.url(f"/ui/cases/{case_id}/report.pdf")).status == 403
    page.goto(flow.url(f"/ui/cases/{case_id}"))
    text = downloaded_pdf_text(page, link, f"case-{flow.lang}-{case_id}-screening")
    assert t("Case %(id)s:", id=case_id) in text and HANGUL in text
    assert "VERIFIED" in text and "rita" in text and "ana" in text
    assert t(audit_words.ACTIONS["case.review"]) in text  # the trail's actions in words
    entry = re.search(rf"{t('List entry')}\s+([a-z_]+):\S+", text)
    assert entry is not None
    assert re.search(rf"^{entry.group(1)}\s+\d+\s+{published}", text, re.MULTILINE)

    case_id = flow.cases["shipment"]
    page.goto(flow.url(f"/ui/cases/{case_id}"))
    name = f"case-{flow.lang}-{case_id}-shipment"
    text = downloaded_pdf_text(page, link, name)
    assert t("Case %(id)s:", id=case_id) in text
    # a party's name may wrap in its table cell: read in reading order, spaces aside
    read = "".join(read_pdf(ARTIFACTS / f"{name}.pdf", layout=False).split())
    for party in ("Morita Chemical Trading Co., Ltd.", HANGUL):
        assert "".join(party.split()) in read, party
    assert "Centrifugalpumps" in read and "841370" in text  # a description may wrap too
    assert re.search(rf"{t('Verdict')}\s+{t.code('PROHIBITED')}", text)
    reasons = text[text.index(t("Reasons and legal basis")) : text.index(t("List versions"))]
    assert t.code("prohibited") in reasons
    assert re.search(r"UNSC|Security Council|resolution", reasons)  # as published, in English
    versions = text[text.index(t("List versions")) : text.index(t("Reviewers"))]
    assert re.search(rf"^un_sc\s+\d+\s+{published}", versions, re.MULTILINE)
    assert re.search(r"[0-9a-f]{16}", versions)  # the source file's hash


def _reviewer_proposes_and_may_not_approve(
    flow: Flow, page: Any, analyst: Any, expect: Any
) -> None:
    """A reviewer who proposes may not review the proposal: the page says so and offers no
    approval; the analyst's page says it waits for a reviewer."""
    t = flow.t
    case_id = flow.cases["shipment"]
    page.goto(flow.url(f"/ui/cases/{case_id}"))
    page.get_by_label(t.code("block")).check()
    page.get_by_label(t("Comment (required)")).fill("Consignee is UN-designated")
    page.get_by_role("button", name=t("Propose")).click()
    page.wait_for_url(flow.url(f"/ui/cases/{case_id}"))
    expect(page.locator("#case-status")).to_have_text(t.code("proposed"))
    four_eyes = t("You proposed this outcome; a different reviewer must approve it (four-eyes).")
    expect(page.get_by_text(four_eyes)).to_be_visible()
    expect(page.get_by_role("button", name=t("Approve"))).to_have_count(0)
    flow.shot(page, 14, "case-own-proposal")
    analyst.goto(flow.url(f"/ui/cases/{case_id}"))
    expect(
        analyst.get_by_text(t("Waiting for review by a user with the reviewer role."))
    ).to_be_visible()
    expect(analyst.get_by_role("button", name=t("Approve"))).to_have_count(0)

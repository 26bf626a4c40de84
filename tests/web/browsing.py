"""What the browser tests share: screenshots and PDFs kept in ``test-artifacts/web/``, the
axe-core check, a PDF read back with pdftotext, and the pages' words in each language taken
from the Gettext catalogues the pages use (so that a test in Japanese or Korean asserts on
the translated label, and fails when the catalogue has none)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tradeguard.language import i18n, labels

from .conftest import ARTIFACTS, PASSWORD

AXE = Path(__file__).parent / "assets" / "axe.min.js"
#: The browser's language for each page language (what Accept-Language asks for).
LOCALES = {"en": "en-GB", "ja": "ja-JP", "ko": "ko-KR"}


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def axe(page: Any, where: str) -> None:
    """No serious or critical accessibility violation on the page as it is now. axe-core is
    evaluated in the page by the browser's debugging protocol, which the page's
    Content-Security-Policy does not govern (a script tag would need ``bypass_csp``)."""
    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => { const r = await axe.run(document, {resultTypes: ['violations']});"
        " return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,"
        " target: v.nodes[0] && v.nodes[0].target, html: v.nodes[0] && v.nodes[0].html})); }"
    )
    bad = [v for v in result if v["impact"] in ("serious", "critical")]
    assert not bad, f"{where}: {json.dumps(bad, ensure_ascii=False)}"


def pdf_text(page: Any, url: str, name: str, layout: bool = True) -> str:
    """The PDF at ``url`` (downloaded in the browser's session, kept beside the screenshots)
    as text (poppler's pdftotext): laid out as on the page, or (``layout=False``) in reading
    order, where a table cell's wrapped lines follow each other."""
    response = page.request.get(url)
    assert response.status == 200 and response.body()[:5] == b"%PDF-"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(response.body())
    return read_pdf(pdf, layout)


def downloaded_pdf_text(page: Any, link: str, name: str, layout: bool = True) -> str:
    """The PDF the page's link named ``link`` downloads when clicked (the browser's own
    request, in its language), kept beside the screenshots, as text (:func:`read_pdf`)."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link).click()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    info.value.save_as(str(pdf))
    assert pdf.read_bytes()[:5] == b"%PDF-"
    return read_pdf(pdf, layout)


def read_pdf(pdf: Path, layout: bool = True) -> str:
    """A PDF as text (poppler's pdftotext), laid out or in reading order."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


class Words:
    """The pages' words in one language, from the catalogue the pages use. A word asked of
    Japanese or Korean that the catalogue leaves in English fails the test: the page would
    show English."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, msgid: str, **values: Any) -> str:
        text = str(i18n.translations(self.lang).gettext(msgid))
        if self.lang != "en":
            assert text != msgid, f"no {self.lang} translation of {msgid!r}"
        return text % values if values else text

    def plural(self, singular: str, plural: str, n: int) -> str:
        text = str(i18n.translations(self.lang).ngettext(singular, plural, n))
        if self.lang != "en":
            assert text not in (singular, plural), f"no {self.lang} translation of {plural!r}"
        return text

    def code(self, code: str) -> str:
        """The word for a code (a verdict, case state, outcome)."""
        return self(labels.OUTCOMES.get(code) or labels.CODES[code])

    def pattern(self, msgid: str, plural: str | None = None) -> re.Pattern[str]:
        """The translated message (``plural``: its plural form) with any value in its
        placeholders (quoted as the catalogue quotes, or as the core's English message does,
        ``'value'``)."""
        text = self(msgid) if plural is None else self.plural(msgid, plural, 2)
        parts = re.split(r"%\(\w+\)[sd]|\{\w+\}", text)
        text = ".+?".join(re.escape(part) for part in parts)
        return re.compile(re.sub("[“”]", "[“”']", text), re.DOTALL)

    def head(self, msgid: str) -> str:
        """The translated message up to its first placeholder ("Words that agree")."""
        return re.split(r"%\(\w+\)[sd]|\{\w+\}", self(msgid))[0].rstrip(" :：")


def log_in(page: Any, server: str, who: str, t: Words) -> None:
    """Log ``who`` in through the log-in page (in the browser's language)."""
    page.goto(f"{server}/ui/login")
    page.get_by_label(t("User name")).fill(who)
    page.get_by_label(t("Password")).fill(PASSWORD)
    page.get_by_role("button", name=t("Log in")).click()
    page.wait_for_url(f"{server}/ui/")

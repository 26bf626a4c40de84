"""The pages in Japanese and Korean in Debian's chromium: a browser asking for Japanese gets
the log-in page in Japanese, the header's switch turns the pages Korean, and a name is
screened with the results' headings, badges and explanation in Korean; then back to Japanese.
Screenshots go to test-artifacts/web/ (CJK glyphs need the fonts `make system-deps`
installs: the test checks that the page's Japanese and Korean text is drawn in a font that
has them, not as empty boxes)."""

from __future__ import annotations

from typing import Any

import pytest

from .browsing import shot
from .conftest import PASSWORD

# Each character drawn alone on a canvas in the page's font: without a font that has them,
# chromium draws the same empty box for every character, so two different characters give the
# same pixels.
_BITMAPS = """(args) => {
  const [text, font] = args;
  return Array.from(text).map((ch) => {
    const canvas = document.createElement('canvas');
    canvas.width = 40; canvas.height = 40;
    const c = canvas.getContext('2d');
    c.font = '28px ' + font;
    c.fillText(ch, 4, 32);
    return Array.from(c.getImageData(0, 0, 40, 40).data.filter((_, i) => i % 4 === 3)).join(',');
  });
}"""


def _has_glyphs(page: Any, text: str) -> bool:
    """Whether ``text`` (distinct CJK characters) is drawn as glyphs, not as empty boxes."""
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    bitmaps = page.evaluate(_BITMAPS, [text, font])
    blank = ",".join(["0"] * 1600)
    return all(b != blank for b in bitmaps) and len(set(bitmaps)) == len(set(text))


def test_switch_language_and_screen_a_name(server: str, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="ja-JP", bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(90_000)

    # the browser asks for Japanese: the log-in page is Japanese before any choice
    page.goto(f"{server}/ui/login")
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.get_by_role("heading", level=1).inner_text() == "ログイン"
    page.get_by_label("ユーザー名").fill("ana")
    page.get_by_label("パスワード").fill(PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    page.wait_for_url(f"{server}/ui/")
    assert page.get_by_role("heading", level=1).inner_text() == "ダッシュボード"

    # the switch in the header: Korean, kept for the next pages
    page.get_by_role("navigation", name="言語").get_by_role("link", name="한국어").click()
    page.wait_for_url(f"{server}/ui/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.get_by_role("heading", level=1).inner_text() == "대시보드"
    page.get_by_role("link", name="스크리닝", exact=True).click()
    page.wait_for_url(f"{server}/ui/screen")
    assert page.get_by_role("heading", level=1).inner_text() == "당사자 스크리닝"

    # screen a name written in Hangul
    page.get_by_label("이름(모든 문자)").fill("조선련봉총회사")
    page.get_by_role("button", name="스크리닝", exact=True).click()
    heading = page.locator("#results-h")
    heading.wait_for()
    assert "일치하는 당사자" in heading.inner_text()
    first = page.locator("li.match").first
    badges = first.locator("ul.memberships .badge").all_inner_texts()
    assert badges and badges[0] == "유엔 안보리 통합제재목록", (
        badges
    )  # the UN first, named in Korean
    first.locator("summary", has_text="일치 사유").click()
    explanation = first.locator("ul.explain").inner_text()
    assert "일치한 단어" in explanation and "조선련봉총회사" in explanation
    assert _has_glyphs(page, "당사자스크닝") and _has_glyphs(page, "該非判定輸出許可")
    shot(page, "20-screen-ko")

    # back to Japanese: the same page, the same result form, in Japanese
    page.get_by_role("navigation", name="언어").get_by_role("link", name="日本語").click()
    page.wait_for_url(f"{server}/ui/screen")
    assert page.get_by_role("heading", level=1).inner_text() == "当事者のスクリーニング"
    page.get_by_label("名称（文字種は問いません）").fill("Korea Ryonbong General Corp")
    page.get_by_role("button", name="スクリーニング", exact=True).click()
    page.locator("#results-h").wait_for()
    assert "該当する当事者" in page.locator("#results-h").inner_text()
    shot(page, "21-screen-ja")
    context.close()


@pytest.mark.parametrize("text", ["輸出許可", "수출허가"])
def test_cjk_fonts_are_installed(browser: Any, text: str) -> None:
    """Without a CJK font chromium draws empty boxes; `make system-deps` installs them."""
    page = browser.new_page()
    page.set_content(f"<body><p>{text}</p></body>")
    assert _has_glyphs(page, text)
    page.close()

"""Stale lists are shown: a banner on every page while any loaded list is older than its
staleness limit (its publisher's usual cadence, or the administrator's setting), naming the
lists, their age and limit; the lists page gives each list's publication date, age, limit and
status without naming any directory of the server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest
from babel.numbers import format_decimal
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from tradeguard.language.i18n import local_date
from tradeguard.lists.consequences import list_info
from tradeguard.lists.status import list_status
from tradeguard.store import Store
from tradeguard.web.routes import public_warning

from .helpers import log_in, page_client

PAGES = ("/ui/", "/ui/screen", "/ui/shipment", "/ui/cases", "/ui/lists", "/ui/batch")


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    for c in page_client(loaded_store):
        log_in(c)
        yield c


def test_every_page_carries_the_banner_while_a_list_is_stale(
    client: TestClient, loaded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the bundled snapshot's lists were published months to years ago: each is older than
    # its publisher's cadence (no setting)
    monkeypatch.delenv("TRADEGUARD_STALE_DAYS", raising=False)
    stale = [row for row in list_status(loaded_store) if row.stale]
    assert stale and len(stale) == len(list_status(loaded_store))
    assert {row.version.list: row.limit.origin for row in stale if row.limit}["un_sc"] == "cadence"
    for path in PAGES:
        r = client.get(path)
        assert r.status_code == 200, path
        banner = re.search(r'<div class="banner stale" role="alert">(.*?)</div>', r.text, re.S)
        assert banner, path
        for row in stale:
            name = list_info(row.version.list).name()  # the list's name, not its id
            days = format_decimal(row.age_days, locale="en")  # a localised number
            limit = format_decimal(row.stale_after_days or 0, locale="en")
            assert f"{name} ({days} days; limit {limit})" in unescape(banner.group(1)), path
    # in Japanese and Korean, the names, ages and limits in the page's language
    for lang, words in (("ja", "{days}日、上限{limit}日"), ("ko", "{days}일, 한도 {limit}일")):
        client.cookies.set("tg_lang", lang)
        banner = re.search(r'class="banner stale"[^>]*>(.*?)</div>', client.get("/ui/").text, re.S)
        assert banner, lang
        for row in stale:
            said = words.format(
                days=format_decimal(row.age_days, locale=lang),
                limit=format_decimal(row.stale_after_days or 0, locale=lang),
            )
            assert f"{list_info(row.version.list).name(lang)} ({said})" in unescape(banner.group(1))
    client.cookies.delete("tg_lang")
    # a limit no list exceeds, set by the administrator: no banner anywhere
    monkeypatch.setenv("TRADEGUARD_STALE_DAYS", "100000")
    for path in PAGES:
        r = client.get(path)
        assert r.status_code == 200 and "banner stale" not in r.text, path


def test_lists_page_shows_publication_age_and_staleness(
    client: TestClient, loaded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TRADEGUARD_STALE_DAYS", "30")
    html = client.get("/ui/lists").text
    assert '<th scope="col">Age (days)</th>' in html
    for row in list_status(loaded_store):
        v = row.version
        # the row is headed by the list's name and publisher, its id beside them
        cells = re.search(
            rf'<th scope="row">([^<]*)(?:<br><small>[^<]*</small>)? <code>{re.escape(v.list)}'
            r"</code></th>(.*?)</tr>",
            html,
            re.S,
        )
        assert cells, v.list
        assert unescape(cells.group(1)) == list_info(v.list).name()
        text = cells.group(2)
        published = local_date(v.published_at) if v.published_at else "—"  # e.g. May 13, 2024
        days = format_decimal(row.age_days, locale="en")  # dates and numbers localised
        assert f"<td>{published}</td><td>{days}</td><td>30<br><small>set by the" in text
        assert ("stale" if row.stale else "current") in text
    assert not re.search(r"/tmp/|/var/folders/|\\Temp\\|tmp[a-z0-9_]{6,}", html)
    # without a setting: each list's limit and its publisher's cadence
    monkeypatch.delenv("TRADEGUARD_STALE_DAYS")
    html = unescape(client.get("/ui/lists").text)
    meti = re.search(r"<code>jp_meti_eul</code></th>(.*?)</tr>", html, re.S)
    assert meti and "<td>400<br><small>usually published: about once a year" in meti.group(1)


def test_load_warnings_name_the_file_never_a_server_directory(
    client: TestClient, loaded_store: Store
) -> None:
    # the bundled lists load with warnings (the EU file repeats logicalIds, a MOF row has a
    # nationality in words); each names the file it was read from, never the directory the
    # snapshot was unpacked into
    warnings = [w for v in loaded_store.current_versions() for w in v.warnings]
    assert any(re.match(r"[^/\\ ]+\.(xml|xlsx|csv): ", w) for w in warnings)
    html = unescape(client.get("/ui/lists").text)
    for w in warnings:
        assert "tradeguard-snapshot-" not in w and public_warning(w) in html
    assert "tradeguard-snapshot-" not in html and "/tmp/" not in html


@given(
    st.lists(st.from_regex(r"[A-Za-z0-9_.-]{1,12}", fullmatch=True), min_size=1, max_size=5),
    st.from_regex(r"[A-Za-z0-9_.-]{1,16}", fullmatch=True),
    st.text(alphabet=st.characters(blacklist_characters="/\\"), max_size=40),
)
def test_public_warning_keeps_the_file_name_and_drops_its_directory(
    dirs: list[str], name: str, rest: str
) -> None:
    warning = "/" + "/".join([*dirs, name]) + ": " + rest
    shown = public_warning(warning)
    assert shown.startswith(name + ": ")
    assert all(f"/{d}/" not in shown for d in dirs)

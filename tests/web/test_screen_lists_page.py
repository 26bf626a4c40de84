"""The screening page names the lists it screened against with their dates, and warns, in the
page's language, when lists of a default install are not loaded (a store holding one real UN
list extract, as after loading one file by hand)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.language import i18n
from tradeguard.lists.consequences import list_info
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..conftest import FIXTURES
from .helpers import log_in, page_client


@pytest.fixture
def client(sqlite_store: Store) -> Iterator[TestClient]:
    sqlite_store.load(parse_path(FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"))
    yield from page_client(sqlite_store)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_page_names_the_lists_and_the_missing_ones(client: TestClient, lang: str) -> None:
    csrf = log_in(client)
    client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
    r = client.post("/ui/screen", data={"csrf": csrf, "name": "Huawei Technologies Co., Ltd."})
    assert r.status_code == 200, r.text[-500:]
    token = i18n.use(lang)
    try:  # the lists' names in the page's language, not their codes; dates as the lists page
        un = f"{list_info('un_sc').name(lang)} ({i18n.local_date('2026-02-27')})"
        used = i18n.gettext("Screened against: %(lists)s") % {"lists": un}
        missing = ", ".join(
            list_info(x).name(lang)
            for x in ("eu_fsf", "jp_meti_eul", "jp_mof", "us_csl", "us_ofac_cons", "us_ofac_sdn")
        )
    finally:
        i18n.reset(token)
    assert used in r.text
    assert missing in r.text
    if lang == "ja":  # one way of writing a date in each language, here as on the lists page
        assert "2026年2月27日" in r.text and "2026/02/27" not in r.text

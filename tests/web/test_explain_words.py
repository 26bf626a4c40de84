"""The explanation of a match in the page's language, on a real screening of the bundled
lists: a listed name with words the query lacks (and the reverse) is told in words, never a
server error."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tradeguard.language import i18n
from tradeguard.store import Store

from .helpers import log_in, page_client


@pytest.fixture
def client(loaded_store: Store) -> Iterator[TestClient]:
    yield from page_client(loaded_store)


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_words_left_over_on_either_side_are_told(client: TestClient, lang: str) -> None:
    csrf = log_in(client)
    client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
    r = client.post("/ui/screen", data={"csrf": csrf, "name": "Korea Ryonbong Trading"})
    assert r.status_code == 200, r.text[-500:]
    token = i18n.use(lang)
    try:
        told = i18n.gettext("Words of the listed name not in the query: %(words)s.")
    finally:
        i18n.reset(token)
    head = told.split("%(words)s")[0]
    assert head in r.text
    assert "{&#39;token&#39;" not in r.text and "{'token'" not in r.text

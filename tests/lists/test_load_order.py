"""A file published before the list's current version is refused (it would undo every
designation and delisting published since), unless the operator asks for it; then the version's
warnings and its audit record say so. Real UN extracts of 2025-04-19 and 2026-02-27."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tradeguard import audit
from tradeguard.errors import InputError
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..api.conftest import Api, make_api
from ..conftest import FIXTURES

OLD = FIXTURES / "lists/un/consolidated-2025-04-19-extract.xml"
NEW = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"
OPS = audit.list_load_record("ops")


def test_the_fixtures_are_in_publication_order() -> None:
    old, new = parse_path(OLD), parse_path(NEW)
    assert old.published_at and new.published_at
    assert old.published_at[:10] == "2025-04-19" and new.published_at[:10] == "2026-02-27"


def test_an_older_publication_is_refused_and_nothing_changes(store: Store) -> None:
    current = store.load(parse_path(NEW), record=OPS).version
    with pytest.raises(InputError) as info:
        store.load(parse_path(OLD), record=OPS, allow_shrink=True)
    message = str(info.value)
    assert "published on 2025-04-19, before the current version" in message
    assert "(published 2026-02-27)" in message and "--allow-older" in message
    assert "nothing was changed" in message and "\n" not in message
    assert store.current_version("un_sc") == current
    assert [v.id for v in store.versions("un_sc")] == [current.id]
    assert len(audit.records(store, action="lists.load")) == 1


def test_allow_older_loads_it_and_says_so(store: Store) -> None:
    store.load(parse_path(NEW), record=OPS)
    result = store.load(parse_path(OLD), record=OPS, allow_older=True, allow_shrink=True)
    assert result.status == "loaded"
    assert store.current_version("un_sc") == result.version
    assert any("loaded with allow_older" in w for w in result.version.warnings)
    payload = audit.records(store, action="lists.load")[-1].payload
    assert any("loaded with allow_older" in w for w in payload["warnings"])


def test_a_newer_or_same_day_publication_is_not_held_back(store: Store) -> None:
    assert store.load(parse_path(OLD), record=OPS).status == "loaded"
    assert store.load(parse_path(NEW), record=OPS, allow_shrink=True).status == "loaded"


def _post(api: Api, path: Path, **form: str) -> Any:
    with path.open("rb") as fh:
        return api.client.post(
            "/lists/load",
            files={"file": (path.name, fh, "application/xml")},
            data={"allow_shrink": "true", **form},
            headers=api.auth("adam"),
        )


def test_api_refuses_an_older_publication_unless_allowed(store: Store) -> None:
    for api in make_api(store):
        assert _post(api, NEW).status_code == 200
        refused = _post(api, OLD)
        assert refused.status_code == 422
        assert "before the current version" in refused.json()["detail"]
        assert len(store.versions("un_sc")) == 1
        allowed = _post(api, OLD, allow_older="true")
        assert allowed.status_code == 200, allowed.text
        assert any("allow_older" in w for w in allowed.json()["warnings"])

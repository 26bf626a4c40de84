"""A damaged or partial file never becomes the current version: the shrink guard, and the
version committed with its audit record in one transaction (SQLite and PostgreSQL, CLI and
API)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tradeguard import audit
from tradeguard.errors import InputError
from tradeguard.lists.model import ParsedList
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..api.conftest import Api, make_api
from ..cli import tg
from ..conftest import FIXTURES

#: 209 real UN entries, then the same list cut to 14 of them (a file that lost 94 %)
UN_FULL = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"
UN_SMALL = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"


#: the lists.load audit record of the operator "ops", written in each load's transaction
OPS = audit.list_load_record("ops")


def _versions(store: Store) -> list[int]:
    return [v.id for v in store.versions("un_sc")]


def test_a_list_that_lost_most_entries_is_refused(store: Store) -> None:
    first = store.load(parse_path(UN_FULL), record=OPS)
    assert first.status == "loaded"  # a first load is not guarded
    with pytest.raises(InputError) as info:
        store.load(parse_path(UN_SMALL), record=OPS)
    message = str(info.value)
    assert "\n" not in message
    assert "13 entries, 94% fewer than the 209 of the current version" in message
    assert "--allow-shrink" in message and "nothing loaded" in message
    assert store.current_version("un_sc") == first.version  # still current, nothing written
    assert _versions(store) == [first.version.id]
    assert len(audit.records(store, action="lists.load")) == 1


def test_allow_shrink_loads_and_the_audit_record_says_so(store: Store) -> None:
    first = store.load(parse_path(UN_FULL), record=OPS)
    result = store.load(parse_path(UN_SMALL), record=OPS, allow_shrink=True)
    assert result.status == "loaded" and result.version.entity_count == 13
    assert store.current_version("un_sc") == result.version
    assert any("loaded with allow_shrink" in w for w in result.version.warnings)
    record = audit.records(store, action="lists.load")[-1]
    assert record.payload["version"]["id"] == result.version.id
    assert record.payload["shrink_allowed"] == {
        "previous_version": first.version.id,
        "previous_entities": 209,
        "entities": 13,
        "share": 0.9378,
        "limit": 0.1,
    }
    assert audit.verify(store).ok


def test_the_share_may_only_tighten(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    sqlite_store.load(parse_path(UN_FULL))
    # a looser limit (environment or option) does not apply without allow_shrink
    monkeypatch.setenv("TRADEGUARD_MAX_SHRINK", "0.95")
    with pytest.raises(InputError, match=r"over the 10% .* as 95% asked, needs --allow-shrink"):
        sqlite_store.load(parse_path(UN_SMALL))
    monkeypatch.delenv("TRADEGUARD_MAX_SHRINK")
    with pytest.raises(InputError, match="as 100% asked"):
        sqlite_store.load(parse_path(UN_SMALL), max_shrink=1.0)
    assert len(sqlite_store.versions("un_sc")) == 1
    assert sqlite_store.load(_cut(parse_path(UN_FULL), 190)).status == "loaded"  # 9 % < 10 %
    assert sqlite_store.load(parse_path(UN_FULL)).status == "loaded"  # growing is fine
    with pytest.raises(InputError, match="over the 5% a list may lose"):
        sqlite_store.load(_cut(parse_path(UN_FULL), 190), max_shrink=0.05)
    monkeypatch.setenv("TRADEGUARD_MAX_SHRINK", "half")
    with pytest.raises(InputError, match="TRADEGUARD_MAX_SHRINK"):
        sqlite_store.load(_cut(parse_path(UN_FULL), 200))


def test_every_load_records_the_limit_and_the_shrink(store: Store) -> None:
    first = store.load(parse_path(UN_FULL), record=OPS)
    assert audit.records(store, action="lists.load")[-1].payload["shrink_check"] is None
    store.load(_cut(parse_path(UN_FULL), 200), record=OPS, max_shrink=1.0)
    check = audit.records(store, action="lists.load")[-1].payload["shrink_check"]
    assert check == {
        "limit": 0.1,
        "limit_asked": 1.0,
        "share": 0.0431,
        "previous_version": first.version.id,
        "previous_entities": 209,
        "entities": 200,
        "removed_ids": 9,
        "removed_share": 0.0431,
    }
    store.load(parse_path(UN_SMALL), record=OPS, allow_shrink=True, max_shrink=1.0)
    check = audit.records(store, action="lists.load")[-1].payload["shrink_check"]
    assert check["limit"] == 1.0 and check["share"] == 0.9378  # against the largest recent: 209


def _cut(parsed: ParsedList, keep: int) -> ParsedList:
    """``parsed`` with only its first ``keep`` entries (and another content hash)."""
    return replace(parsed, sha256=f"{keep:064d}", entities=parsed.entities[:keep])


def test_small_cuts_add_up_against_the_largest_recent_version(store: Store) -> None:
    store.load(parse_path(UN_FULL))
    assert store.load(_cut(parse_path(UN_FULL), 199)).status == "loaded"  # 4.8 % of 209
    assert store.load(_cut(parse_path(UN_FULL), 190)).status == "loaded"  # 9.1 % of 209
    with pytest.raises(InputError, match="fewer than the 209 of the recent version"):
        store.load(_cut(parse_path(UN_FULL), 185))  # 4.5 % of 190, but 11.5 % of 209
    assert store.current_version("un_sc").entity_count == 190
    # an allowed shrink sets a new baseline
    store.load(_cut(parse_path(UN_FULL), 150), allow_shrink=True)
    assert store.load(_cut(parse_path(UN_FULL), 140)).status == "loaded"  # 6.7 % of 150


def test_entries_removed_behind_added_junk_are_caught(store: Store) -> None:
    full = parse_path(UN_FULL)
    store.load(full)
    kept = list(full.entities[:180])
    junk = [replace(e, id=f"{e.id}-junk") for e in full.entities[180:]] * 2
    junk = [replace(e, id=f"{e.id}-{n}") for n, e in enumerate(junk)]
    swapped = replace(full, sha256="f" * 64, entities=kept + junk)
    assert len(swapped.entities) == 238  # more entries than before, yet 29 real ones gone
    with pytest.raises(InputError, match=r"29 of the 209 entries .* \(14%\) are gone"):
        store.load(swapped)
    result = store.load(swapped, allow_shrink=True, record=OPS)
    check = audit.records(store, action="lists.load")[-1].payload["shrink_check"]
    assert result.status == "loaded" and check["removed_ids"] == 29


def test_a_failing_audit_append_leaves_no_version(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version and its audit record commit together: when the append fails after the
    entities were written, the previous version stays current and the new one is gone."""
    first = store.load(parse_path(UN_SMALL), record=OPS)
    # (6 of the 13 entries of this extract are not in the other one: allowed, as removals)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr(audit.chain, "append", broken)
    with pytest.raises(RuntimeError, match="audit log unavailable"):
        store.load(parse_path(UN_FULL), record=OPS, allow_shrink=True)
    monkeypatch.undo()
    assert store.current_version("un_sc") == first.version
    assert _versions(store) == [first.version.id]
    assert len(audit.records(store, action="lists.load")) == 1
    again = store.load(parse_path(UN_FULL), record=OPS, allow_shrink=True)
    assert again.status == "loaded"
    assert [r.payload["version"]["id"] for r in audit.records(store, action="lists.load")] == [
        first.version.id,
        again.version.id,
    ]


@pytest.mark.slow
def test_cli_refuses_a_shrunken_list_unless_allowed(_isolated_home: Path) -> None:
    home = _isolated_home
    assert tg("lists", "load", UN_FULL, home=home).returncode == 0
    refused = tg("lists", "load", UN_SMALL, home=home)
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and "94% fewer" in lines[0] and "Traceback" not in refused.stderr
    loose = tg("lists", "load", UN_SMALL, "--max-shrink", "0.99", "--json", home=home)
    assert loose.returncode == 2 and "as 99% asked, needs --allow-shrink" in loose.stderr
    allowed = tg("lists", "load", UN_SMALL, "--allow-shrink", "--json", home=home)
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["shrink_allowed"]["entities"] == 13
    log = json.loads(tg("audit", "log", "--action", "lists.load", "--json", home=home).stdout)
    assert [r["payload"]["shrink_allowed"] is not None for r in log] == [False, True]
    assert log[-1]["payload"]["shrink_check"]["share"] == 0.9378


def _post(api: Api, path: Path, **form: str) -> Any:
    with path.open("rb") as fh:
        return api.client.post(
            "/lists/load",
            files={"file": (path.name, fh, "application/xml")},
            data=form,
            headers=api.auth("adam"),
        )


def test_api_refuses_a_shrunken_list_unless_allowed(store: Store) -> None:
    for api in make_api(store):
        assert _post(api, UN_FULL).status_code == 200
        refused = _post(api, UN_SMALL)
        assert refused.status_code == 422
        assert "94% fewer" in refused.json()["detail"]
        assert len(store.versions("un_sc")) == 1
        allowed = _post(api, UN_SMALL, allow_shrink="true")
        assert allowed.status_code == 200
        assert allowed.json()["shrink_allowed"]["previous_entities"] == 209
        records = audit.records(store, action="lists.load")
        assert [r.actor for r in records] == ["adam", "adam"]
        assert records[-1].payload["shrink_allowed"]["entities"] == 13

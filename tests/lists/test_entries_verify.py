"""`lists verify` recomputes a digest of each list version's stored entries and compares it
with the one taken at load time (kept in the version row and in its lists.load audit record): an
entry edited, added or deleted in the database is reported; an untouched store passes; a version
loaded before digests were taken is "not checked", not a mismatch. SQLite and PostgreSQL, on
real UN and CSL extracts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from tradeguard import audit
from tradeguard.audit.entries import NOT_CHECKED, verify_lists
from tradeguard.lists.registry import parse_path
from tradeguard.store import LoadResult, Store
from tradeguard.store.entries import stored_digest

from ..cli import tg
from ..conftest import FIXTURES

#: 209 real UN entries; a real CSL extract
UN = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"
CSL = FIXTURES / "lists/us_csl/consolidated-extract.csv.gz"
OPS = audit.list_load_record("ops")


def _load(store: Store) -> tuple[int, int]:
    un = store.load(parse_path(UN), record=OPS).version
    csl = store.load(parse_path(CSL), record=OPS).version
    return un.id, csl.id


def test_an_untouched_store_passes_and_the_digest_is_recorded(store: Store) -> None:
    un, csl = _load(store)
    checked = verify_lists(store)
    assert checked.ok
    assert [(v.version_id, v.status) for v in checked.versions] == [(un, "ok"), (csl, "ok")]
    version = store.current_version("un_sc")
    assert version is not None and version.entries_sha256 is not None
    [record] = audit.records(store, action="lists.load", subject="list:un_sc")
    assert record.payload["version"]["entries_sha256"] == version.entries_sha256


@pytest.mark.parametrize(
    "edit",
    [
        "UPDATE entities SET caption = 'x' WHERE entity_id = 'un_sc:KPe.039'",
        "UPDATE entities SET data = replace(data, 'KP', 'JP') WHERE entity_id = 'un_sc:KPe.039'",
        "DELETE FROM entities WHERE entity_id = 'un_sc:KPe.039'",
        "INSERT INTO entities (version_id, entity_id, schema, caption, digest, data) "
        "SELECT version_id, 'un_sc:KPe.999', schema, caption, digest, data FROM entities "
        "WHERE entity_id = 'un_sc:KPe.039'",
    ],
)
def test_each_edit_of_a_stored_entry_is_reported(store: Store, edit: str) -> None:
    un, csl = _load(store)
    with store.engine.begin() as conn:
        assert conn.execute(text(edit)).rowcount == 1
    checked = verify_lists(store)
    assert not checked.ok
    assert [(v.version_id, v.status, v.problem) for v in checked.versions] == [
        (un, "mismatch", f"un_sc version {un}: the stored entries do not match the digest "
         "taken at load time"),
        (csl, "ok", None),
    ]  # fmt: skip


def test_a_digest_rewritten_with_the_entries_is_caught_by_the_audit_record(store: Store) -> None:
    un, _ = _load(store)
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE entities SET caption = 'x' WHERE entity_id = 'un_sc:KPe.039'"))
    with store.session() as session:
        forged = stored_digest(session, un)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE list_versions SET entries_sha256 = :d WHERE id = :id"),
            {"d": forged, "id": un},
        )
    [first, _] = verify_lists(store).versions
    assert first.status == "mismatch"
    assert first.problem == (
        f"un_sc version {un}: the version's digest is not the one its lists.load audit "
        "record states"
    )


def _record_before_digests(session: Session, result: LoadResult) -> None:
    """The lists.load record as it was written before digests were taken."""
    payload = result.to_dict()
    del payload["version"]["entries_sha256"]
    audit.append(session, "ops", "lists.load", f"list:{result.list}", payload)


def test_a_store_loaded_before_digests_passes_with_a_note(store: Store) -> None:
    un = store.load(parse_path(UN), record=_record_before_digests).version.id
    csl = store.load(parse_path(CSL), record=_record_before_digests).version.id
    with store.engine.begin() as conn:  # as migration 0010 leaves the versions loaded before
        conn.execute(text("UPDATE list_versions SET entries_sha256 = NULL"))
    checked = verify_lists(store)
    assert checked.ok
    assert [(v.version_id, v.status) for v in checked.versions] == [
        (un, NOT_CHECKED),
        (csl, NOT_CHECKED),
    ]
    assert NOT_CHECKED == "not checked (loaded before digests)"
    assert audit.verify(store).ok


def test_the_cli_reports_and_exits_8(_isolated_home: Path) -> None:
    home = _isolated_home
    store = Store.open(f"sqlite:///{home / 'tradeguard.db'}")
    un, _ = _load(store)
    store.close()
    result = tg("lists", "verify", home=home)
    assert result.returncode == 0 and f"un_sc version {un} (209): ok" in result.stdout
    store = Store.open(f"sqlite:///{home / 'tradeguard.db'}")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE entities SET caption = 'x' WHERE entity_id = 'un_sc:KPe.039'"))
    store.close()
    result = tg("lists", "verify", home=home)
    assert result.returncode == 8
    assert f"un_sc version {un}: the stored entries do not match" in result.stderr
    audit_result = tg("audit", "verify", home=home)
    assert audit_result.returncode == 0 and "tradeguard lists verify" in audit_result.stdout

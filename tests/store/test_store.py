"""The versioned store on SQLite and PostgreSQL: atomic, idempotent loads and real diffs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tradeguard.errors import InputError, NotFoundError, StoreError
from tradeguard.lists.diff import diff_versions
from tradeguard.lists.lookup import entity_report
from tradeguard.lists.model import Entity, Name, NameKind, ParsedList
from tradeguard.lists.registry import parse_path
from tradeguard.lists.status import list_status
from tradeguard.store import Store

from ..conftest import FIXTURES

UN_OLD = FIXTURES / "lists/un_diff/consolidated-2025-11-20-diff-extract.xml"
UN_NEW = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"


def test_load_records_version_and_entities(store: Store) -> None:
    result = store.load(parse_path(UN_NEW))
    assert result.status == "loaded"
    version = result.version
    assert version.list == "un_sc" and version.current
    assert version.published_at and version.published_at.startswith("2026-02-27")
    assert version.entity_count == 13
    assert sum(version.counts.values()) == 13
    assert len(version.sha256) == 64
    entity = store.get_entity("un_sc:KPe.039")
    assert entity is not None
    assert entity.caption == "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"
    assert "International Chemical Joint Venture Company" in [n.value for n in entity.names]
    assert [v.list for v in store.current_versions()] == ["un_sc"]


def test_identical_content_creates_no_new_version(store: Store) -> None:
    first = store.load(parse_path(UN_NEW))
    again = store.load(parse_path(UN_NEW))
    assert again.status == "unchanged"
    assert again.version.id == first.version.id
    assert len(store.versions("un_sc")) == 1


def test_diff_of_two_real_versions(store: Store) -> None:
    old = store.load(parse_path(UN_OLD)).version
    new = store.load(parse_path(UN_NEW)).version
    diff = diff_versions(store, "un_sc")
    assert (diff.from_version.id, diff.to_version.id) == (old.id, new.id)
    assert sorted(e.source_id for e in diff.added) == ["SDi.007", "SDi.008", "SDi.009", "SDi.010"]
    assert [e.source_id for e in diff.removed] == ["IQi.074"]
    changed = {c.entity_id: c for c in diff.changed}
    assert set(changed) == {"un_sc:HTi.006", "un_sc:SOi.022"}
    remark = changed["un_sc:HTi.006"].changes[0]
    assert remark.name == "remarks"
    assert "INTERPOL" in remark.before and remark.after == "Gender: Male."
    # the reverse direction is the mirror image
    back = diff_versions(store, "un_sc", from_id=new.id, to_id=old.id)
    assert [e.source_id for e in back.added] == ["IQi.074"]
    assert len(back.removed) == 4


def test_diff_needs_two_versions(store: Store) -> None:
    store.load(parse_path(UN_NEW))
    with pytest.raises(InputError, match="only one version"):
        diff_versions(store, "un_sc")
    with pytest.raises(NotFoundError):
        diff_versions(store, "us_ofac_sdn")


def _entity(source_id: str, name: str) -> Entity:
    e = Entity(f"custom:{source_id}", "custom", source_id, "Organization")
    e.names.append(Name(name, NameKind.PRIMARY))
    return e


def test_invalid_load_leaves_previous_version_intact(store: Store) -> None:
    good = store.load(parse_path(UN_NEW)).version
    dup = ParsedList("un_sc", "test", "dup.xml", "f" * 64, [_entity("A", "X"), _entity("A", "Y")])
    for e in dup.entities:
        e.list, e.id = "un_sc", f"un_sc:{e.source_id}"
    with pytest.raises(InputError, match="duplicate entity id"):
        store.load(dup)
    wrong_list = ParsedList("un_sc", "test", "w.xml", "e" * 64, [_entity("B", "Z")])
    with pytest.raises(InputError, match="belongs to list custom"):
        store.load(wrong_list)
    assert store.current_version("un_sc") == good
    assert len(store.versions("un_sc")) == 1


def test_entity_report_and_history(store: Store) -> None:
    store.load(parse_path(UN_OLD))
    store.load(parse_path(UN_NEW))
    report = entity_report(store, "un_sc:HTi.006")
    assert report.history.versions == [1, 2]
    assert report.history.last_changed_version == 2
    assert report.memberships[0].list == "un_sc"
    with pytest.raises(InputError):
        entity_report(store, "no-colon")
    with pytest.raises(InputError):
        entity_report(store, "nolist:1")
    with pytest.raises(NotFoundError):
        entity_report(store, "un_sc:XXe.999")


def test_status_flags_stale_lists(store: Store) -> None:
    store.load(parse_path(UN_NEW))
    from datetime import date

    [fresh] = list_status(store, today=date(2026, 3, 1), stale_after_days=30)
    assert not fresh.stale and fresh.age_days == 2
    [old] = list_status(store, today=date(2026, 11, 23), stale_after_days=30)
    assert old.stale and "lists update --list un_sc" in (old.warning or "")


KILL_SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    from tradeguard.lists.model import Entity, Name, ParsedList
    from tradeguard.store import Store
    store = Store.open(sys.argv[1])
    entities = []
    for i in range(9000):
        e = Entity(f"un_sc:X{i}", "un_sc", f"X{i}", "Person")
        e.names.append(Name(f"Person number {i}"))
        entities.append(e)
    parsed = ParsedList("un_sc", "test", "big.xml", "a" * 64, entities)
    def progress(done, total):
        if done >= 4000:  # half the entities are written: die without any cleanup
            os.kill(os.getpid(), signal.SIGKILL)
    store.load(parsed, progress=progress)
    """
)


def test_killed_load_leaves_previous_version_current(store_url: str, tmp_path: Path) -> None:
    store = Store.open(store_url)
    before = store.load(parse_path(UN_NEW)).version
    store.close()
    script = tmp_path / "kill_load.py"
    script.write_text(KILL_SCRIPT)
    proc = subprocess.run(
        [sys.executable, str(script), store_url], capture_output=True, env=dict(os.environ)
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    store = Store.open(store_url)
    try:
        assert store.current_version("un_sc") == before
        assert [v.id for v in store.versions("un_sc")] == [before.id]
        assert sum(1 for _ in store.iter_current_entities()) == 13
    finally:
        store.close()


def test_migration_head_matches_alembic() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from tradeguard.store.upgrade import MIGRATIONS, migration_head

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert heads == [migration_head()]


def test_pooled_connections_are_pinged_only_when_the_server_closed_them(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pooled PostgreSQL connection is used without a ping while the server keeps it open;
    one the server closed (a restart, an administrator) is found at checkout and replaced,
    so the next request does not fail."""
    if not store_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's connection pool")
    from sqlalchemy import create_engine, text

    from tradeguard import audit

    store = Store.open(store_url)
    pings: list[object] = []
    ping = store.engine.dialect.do_ping

    def counted(dbapi_conn: object) -> bool:
        pings.append(dbapi_conn)
        return ping(dbapi_conn)

    monkeypatch.setattr(store.engine.dialect, "do_ping", counted)
    admin = create_engine(store_url, isolation_level="AUTOCOMMIT")
    try:
        with store.engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
        for _ in range(3):
            audit.record(store, "ana", "test", "pool")
        assert pings == []
        with admin.connect() as conn:
            # returns once the backend has ended (its farewell sent, its socket closed), or
            # false after 10 s
            ended = conn.execute(text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": pid})
            assert ended.scalar() is True
        assert audit.record(store, "ana", "test", "after").seq == 4
        assert len(pings) == 1
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT pg_backend_pid()")).scalar() != pid
        assert audit.verify(store).ok
    finally:
        admin.dispose()
        store.close()


def test_only_the_default_store_makes_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("TRADEGUARD_HOME", str(home))
    monkeypatch.setenv("TRADEGUARD_DATABASE_URL", f"sqlite:///{tmp_path / 'gone' / 'x.db'}")
    with pytest.raises(StoreError, match="TRADEGUARD_DATABASE_URL names an SQLite database in"):
        Store.open(migrate=False)
    assert not (tmp_path / "gone").exists()
    monkeypatch.delenv("TRADEGUARD_DATABASE_URL")
    Store.open(migrate=False).close()
    assert (home / "tradeguard.db").is_file()

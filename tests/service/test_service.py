"""The service layer: a decision made from any face is the same decision with the same audit
record, and every screening path applies the administrator's threshold (bundled snapshot of
the real lists)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradeguard import audit
from tradeguard.accounts.users import Actor, Role
from tradeguard.cases.config import set_config
from tradeguard.cases.counterparties import Counterparty
from tradeguard.cli import app
from tradeguard.screening import Query
from tradeguard.service import Service
from tradeguard.store import Store

ANA = Actor("ana", Role.ANALYST)
ADMIN = Actor("adam", Role.ADMIN)
#: a UN-listed company, spelt short: its parties score below HIGH but over the lists' own
#: thresholds
NAME = "Korea Ryonbong General Corp"
HIGH = 0.9999


def _screenings(store: Store) -> list[audit.AuditRecord]:
    return [r for r in audit.records(store, limit=1000) if r.action.startswith("screen.")]


def test_the_command_line_writes_the_record_the_api_writes(loaded_home: Path) -> None:
    result = CliRunner().invoke(app, ["screen", NAME, "--json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    store = Store.open()
    try:
        done = Service(store).screen(ANA, Query(NAME), face="api")
        cli, api = _screenings(store)
    finally:
        store.close()
    assert printed == done.to_dict()
    assert (cli.action, api.action) == ("screen.cli", "screen.api")
    assert cli.actor.startswith("cli:") and api.actor == "ana"
    assert cli.payload == api.payload
    assert api.payload["hits"] and api.payload["threshold"] is None


def test_the_admins_threshold_applies_to_every_screening_path(loaded_store: Store) -> None:
    service = Service(loaded_store, recheck_seconds=0.0)
    party = Counterparty(id="cp-1", name=NAME, schema="Organization")
    single = service.screen(ANA, Query(NAME)).matches
    batch = service.counterparty_screen()(party)
    set_config(loaded_store, ADMIN, "screen.threshold", HIGH)
    strict = service.screen(ANA, Query(NAME), face="web")
    assert strict.threshold == HIGH
    assert len(strict.matches) < len(single)
    assert all(m.score >= HIGH for m in strict.matches)
    # batch jobs, monitoring and the scheduler screen a counterparty through this
    strict_batch = service.counterparty_screen()(party)
    assert len(strict_batch) < len(batch)
    assert all(m.score >= HIGH for m in strict_batch)
    asked = service.screen(ANA, Query(NAME), threshold=0.5)  # asked for: it wins
    assert len(asked.matches) >= len(single)
    assert _screenings(loaded_store)[-2].payload["threshold"] == HIGH


def test_a_use_case_checks_the_actors_permission(loaded_store: Store) -> None:
    from tradeguard.accounts.errors import ForbiddenError

    with pytest.raises(ForbiddenError, match="may not lists"):
        Service(loaded_store).update_lists(ANA, ["un_sc"])


def test_a_list_load_and_its_audit_record_commit_together(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The service's load: the version and its lists.load record in one transaction; an
    append that fails leaves no version (and a load of the same content again, no record)."""
    from tradeguard.lists.registry import parse_path

    from ..conftest import FIXTURES

    service = Service(sqlite_store)
    path = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    with monkeypatch.context() as patch:
        patch.setattr(audit.chain, "append", broken)
        with pytest.raises(RuntimeError, match="audit log unavailable"):
            service.load_list(ADMIN, parse_path(path))
    assert sqlite_store.current_version("un_sc") is None
    assert sqlite_store.versions("un_sc") == []
    loaded = service.load_list(ADMIN, parse_path(path))
    [record] = audit.records(sqlite_store, action="lists.load")
    assert (record.actor, record.payload["version"]["id"]) == ("adam", loaded.version.id)
    with monkeypatch.context() as patch:
        patch.setattr(audit.chain, "append", broken)
        with pytest.raises(RuntimeError, match="audit log unavailable"):
            service.load_list(ADMIN, parse_path(path))  # unchanged: only the record
    assert len(audit.records(sqlite_store, action="lists.load")) == 1
    assert sqlite_store.versions("un_sc") == [loaded.version]

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
#: a UN-listed company, spelt short: its parties score below HIGH (the highest threshold an
#: administrator may set) but over the lists' own
#: thresholds (0.94; "Korea Ryonbong General Corp" scores 1.0 since algorithm 18 pairs company
#: forms by their canonical form)
NAME = "Korea Ryonbong Corporation"
HIGH = 0.95


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
    assert printed == done.body().data()
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

    with pytest.raises(ForbiddenError, match="may not manage lists"):
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


def test_the_command_lines_file_runs_write_their_records(loaded_home: Path) -> None:
    """screen-batch writes the screen.batch record an API batch job writes (the rows and the
    threshold that applied, as cli:<user>); audit-declarations writes declarations.audit with
    its summary."""
    from ..conftest import FIXTURES

    out = loaded_home / "out"
    out.mkdir()
    parties, declarations = FIXTURES / "docs/parties.csv", FIXTURES / "docs/declarations.csv"
    screened = CliRunner().invoke(
        app, ["screen-batch", str(parties), "-o", str(out / "m.csv"), "--json"]
    )
    assert screened.exit_code == 0, screened.output
    audited = CliRunner().invoke(app, ["audit-declarations", str(declarations), "--json"])
    assert audited.exit_code == 0, audited.output
    summary = json.loads(audited.stdout)
    store = Store.open()
    try:
        [batch] = audit.records(store, action="screen.batch")
        [run] = audit.records(store, action="declarations.audit")
    finally:
        store.close()
    assert batch.actor.startswith("cli:") and run.actor == batch.actor
    assert batch.subject == "file:parties.csv"
    printed = json.loads(screened.stdout)
    assert batch.payload["request"] == {
        "source": "parties.csv",
        "rows": printed["rows"],
        "threshold": None,
        "limit": 10,
        "encoding": "utf-8",
    }
    assert batch.payload["decision"]["with_matches"] == printed["with_matches"] > 0
    assert run.subject == "file:declarations.csv"
    assert run.payload["decision"]["summary"]["verdicts"] == summary["verdicts"]
    assert run.payload["decision"]["errors"] == len(summary["errors"])


@pytest.mark.parametrize("value", [0, 0.3, 0.49, 0.96, 1.0, 1])
def test_an_admin_cannot_mute_or_flood_screening(loaded_store: Store, value: float) -> None:
    from tradeguard.errors import InputError

    with pytest.raises(InputError, match=r"from 0\.5 to 0\.95"):
        set_config(loaded_store, ADMIN, "screen.threshold", value)

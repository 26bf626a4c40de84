"""The server's command-line jobs as a user runs them: users and tokens, counterparties,
monitoring, cases, audit verify (exit 8 on a tampered chain) and the case evidence export."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import text

from tradeguard.store import Store

from ..cli import tg
from ..conftest import FIXTURES

UN_NEW = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"


def test_cli_users_monitoring_cases_audit(_isolated_home: Path, tmp_path: Path) -> None:
    home = _isolated_home
    assert tg("lists", "load", UN_NEW, home=home).returncode == 0
    added = tg(
        "users",
        "add",
        "ana",
        "--role",
        "analyst",
        "--password-stdin",
        "--json",
        home=home,
        stdin="a long password\n",
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["role"] == "analyst"
    bad = tg(
        "users",
        "add",
        "eve",
        "--role",
        "root",
        "--password-stdin",
        home=home,
        stdin="a long password\n",
    )
    assert bad.returncode == 2 and "role" in bad.stderr
    token = tg(
        "users", "token", "ana", "--password-stdin", home=home, stdin="a long password\n"
    ).stdout.strip()
    assert token.startswith("tg_")
    users = json.loads(tg("users", "list", "--json", home=home).stdout)
    assert [u["username"] for u in users] == ["ana"]
    parties = tmp_path / "parties.csv"
    parties.write_text(
        "id,name,type,countries\n"
        "cp-1,Korea International Chemical Joint Venture Company,Company,KP\n"
        "cp-2,Acme Office Furniture GmbH,Company,DE\n",
        encoding="utf-8",
    )
    imported = json.loads(tg("counterparties", "import", parties, "--json", home=home).stdout)
    assert imported["added"] == 2
    broken = tmp_path / "broken.csv"
    # a country is a code or a name, as everywhere (Germany is DE); Narnia is neither
    broken.write_text("id,name,countries\ncp-9,Someone,Narnia\n", encoding="utf-8")
    result = tg("counterparties", "import", broken, home=home)
    assert result.returncode == 2 and "line 2" in result.stderr and "countries" in result.stderr
    run = json.loads(tg("monitor", "run", "--json", home=home).stdout)
    assert run["screened"] == 2 and len(run["cases_opened"]) >= 1
    cases = json.loads(tg("cases", "list", "--json", home=home).stdout)
    assert any(c["entity_id"] == "un_sc:KPe.039" for c in cases)
    case_id = next(c["id"] for c in cases if c["entity_id"] == "un_sc:KPe.039")
    out = tmp_path / "evidence.json"
    assert tg("audit", "export", "--case", str(case_id), "-o", out, home=home).returncode == 0
    evidence = json.loads(out.read_text("utf-8"))
    assert evidence["case"]["id"] == case_id and evidence["chain"]["ok"]
    assert evidence["list_entry"]["id"] == "un_sc:KPe.039"
    verify = tg("audit", "verify", "--json", home=home)
    assert verify.returncode == 0 and json.loads(verify.stdout)["ok"]
    log = json.loads(tg("audit", "log", "--json", "--limit", "500", home=home).stdout)
    actions = {r["action"] for r in log}
    assert {
        "lists.load",
        "user.add",
        "token.issue",
        "counterparties.import",
        "case.open",
        "screen.monitor",
        "monitor.run",
    } <= actions
    store = Store.open(f"sqlite:///{home / 'tradeguard.db'}")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_records SET actor = 'mallory' WHERE seq = 2"))
    store.close()
    tampered = tg("audit", "verify", home=home)
    assert tampered.returncode == 8 and "record 2" in tampered.stderr

"""The command line as a user runs it: exit codes, one-line errors, JSON shapes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from .cli import tg
from .conftest import FIXTURES

UN_OLD = FIXTURES / "lists/un_diff/consolidated-2025-11-20-diff-extract.xml"
UN_NEW = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"


def test_load_status_diff_entity(_isolated_home: Path) -> None:
    home = _isolated_home
    first = tg("lists", "load", UN_OLD, "--json", home=home)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["status"] == "loaded"
    second = tg("lists", "load", UN_NEW, "--list", "un_sc", home=home)
    assert second.returncode == 0 and "loaded version 2" in second.stdout
    again = tg("lists", "load", UN_NEW, home=home)
    assert "unchanged" in again.stdout
    status = json.loads(tg("lists", "status", "--json", home=home).stdout)
    assert [(s["list"], s["id"], s["entity_count"]) for s in status] == [("un_sc", 2, 13)]
    assert status[0]["stale_after_days"] == 30 and status[0]["limit_from"] == "cadence"
    # the table: publication date, age, the limit and whether the list is stale
    table = tg("lists", "status", "--stale-days", "100000", home=home)
    assert "age (days)" in table.stdout and "stale after" in table.stdout
    cells = [c.strip() for c in _row(table.stdout, "un_sc")]
    assert cells[3:7] == ["2026-02-27", cells[4], "100,000", "current"] and cells[4].isdigit()
    stale = tg("lists", "status", "--stale-days", "1", home=home)
    assert [c.strip() for c in _row(stale.stdout, "un_sc")][5:7] == ["1", "stale"]
    assert "un_sc was published" in stale.stderr
    diff = json.loads(tg("lists", "diff", "un_sc", "--json", home=home).stdout)
    assert diff["summary"] == {"added": 4, "removed": 1, "changed": 2}
    text = tg("lists", "diff", "un_sc", home=home).stdout
    assert "4 added, 1 removed, 2 changed" in text and "~ un_sc:HTi.006" in text
    report = json.loads(tg("entity", "un_sc:KPe.039", "--json", home=home).stdout)
    assert report["caption"] == "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"
    assert report["memberships"][0]["version_id"] == 2


def _row(table: str, list_id: str) -> list[str]:
    """The cells of a list's row in a table the command printed."""
    line = next(line for line in table.splitlines() if f" {list_id} " in line)
    return line.strip("│┃ ").split("│")


def test_bad_input_is_one_line_exit_2_and_store_untouched(
    _isolated_home: Path, tmp_path: Path
) -> None:
    home = _isolated_home
    assert tg("lists", "load", UN_NEW, home=home).returncode == 0
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"")
    broken = tmp_path / "broken.xml"
    broken.write_bytes(UN_NEW.read_bytes()[:5000])
    xxe = tmp_path / "xxe.xml"
    xxe.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<CONSOLIDATED_LIST><INDIVIDUALS>&x;</INDIVIDUALS></CONSOLIDATED_LIST>"
    )
    for path, expected in (
        (empty, "empty"),
        (broken, "line"),
        (xxe, "DTD"),
        (tmp_path / "missing.xml", "not found"),
    ):
        result = tg("lists", "load", path, "--list", "un_sc", home=home)
        assert result.returncode == 2, (path, result.stderr)
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        assert len(lines) == 1 and expected in lines[0] and str(path.name) in lines[0], lines
        assert "Traceback" not in result.stderr
    unknown = tg("lists", "load", UN_NEW, "--list", "nope", home=home)
    assert unknown.returncode == 2 and "unknown list 'nope'" in unknown.stderr
    status = json.loads(tg("lists", "status", "--json", home=home).stdout)
    assert [(s["id"], s["entity_count"]) for s in status] == [(1, 13)]
    missing = tg("entity", "un_sc:XXe.999", home=home)
    assert missing.returncode == 3 and "no entity" in missing.stderr


def test_export_ftm_round_trips_through_load(_isolated_home: Path, tmp_path: Path) -> None:
    home = _isolated_home
    assert tg("lists", "load", UN_NEW, home=home).returncode == 0
    out = tmp_path / "un.ftm.json"
    result = tg("export", "--format", "ftm", "-o", out, "--list", "un_sc", home=home)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    main = [r for r in records if r["schema"] in ("Person", "Organization")]
    assert len(main) == 13
    kicjv = next(
        r
        for r in main
        if "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY" in r["properties"]["name"]
    )
    assert "International Chemical Joint Venture Company" in kicjv["properties"]["alias"]
    # the export loads back as an OpenSanctions-format list
    back = tg("lists", "load", out, "--list", "opensanctions", "--json", home=home)
    assert back.returncode == 0, back.stderr
    counts = json.loads(back.stdout)["version"]["counts"]
    assert counts.get("Person", 0) + counts.get("Organization", 0) == 13, counts
    bad = tg("export", "--format", "csv", "-o", out, home=home)
    assert bad.returncode == 2 and "unknown format" in bad.stderr


def test_usage_errors_are_reported_without_traceback(_isolated_home: Path) -> None:
    result = tg("lists", "status", "extra-arg", home=_isolated_home)
    assert result.returncode == 2
    assert "unexpected extra argument" in result.stderr and "Traceback" not in result.stderr


def test_a_bad_database_url_is_one_line_exit_4(_isolated_home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "x.db"
    for url, said in [
        ("bogus://x", "TRADEGUARD_DATABASE_URL bogus://x cannot be opened"),
        ("not a url", "TRADEGUARD_DATABASE_URL not a url is not a database URL"),
        (f"sqlite:///{missing}", f"{missing.parent}, a directory that does not exist"),
    ]:
        env = dict(os.environ, TRADEGUARD_HOME=str(_isolated_home), COLUMNS="200")
        env["TRADEGUARD_DATABASE_URL"] = url
        done = subprocess.run(
            [sys.executable, "-m", "tradeguard.cli", "lists", "status"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert done.returncode == 4, (url, done.stderr)
        assert said in done.stderr and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1
    # an explicit SQLite database is never created in a directory that is not there
    assert not missing.parent.exists()

"""Bad input to the shipment commands: one line on stderr, exit code 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def tg(*args: str | Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TRADEGUARD_HOME=str(home), COLUMNS="200")
    env.pop("TRADEGUARD_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "tradeguard.cli", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_bad_shipment_and_date(_isolated_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "s.json"
    bad.write_text(
        '{"exporter": {"name": "A Co"}, "consignee": {"name": "B Co"}, "destination": "Atlantis", "items": [{"hs": "84"}]}'
    )
    res = tg("evaluate", bad, home=_isolated_home)
    assert res.returncode == 2
    assert "field 'destination'" in res.stderr and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    bad.write_text(
        '{"exporter": {"name": "A Co"}, "consignee": {"name": "B"}, "destination": "KR", "items": [{"hs": "84"}]}'
    )
    res = tg("evaluate", bad, home=_isolated_home)
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "field 'consignee.name'" in res.stderr and "too short to screen" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    res = tg("evaluate", tmp_path / "missing.yaml", home=_isolated_home)
    assert res.returncode == 2 and "file not found" in res.stderr
    res = tg("audit-declarations", tmp_path / "d.xlsx", home=_isolated_home)
    assert res.returncode == 2 and "Traceback" not in res.stderr

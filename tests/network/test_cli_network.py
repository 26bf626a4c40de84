"""``tradeguard exposure`` and ``tradeguard graph`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import FIXTURES
from ..test_cli_lists import tg


@pytest.mark.slow
def test_exposure_json_and_text(loaded_home: Path) -> None:
    out = tg("exposure", "International Trading", "--json", home=loaded_home)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["paths"][0]["target"]["id"] == "un_sc:KPe.039"
    text = tg("exposure", "International Trading", "--depth", "1", home=loaded_home)
    assert text.returncode == 0
    assert "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY" in text.stdout
    assert "OFAC 50 % rule" in text.stdout


@pytest.mark.slow
def test_graph_import_error_is_one_line_with_exit_code_2(loaded_home: Path) -> None:
    out = tg("graph", "import", FIXTURES / "network/relations_errors.csv", home=loaded_home)
    assert out.returncode == 2
    assert "relations_errors.csv, line 3, field 'kind': unknown kind 'ownerships'" in out.stderr
    assert "Traceback" not in out.stderr
    missing = tg("exposure", "Nobody Trading Nowhere Ltd", home=loaded_home)
    assert missing.returncode == 3

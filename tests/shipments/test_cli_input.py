"""Bad input to the shipment commands: one line on stderr, exit code 2, no traceback."""

from __future__ import annotations

from pathlib import Path

from ..cli import tg


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


def test_exit_code_gives_the_verdict(_isolated_home: Path) -> None:
    root = Path(__file__).parents[2]
    un = root / "tests/fixtures/lists/un/consolidated-2026-02-27-extract.xml"
    assert tg("lists", "load", un, home=_isolated_home).returncode == 0
    hf = root / "examples/shipments/jp-kr-hydrogen-fluoride.yaml"
    for as_of, code in [("2019-06-01", 0), ("2019-09-01", 11)]:  # CLEAR, LICENCE_REQUIRED
        done = tg("evaluate", hf, "--as-of", as_of, "--exit-code", home=_isolated_home)
        assert done.returncode == code, (as_of, done.stderr)
    # without the option the verdict is in the output only
    assert tg("evaluate", hf, "--as-of", "2019-09-01", home=_isolated_home).returncode == 0

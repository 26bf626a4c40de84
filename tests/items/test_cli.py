from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tradeguard.cli import app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "items"
runner = CliRunner()


def test_classify_json() -> None:
    result = runner.invoke(
        app,
        [
            "classify",
            "anhydrous HF",
            "--cas",
            "7664-39-3",
            "--param",
            "concentration=99 %",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["controlled"] is True
    assert data["entries"][0]["code"] == "1C350.24"


def test_classify_table_names_missing_parameter() -> None:
    result = runner.invoke(app, ["classify", "colourless polyimide varnish for flexible displays"])
    assert result.exit_code == 0
    assert "UNDECIDED" in result.stdout
    assert "fluorine_pct" in result.stdout


def test_an_impossible_parameter_is_exit_2_naming_it() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "tradeguard.cli",
            "classify",
            "Hydrofluoric acid 25% solution",
            "--cas",
            "7664-39-3",
            "--param",
            "concentration_pct=-5",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "concentration_pct" in proc.stderr and "below 0 %" in proc.stderr
    assert not proc.stdout


def test_bad_cas_is_one_line_exit_2() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tradeguard.cli", "classify", "--cas", "7664-39-4"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "check digit" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_classify_batch_csv(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(
        app, ["classify-batch", str(FIXTURES / "batch-items.csv"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["1"]["controlled"] == "controlled"
    assert rows["1"]["controlled_entries"] == "1C350.24"
    assert rows["2"]["controlled"] == "not controlled"
    assert rows["3"]["controlled_entries"] == "1C009.b"
    assert rows["4"]["controlled"] == "not controlled"
    assert rows["5"]["controlled_entries"] == "3C002.a.2"
    assert "line 7" in rows["6"]["error"] and "check digit" in rows["6"]["error"]
    assert rows["7"]["controlled"] == "undecided"
    assert "7 rows: 3 controlled" in result.stdout


def test_classify_batch_xlsx_round_trip(tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    src = tmp_path / "in.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Description", "CAS", "wavelength_nm"])
    ws.append(["photoresist", None, "13.5 nm"])
    ws.append([None, "111-48-8", None])
    wb.save(src)
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["classify-batch", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1][2] == "controlled" and rows[2][2] == "controlled"


def test_classify_batch_reads_parameters_and_terms_from_descriptions(tmp_path: Path) -> None:
    src = tmp_path / "items.csv"
    src.write_text(
        "id,description,cas,hs\n"
        "a,Hydrofluoric acid 25% solution,7664-39-3,\n"
        "b,フッ化水素酸 55%,7664-39-3,\n"
        "c,photoresist,,370790\n"
        "d,Phosphine (PH3) 10% in hydrogen,7803-51-2,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["classify-batch", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert rows["a"]["controlled"] == "not controlled"
    assert rows["b"]["controlled"] == "controlled"
    assert rows["c"]["controlled"] == "undecided"
    assert "wavelength_nm" in rows["c"]["missing_parameters"]
    assert rows["d"]["controlled"] == "not controlled"

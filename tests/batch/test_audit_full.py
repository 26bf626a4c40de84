"""The full evaluator (screener, classifier, network exposure) on batch workers: it pickles
with its index and network snapshot, a copy answers as the original does, and
``tradeguard audit-declarations --cluster`` prints what the in-process command prints."""

from __future__ import annotations

import csv
import json
import pickle
import shutil
from pathlib import Path

import pytest
from distributed import Client
from typer.testing import CliRunner

from tests.batch.test_audit import _same_as_in_process
from tests.shipments.test_audit import ROWS
from tests.test_cli_lists import tg
from tradeguard.batch import audit_batch
from tradeguard.batch.io import OutputDir
from tradeguard.cli import app
from tradeguard.network.shipments import NetworkExposure
from tradeguard.shipments import Evaluator, audit_declarations
from tradeguard.shipments.audit import COLUMNS
from tradeguard.shipments.evaluate import _CACHES
from tradeguard.store import Store

PARTIES = [
    # a party with exposure to a designated entity (a path in the bundled network)
    {"declaration_id": "D5", "date": "2024-05-01", "export_country": "JP", "destination": "CN",
     "exporter_name": "A", "exporter_address": "Tokyo", "consignee_name": "International Trading",
     "consignee_country": "JP", "consignee_address": "Tokyo", "line": "1",
     "description": "office chairs", "hs": "940131"},
    # a designated party (UN list)
    {"declaration_id": "D6", "date": "2024-05-01", "export_country": "JP", "destination": "CN",
     "exporter_name": "A", "exporter_address": "Tokyo",
     "consignee_name": "Korea International Chemical Joint Venture Company",
     "consignee_address": "Pyongyang", "line": "1", "description": "office chairs", "hs": "940131"},
]  # fmt: skip


# The shipments tests' parties are single letters, which the screener refuses to screen.
NAMES = {
    "A": "Tokyo Fine Chemicals Co., Ltd.",
    "B": "Shanghai Huada Trading Co., Ltd.",
    "C": "Dandong Hengyuan Machinery",
    "D": "Pyongyang Tool Import Company",
}


def write_declarations(path: Path, copies: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for copy in range(copies):
            for row in ROWS + PARTIES:
                named = {k: NAMES.get(v, v) for k, v in row.items() if k.endswith("_name")}
                writer.writerow(row | named | {"declaration_id": f"{row['declaration_id']}-{copy}"})
    return path


@pytest.fixture(scope="module")
def full_home(snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A TRADEGUARD_HOME with the snapshot store, its screening index built once."""
    home = tmp_path_factory.mktemp("full-home")
    shutil.copyfile(snapshot_template, home / "tradeguard.db")
    return home


@pytest.fixture(scope="module")
def full_evaluator(full_home: Path) -> Evaluator:
    with pytest.MonkeyPatch.context() as env:
        env.setenv("TRADEGUARD_HOME", str(full_home))
        env.delenv("TRADEGUARD_DATABASE_URL", raising=False)
        store = Store.open(f"sqlite:///{full_home / 'tradeguard.db'}")
        try:
            return Evaluator.from_store(store)
        finally:
            store.close()


def test_full_evaluator_pickles_and_its_copy_answers_the_same(
    tmp_path: Path, full_evaluator: Evaluator
) -> None:
    path = write_declarations(tmp_path / "declarations.csv", copies=1)
    data = pickle.dumps(full_evaluator)
    copy = pickle.loads(data)
    assert isinstance(copy.exposure, NetworkExposure)
    assert copy.exposure.load()[1] == full_evaluator.exposure.load()[1]  # type: ignore[union-attr]
    expected, originals = audit_declarations(path, full_evaluator, keep_decisions=True)
    got, copies = audit_declarations(path, copy, keep_decisions=True)
    dumped = [d.model_dump(mode="json") for d in originals]
    assert [d.model_dump(mode="json") for d in copies] == dumped
    assert got.summary == expected.summary and got.errors == expected.errors
    codes = {d["shipment_id"]: {r["code"] for r in d["reasons"]} for d in dumped}
    assert "NETWORK_EXPOSURE" in codes["D5-0"], codes["D5-0"]
    assert "DESIGNATED_PARTY" in codes["D6-0"], codes["D6-0"]
    # the caches the run filled stay with the original, a copy starts without them
    again = pickle.loads(pickle.dumps(full_evaluator))
    assert all(getattr(full_evaluator, name) for name in _CACHES)
    assert not any(getattr(again, name) for name in _CACHES)


def test_full_evaluator_on_local_cluster_equals_one_pass(
    tmp_path: Path, full_evaluator: Evaluator, client: Client
) -> None:
    path = write_declarations(tmp_path / "declarations.csv", copies=3)
    result = audit_batch(path, tmp_path / "out", full_evaluator, client=client, partition_size=2)
    assert len({p.worker for p in result.partitions}) == 2
    _same_as_in_process(path, tmp_path / "out", full_evaluator, result)
    rows = OutputDir(str(tmp_path / "out")).read().to_pylist()
    exposed = [r for r in rows if r["declaration_id"].startswith("D5-")]
    assert len(exposed) == 3 and all("NETWORK_EXPOSURE" in r["reason_codes"] for r in exposed)


def test_cli_cluster_prints_the_in_process_summary(
    tmp_path: Path, full_home: Path, full_evaluator: Evaluator, loaded_home: Path
) -> None:
    # the screening index full_evaluator built, reused (else each run builds its own)
    shutil.copytree(full_home / "screening", loaded_home / "screening")
    path = write_declarations(tmp_path / "declarations.csv", copies=2)
    runner = CliRunner()
    one = runner.invoke(app, ["audit-declarations", str(path), "--json"])
    assert one.exit_code == 0, one.output
    out = tmp_path / "out"
    many = runner.invoke(
        app, ["audit-declarations", str(path), "-o", str(out), "--cluster", "local", "--json"]
    )
    assert many.exit_code == 0, many.output
    expected = json.loads(one.stdout)
    assert json.loads(many.stdout) == expected
    assert list(expected["verdicts"]) == list(json.loads(many.stdout)["verdicts"])
    assert expected["declarations"] == 12 and len(expected["errors"]) == 2
    assert len(OutputDir(str(out)).read()) == 10


def test_cli_cluster_needs_an_output_and_no_workers(tmp_path: Path, _isolated_home: Path) -> None:
    path = write_declarations(tmp_path / "declarations.csv", copies=1)
    missing = tg("audit-declarations", path, "--cluster", "local", home=_isolated_home)
    assert missing.returncode == 2, missing.stderr
    assert "--cluster needs -o/--out" in missing.stderr and "Traceback" not in missing.stderr
    both = tg(
        "audit-declarations",
        path,
        "-o",
        tmp_path / "out",
        "--cluster",
        "local",
        "--workers",
        "2",
        home=_isolated_home,
    )
    assert both.returncode == 2, both.stderr
    assert "field '--workers'" in both.stderr and "Traceback" not in both.stderr
    assert not (tmp_path / "out").exists()

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
from tradeguard.batch.audit import declaration_errors
from tradeguard.batch.io import OutputDir
from tradeguard.cli import app
from tradeguard.network.shipments import NetworkExposure
from tradeguard.shipments import Evaluator, audit_declarations
from tradeguard.shipments.audit import COLUMNS
from tradeguard.store import Store

PARTIES = [
    # a party with exposure to a designated entity (a path in the bundled network)
    {"declaration_id": "D5", "date": "2024-05-01", "export_country": "JP", "destination": "CN",
     "exporter_name": "Tokyo Fine Chemicals Co., Ltd.", "exporter_address": "Tokyo",
     "consignee_name": "International Trading",
     "consignee_country": "JP", "consignee_address": "Tokyo", "line": "1",
     "description": "office chairs", "hs": "940131"},
    # a designated party (UN list)
    {"declaration_id": "D6", "date": "2024-05-01", "export_country": "JP", "destination": "CN",
     "exporter_name": "Tokyo Fine Chemicals Co., Ltd.", "exporter_address": "Tokyo",
     "consignee_name": "Korea International Chemical Joint Venture Company",
     "consignee_address": "Pyongyang", "line": "1", "description": "office chairs", "hs": "940131"},
]  # fmt: skip


def write_declarations(path: Path, copies: int) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for copy in range(copies):
            for row in ROWS + PARTIES:
                writer.writerow(row | {"declaration_id": f"{row['declaration_id']}-{copy}"})
    return path


@pytest.fixture(scope="module")
def full_home(
    snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory, _shared_index_cache: Path
) -> Path:
    """A TRADEGUARD_HOME with the snapshot store; its screening index is the session's cached
    one (built once per worker for every store holding the snapshot)."""
    home = tmp_path_factory.mktemp("full-home")
    (home / "screening").symlink_to(_shared_index_cache, target_is_directory=True)
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
    assert all(full_evaluator.caches().values())
    assert not any(again.caches().values())


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


def test_unscreenable_party_names_are_invalid_declarations(
    tmp_path: Path, full_evaluator: Evaluator, client: Client
) -> None:
    """A party name the screener cannot screen makes its declaration invalid (reported with
    its line, id and field); every other declaration is still audited, in one pass and in
    partitions on the cluster."""
    good = write_declarations(tmp_path / "good.csv", copies=1)
    bad_names = {"B1": ("consignee_name", "A"), "B2": ("consignee_name", "-"),
                 "B3": ("end_user_name", "株"), "B4": ("consignee_name", "ЪЪ")}  # fmt: skip
    with good.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    template = next(r for r in rows if r["declaration_id"] == "D5-0")
    for n, (decl, (column, name)) in enumerate(bad_names.items()):
        rows.insert(2 * n + 1, template | {"declaration_id": decl, column: name})
    path = tmp_path / "declarations.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    expected, _ = audit_declarations(good, full_evaluator)
    result, _ = audit_declarations(path, full_evaluator)
    lines = {r["declaration_id"]: n for n, r in enumerate(rows, start=2)}
    bad = [e for e in result.errors if e["declaration_id"].startswith("B")]
    assert [(e["declaration_id"], e["line"], e["field"]) for e in bad] == [
        ("B1", lines["B1"], "consignee.name"),
        ("B2", lines["B2"], "consignee.name"),
        ("B3", lines["B3"], "end_user.name"),
        ("B4", lines["B4"], "consignee.name"),
    ]
    assert "'A' has a single letter or digit" in bad[0]["message"]
    assert "no letters or digits" in bad[1]["message"] and "no letters" in bad[3]["message"]
    # the others audited as without the bad ones; the bad ones counted as invalid
    assert [d.to_row() for d in result.declarations] == [d.to_row() for d in expected.declarations]
    assert result.summary["invalid"] == expected.summary["invalid"] + 4
    assert result.summary["declarations"] == expected.summary["declarations"] + 4
    assert result.summary["verdicts"] == expected.summary["verdicts"]
    batch = audit_batch(path, tmp_path / "out", full_evaluator, client=client, partition_size=3)
    _same_as_in_process(path, tmp_path / "out", full_evaluator, batch)
    assert declaration_errors(batch.errors) == result.errors


def test_cli_cluster_prints_the_in_process_summary(
    tmp_path: Path, full_home: Path, full_evaluator: Evaluator, loaded_home: Path
) -> None:
    # the screening index full_evaluator built, reused (else each run builds its own)
    source, target = full_home / "screening", loaded_home / "screening"
    if source.resolve() != target.resolve():  # test homes share one index cache
        shutil.copytree(source, target, dirs_exist_ok=True)
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

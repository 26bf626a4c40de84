"""Declarations audited in partitions, in-process and on a LocalCluster: the same verdicts,
errors and summary as the one-process audit of the shipments package."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client

from tests.shipments.test_audit import ROWS
from tradeguard.batch import audit_batch
from tradeguard.batch.audit import declaration_errors
from tradeguard.batch.io import OutputDir
from tradeguard.errors import InputError
from tradeguard.shipments import Evaluator, audit_declarations
from tradeguard.shipments.audit import COLUMNS


@pytest.fixture(scope="module")
def evaluator() -> Evaluator:
    return Evaluator()


@pytest.fixture
def declarations(tmp_path: Path) -> Path:
    """The shipments tests' declarations 25 times over, one line item moved to the end."""
    rows = []
    for copy in range(25):
        for row in ROWS:
            rows.append(row | {"declaration_id": f"{row['declaration_id']}-{copy}"})
    rows.append(rows.pop(1))  # D1-0's second line item, far from its first
    path = tmp_path / "declarations.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _same_as_in_process(path: Path, out: Path, evaluator: Evaluator, result: object) -> None:
    expected, _ = audit_declarations(path, evaluator)
    table = OutputDir(str(out)).read()
    assert table.to_pylist() == [d.to_row() for d in expected.declarations]
    assert result.summary == expected.summary  # type: ignore[attr-defined]
    lines = [(e["line"], e["declaration_id"]) for e in expected.errors]
    got = [(e.line, e.declaration_id) for e in result.errors]  # type: ignore[attr-defined]
    assert got == lines
    for error, one_pass in zip(result.errors, expected.errors, strict=True):  # type: ignore[attr-defined]
        assert error.message == one_pass["message"]
        assert error.describe() == f"declaration {one_pass['declaration_id']}: {error.message}"


def test_in_process_partitions_equal_one_pass(
    tmp_path: Path, declarations: Path, evaluator: Evaluator
) -> None:
    result = audit_batch(declarations, tmp_path / "out", evaluator, partition_size=7)
    assert len(result.partitions) == 15  # 100 declarations, 7 a partition
    assert result.summary is not None and result.summary["declarations"] == 100
    assert result.summary["verdicts"]["PROHIBITED"] == 25
    first = OutputDir(str(tmp_path / "out")).read().to_pylist()[0]
    assert first["declaration_id"] == "D1-0" and first["items"] == 2  # moved row regrouped
    _same_as_in_process(declarations, tmp_path / "out", evaluator, result)


def test_local_cluster_equals_one_pass(
    tmp_path: Path, declarations: Path, evaluator: Evaluator, client: Client
) -> None:
    result = audit_batch(declarations, tmp_path / "out", evaluator, client=client, partition_size=7)
    assert len({p.worker for p in result.partitions}) == 2
    _same_as_in_process(declarations, tmp_path / "out", evaluator, result)


def test_empty_declaration_id_names_its_line(tmp_path: Path, evaluator: Evaluator) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("declaration_id,destination\nD1,CN\n ,KP\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 3.*empty declaration_id"):
        audit_batch(path, tmp_path / "out", evaluator)


def test_parquet_input_lines_as_in_process(tmp_path: Path, evaluator: Evaluator) -> None:
    """Parquet rows are numbered from 1, as the one-pass audit numbers them."""
    path = tmp_path / "declarations.parquet"
    columns = {c: [row.get(c) for row in ROWS] for c in COLUMNS}
    pq.write_table(pa.table({c: pa.array(v, pa.string()) for c, v in columns.items()}), path)
    result = audit_batch(path, tmp_path / "out", evaluator, partition_size=2)
    _same_as_in_process(path, tmp_path / "out", evaluator, result)
    assert [(e.line, e.declaration_id) for e in result.errors] == [(5, "D4")]
    assert declaration_errors(result.errors) == audit_declarations(path, evaluator)[0].errors

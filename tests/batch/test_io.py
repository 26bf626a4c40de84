"""Batch input and output: the four input formats, line numbers, partitions, atomic parts."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest

from tradeguard.batch.cluster import check
from tradeguard.batch.io import LINE, OutputDir, partitions, read_frame, write_single
from tradeguard.errors import InputError

ROWS = {
    "id": ["1", "2", "3", "4", "5"],
    "name": ["KOREA RYONBONG GENERAL CORPORATION", "김정식", "Иван Петров", None, "Ri Su Yong"],
    "type": ["Organization", "Person", "Person", None, "Person"],
    "birth_date": ["", "1960-04-12", "", "", "1955"],
}


def _write(path: Path) -> Path:
    frame = pl.DataFrame(ROWS)
    if path.suffix == ".csv":
        frame.write_csv(path)
    elif path.suffix == ".parquet":
        frame.write_parquet(path)
    elif path.suffix == ".jsonl":
        frame.write_ndjson(path)
    else:
        write_single(frame.to_arrow(), path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet", ".jsonl"])
def test_formats_read_alike_with_line_numbers(tmp_path: Path, suffix: str) -> None:
    frame = read_frame(_write(tmp_path / f"in{suffix}"))
    assert frame["id"].to_list() == ROWS["id"]
    assert frame["name"].to_list()[:3] == ROWS["name"][:3]
    assert frame["name"][3] in (None, "")
    assert all(dtype == pl.String for name, dtype in frame.schema.items() if name != LINE)
    first = 2 if suffix in (".csv", ".xlsx") else 1  # after the header line; Parquet rows from 1
    assert frame[LINE].to_list() == list(range(first, first + 5))


def test_partitions_keep_order_and_cover_every_row(tmp_path: Path) -> None:
    frame = read_frame(_write(tmp_path / "in.csv"))
    parts = list(partitions(frame, 2))
    assert [p.num_rows for p in parts] == [2, 2, 1]
    assert pa.concat_tables(parts).column("id").to_pylist() == ROWS["id"]
    with pytest.raises(InputError):
        list(partitions(frame, 0))


def test_bad_input_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "in.txt").write_text("x")
    with pytest.raises(InputError, match=r"unsupported input format '\.txt'"):
        read_frame(tmp_path / "in.txt")
    (tmp_path / "noid.csv").write_text("name\nACME\n")
    with pytest.raises(InputError, match=r"missing column\(s\) id; found name"):
        read_frame(tmp_path / "noid.csv")
    (tmp_path / "bad.parquet").write_bytes(b"not parquet")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        read_frame(tmp_path / "bad.parquet")
    with pytest.raises(InputError, match="no such file"):
        read_frame(tmp_path / "missing.csv")


def test_parts_are_replaced_not_added(tmp_path: Path) -> None:
    out = OutputDir(str(tmp_path / "out"))
    out.prepare()
    first = pa.table({"id": ["a", "b"]})
    again = pa.table({"id": ["a", "b"]})
    out.write_part(0, first)
    out.write_part(1, pa.table({"id": ["c"]}))
    out.write_part(0, again)  # a retried partition writes its part again
    assert out.read().column("id").to_pylist() == ["a", "b", "c"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
    ]
    # a new run removes the parts and manifest of the previous one, and nothing else
    out.write_manifest({"rows_out": 3})
    assert json.loads((tmp_path / "out/_manifest.json").read_text()) == {"rows_out": 3}
    (tmp_path / "out/.part-00002.parquet.dead.tmp").write_bytes(b"half")
    (tmp_path / "out/notes.txt").write_text("mine")
    out.prepare()
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes.txt"]
    with pytest.raises(InputError, match="no output parts"):
        out.read()


def test_output_must_be_a_directory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(InputError, match="must be a directory"):
        OutputDir(str(tmp_path / "file")).prepare()


def test_cluster_values() -> None:
    assert check(None) is None
    assert check("local") == "local"
    assert check("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    with pytest.raises(InputError, match="expected 'local' or a scheduler address"):
        check("kubernetes")

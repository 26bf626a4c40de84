"""Reading batch input into partitions and writing partitioned Parquet output.

Input is CSV, XLSX, Parquet or JSONL (by extension), read by :mod:`tradeguard.tabular.read`
(the in-process ``screen-batch`` reads through it too) with every column as text. Each
partition is an Arrow table carrying a ``_line`` column: the line number of each row in the
input, so a bad row can be reported where the user can find it.

Output is a directory of Parquet parts with deterministic names, ``part-00000.parquet``,
``part-00001.parquet``, ...: part ``i`` holds exactly the output of input partition ``i``. A
part is written to a temporary name and then renamed over its final name, so a retried
partition (a worker died after writing, before reporting) replaces its own part: no row is
lost or written twice. The output may be a local directory or a URI that pyarrow's
filesystems understand (``s3://``, ``gs://``, ``hdfs://``), which a remote cluster's workers
can reach.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from tradeguard.errors import InputError
from tradeguard.tabular.read import FORMATS, LINE, input_format, read_table, table_encoding
from tradeguard.tabular.write import write_csv, write_xlsx

__all__ = [
    "INPUT_FORMATS",
    "LINE",
    "OutputDir",
    "partitions",
    "read_encoded",
    "read_frame",
    "write_single",
]

INPUT_FORMATS = FORMATS
PART_PREFIX = "part-"
MANIFEST = "_manifest.json"


def read_frame(
    path: Path,
    required: tuple[str, ...] = ("id",),
    *,
    allow_no_rows: bool = False,
    nul_in_rows: bool = False,
) -> pl.DataFrame:
    """The whole input as text columns, with its ``_line`` numbers (read, or refused with one
    :class:`InputError`, by :func:`tradeguard.tabular.read.read_table`, as in-process)."""
    return read_encoded(path, required, allow_no_rows=allow_no_rows, nul_in_rows=nul_in_rows)[0]


def read_encoded(
    path: Path,
    required: tuple[str, ...] = ("id",),
    *,
    allow_no_rows: bool = False,
    nul_in_rows: bool = False,
    encoding: str | None = None,
) -> tuple[pl.DataFrame, str | None]:
    """:func:`read_frame`, a CSV file's text read in ``encoding`` (else the one detected),
    and the encoding it was read in (None for a workbook or a Parquet file)."""
    table = read_table(
        path, required, allow_no_rows=allow_no_rows, nul_in_rows=nul_in_rows, encoding=encoding
    )
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    return frame, table_encoding(table)


def partitions(frame: pl.DataFrame, rows_per_partition: int) -> Iterator[pa.Table]:
    """Consecutive slices of the input as Arrow tables, in input order."""
    if rows_per_partition < 1:
        raise InputError("partition size must be at least 1", field="partition_size")
    for offset in range(0, frame.height, rows_per_partition):
        yield frame.slice(offset, rows_per_partition).to_arrow()


# -- output ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OutputDir:
    """Where the parts go: a local directory or a filesystem URI, usable on any worker."""

    uri: str

    def resolve(self) -> tuple[pafs.FileSystem, str]:
        if "://" in self.uri:
            fs, path = pafs.FileSystem.from_uri(self.uri)
            return fs, path.rstrip("/")
        return pafs.LocalFileSystem(), str(Path(self.uri).expanduser().resolve())

    def part_name(self, index: int) -> str:
        return f"{PART_PREFIX}{index:05d}.parquet"

    def prepare(self) -> None:
        """Create the directory and remove the parts and manifest of an earlier run."""
        fs, root = self.resolve()
        info = fs.get_file_info(root)
        if info.type == pafs.FileType.File:
            raise InputError("the output must be a directory, not a file", source=self.uri)
        fs.create_dir(root, recursive=True)
        for entry in fs.get_file_info(pafs.FileSelector(root)):
            if entry.base_name.startswith((PART_PREFIX, f".{PART_PREFIX}")) or (
                entry.base_name == MANIFEST
            ):
                fs.delete_file(entry.path)

    def write_part(self, index: int, table: pa.Table) -> str:
        """Write part ``index`` atomically (temporary name, then rename over the final name)."""
        fs, root = self.resolve()
        final = f"{root}/{self.part_name(index)}"
        tmp = f"{root}/.{self.part_name(index)}.{uuid.uuid4().hex}.tmp"
        with fs.open_output_stream(tmp) as sink:
            pq.write_table(table, sink, compression="zstd")
        fs.move(tmp, final)
        return final

    def parts(self) -> list[str]:
        fs, root = self.resolve()
        names = sorted(
            e.base_name
            for e in fs.get_file_info(pafs.FileSelector(root))
            if e.base_name.startswith(PART_PREFIX) and e.base_name.endswith(".parquet")
        )
        return [f"{root}/{n}" for n in names]

    def read(self) -> pa.Table:
        """All parts, in partition order (the order of the input)."""
        fs, _ = self.resolve()
        tables = [pq.read_table(p, filesystem=fs) for p in self.parts()]
        if not tables:
            raise InputError("no output parts", source=self.uri)
        return pa.concat_tables(tables)

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        fs, root = self.resolve()
        with fs.open_output_stream(f"{root}/{MANIFEST}") as sink:
            sink.write(json.dumps(manifest, indent=2, ensure_ascii=False).encode())


def write_single(table: pa.Table, path: Path) -> None:
    """Write the gathered output as one CSV, XLSX, Parquet or JSONL file (by extension); CSV
    and XLSX cells are neutralised (:mod:`tradeguard.tabular.write`), the parts and JSONL and
    Parquet files keep the text as it is."""
    fmt = input_format(path)
    frame = pl.from_arrow(table)
    assert isinstance(frame, pl.DataFrame)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == ".csv":
        write_csv(path, frame.columns, frame.iter_rows())
    elif fmt == ".parquet":
        frame.write_parquet(path)
    elif fmt == ".jsonl":
        frame.write_ndjson(path)
    else:
        write_xlsx(path, frame.columns, frame.iter_rows())

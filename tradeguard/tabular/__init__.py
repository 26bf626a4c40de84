"""Files of rows: reading batch input completely or not at all, writing spreadsheet-safe output.

:mod:`tradeguard.tabular.read` reads a CSV, XLSX, JSONL or Parquet file of rows into text
columns with the line number of each row, or refuses it with one :class:`InputError` naming the
file, line and field (a missing header, invalid UTF-8, an over-long field, a truncated file);
:mod:`tradeguard.tabular.workbook` reads a workbook's sheet for it and for every other reader of
workbooks (uploads, Korea's annex), so that a damaged workbook is refused in the same words.
:mod:`tradeguard.tabular.write` writes rows to CSV and XLSX so that no cell reaches a spreadsheet
as a formula. The CLI batch commands, the Dask runner and the web download all go through them.
"""

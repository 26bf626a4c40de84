"""Workbooks shaped as real writers leave them, for the readers' tests."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook


def understated_workbook(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook of ``rows`` (the header first) whose sheet says it spans A1:B2 only, as some
    writers leave the ``<dimension>`` element after rows are appended."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(list(row))
    packed = io.BytesIO()
    book.save(packed)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(packed.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:B2"', data)
                assert count == 1
            target.writestr(info, data)
    return out.getvalue()

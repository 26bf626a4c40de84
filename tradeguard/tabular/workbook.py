"""Reading an XLSX workbook's first sheet, for every reader of workbooks (batch files, uploads,
Korea's annex): the file is checked against the caps of compressed input before it is opened,
its sheet is read to its last row whatever its ``<dimension>`` claims, and a workbook that
cannot be read is refused in one way, naming the file, the sheet and the line."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tradeguard import settings
from tradeguard.errors import InputError
from tradeguard.lists.common import RATIO_FLOOR


def check_workbook(file: Path | IO[bytes], source: str) -> None:
    """Refuse a workbook that is not a zip archive or whose members would inflate past the
    caps that compressed list files have (``$TRADEGUARD_MAX_EXPANDED_BYTES`` and
    ``$TRADEGUARD_MAX_INPUT_BYTES``, the smaller of the two; past 1 MiB, at most
    ``$TRADEGUARD_MAX_EXPANSION_RATIO`` times the file's size): a small file cannot unpack
    into gigabytes of rows. Real workbooks inflate 4 to 10 times (METI's and MOF's lists)."""
    limit, setting = min(
        (settings.max_expanded_bytes(), "TRADEGUARD_MAX_EXPANDED_BYTES"),
        (settings.max_input_bytes(), "TRADEGUARD_MAX_INPUT_BYTES"),
    )
    ratio = settings.max_expansion_ratio()
    try:
        with zipfile.ZipFile(file) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
            packed = sum(info.compress_size for info in archive.infolist())
    # NotImplementedError: a damaged member header asking for a zip version or compression
    # method no reader has
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
        raise InputError(f"not a readable XLSX workbook ({exc})", source=source) from None
    if expanded > limit:
        raise InputError(
            f"the workbook expands to {expanded:,} bytes, over the {limit:,}-byte cap ({setting})",
            source=source,
        )
    if expanded > RATIO_FLOOR and expanded > ratio * max(packed, 1):
        raise InputError(
            f"the workbook expands {expanded / max(packed, 1):,.0f} times its compressed size "
            f"(over {ratio} times, TRADEGUARD_MAX_EXPANSION_RATIO): refused as a zip bomb",
            source=source,
        )


def workbook_rows(file: Path | IO[bytes], source: str) -> Iterator[tuple[Any, ...]]:
    """Every row of a workbook's first sheet, as values, after :func:`check_workbook`.

    The sheet's own ``<dimension>`` element is not trusted: openpyxl's streaming reader stops
    where it says, so a workbook that understates it (as some writers leave it) would lose its
    other rows without a word. The dimensions are reset and every row present is read.

    A workbook that cannot be read (a damaged zip member, XML that does not parse) is refused
    here, for every reader alike: the file, and once its sheet is open the sheet and the line
    where reading stopped, are named.
    """
    from openpyxl import load_workbook

    check_workbook(file, source)
    if not isinstance(file, Path):
        file.seek(0)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # zip, inflate and XML errors of a damaged workbook
        raise _unreadable(exc, source) from None
    try:
        if not book.worksheets:  # a workbook whose sheet list names no sheet it holds
            raise InputError("not a readable XLSX workbook (it holds no worksheet)", source=source)
        sheet = book.worksheets[0]
        reset = getattr(sheet, "reset_dimensions", None)
        if reset is not None:
            reset()
        values = sheet.iter_rows(values_only=True)
        line = 1
        while True:
            try:
                row = next(values, None)
            except Exception as exc:  # the sheet's XML is damaged past this line
                raise _unreadable(exc, source, f"sheet {sheet.title!r}", line) from None
            if row is None:
                return
            yield row
            line += 1
    finally:
        book.close()


def _unreadable(
    exc: Exception, source: str, sheet: str | None = None, line: int | None = None
) -> InputError:
    detail = f"{type(exc).__name__}: {exc}"
    where = f"{sheet}: " if sheet else ""
    message = f"not a readable XLSX workbook ({where}{detail})".splitlines()[0]
    return InputError(message, source=source, line=line)

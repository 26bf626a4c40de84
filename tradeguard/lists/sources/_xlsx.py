"""A small, fast, read-only .xlsx reader for the list parsers.

openpyxl builds a rich-text object for every shared string, which takes seconds on the MOF
workbook (6.5 MB of shared strings); the parsers only need cell values. This reader takes the
workbook's sheet order and names, the shared strings (without the phonetic ``rPh`` runs
Japanese files carry) and each sheet's cells, all through the hardened XML parser. Cell values
are ``str``, ``int``, ``float``, ``bool`` or ``None``; numbers are not converted to dates (the
parsers know which columns hold dates and read Excel serial numbers themselves). A formula
cell is read as the value the spreadsheet program computed and saved with it (``<v>``), never as
its formula text; a formula saved without its value is refused. Every member is inflated under
the decompression caps (:class:`~tradeguard.lists.common.Expansion`).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree

from tradeguard.errors import InputError
from tradeguard.lists.common import Expansion, zip_member_capped
from tradeguard.lists.xmlsafe import local, parse_xml

XLSX_MAGIC = b"PK\x03\x04"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


@dataclass
class Sheet:
    name: str
    path: str
    _book: Workbook

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(1-based row number, cell values by column) for every row that has cells."""
        root = self._book.xml(self.path)
        strings = self._book.shared_strings
        for row in root.iter("{*}row"):
            number_text = row.get("r")
            values: list[Any] = []
            number: int | None = int(number_text) if number_text else None
            for cell in row:
                if local(cell.tag) != "c":
                    continue
                ref = cell.get("r")
                col = len(values)
                if ref:
                    m = _CELL_REF.fullmatch(ref)
                    if m:
                        col = _col_index(m[1])
                        if number is None:
                            number = int(m[2])
                value = _cell_value(cell, strings)
                if value is None and _uncached_formula(cell):
                    raise InputError(
                        f"cell {ref or '?'} holds a formula without its computed value (the "
                        "workbook was not saved by a spreadsheet program); nothing loaded",
                        source=f"{self._book.source}!{self.name}",
                        line=number,
                    )
                if value is None:
                    continue
                while len(values) <= col:
                    values.append(None)
                values[col] = value
            if number is None:
                continue
            yield number, values


class Workbook:
    def __init__(self, raw: bytes, source: str) -> None:
        self.source = source
        if not raw.startswith(XLSX_MAGIC):
            raise InputError("not an Excel .xlsx file (not a zip archive)", source=source)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(raw))
            infos = self._zip.infolist()
        except zipfile.BadZipFile as exc:
            raise InputError(
                f"not a readable .xlsx file ({exc}; damaged or truncated?); nothing loaded",
                source=source,
            ) from None
        # Every member read counts against one budget: the archive may inflate to the cap on
        # decompressed input and, past 1 MiB, by at most the ratio cap (a bomb is refused
        # while it inflates, from the sizes the archive declares and from the bytes read).
        self._budget = Expansion(source, len(raw))
        self._budget.check(sum(i.file_size for i in infos), len(raw), source, declared=True)
        self._infos = {info.filename: info for info in infos}
        self._names = set(self._infos)
        if "xl/workbook.xml" not in self._names:
            raise InputError("not an Excel workbook (no xl/workbook.xml)", source=source)
        rels = self._rels("xl/_rels/workbook.xml.rels")
        workbook = self.xml("xl/workbook.xml")
        self.sheets: list[Sheet] = []
        for node in workbook.iter("{*}sheet"):
            rid = node.get(f"{{{_REL_NS}}}id")
            target = rels.get(rid or "")
            if target is None:
                continue
            self.sheets.append(Sheet(node.get("name") or "", target, self))
        strings_path = next(
            (t for t in rels.values() if t.endswith("sharedStrings.xml")), "xl/sharedStrings.xml"
        )
        self.shared_strings: list[str] = []
        if strings_path in self._names:
            for si in self.xml(strings_path).iter("{*}si"):
                self.shared_strings.append(_text_of(si))

    def xml(self, name: str) -> etree._Element:
        info = self._infos.get(name)
        if info is None:
            raise InputError(f"broken .xlsx: {name} is missing", source=self.source)
        data = zip_member_capped(self._zip, info, self._budget)
        return parse_xml(data, f"{self.source}!{name}")

    def _rels(self, name: str) -> dict[str, str]:
        if name not in self._names:
            return {}
        out: dict[str, str] = {}
        for rel in self.xml(name).iter("{*}Relationship"):
            target = rel.get("Target") or ""
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join("xl", target))
            out[rel.get("Id") or ""] = path
        return out


def _text_of(si: etree._Element) -> str:
    """The text of a shared string, without phonetic (furigana) runs."""
    parts: list[str] = []
    for node in si.iter("{*}t"):
        parent = node.getparent()
        if parent is not None and local(parent.tag) == "rPh":
            continue
        parts.append(node.text or "")
    return "".join(parts)


def _uncached_formula(cell: etree._Element) -> bool:
    """A formula cell without a ``<v>`` (the value a spreadsheet program computed and saved):
    its value is unknown, and the formula text is never read in its place."""
    children = {local(c.tag) for c in cell}
    return "f" in children and "v" not in children and cell.get("t") != "inlineStr"


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _cell_value(cell: etree._Element, strings: list[str]) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = next((c for c in cell if local(c.tag) == "is"), None)
        return _text_of(inline) if inline is not None else None
    v = next((c for c in cell if local(c.tag) == "v"), None)
    if v is None or v.text is None:
        return None
    text = v.text
    if kind == "s":
        try:
            return strings[int(text)]
        except (ValueError, IndexError):
            return None
    if kind in ("str", "d"):
        return text
    if kind == "b":
        return text == "1"
    if kind == "e":
        return None
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() else number


def open_xlsx(raw: bytes, source: str) -> Workbook:
    return Workbook(raw, source)

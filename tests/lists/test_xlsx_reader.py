"""The small .xlsx reader the Japanese list parsers use: shared strings (rich text runs,
phonetic runs left out), inline strings, numbers, booleans, formula results, sparse cells,
sheet order and names; broken packages are refused."""

from __future__ import annotations

import io
import zipfile

import pytest

from tradeguard.errors import InputError
from tradeguard.lists.sources._xlsx import open_xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def build(sheets: dict[str, str], shared: str | None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            + "".join(
                f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(sheets, start=1)
            )
            + "</sheets></workbook>",
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        if shared is not None:
            rels += (
                f'<Relationship Id="rS" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
            )
            z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{shared}</sst>')
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + rels
            + "</Relationships>",
        )
        for i, body in enumerate(sheets.values(), start=1):
            z.writestr(
                f"xl/worksheets/sheet{i}.xml",
                f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>',
            )
    return out.getvalue()


def test_cells_of_every_kind() -> None:
    shared = (
        "<si><t>告示番号</t></si>"
        "<si><r><t>コリア・</t></r><r><rPr><b/></rPr><t>リョンボン</t></r>"
        "<rPh sb='0' eb='3'><t>こりあ</t></rPh></si>"
    )
    sheet = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>'
        '<row r="3"><c r="A3"><v>16358</v></c><c r="B3"><v>2.5</v></c>'
        '<c r="C3" t="b"><v>1</v></c><c r="D3" t="inlineStr"><is><t>inline</t></is></c>'
        '<c r="E3" t="str"><f>A3&amp;""</f><v>16358</v></c><c r="F3" t="e"><v>#N/A</v></c>'
        '<c r="AA3"><f>ROW()-1</f><v>2</v></c></row>'
    )
    book = open_xlsx(build({"一覧": "", "14.北朝鮮": sheet}, shared), "book.xlsx")
    assert [s.name for s in book.sheets] == ["一覧", "14.北朝鮮"]
    assert list(book.sheets[0].rows()) == []
    rows = list(book.sheets[1].rows())
    assert rows[0] == (1, ["告示番号", None, "コリア・リョンボン"])  # no furigana
    number, values = rows[1]
    assert number == 3
    assert values[:6] == [16358, 2.5, True, "inline", "16358", None]
    assert values[26] == 2  # column AA, cached formula value


def test_broken_packages(tmp_path: object) -> None:
    with pytest.raises(InputError, match="not a zip"):
        open_xlsx(b"PK\x05\x06" + b"\0" * 18, "x.xlsx")
    with pytest.raises(InputError, match="not a readable"):
        open_xlsx(b"PK\x03\x04garbage", "x.xlsx")
    no_book = io.BytesIO()
    with zipfile.ZipFile(no_book, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"no xl/workbook\.xml"):
        open_xlsx(no_book.getvalue(), "x.xlsx")
    raw = build({"s": '<row r="1"><c r="A1"><v>1</v></c></row>'}, None)
    missing = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as src, zipfile.ZipFile(missing, "w") as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info.filename))
    book = open_xlsx(missing.getvalue(), "x.xlsx")
    with pytest.raises(InputError, match="is missing"):
        list(book.sheets[0].rows())

"""Hostile and damaged list files: every reader gives a clear error or a complete load, never a
silently shorter list.

The corpus is built at test time from the real extracts under ``tests/fixtures/lists`` (cut,
flipped, re-encoded); decompression bombs are generated here and never committed.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import shutil
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tradeguard.errors import InputError
from tradeguard.lists.common import check_csv_complete, date_in_name, gunzip_capped
from tradeguard.lists.model import ParsedList
from tradeguard.lists.registry import detect, parse_path
from tradeguard.lists.sources import (
    eu_fsf,
    jp_meti,
    jp_mof,
    ofac_csv,
    ofac_xml,
    uk_sanctions,
    un_sc,
    us_csl,
)
from tradeguard.lists.xmlsafe import parse_xml
from tradeguard.settings import data_dir

from ..conftest import FIXTURES

LISTS = FIXTURES / "lists"


@dataclass(frozen=True)
class Case:
    """One real extract of one format. ``boundary`` is False for formats with no signal at a
    cut exactly between two records (CSV without a trailer, JSON lines): the shrink guard is
    their backstop, so such cuts are left out here."""

    name: str
    path: Path
    list_id: str
    boundary: bool = True
    member: str | None = None  # the file of a set that is cut or flipped
    file_name: str | None = None  # the publisher's file name, when the reader goes by it


CASES = [
    Case("un-xml", LISTS / "un/consolidated-2026-02-27-extract.xml", "un_sc"),
    Case("ofac-sdn-csv", LISTS / "ofac/sdn-2024-05-03-extract.csv", "us_ofac_sdn"),
    Case("ofac-set-sdn", LISTS / "ofac/sdn-set-2021-07-07", "us_ofac_sdn", member="sdn.csv"),
    Case("ofac-set-alt", LISTS / "ofac/sdn-set-2021-07-07", "us_ofac_sdn", member="alt.csv"),
    Case("ofac-set-add", LISTS / "ofac/cons-set-2025-12-19", "us_ofac_cons", member="cons_add.csv"),
    Case("ofac-xml", LISTS / "ofac/consolidated-2025-03-28-extract.xml", "us_ofac_cons"),
    Case("ofac-enhanced", LISTS / "ofac/CONS_ENHANCED-2025-01-10-extract.ZIP", "us_ofac_cons"),
    Case("csl-csv-gz", LISTS / "us_csl/consolidated-extract.csv.gz", "us_csl"),
    Case("csl-csv", LISTS / "us_csl/consolidated-extract.csv.gz", "us_csl", boundary=False),
    Case("bis-dpl", LISTS / "us_csl/dpl-extract.txt", "us_bis_dpl", boundary=False),
    Case("csl-json", LISTS / "us_csl/csl-extract.json", "us_csl"),
    Case(
        "meti-xlsx",
        LISTS / "jp_meti/20250929_4-extract.xlsx",
        "jp_meti_eul",
        file_name="20250929_4.xlsx",
    ),
    Case("mof-xlsx", LISTS / "jp_mof/shisantouketsu20260305-extract.xlsx", "jp_mof"),
    Case("eu-fsf-xml", LISTS / "eu_fsf/20240513-FULL-1_1-extract.xml", "eu_fsf"),
    Case("uk-xml", LISTS / "uk_sanctions/uk-sanctions-list-sample.xml", "uk_sanctions"),
    Case(
        "ofsi-csv",
        LISTS / "uk_ofsi/ofsi-conlist-2018-04-13-extract.csv",
        "uk_sanctions",
        boundary=False,
    ),
    Case("ftm-jsonl", LISTS / "ftm/entities.ftm.json", "opensanctions", boundary=False),
]


def _raw(case: Case) -> bytes:
    source = case.path / case.member if case.member else case.path
    raw = source.read_bytes()
    if case.name == "csl-csv":  # the plain CSV the publisher serves
        raw = gzip.decompress(raw)
    return raw


def _write(case: Case, raw: bytes, tmp: Path) -> Path:
    """The case's input with ``raw`` in place of its (member) file, in a fresh folder."""
    folder = tmp / "input"
    if folder.exists():
        shutil.rmtree(folder)
    if case.member:
        shutil.copytree(case.path, folder)
        (folder / case.member).write_bytes(raw)
        return folder
    folder.mkdir()
    name = case.path.name.removesuffix(".gz") if case.name == "csl-csv" else case.path.name
    target = folder / (case.file_name or name)
    target.write_bytes(raw)
    return target


_FULL: dict[str, ParsedList] = {}


def _full(case: Case, tmp: Path) -> ParsedList:
    if case.name not in _FULL:
        _FULL[case.name] = parse_path(_write(case, _raw(case), tmp), case.list_id)
    return _FULL[case.name]


def _assert_refused_or_complete(case: Case, raw: bytes, tmp: Path) -> str | None:
    """Parse ``raw`` as the case's input: a clear one-line error (returned), or a load with
    every entry of the intact file (each one missing is named by a warning)."""
    full = _full(case, tmp)
    try:
        parsed = parse_path(_write(case, raw, tmp), case.list_id)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return message
    missing = len(full.entities) - len(parsed.entities)
    assert missing <= len(parsed.warnings) - len(full.warnings), (
        f"{case.name}: {len(parsed.entities)} of {len(full.entities)} entries loaded silently"
    )
    return None


# --------------------------------------------------------------------------- truncations


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("share", [0.4, 0.9, 0.999])
def test_a_cut_file_is_refused(case: Case, share: float, tmp_path: Path) -> None:
    raw = _raw(case)
    cut = raw[: int(len(raw) * share)]
    if not case.boundary and cut.endswith(b"\n"):
        cut = cut[:-3]
    message = _assert_refused_or_complete(case, cut, tmp_path)
    assert message is not None, f"{case.name} cut at {share:.1%} loaded"
    assert "truncated" in message or "malformed" in message


@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_random_cuts_and_byte_flips(case: Case, data: st.DataObject, tmp_path: Path) -> None:
    """Any prefix of a real file is refused; any few bytes flipped give a clear error or a
    load of every entry."""
    raw = _raw(case)
    end = data.draw(st.integers(min_value=1, max_value=len(raw) - 1), label="cut at")
    cut = raw[:end]
    assume(raw[end:].strip() != b"")  # only trailing white space cut: the file is whole
    # a cut just before or after a line break ends on a whole line: a file of lines with no
    # count or end mark (FtM JSON lines, plain CSV) cannot tell it from a shorter file
    boundary = (
        cut.endswith((b"\n", b"\r"))
        or raw[end : end + 1] in (b"\n", b"\r")
        or raw[end:].strip(b"\r\n\x1a") == b""
    )
    if not case.boundary:
        assume(not boundary)
    assert _assert_refused_or_complete(case, cut, tmp_path) is not None, f"cut at {end}"
    flipped = bytearray(raw)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3), label="flips")):
        at = data.draw(st.integers(min_value=0, max_value=len(raw) - 1), label="at")
        flipped[at] ^= data.draw(st.integers(min_value=1, max_value=255), label="xor")
    _assert_refused_or_complete(case, bytes(flipped), tmp_path)


def test_ofac_files_need_their_end_of_file_mark(tmp_path: Path) -> None:
    raw = (LISTS / "ofac/sdn-2024-05-03-extract.csv").read_bytes()
    assert raw.endswith(b"\r\n\x1a")  # as OFAC publishes sdn.csv, add.csv, alt.csv
    path = tmp_path / "sdn.csv"
    path.write_bytes(raw[:-1])  # cut exactly at the end of the last record
    with pytest.raises(InputError, match=r"end-of-file mark \(CR LF 0x1A\).*truncated") as info:
        ofac_csv.parse_sdn(path)
    assert info.value.line == 633
    # sdn_comments.csv of the 2021 set ends with a bare CR LF, as published: still loaded
    comments = (LISTS / "ofac/sdn-set-2021-07-07/sdn_comments.csv").read_bytes()
    assert comments.endswith(b"\r\n") and not comments.endswith(b"\x1a")
    assert len(ofac_csv.parse_sdn(LISTS / "ofac/sdn-set-2021-07-07").entities) == 514


def test_csv_cut_inside_a_quoted_field_or_a_record(tmp_path: Path) -> None:
    text = gzip.decompress((LISTS / "us_csl/consolidated-extract.csv.gz").read_bytes()).decode()
    lines = text.splitlines(keepends=True)
    inside_record = "".join(lines[:40]) + lines[40][:30]
    with pytest.raises(InputError, match=r"line 41.*without a final line break"):
        check_csv_complete(inside_record, "consolidated.csv")
    quoted = 'a,b,c\n1,"two\nlines,3\n'
    with pytest.raises(InputError, match="quoted field of the record at line 2"):
        check_csv_complete(quoted, "x.csv")
    short = "a,b,c\n1,2,3\n4,5\n"
    with pytest.raises(InputError, match=r"record at line 3: 2 of 3 fields \(truncated\?\)"):
        check_csv_complete(short, "x.csv")
    check_csv_complete('a,b,c\n1,"x\ny",3\n', "x.csv")  # complete


_cells = st.text(alphabet=st.sampled_from('ab ,"\n\r\t1é'), max_size=8)


@given(st.lists(st.lists(_cells, min_size=3, max_size=3), min_size=1, max_size=6), st.data())
def test_csv_completeness_on_any_table(rows: list[list[str]], data: st.DataObject) -> None:
    """Whatever the cells hold, a table written as CSV is complete, and a prefix of it that
    ends inside a record (not at a line break between records) is refused."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["x", "y", "z"])
    ends = [buffer.tell()]
    for row in rows:
        writer.writerow(row)
        ends.append(buffer.tell())
    text = buffer.getvalue()
    check_csv_complete(text, "table.csv")
    end = data.draw(st.integers(min_value=1, max_value=len(text) - 1))
    assume(end not in ends)  # a cut between two records has no signal in CSV
    assume(not (text[end - 1] == "\r" and end + 1 in ends))  # only the LF of CR LF missing
    with pytest.raises(InputError, match="truncated"):
        check_csv_complete(text[:end], "table.csv")


# --------------------------------------------------------------------------- the full files


def _full_file(relative: str) -> Path:
    root = data_dir()
    if root is None or not (root / "lists" / relative).exists():
        pytest.skip("the full published files are not here ($TRADEGUARD_DATA_DIR)")
    return root / "lists" / relative


def test_the_cuts_of_the_issue_on_the_full_files(tmp_path: Path) -> None:
    """The CSL CSV and the BIS DPL cut at 40 % (they loaded 5,762 of 14,048 and 204 entries)
    and sdn.csv cut inside a remarks field (it loaded 6,627 of 14,965) are refused."""
    csl = gzip.decompress(_full_file("us-csl/consolidated-2022-05.csv.gz").read_bytes())
    path = tmp_path / "consolidated.csv"
    path.write_bytes(csl[: int(len(csl) * 0.4)])
    with pytest.raises(InputError, match="truncated"):
        us_csl.parse_csv(path)
    dpl = _full_file("us-csl/dpl-2023-11.txt").read_bytes()
    path = tmp_path / "dpl.txt"
    path.write_bytes(dpl[: int(len(dpl) * 0.4)])
    with pytest.raises(InputError, match="truncated"):
        parse_path(path, "us_bis_dpl")
    sdn = _full_file("ofac/sdn-2024-05-03.csv").read_bytes()
    row = sdn.index(b"\r\n6628,") if b"\r\n6628," in sdn else int(len(sdn) * 0.4)
    remarks = sdn.rindex(b',"', 0, row) + 10  # inside the remarks of the row before
    path = tmp_path / "sdn.csv"
    path.write_bytes(sdn[:remarks])
    with pytest.raises(InputError, match="truncated"):
        ofac_csv.parse_sdn(path)


# --------------------------------------------------------------------------- bombs


def _gzip_bomb(size: int) -> bytes:
    """A gzip file of a CSV header and ``size`` bytes of blank lines, about 1,000:1: one
    compressed MiB repeated as gzip members (a reader inflates them one after the other)."""
    mib = gzip.compress(b"\n" * (1024 * 1024), 9)
    return gzip.compress(b"source,name,alt_names,source_list_url\n") + mib * (size // (1 << 20))


def _peak(run: Callable[[], object]) -> int:
    tracemalloc.start()
    with contextlib.suppress(InputError):
        run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def test_a_gzip_bomb_is_refused_while_it_inflates(tmp_path: Path) -> None:
    bomb = _gzip_bomb(500 * 1024 * 1024)  # 500 MiB from about 0.5 MB
    assert len(bomb) < 1_000_000
    path = tmp_path / "consolidated.csv.gz"
    path.write_bytes(bomb)
    with pytest.raises(InputError, match=r"compression ratio cap \(gzip bomb\?\)") as info:
        us_csl.parse_csv(path)
    assert info.value.source == str(path)
    # refused once it inflated 100 times its size (about 50 MB), not after 500 MiB
    assert _peak(lambda: gunzip_capped(bomb, "x.gz")) < 64 * 1024 * 1024


def test_a_gzip_bomb_of_no_list_names_the_cap(tmp_path: Path) -> None:
    """A bomb that is no list's file at all (NUL bytes, no header) is not just "not a
    recognised file": the check for a damaged file stops at the cap and says so."""
    mib = gzip.compress(b"\0" * (1024 * 1024), 9)
    path = tmp_path / "consolidated.csv.gz"
    path.write_bytes(mib * 400)  # 400 MiB from about 0.4 MB
    with pytest.raises(
        InputError, match=r"compression ratio cap \(gzip bomb\?\); list us_csl"
    ) as info:
        detect(path, "us_csl")
    assert info.value.source == str(path)
    assert "nothing loaded" in str(info.value)


def test_a_gzip_file_over_the_expanded_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = gzip.decompress((LISTS / "us_csl/consolidated-extract.csv.gz").read_bytes())
    monkeypatch.setenv("TRADEGUARD_MAX_EXPANDED_BYTES", str(len(plain) - 1))
    with pytest.raises(InputError, match="cap on decompressed input"):
        gunzip_capped(gzip.compress(plain), "consolidated.csv.gz")
    monkeypatch.setenv("TRADEGUARD_MAX_EXPANDED_BYTES", str(len(plain)))
    assert gunzip_capped(gzip.compress(plain), "consolidated.csv.gz") == plain


def _xlsx_with_sheet(base: Path, target: Path, sheet_rows: int) -> None:
    """``base`` with a sheet of ``sheet_rows`` identical rows in place of its first sheet."""
    row = b'<row><c t="inlineStr"><is><t>BOMB TRADING CO</t></is></c></row>'
    with zipfile.ZipFile(base) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                out.writestr(info, src.read(info))
                continue
            with out.open("xl/worksheets/sheet1.xml", "w") as sheet:
                sheet.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/')
                sheet.write(b'spreadsheetml/2006/main"><sheetData>')
                chunk = row * 10_000
                for _ in range(sheet_rows // 10_000):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")


def test_an_xlsx_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "20250929_4.xlsx"
    _xlsx_with_sheet(LISTS / "jp_meti/20250929_4-extract.xlsx", path, 3_000_000)  # ~200 MB
    assert path.stat().st_size < 2_000_000
    with pytest.raises(InputError, match=r"declared by the archive.*\(zip bomb\?\)") as info:
        jp_meti.parse(path)
    assert info.value.source == str(path)
    assert _peak(lambda: jp_meti.parse(path)) < 16 * 1024 * 1024


def test_an_xlsx_member_that_lies_about_its_size_is_caught_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "20250929_4.xlsx"
    _xlsx_with_sheet(LISTS / "jp_meti/20250929_4-extract.xlsx", path, 20_000)
    monkeypatch.setenv("TRADEGUARD_MAX_EXPANDED_BYTES", "500000")
    with pytest.raises(InputError, match="unpacked size declared by the archive"):
        jp_meti.parse(path)
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    declared = info.file_size.to_bytes(4, "little")
    assert raw.count(declared) == 2  # local header and central directory
    raw[:] = raw.replace(declared, (1000).to_bytes(4, "little"))
    path.write_bytes(bytes(raw))
    with pytest.raises(InputError) as caught:
        jp_meti.parse(path)
    assert "sheet1.xml" in str(caught.value)


# --------------------------------------------------------------------------- XML, dates, cells

DOCTYPE = '<?xml version="1.0" encoding="{enc}"?>\n<!DOCTYPE r [<!ENTITY a "aaaa">]>\n<r>&a;</r>'


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_a_dtd_is_refused_in_any_encoding(encoding: str, tmp_path: Path) -> None:
    raw = DOCTYPE.format(enc=encoding.upper()).encode(encoding)
    with pytest.raises(InputError, match="DTD or entity declaration is refused"):
        parse_xml(raw, "x.xml")
    path = tmp_path / "consolidated.xml"
    path.write_bytes(raw)
    for parse in (un_sc.parse, ofac_xml.parse_cons, eu_fsf.parse, uk_sanctions.parse):
        with pytest.raises(InputError, match="DTD"):
            parse(path)
    plain = '<?xml version="1.0" encoding="UTF-16"?>\n<r>x</r>'.encode("utf-16")
    assert parse_xml(plain, "x.xml").text == "x"


def test_the_dtd_check_after_parsing_does_not_rely_on_the_markers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tradeguard.lists import xmlsafe

    monkeypatch.setattr(xmlsafe, "_FORBIDDEN", ())
    with pytest.raises(InputError, match="DTD"):
        parse_xml(DOCTYPE.format(enc="UTF-16").encode("utf-16"), "x.xml")


def test_impossible_dates_in_file_names(tmp_path: Path) -> None:
    meti = LISTS / "jp_meti/20250929_4-extract.xlsx"
    bad = tmp_path / "20250931_7.xlsx"
    shutil.copy(meti, bad)
    with pytest.raises(InputError, match="2025-09-31, which does not exist") as info:
        jp_meti.parse(bad)
    assert info.value.source == str(bad)
    mof = tmp_path / "shisantouketsu20260230.xlsx"
    shutil.copy(LISTS / "jp_mof/shisantouketsu20260305-extract.xlsx", mof)
    with pytest.raises(InputError, match="2026-02-30"):
        jp_mof.parse(mof)
    assert jp_meti.parse(meti).published_at == "2025-09-29"
    today = date(2026, 3, 5)
    assert date_in_name(Path("shisantouketsu20260306.xlsx"), today) == "2026-03-06"
    with pytest.raises(InputError, match="after today"):
        date_in_name(Path("shisantouketsu20260307.xlsx"), today)
    assert date_in_name(Path("list.xlsx"), today) is None


def _meti_with_cells(tmp_path: Path, replacements: dict[bytes, bytes]) -> Path:
    source = LISTS / "jp_meti/20250929_4-extract.xlsx"
    target = tmp_path / "20250929_4.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                for old, new in replacements.items():
                    assert old in data
                    data = data.replace(old, new)
            out.writestr(info, data)
    return target


def test_formula_cells_are_read_as_their_saved_values(tmp_path: Path) -> None:
    """METI computes its No. column with =ROW()-1; a cell is read as the value Excel saved
    with the formula, never as the formula text."""
    first_name = b'<c r="C2" t="inlineStr"><is><t>Al Qa\'ida/Islamic Army</t></is></c>'
    path = _meti_with_cells(
        tmp_path,
        {
            b'<c r="A2" t="n"><v>1</v></c>': b'<c r="A2"><f>ROW()-1</f><v>1</v></c>',
            first_name: b'<c r="C2" t="str"><f>"ACME "&amp;"TRADING"</f><v>ACME TRADING</v></c>',
        },
    )
    parsed = jp_meti.parse(path)
    first = next(e for e in parsed.entities if e.source_id == "1")
    assert first.caption == "ACME TRADING"
    unsaved = _meti_with_cells(
        tmp_path, {first_name: b'<c r="C2" t="str"><f>"ACME "&amp;"TRADING"</f></c>'}
    )
    with pytest.raises(InputError, match="cell C2 holds a formula without its computed value"):
        jp_meti.parse(unsaved)


def test_the_published_meti_formula_cells(tmp_path: Path) -> None:
    path = _full_file("jp-meti/20250929_4.xlsx")
    with zipfile.ZipFile(path) as archive:
        assert b"<f>ROW()-1</f><v>180</v>" in archive.read("xl/worksheets/sheet1.xml")
    numbers = sorted(int(e.source_id) for e in jp_meti.parse(path).entities)
    assert numbers == list(range(1, 836))


def test_a_csl_json_page_is_refused_by_its_stated_total(tmp_path: Path) -> None:
    """The CSL JSON states how many results it has (``total``): a file holding fewer (one
    page of an API search, a partial download) is refused."""
    import json

    doc = json.loads((LISTS / "us_csl/csl-extract.json").read_text("utf-8"))
    assert doc["total"] == len(doc["results"]) == 24
    doc["results"] = doc["results"][:10]
    path = tmp_path / "consolidated.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(InputError, match="states 24 results but holds 10") as info:
        us_csl.parse_json(path)
    assert info.value.field == "total"

"""A NUL character (U+0000) in a value of a list file is refused the same way on SQLite and
PostgreSQL, whatever the format: the error names the file and the line (XML, the UK CSV) or the
record id and the field (the values of every other parser, checked once in
:meth:`ParsedList.check_text` on the way to the store), and the current version stays."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tradeguard import audit
from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, Name, ParsedList
from tradeguard.lists.registry import parse_path
from tradeguard.store import Store

from ..cli import tg
from ..conftest import FIXTURES

OPS = audit.list_load_record("ops")
LISTS = FIXTURES / "lists"


def _replace(text: bytes, old: bytes, new: bytes) -> bytes:
    assert old in text, old
    return text.replace(old, new, 1)


def _xlsx_cell(old: bytes, new: bytes) -> Callable[[bytes], bytes]:
    def edit(raw: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(raw)) as zin, zipfile.ZipFile(out, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    data = _replace(data, old, new)
                zout.writestr(info, data)
        return out.getvalue()

    return edit


@dataclass(frozen=True)
class Case:
    fixture: str  # under tests/fixtures/lists
    edit: Callable[[bytes], bytes]  # puts one NUL into a value
    said: tuple[str, ...]  # what the refusal names (besides the file)


CASES = {
    "un-xml": Case(
        "un/consolidated-2026-02-27-extract.xml",
        lambda raw: _replace(raw, b"<FIRST_NAME>ERIC", b"<FIRST_NAME>\x00ERIC"),
        ("line 7", "malformed XML"),
    ),
    "un-xml-reference": Case(
        "un/consolidated-2026-02-27-extract.xml",
        lambda raw: _replace(raw, b"<FIRST_NAME>ERIC", b"<FIRST_NAME>&#0;ERIC"),
        ("line 7", "malformed XML"),
    ),
    "meti-xlsx": Case(
        "jp_meti/20250929_4-extract.xlsx",
        _xlsx_cell(b"<t>Al Qa'ida", b"<t>&#0;Al Qa'ida"),
        ("sheet1.xml", "line 7", "malformed XML"),
    ),
    "ofac-sdn-csv": Case(
        "ofac/sdn-2024-05-03-extract.csv",
        lambda raw: _replace(raw, b'"BANCO NACIONAL', b'"\x00BANCO NACIONAL'),
        ("record 306 (us_ofac_sdn:306)", "field 'names[0].value'", "'\\x00BANCO NACIONAL"),
    ),
    "ftm-json": Case(
        "ftm/entities.ftm.json",
        lambda raw: _replace(raw, b'"name": ["Korea Ryonbong', b'"name": ["Korea\\u0000 Ryonbong'),
        ("record fx-kp-ryonbong (opensanctions:fx-kp-ryonbong)", "field 'names[0].value'"),
    ),
    "csl-json": Case(
        "us_csl/csl-extract.json",
        lambda raw: _replace(raw, b'"name": " I. ASH"', b'"name": " I. \\u0000ASH"'),
        ("(us_csl:", "field 'names[0].value'", "'I. \\x00ASH'"),
    ),
    "bis-dpl-txt": Case(
        "us_csl/dpl-extract.txt",
        lambda raw: _replace(raw, b'"SEAGOVILLE"', b'"SEAGOVILLE\x00"'),
        ("(us_bis_dpl:", "field 'addresses[0]"),
    ),
    "uk-ofsi-csv": Case(
        "uk_ofsi/ofsi-conlist-2018-04-13-extract.csv",
        lambda raw: _replace(raw, b"AL-QAHTANI", b"AL-\x00QAHTANI"),
        ("line 3", "NUL"),
    ),
}


@pytest.mark.parametrize("fmt", list(CASES))
def test_a_nul_in_a_value_is_refused_and_the_current_version_stays(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    case = CASES[fmt]
    good = LISTS / case.fixture
    first = store.load(parse_path(good), record=OPS)
    bad = tmp_path / good.name
    bad.write_bytes(case.edit(good.read_bytes()))
    with pytest.raises(InputError) as info:
        store.load(parse_path(bad), record=OPS)
    message = str(info.value)
    assert "\n" not in message and "\x00" not in message
    assert good.name in message
    for said in case.said:
        assert said in message, (said, message)
    list_id = first.version.list
    assert store.current_version(list_id) == first.version
    assert [v.id for v in store.versions(list_id)] == [first.version.id]
    assert len(audit.records(store, action="lists.load")) == 1


def test_the_store_refuses_a_nul_from_any_parser_before_writing(store: Store) -> None:
    """A parsed list that never passed through the registry (a parser called directly, a
    snapshot) meets the same check in :meth:`Store.load`, on both stores."""
    entity = Entity("custom:1", "custom", "1", "Organization", [Name("ACME TRADING")])
    entity.properties["note\x00"] = ["x"]
    parsed = ParsedList("custom", "test", "hand.json", "0" * 64, [entity])
    with pytest.raises(InputError) as info:
        store.load(parsed, record=OPS)
    assert str(info.value).startswith("hand.json, field 'properties.note")
    assert "record 1 (custom:1)" in str(info.value)
    assert store.current_version("custom") is None
    assert audit.records(store, action="lists.load") == []


def test_the_cli_refuses_it_with_exit_2(tmp_path: Path) -> None:
    good = LISTS / "ofac/sdn-2024-05-03-extract.csv"
    bad = tmp_path / "sdn.csv"
    bad.write_bytes(_replace(good.read_bytes(), b'"BANCO NACIONAL', b'"\x00BANCO NACIONAL'))
    result = tg("lists", "load", bad, home=tmp_path / "home")
    assert result.returncode == 2
    assert "record 306 (us_ofac_sdn:306)" in result.stderr
    assert "names[0].value" in result.stderr

"""A list file cut short gives one clear line: the file, that it is truncated (or not a valid
workbook, archive or document) and the list it was read as, for every format and at several
points, with and without --list; a workbook renamed so that its name no longer says which list
it is (the METI End User List cut at half its bytes) is named as a truncated workbook of the
lists published as workbooks, not "format not recognised". Nothing is stored (see
tests/lists/test_load_guard.py for the store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists.registry import parse_path

from .test_hostile_inputs import CASES, LISTS, Case, _raw, _write

WORDS = ("truncated", "not a valid", "malformed", "damaged")


def _message(path: Path, list_id: str | None) -> str:
    with pytest.raises(InputError) as info:
        parse_path(path, list_id)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    assert str(path) in message
    assert any(w in message for w in WORDS), message
    return message


@pytest.mark.parametrize("case", [c for c in CASES if c.boundary], ids=lambda c: c.name)
@pytest.mark.parametrize("share", [0.1, 0.5, 0.95])
def test_a_cut_file_names_itself_its_damage_and_its_list(
    case: Case, share: float, tmp_path: Path
) -> None:
    raw = _raw(case)
    path = _write(case, raw[: int(len(raw) * share)], tmp_path)
    assert f"list {case.list_id}" in _message(path, case.list_id)


@pytest.mark.parametrize("share", [0.1, 0.5, 0.95])
def test_a_renamed_cut_workbook_is_named_as_such(share: float, tmp_path: Path) -> None:
    raw = (LISTS / "jp_meti/20250929_4-extract.xlsx").read_bytes()
    path = tmp_path / "end-user-list.xlsx"
    path.write_bytes(raw[: int(len(raw) * share)])
    message = _message(path, None)
    assert "not a valid workbook (.xlsx): it is truncated or damaged" in message
    assert "jp_meti_eul" in message and "jp_mof" in message
    message = _message(path, "jp_meti_eul")
    assert "list jp_meti_eul" in message

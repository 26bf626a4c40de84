"""Names that name no party (markup, punctuation, one letter, a company's legal form alone)
are refused with the reason on the name's field, in the screener and so on every path: the
command line exits 2, a batch reports the row; markup around a usable name is left out
(issue 17). The API's 422: tests/api/test_api_screen.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradeguard.errors import InputError
from tradeguard.lists.registry import parse_path
from tradeguard.names.junk import name_problem, without_markup
from tradeguard.screening import Query, Screener

from ..cli import tg
from ..conftest import FIXTURES

UN = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"


@pytest.fixture(scope="module")
def un() -> Screener:
    return Screener.from_entities(parse_path(UN).entities)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("<b>x</b>", "a single letter or digit besides its markup"),
        ("<script>alert(1)</script>", "no letters or digits besides its markup"),
        ("&nbsp;", "no letters or digits besides its markup"),
        ("!!! ---", "no letters or digits"),
        ("x", "a single letter or digit"),
        ("Co., Ltd.", "a company's legal form alone (co ltd)"),
        ("株式会社", "a company's legal form alone (kk)"),
        ("주식회사", "a company's legal form alone"),
        ("GmbH & Co. KG", "a company's legal form alone"),
    ],
)
def test_a_name_that_names_no_party_is_refused(un: Screener, name: str, reason: str) -> None:
    assert reason in (name_problem(name) or "")
    with pytest.raises(InputError) as err:
        un.screen(Query(name, "Organization"))
    assert err.value.field == "name" and reason in err.value.message


def test_a_name_with_something_to_screen_is_screened(un: Screener) -> None:
    for name in (
        "Ryonbong",
        "Trading Co Ltd",
        "AB",
        "Shell plc",
        "Smith &amp; Sons",
        "SL Corporation",
    ):
        assert name_problem(name) is None, name
    # markup is no part of the name: before, the tags' letters made it another name
    assert without_markup("<b>Ryonbong</b>") == " Ryonbong "
    [match, *_] = un.screen(Query("<b>Ryonbong</b>", "Organization"))
    assert match.entity_id == "un_sc:KPe.002"
    # an identifier is screened whatever the name
    un.screen(Query("Co., Ltd.", identifiers=["IMO 8132835"]))


def test_command_line_and_batch_name_the_refused_name(_isolated_home: Path, tmp_path: Path) -> None:
    home = _isolated_home
    assert tg("lists", "load", UN, home=home).returncode == 0
    bad = tg("screen", "Co., Ltd.", home=home)
    assert bad.returncode == 2 and "name" in bad.stderr and "legal form alone" in bad.stderr
    source = tmp_path / "in.csv"
    source.write_text(
        'id,name,type\n1,<b>x</b>,Organization\n2,"Co., Ltd.",Company\n3,Ryonbong,Organization\n'
    )
    result = tg("screen-batch", source, "-o", tmp_path / "out.jsonl", "--json", home=home)
    assert result.returncode == 2, result.stderr
    summary = json.loads(result.stdout)
    assert summary["screened"] == 1
    messages = {row["line"]: row["message"] for row in summary["bad_rows"]}
    assert "besides its markup" in messages[2] and "legal form alone" in messages[3]

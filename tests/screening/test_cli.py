"""The screening commands as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from ..cli import tg
from ..conftest import FIXTURES

UN = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"


def test_screen_compare_batch(_isolated_home: Path, tmp_path: Path) -> None:
    home = _isolated_home
    assert tg("lists", "load", UN, home=home).returncode == 0
    out = tg("screen", "Jong-sik Kim", "--type", "Person", "--json", home=home)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["query"]["name"] == "Jong-sik Kim"
    assert data["matches"][0]["entity_id"] == "un_sc:KPi.066"
    assert set(data["matches"][0]) >= {"entity_id", "score", "explanation", "programs"}
    assert list((home / "screening").glob("index-*.pickle")), "the index is cached"

    table = tg("screen", "조선련봉총회사", home=home)
    assert table.returncode == 0 and "KPe.002" in table.stdout
    # --json answers per party: its id and its memberships, each with its list version
    hangul = json.loads(tg("screen", "조선련봉총회사", "--json", home=home).stdout)
    party = next(m for m in hangul["matches"] if m["party_id"] == "un_sc:KPe.002")
    assert [x["entity_id"] for x in party["memberships"]] == ["un_sc:KPe.002"]
    assert party["memberships"][0]["list_version"]  # the loaded version's sha256

    compared = json.loads(tg("compare", "Ryon-bong", "Ryonbong", "--json", home=home).stdout)
    assert compared["match"] is True and compared["score"] > 0.9

    bad = tg("screen", "Kim", "--type", "Planet", home=home)
    assert bad.returncode == 2 and "unknown entity type" in bad.stderr

    source = tmp_path / "in.csv"
    source.write_text("id,name,type\n1,Kim Jong Sik,Person\n2,,Person\n3,Maria Schmidt,Person\n")
    result = tg("screen-batch", source, "-o", tmp_path / "out.jsonl", "--json", home=home)
    # a row not screened fails the run (exit 2) although the other rows are written
    assert result.returncode == 2, result.stderr
    assert "line 3" in result.stderr and "1 of 3 rows were not screened" in result.stderr
    summary = json.loads(result.stdout)
    assert summary["screened"] == 2 and summary["bad_rows"][0]["line"] == 3
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert {r["id"] for r in rows} == {"1", "3"}

    # a CSV file as Japanese Excel saves it (CP932): detected, or given; the summary says which
    source.write_bytes("id,名称,国名\r\n1,朝鮮鉱業開発貿易会社,北朝鮮\r\n".encode("cp932"))
    found = tg("screen-batch", source, "-o", tmp_path / "ja.csv", home=home)
    assert found.returncode == 0, found.stderr
    assert "text read as cp932 (detected)" in found.stdout
    given = tg(
        "screen-batch",
        source,
        "-o",
        tmp_path / "ja.csv",
        "--encoding",
        "cp932",
        "--json",
        home=home,
    )
    assert given.returncode == 0, given.stderr
    said = json.loads(given.stdout)
    assert (said["encoding"], said["encoding_detected"]) == ("cp932", False)
    unknown = tg(
        "screen-batch", source, "-o", tmp_path / "ja.csv", "--encoding", "sjis2", home=home
    )
    assert unknown.returncode == 2 and "unknown encoding 'sjis2'" in unknown.stderr
    kana = tmp_path / "kana.csv"  # half-width katakana, which CP949 has no bytes for
    kana.write_bytes("id,名称\r\n1,朝鮮鉱業\r\n2,ﾁｮｳｾﾝｺｳｷﾞｮｳ\r\n".encode("cp932"))
    wrong = tg("screen-batch", kana, "-o", tmp_path / "ja.csv", "--encoding", "cp949", home=home)
    assert wrong.returncode == 2 and "line 3" in wrong.stderr, wrong.stderr
    assert "not CP949 (Korean) text (byte 0x" in wrong.stderr and "byte offset" in wrong.stderr

    # every row bad: nothing screened, and the run fails (a scheduled job must not pass)
    source.write_text("id,name,type\n1,,Person\n2,Kim,Planet\n")
    failed = tg("screen-batch", source, "-o", tmp_path / "none.jsonl", home=home)
    assert failed.returncode == 2, failed.stdout
    assert "line 2" in failed.stderr and "no row could be screened" in failed.stderr

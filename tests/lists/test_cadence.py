"""Each list's staleness limit: its publisher's usual cadence (versioned data with a source
for each), or the administrator's setting for every list or for some; on the bundled snapshot,
the lists that are stale on a given day."""

from __future__ import annotations

from datetime import date

import pytest

from tradeguard.errors import InputError
from tradeguard.lists import cadence
from tradeguard.lists.model import LIST_IDS
from tradeguard.lists.status import list_status
from tradeguard.store import Store


def test_every_list_has_a_cadence_with_its_source_in_three_languages() -> None:
    for list_id in LIST_IDS:
        found = cadence.cadence(list_id)
        assert found is not None, list_id
        assert found.source and found.basis, list_id
        assert all(found.cadence(lang) for lang in ("en", "ja", "ko")), list_id
        assert found.cadence("ja") != found.cadence("en") != found.cadence("ko"), list_id
    assert cadence.limit("us_csl").days == 7  # rebuilt daily
    assert cadence.limit("jp_meti_eul").days == 400  # revised about once a year
    assert cadence.limit("custom").days is None  # the organisation's own list


def test_the_administrators_setting_comes_before_the_cadence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TRADEGUARD_STALE_DAYS", raising=False)
    assert cadence.limit("un_sc") == cadence.Limit(30, "cadence", cadence.cadence("un_sc"))
    monkeypatch.setenv("TRADEGUARD_STALE_DAYS", "60")
    assert (cadence.limit("jp_meti_eul").days, cadence.limit("jp_meti_eul").origin) == (
        60,
        "setting",
    )
    monkeypatch.setenv("TRADEGUARD_STALE_DAYS", " jp_meti_eul=500 , us_csl=2")
    assert [cadence.limit(x).days for x in ("jp_meti_eul", "us_csl", "un_sc")] == [500, 2, 30]
    monkeypatch.setenv("TRADEGUARD_STALE_DAYS", "90,us_csl=2")
    assert [cadence.limit(x).days for x in ("us_csl", "un_sc", "custom")] == [2, 90, 90]
    assert cadence.limit("un_sc", 5).origin == "option"  # one run's --stale-days
    for bad, said in (
        ("thirty", "expected DAYS or LIST=DAYS"),
        ("=4", "expected DAYS or LIST=DAYS"),
        ("un_sc=-1", "expected DAYS or LIST=DAYS"),
        ("un_cs=4", "no list 'un_cs'"),
    ):
        monkeypatch.setenv("TRADEGUARD_STALE_DAYS", bad)
        with pytest.raises(InputError, match=said) as caught:
            cadence.limit("un_sc")
        assert caught.value.field == "TRADEGUARD_STALE_DAYS"


def test_bundled_lists_stale_by_their_publishers_cadence(
    loaded_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TRADEGUARD_STALE_DAYS", raising=False)
    # 2026-03-10: the UN file (2026-02-27), the MOF file (2026-03-05) and METI's revision of
    # 2025-09-29 (162 days, a yearly list) are current; the 2022 CSL and 2024 SDN files are not
    rows = {r.version.list: r for r in list_status(loaded_store, today=date(2026, 3, 10))}
    current = sorted(k for k, r in rows.items() if not r.stale)
    assert current == ["jp_meti_eul", "jp_mof", "un_sc"]
    assert rows["jp_meti_eul"].age_days == 162 and rows["jp_meti_eul"].stale_after_days == 400
    assert rows["us_csl"].stale and "more than 7" in (rows["us_csl"].warning or "")
    data = rows["jp_meti_eul"].to_dict()
    assert (data["stale_after_days"], data["limit_from"]) == (400, "cadence")
    assert data["cadence"] == "about once a year (a revised list)"
    # 2026-12-06: every bundled list is past its limit, METI's too (433 days)
    assert all(r.stale for r in list_status(loaded_store, today=date(2026, 12, 6)))

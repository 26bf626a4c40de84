"""Times shown to people in ``$TRADEGUARD_TIME_ZONE`` (Asia/Tokyo, Asia/Seoul ...), marked with
the zone; stored times and machine-readable outputs stay UTC. Every time here is a fixed one
(an injected clock or a stored time read back), never the clock on the wall."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tradeguard import settings
from tradeguard.cases import workflow as rv
from tradeguard.errors import InputError
from tradeguard.language import i18n
from tradeguard.reports.period import period_report
from tradeguard.store import Store

from ..cases.helpers import screening_case
from ..cli import tg
from ..clock import FakeWallClock
from .helpers import log_in, page_client

AT = datetime(2026, 12, 6, 9, 5, tzinfo=UTC)


@pytest.fixture
def client(sqlite_store: Store) -> Iterator[TestClient]:
    yield from page_client(sqlite_store)


def _in(lang: str, value: object) -> str:
    token = i18n.use(lang)
    try:
        return i18n.local_datetime(value)
    finally:
        i18n.reset(token)


@pytest.mark.parametrize(
    ("zone", "lang", "shown"),
    [
        (None, "en", "6 Dec 2026 09:05 UTC"),
        ("Asia/Tokyo", "ja", "2026年12月6日 18:05 JST"),
        ("Asia/Seoul", "ko", "2026년 12월 6일 18:05 KST"),
        ("Asia/Tokyo", "en", "6 Dec 2026 18:05 JST"),
        ("Asia/Dubai", "en", "6 Dec 2026 13:05 UTC+04:00"),  # no letters: the offset
        ("America/St_Johns", "en", "6 Dec 2026 05:35 NST"),
        ("America/Sao_Paulo", "ko", "2026년 12월 6일 06:05 UTC-03:00"),
    ],
)
def test_times_are_shown_in_the_zone_and_marked_with_it(
    monkeypatch: pytest.MonkeyPatch, zone: str | None, lang: str, shown: str
) -> None:
    if zone is None:
        monkeypatch.delenv("TRADEGUARD_TIME_ZONE", raising=False)
    else:
        monkeypatch.setenv("TRADEGUARD_TIME_ZONE", zone)
    assert _in(lang, AT) == shown
    assert _in(lang, AT.isoformat()) == shown  # ISO text, as the store's dicts hold it
    assert _in(lang, AT.replace(tzinfo=None)) == shown  # a stored time without zone is UTC
    token = i18n.use(lang)
    try:  # a date has no time and no zone
        assert i18n.local_datetime(date(2026, 12, 6)) == i18n.local_date(date(2026, 12, 6))
    finally:
        i18n.reset(token)


def test_the_command_lines_tables_show_the_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADEGUARD_TIME_ZONE", "Asia/Seoul")
    assert i18n.plain_datetime(AT) == "2026-12-06 18:05 KST"
    assert i18n.plain_datetime("2026-12-31T20:30:00+00:00") == "2027-01-01 05:30 KST"
    assert i18n.plain_datetime("not a time") == "not a time"


#: typos, abbreviations, offsets, paths, and files of the zone database that are no zone of
#: the world (the host's ``localtime``, New York's ``posixrules``, ``Factory``, the ``right/``
#: and ``posix/`` copies)
NOT_ZONES = ["Asia/Tokio", "JST", "+09:00", "Asia", "../etc/passwd", "localtime", "posixrules"]
NOT_ZONES += ["Factory", "right/Asia/Tokyo", "posix/Asia/Tokyo"]


@pytest.mark.parametrize("value", NOT_ZONES)
def test_a_zone_that_is_none_is_refused_naming_it(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("TRADEGUARD_TIME_ZONE", value)
    with pytest.raises(InputError) as info:
        settings.time_zone()
    assert repr(value) in str(info.value) and "TRADEGUARD_TIME_ZONE" in str(info.value)


def test_the_command_line_refuses_a_zone_that_is_none_before_it_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TRADEGUARD_TIME_ZONE", "Asia/Tokio")
    done = tg("audit", "log", home=tmp_path)
    assert done.returncode == 2
    assert "unknown time zone 'Asia/Tokio'" in done.stderr and "Traceback" not in done.stderr


def test_the_server_refuses_a_zone_that_is_none_at_start(
    monkeypatch: pytest.MonkeyPatch, sqlite_store: Store
) -> None:
    from tradeguard.server import create_app

    monkeypatch.setenv("TRADEGUARD_TIME_ZONE", "Europe/Atlantis")
    with pytest.raises(InputError, match="Europe/Atlantis"):
        create_app(sqlite_store, schedule=False, warm=False)


@pytest.mark.parametrize(
    ("lang", "zone", "mark"), [("ja", "Asia/Tokyo", "JST"), ("ko", "Asia/Seoul", "KST")]
)
def test_the_cases_pages_show_the_times_in_the_zone(
    monkeypatch: pytest.MonkeyPatch,
    client: TestClient,
    sqlite_store: Store,
    lang: str,
    zone: str,
    mark: str,
) -> None:
    """The queue's "created" column and the case page's "opened at" and audit trail: the
    stored UTC time, shown in the zone, in the page's language."""
    case_id = screening_case(sqlite_store)
    created = rv.get_case(sqlite_store, case_id).created_at
    monkeypatch.setenv("TRADEGUARD_TIME_ZONE", zone)
    log_in(client, "ana")
    client.get("/ui/lang", params={"l": lang, "next": "/ui/"})
    expected = _in(lang, created)
    assert expected.endswith(f" {mark}")
    queue = client.get("/ui/cases").text
    assert expected in queue, expected
    page = client.get(f"/ui/cases/{case_id}").text
    assert expected in page, expected


def test_a_report_is_dated_in_the_zone_and_its_data_in_utc(
    monkeypatch: pytest.MonkeyPatch, sqlite_store: Store
) -> None:
    clock = FakeWallClock(datetime(2026, 1, 5, 23, 30, tzinfo=UTC))
    for lang, zone, shown in (
        ("ja", "Asia/Tokyo", "2026年1月6日 8:30 JST"),
        ("ko", "Asia/Seoul", "2026년 1월 6일 08:30 KST"),
    ):
        monkeypatch.setenv("TRADEGUARD_TIME_ZONE", zone)
        report = period_report(sqlite_store, date(2026, 1, 1), date(2026, 1, 5), lang, clock)
        assert shown in report.html, lang
        assert report.data["generated_at"] == "2026-01-05T23:30:00+00:00"

"""Countries as input: ISO codes or names in English, Japanese and Korean, one module for every
input path (shipments, screening queries, batch rows, the web form)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradeguard.countries import (
    CountryError,
    country_choices,
    country_name,
    resolve_countries,
    resolve_country,
)
from tradeguard.errors import InputError
from tradeguard.screening.batch import row_query
from tradeguard.shipments.model import parse_shipment


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KR", "KR"),
        ("kp", "KP"),
        ("PRK", "KP"),
        ("South Korea", "KR"),
        ("Korea, Republic of", "KR"),
        ("Democratic People's Republic of Korea", "KP"),
        ("DPRK", "KP"),
        ("韓国", "KR"),
        ("한국", "KR"),
        ("대한민국", "KR"),
        ("北朝鮮", "KP"),
        ("조선", "KP"),
        ("북한", "KP"),
        ("日本", "JP"),
        ("일본", "JP"),
        ("ドイツ", "DE"),
        ("Iran (Islamic Republic of)", "IR"),
        ("UK", "GB"),
        ("XK", "XK"),
    ],
)
def test_codes_and_names_in_three_languages(text: str, code: str) -> None:
    assert resolve_country(text) == code


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Korea", ("KR", "KP")),
        ("korea", ("KR", "KP")),
        ("朝鮮", ("KP", "KR")),
        ("Congo", ("CG", "CD")),
    ],
)
def test_ambiguous_name_is_refused_with_its_candidates(
    text: str, candidates: tuple[str, ...]
) -> None:
    with pytest.raises(CountryError) as err:
        resolve_country(text, field="destination")
    assert err.value.candidates == candidates
    for code in candidates:
        assert code in err.value.message
    assert "destination" in str(err.value)


@pytest.mark.parametrize("text", ["XX", "zz", "Atlantis", "EU", ""])
def test_unknown_code_or_name_is_refused(text: str) -> None:
    with pytest.raises(InputError):
        resolve_country(text)


def test_names_in_each_language() -> None:
    assert country_name("KP", "en") == "North Korea"
    assert country_name("KP", "ja") == "北朝鮮"
    assert country_name("KP", "ko") == "북한"
    codes = [code for code, _ in country_choices("ko")]
    assert "KR" in codes and "XK" in codes and len(codes) == len(set(codes))


def test_a_list_of_countries_keeps_a_name_with_a_comma_whole() -> None:
    assert resolve_countries("Korea, Republic of") == ["KR"]
    assert resolve_countries("JP; 韓国") == ["JP", "KR"]
    assert resolve_countries("") == []
    with pytest.raises(CountryError):
        resolve_countries("JP, Korea")


def _shipment(destination: str) -> dict[str, object]:
    return {
        "exporter": {"name": "Sakura Chemical Co., Ltd.", "country": "日本"},
        "consignee": {"name": "Hanbit Trading", "country": "한국", "address": "Seoul"},
        "destination": destination,
        "items": [{"description": "sodium fluoride", "hs": "2826.19"}],
    }


def test_shipment_destination_in_japanese_and_korean() -> None:
    shipment = parse_shipment(_shipment("韓国"))
    assert shipment.destination == "KR"
    assert shipment.exporter.country == "JP"
    assert shipment.consignee is not None and shipment.consignee.country == "KR"
    assert parse_shipment(_shipment("조선")).destination == "KP"


@pytest.mark.parametrize("destination", ["Korea", "XX"])
def test_shipment_refuses_ambiguous_or_unknown_destination(destination: str) -> None:
    with pytest.raises(InputError) as err:
        parse_shipment(_shipment(destination))
    assert "destination" in str(err.value)
    assert destination in str(err.value)


def test_batch_row_country_names_and_refusals() -> None:
    _, query = row_query({"id": "1", "name": "Hanbit Trading", "country": "한국;JP"})
    assert query.countries == ["KR", "JP"]
    with pytest.raises(InputError, match=r"KR .* KP"):
        row_query({"id": "2", "name": "Hanbit Trading", "country": "Korea"})


def test_cli_screen_country_is_resolved_or_refused(_isolated_home: Path) -> None:
    from .test_cli_lists import tg

    result = tg("screen", "Kim Jong Sik", "--country", "Korea", home=_isolated_home)
    assert result.returncode == 2
    assert "KR (South Korea) or KP (North Korea)" in result.stderr
    assert "--country" in result.stderr and "Traceback" not in result.stderr

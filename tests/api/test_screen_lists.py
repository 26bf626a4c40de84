"""Which lists a screening used, on every face, on a store holding one real UN list extract
(as a user who loaded one file by hand has): the answer names the lists screened against with
their dates and warns that the lists of a default install are missing; a list id the store does
not hold is refused (API 422, command line exit 2) naming the ids that are loaded, instead of
screening nothing and answering "no match"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradeguard.accounts.users import Actor, Role
from tradeguard.errors import InputError
from tradeguard.lists.registry import parse_path
from tradeguard.screening import Query
from tradeguard.service import Service
from tradeguard.store import Store

from ..cli import tg
from ..conftest import FIXTURES
from .conftest import Api

UN = FIXTURES / "lists/un/consolidated-2026-02-27-extract.xml"
ANA = Actor("ana", Role.ANALYST)
RYONBONG = "Korea Ryonbong General Corporation"


def test_the_api_names_the_lists_and_refuses_an_unknown_one(api: Api) -> None:
    api.store.load(parse_path(UN))
    h = api.auth("ana")
    r = api.client.post("/screen", json={"name": "Huawei Technologies Co., Ltd."}, headers=h)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(x["list"], x["published_at"]) for x in body["lists"]] == [("un_sc", "2026-02-27")]
    [warning] = body["warnings"]
    assert "us_ofac_sdn" in warning and "jp_mof" in warning and "un_sc" not in warning
    r = api.client.post("/screen", json={"name": RYONBONG, "lists": ["nonexistent"]}, headers=h)
    assert r.status_code == 422, r.text
    assert r.json()["field"] == "lists" and "un_sc" in r.json()["detail"]
    r = api.client.post("/screen", json={"name": RYONBONG, "lists": ["un_sc"]}, headers=h)
    assert r.status_code == 200 and r.json()["matches"][0]["entity_id"] == "un_sc:KPe.002"
    assert r.json()["warnings"] == []  # the other lists were left out on purpose


def test_the_service_refuses_a_list_it_does_not_hold(sqlite_store: Store) -> None:
    sqlite_store.load(parse_path(UN))
    service = Service(sqlite_store)
    with pytest.raises(InputError) as caught:
        service.screen(ANA, Query(RYONBONG, lists=["un", "us_ofac_sdn"]))
    message = caught.value.message
    assert "'un'" in message and "'us_ofac_sdn' (not loaded)" in message
    assert "the lists loaded are un_sc" in message
    done = service.screen(ANA, Query(RYONBONG))
    assert done.missing == [
        "eu_fsf",
        "jp_meti_eul",
        "jp_mof",
        "us_csl",
        "us_ofac_cons",
        "us_ofac_sdn",
    ]


def test_the_command_line_warns_and_exits_2(tmp_path: Path) -> None:
    assert tg("lists", "load", UN, home=tmp_path).returncode == 0
    done = tg("screen", RYONBONG, "--list", "un", "--list", "ofac", home=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "'un', 'ofac'" in done.stderr and "us_ofac_sdn" in done.stderr
    done = tg("screen", "Huawei Technologies Co., Ltd.", "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "not screened against eu_fsf" in done.stderr
    printed = json.loads(done.stdout)
    assert printed["matches"] == [] and printed["lists"][0]["list"] == "un_sc"
    done = tg("screen", RYONBONG, home=tmp_path)
    assert "Screened against: un_sc (2026-02-27)" in done.stdout
    parties = FIXTURES / "docs/parties.csv"
    done = tg("screen-batch", parties, "-o", tmp_path / "out.csv", "--json", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "not screened against eu_fsf" in done.stderr
    assert [x["list"] for x in json.loads(done.stdout)["lists"]] == ["un_sc"]

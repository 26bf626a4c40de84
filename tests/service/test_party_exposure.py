"""Exposure of one party, not one list copy (the bundled snapshot of the real lists and
network): Korea International Chemical Joint Venture Company (UN KPe.039) is on six lists; its
METI kanji, its Hangul (which no list writes), the UN's English and a spelling of the EU's
give the same verdict and the same paths, traced from every copy at once, on every face; the
METI kanji of Korea Ryonbong General Corporation (UN KPe.002), which only the METI copy bears,
reaches the relations the UN and OFAC copies state."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.service import Service
from tradeguard.store import Store

from ..api.conftest import make_api
from ..web.helpers import log_in

KICJV = {
    "un_sc:KPe.039",
    "us_ofac_sdn:9526",
    "us_csl:9526",
    "jp_meti_eul:343",
    "jp_mof:13-2",
    "jp_mof:14-39",
    "eu_fsf:114113",
}
SPELLINGS = {
    "kanji": "朝鮮国際化学合営会社",  # METI's original script
    "hangul": "조선국제화공합영회사",  # on no list: found by the screener
    "un": "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY",
    "eu": "International Chemical Joint Venture Corporation",  # the EU's alias (and METI's)
}


@pytest.fixture
def store(loaded_home: Path) -> Iterator[Store]:
    s = Store.open()
    try:
        yield s
    finally:
        s.close()


def _verdict(data: dict[str, Any]) -> dict[str, Any]:
    """What every spelling and every face must agree on."""
    return {
        "node": data["node"]["id"],
        "party": sorted(data["node"]["party"]),
        "exposed": data["exposed"],
        "designated": data["designated"],
        "summary": data["summary"],
        "paths": [
            (p["target"]["id"], [(h["kind"], h["from_node"], h["to_node"]) for h in p["hops"]])
            for p in data["paths"]
        ],
        "ofac_50": data["ofac_50"]["blocked"],
        "eu": data["eu_ownership_or_control"]["flag"],
    }


def test_every_spelling_traces_the_party_from_every_copy(store: Store) -> None:
    svc = Service(store)
    seen = {}
    for key, name in SPELLINGS.items():
        traced = svc.exposure(name, 3)
        assert traced.exposure is not None, (key, [c.id for c in traced.candidates])
        seen[key] = _verdict(traced.body().data())
    first = seen["un"]
    assert all(v == first for v in seen.values()), {k: v["summary"] for k, v in seen.items()}
    assert first["node"] == "un_sc:KPe.039" and set(first["party"]) >= KICJV
    assert first["designated"] and first["exposed"]
    targets = [t for t, _ in first["paths"]]
    assert "un_sc:KPe.002" in targets  # the UN names Ryonbong as the venture's partner
    assert len(targets) == len(set(targets))
    # a relation stated on another copy of a party the path reaches (Ryonbong's OFAC copy)
    assert any(
        ("same_as", "un_sc:KPe.002", "us_ofac_sdn:9347") in hops for _, hops in first["paths"]
    )
    # any copy's id is the party
    assert _verdict(svc.exposure("jp_mof:14-39", 3).body().data()) == first


def test_the_meti_kanji_reaches_what_the_other_copies_state(store: Store) -> None:
    svc = Service(store)
    kanji = svc.exposure("朝鮮連峰総会社", 3)
    latin = svc.exposure("KOREA RYONBONG GENERAL CORPORATION", 3)
    assert kanji.exposure is not None and latin.exposure is not None
    assert _verdict(kanji.body().data()) == _verdict(latin.body().data())
    data = kanji.body().data()
    assert data["node"]["id"] == "un_sc:KPe.002" and "jp_meti_eul:367" in data["node"]["party"]
    assert {"un_sc", "us_ofac_sdn", "jp_meti_eul", "eu_fsf"} <= set(data["node"]["lists"])
    # the joint venture the UN entry states, which the METI copy alone never reached
    assert "un_sc:KPe.039" in {p["target"]["id"] for p in data["paths"]}
    # the METI copy's id is the party too (it used to trace that one list's relations)
    assert _verdict(svc.exposure("jp_meti_eul:367", 3).body().data()) == _verdict(data)


def test_the_faces_agree(store: Store) -> None:
    expected = _verdict(Service(store).exposure(SPELLINGS["un"], 3).body().data())
    api = next(make_api(store))
    for name in (SPELLINGS["hangul"], SPELLINGS["kanji"]):
        r = api.client.get("/exposure", params={"q": name}, headers=api.auth("ana"))
        assert r.status_code == 200, r.text
        assert r.json()["resolved"] is True and _verdict(r.json()) == expected
        out = CliRunner().invoke(app, ["exposure", name, "--json"])
        assert out.exit_code == 0, out.output
        assert _verdict(json.loads(out.stdout)) == expected
    client = api.client
    log_in(client)
    page = client.get("/ui/exposure", params={"q": SPELLINGS["hangul"]})
    assert page.status_code == 200 and 'id="exposure-verdict"' in page.text
    assert "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY" in page.text

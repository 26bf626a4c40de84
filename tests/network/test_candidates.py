"""Which party a name means, from every face: an id or one exact name is traced; a loose name
("International Trading Co., Ltd.", the bundled firm on no list) gives candidates to choose
from, never "no party named" (the bundled snapshot of the real lists and network)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tradeguard.cli import app
from tradeguard.errors import InputError, NotFoundError
from tradeguard.network.build import current_graph
from tradeguard.network.candidates import bare, candidates, resolve
from tradeguard.service import Service
from tradeguard.store import Store

from ..api.conftest import Api, make_api

LOOSE = "International Trading Co., Ltd."
FIRM = "custom:jp-international-trading"
KICJV = "un_sc:KPe.039"  # Korea International Chemical Joint Venture Company (UN)


@pytest.fixture(scope="module")
def shared_store(
    snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    target = tmp_path_factory.mktemp("candidates") / "shared.db"
    shutil.copyfile(snapshot_template, target)
    s = Store.open(f"sqlite:///{target}")
    try:
        yield s
    finally:
        s.close()


def test_resolution_in_the_network(shared_store: Store) -> None:
    graph, revision = current_graph(shared_store)
    loose = resolve(graph, LOOSE, revision)
    assert loose.node is None
    assert loose.candidates[0].id == FIRM and not loose.candidates[0].lists
    assert not any(c.exact for c in loose.candidates)
    assert resolve(graph, "  International   Trading ", revision).node == graph.id_index[FIRM]
    assert resolve(graph, KICJV, revision).node == graph.id_index[KICJV]
    assert resolve(graph, "Zzyzx Qwv Plk", revision) == resolve(graph, "Zzyzx Qwv Plk")
    assert not resolve(graph, "Zzyzx Qwv Plk", revision).candidates
    with pytest.raises(InputError):
        resolve(graph, "   ", revision)


def test_exact_names_of_several_parties_come_first_the_un_entry_first(
    shared_store: Store,
) -> None:
    graph, revision = current_graph(shared_store)
    name = graph.node(graph.id_index[KICJV]).name
    found = candidates(graph, name, revision)
    exact = [c for c in found if c.exact]
    assert exact and exact[0].id == KICJV, [c.to_dict() for c in found]
    assert all(c.exact for c in found[: len(exact)])


@given(st.lists(st.sampled_from(["acme", "co", "ltd", "trading", "corp", "kk", "x"]), max_size=6))
def test_bare_drops_only_legal_forms_and_is_never_empty(words: list[str]) -> None:
    text = " ".join(words)
    out = bare(text)
    if text:
        assert out
        assert set(out.split()) <= set(words)
    for kept in ("acme", "trading", "x"):
        assert (kept in words) <= (kept in out.split())


def test_service_traces_by_the_chosen_candidate(shared_store: Store) -> None:
    svc = Service(shared_store)
    loose = svc.exposure(LOOSE, 3)
    assert not loose.resolved and loose.body().data()["exposed"] is None
    chosen = svc.exposure(loose.candidates[0].id, 3)
    assert chosen.resolved and chosen.exposure is not None and chosen.exposure.exposed
    data = chosen.body().data()
    assert data["resolved"] is True and data["node"]["id"] == FIRM
    assert data["paths"][0]["target"]["id"] == KICJV
    with pytest.raises(NotFoundError):
        svc.exposure("Zzyzx Qwv Plk", 3)
    with pytest.raises(InputError):
        svc.exposure(FIRM, 9)


def test_cli_lists_the_candidates_with_exit_code_2(loaded_home: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["exposure", LOOSE, "--json"])
    assert out.exit_code == 2, out.output
    data = json.loads(out.stdout)
    assert data["resolved"] is False and data["candidates"][0]["id"] == FIRM
    text = runner.invoke(app, ["exposure", LOOSE])
    assert text.exit_code == 2 and FIRM in text.stdout and "on no list" in text.stdout
    traced = runner.invoke(app, ["exposure", FIRM, "--depth", "1"])
    assert traced.exit_code == 0, traced.output
    assert "EXPOSED" in traced.stdout


@pytest.fixture
def api(loaded_store: Store) -> Iterator[Api]:
    yield from make_api(loaded_store)


def test_api_gives_candidates_then_the_exposure(api: Api) -> None:
    r = api.client.get("/exposure", params={"q": LOOSE}, headers=api.auth("ana"))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["resolved"] is False and body["exposed"] is None
    assert body["candidates"][0]["id"] == FIRM
    r = api.client.get("/exposure", params={"q": FIRM, "depth": 2}, headers=api.auth("ana"))
    assert r.status_code == 200 and r.json()["resolved"] is True and r.json()["exposed"] is True
    r = api.client.get("/exposure", params={"q": "Zzyzx Qwv Plk"}, headers=api.auth("ana"))
    assert r.status_code == 404

"""The network on the store: the bundled press-sourced case against the real UN list, user
imports (CSV and JSON) with their errors, and the relations the lists state."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradeguard.errors import InputError, NotFoundError
from tradeguard.network.build import load_graph
from tradeguard.network.exposure import Exposure
from tradeguard.network.importer import ensure_bundled, import_file, list_datasets
from tradeguard.service import Service
from tradeguard.store import Store

from ..conftest import FIXTURES

UN_EXTRACT = FIXTURES / "lists/un_diff/consolidated-2026-02-27-diff-extract.xml"


@pytest.fixture(scope="module")
def shared_store(
    snapshot_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    """One copy of the snapshot store for the read-only tests of this module (the graph is
    built once and cached)."""
    target = tmp_path_factory.mktemp("network") / "shared.db"
    shutil.copyfile(snapshot_template, target)
    s = Store.open(f"sqlite:///{target}")
    try:
        yield s
    finally:
        s.close()


def test_international_trading_reaches_the_un_designated_joint_venture(
    shared_store: Store,
) -> None:
    result = _exposure(shared_store, "International Trading", depth=3)
    data = result.to_dict()
    assert data["exposed"] and not data["designated"]
    assert data["node"]["id"] == "custom:jp-international-trading"
    first = data["paths"][0]
    assert first["target"]["id"] == "un_sc:KPe.039"
    assert first["target"]["name"] == "KOREA INTERNATIONAL CHEMICAL JOINT VENTURE COMPANY"
    (hop,) = first["hops"]
    assert hop["kind"] == "joint_venture" and hop["provenance"] == "press_report"
    assert hop["start_date"] == "1988" and hop["end_date"] == "2007"
    assert "upi.com" in hop["url"]
    assert first["historical"]  # the firm was disbanded in 2007
    targets = {p["target"]["id"]: p for p in data["paths"]}
    # the UN list itself states KPe.039 is a subsidiary of KPe.002 (resolved by name)
    ryonbong = targets["un_sc:KPe.002"]["hops"][-1]
    assert ryonbong["kind"] == "ownership" and ryonbong["provenance"] == "official_list"
    assert ryonbong["from"] == "un_sc:KPe.002" and ryonbong["to"] == "un_sc:KPe.039"
    # Han Yu-ro (KPi.005), director of Korea Ryongaksan General Trading Corporation
    assert "un_sc:KPi.005" in targets
    assert set(data) >= {"paths", "ofac_50", "eu_ownership_or_control", "graph", "summary"}
    assert data["graph"]["elements"]["nodes"][0]["data"]["query"] is True
    json.dumps(data)  # serialisable


def test_designated_entity_and_aliases(shared_store: Store) -> None:
    result = _exposure(shared_store, "un_sc:KPe.039", depth=1)
    assert result.designated and result.exposed
    by_alias = _exposure(shared_store, "Chongryon", depth=2)
    assert by_alias.node["id"] == "custom:jp-chongryon"
    assert by_alias.paths[0]["target"]["id"] == "un_sc:KPe.039"
    with pytest.raises(NotFoundError):
        _exposure(shared_store, "Nobody Trading Nowhere Ltd", depth=2)
    with pytest.raises(InputError):
        _exposure(shared_store, "International Trading", depth=9)


def test_list_relations_resolve_within_the_list(shared_store: Store) -> None:
    graph = load_graph(shared_store)
    kicjv = graph.id_index["un_sc:KPe.039"]
    edges = [
        graph.edge(int(~code))
        for code in graph.eid[graph.indptr[kicjv] : graph.indptr[kicjv + 1]]
        if code < 0
    ]
    assert any(e.source_id == "un_sc:KPe.002" and e.role == "subsidiary of" for e in edges)


def test_import_csv_and_json_replace_and_errors(store: Store, tmp_path: Path) -> None:
    from tradeguard.lists.registry import parse_path

    store.load(parse_path(UN_EXTRACT, "un_sc"))  # real UN entries KPe.001, KPe.002, KPe.039
    ensure_bundled(store)
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(
        "from,to,kind,role,share_pct,start_date,end_date,source,provenance\n"
        "Acme Holdings,Acme Trading,ownership,,60,2020-01-01,,registry extract,company_registry\n"
        "custom:jp-chongryon,Acme Holdings,ownership,,50,2021,,own note,user_investigation\n",
        encoding="utf-8",
    )
    result = import_file(store, csv_file)
    assert (result.dataset, result.status, result.nodes, result.edges) == ("mine", "imported", 2, 2)
    assert import_file(store, csv_file).status == "unchanged"
    exp = _exposure(store, "Acme Trading", depth=4)
    assert [p["target"]["id"] for p in exp.paths][:1] == ["un_sc:KPe.039"]
    assert not exp.ofac_50["blocked"]  # the association is on no list

    # re-import replaces the dataset
    csv_file.write_text("from,to,kind\nAcme Holdings,Acme Trading,associate\n", encoding="utf-8")
    assert import_file(store, csv_file).edges == 1
    assert {d["dataset"]: d["edges"] for d in list_datasets(store)}["mine"] == 1

    with pytest.raises(InputError) as err:
        import_file(store, FIXTURES / "network/relations_errors.csv")
    assert err.value.line == 3 and err.value.field == "kind"

    bad_rows = {
        "from,to,kind,share_pct\na,b,ownership,140\n": ("share_pct", 2),
        "from,to,kind,start_date\na,b,ownership,2020-13\n": ("start_date", 2),
        "from,to,kind,provenance\na,b,ownership,rumour\n": ("provenance", 2),
        "from,to,kind\na,a,ownership\n": ("to", 2),
        "from,to,kind\nnolist:1,b,ownership\n": ("from", 2),
        "from,to\na,b\n": (None, 1),
        "from,to,kind,colour\na,b,ownership,red\n": (None, 1),
    }
    for text, (field, line) in bad_rows.items():
        bad = tmp_path / "bad.csv"
        bad.write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as err:
            import_file(store, bad)
        assert (err.value.field, err.value.line) == (field, line), text

    doc = {
        "dataset": "inv-1",
        "nodes": [{"id": "custom:front", "name": "Front Co", "country": "Hong Kong"}],
        "relations": [
            {"from": "un_sc:KPe.002", "to": "custom:front", "kind": "Ownership", "share_pct": 55}
        ],
    }
    js = tmp_path / "inv.json"
    js.write_text(json.dumps(doc), encoding="utf-8")
    assert import_file(store, js).dataset == "inv-1"
    front = _exposure(store, "Front Co", depth=1)
    assert front.ofac_50["blocked"] and front.ofac_50["aggregate_pct"] == 55
    assert front.eu_ownership_or_control["flag"]
    assert front.node["country"] == "HK"

    doc["relations"][0]["kind"] = "friendship"
    js.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_file(store, js)
    assert err.value.field == "relations[0].kind"
    js.write_text('{"relations": [\n  {"from": 1,}\n]}', encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_file(store, js)
    assert err.value.line == 2


def _exposure(store: Store, name_or_id: str, depth: int) -> Exposure:
    """The exposure of the one party a name or id means (``Service.exposure``)."""
    traced = Service(store).exposure(name_or_id, depth)
    assert traced.exposure is not None, [c.id for c in traced.candidates]
    return traced.exposure

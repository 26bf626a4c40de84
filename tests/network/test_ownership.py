"""The OFAC 50 % rule and the EU ownership-or-control flag on small hand-made graphs (edge
cases of OFAC FAQ 401 and the 40 % → 80 % chain that must block nothing)."""

from __future__ import annotations

import pytest

from tradeguard.network.exposure import eu_explain, exposure, ofac_explain, ofac_state
from tradeguard.network.graph import Graph, GraphBuilder
from tradeguard.network.model import Edge, Node, RelationKind
from tradeguard.network.party_map import PartyMap

OWN = RelationKind.OWNERSHIP


def graph(listed: list[str], edges: list[tuple[str, str, RelationKind, float | None]]) -> Graph:
    b = GraphBuilder()
    for node_id in listed:
        b.add_node(Node(id=node_id, name=node_id, listed=True, lists=["us_ofac_sdn"]))
    for src, dst, kind, share in edges:
        for node_id in (src, dst):
            if node_id not in b.index:
                b.add_node(Node(id=node_id, name=node_id))
        b.add_edge(Edge(src, dst, kind, share_pct=share, source="test"))
    return b.build()


def blocked(g: Graph, node_id: str) -> bool:
    return bool(ofac_state(g).by_rule[g.id_index[node_id]])


def test_forty_percent_of_an_eighty_percent_owner_blocks_nothing() -> None:
    g = graph(["custom:x"], [("custom:x", "custom:a", OWN, 40), ("custom:a", "custom:b", OWN, 80)])
    assert not blocked(g, "custom:a")
    assert not blocked(g, "custom:b")
    comp = ofac_explain(g, g.id_index["custom:b"])
    assert comp["aggregate_pct"] == 0
    assert comp["owners"][0]["owner_status"] == "not_blocked"
    assert comp["owners"][0]["counted"] is False
    assert comp["owners"][0]["owner_computation"]["aggregate_pct"] == 40


def test_chain_through_entities_blocked_by_the_rule() -> None:
    # FAQ 401: X owns 50 % of A, A owns 50 % of B: both A and B are blocked
    g = graph(["custom:x"], [("custom:x", "custom:a", OWN, 50), ("custom:a", "custom:b", OWN, 50)])
    assert blocked(g, "custom:a") and blocked(g, "custom:b")
    comp = ofac_explain(g, g.id_index["custom:b"])
    assert comp["blocked"] and comp["owners"][0]["owner_status"] == "blocked_by_50_rule"
    assert "50 = 50 %" in comp["computation"].replace("  ", " ")


def test_aggregation_across_blocked_owners_direct_and_indirect() -> None:
    # X and Y (both designated) own 25 % each of C: aggregated 50 % → blocked.
    # X owns 50 % of A; A owns 30 % of D and X owns 20 % of D: 50 % → blocked.
    g = graph(
        ["custom:x", "custom:y"],
        [
            ("custom:x", "custom:c", OWN, 25),
            ("custom:y", "custom:c", OWN, 25),
            ("custom:x", "custom:a", OWN, 50),
            ("custom:a", "custom:d", OWN, 30),
            ("custom:x", "custom:d", OWN, 20),
            ("custom:z", "custom:e", OWN, 60),  # Z is not designated
            ("custom:x", "custom:e", OWN, 40),
        ],
    )
    assert blocked(g, "custom:c") and blocked(g, "custom:d")
    assert not blocked(g, "custom:e")
    e = ofac_explain(g, g.id_index["custom:e"])
    assert e["aggregate_pct"] == 40 and not e["blocked"]


def test_same_share_from_two_sources_counts_once() -> None:
    g = graph(["custom:x"], [("custom:x", "custom:a", OWN, 30), ("custom:x", "custom:a", OWN, 30)])
    assert not blocked(g, "custom:a")
    assert ofac_state(g).aggregate[g.id_index["custom:a"]] == pytest.approx(30)


def test_unknown_share_is_flagged_for_review_not_counted() -> None:
    g = graph(["custom:x"], [("custom:x", "custom:a", OWN, None)])
    comp = ofac_explain(g, g.id_index["custom:a"])
    assert not comp["blocked"] and "unknown_share_owners" in comp
    # ...but for the EU an owner with no stated share is control
    assert eu_explain(g, g.id_index["custom:a"])["flag"]


def test_eu_ownership_or_control_is_a_separate_flag() -> None:
    g = graph(
        ["custom:x"],
        [
            ("custom:x", "custom:half", OWN, 50),  # OFAC: blocked; EU: not more than 50 %
            ("custom:x", "custom:major", OWN, 51),
            ("custom:major", "custom:sub", OWN, 60),
            ("custom:x", "custom:managed", RelationKind.MANAGEMENT, None),
            ("custom:x", "custom:partner", RelationKind.JOINT_VENTURE, None),
        ],
    )
    half = g.id_index["custom:half"]
    assert ofac_explain(g, half)["blocked"] and not eu_explain(g, half)["flag"]
    assert eu_explain(g, g.id_index["custom:major"])["flag"]
    sub = eu_explain(g, g.id_index["custom:sub"])
    assert sub["flag"] and sub["reasons"][0]["controller"] == "custom:major"
    assert eu_explain(g, g.id_index["custom:managed"])["flag"]
    assert not eu_explain(g, g.id_index["custom:partner"])["flag"]


def test_exposure_paths_and_graph_elements() -> None:
    g = graph(
        ["custom:sdn"],
        [
            ("custom:q", "custom:m", RelationKind.JOINT_VENTURE, None),
            ("custom:sdn", "custom:m", RelationKind.DIRECTORSHIP, None),
            ("custom:far1", "custom:q", RelationKind.ASSOCIATE, None),
        ],
    )
    result = exposure(g, g.id_index["custom:q"], depth=2)
    assert [p["target"]["id"] for p in result.paths] == ["custom:sdn"]
    hops = result.paths[0]["hops"]
    assert [(h["from_node"], h["to_node"], h["direction"]) for h in hops] == [
        ("custom:q", "custom:m", "forward"),
        ("custom:m", "custom:sdn", "reverse"),
    ]
    assert hops[1]["from"] == "custom:sdn"  # the stated relation: sdn is director of m
    data = result.to_dict()
    ids = {n["data"]["id"] for n in data["graph"]["elements"]["nodes"]}
    assert ids == {"custom:q", "custom:m", "custom:sdn"}
    assert len(data["graph"]["elements"]["edges"]) == 2
    assert exposure(g, g.id_index["custom:q"], depth=1).paths == []


def test_a_designated_party_is_blocked_in_its_own_right_not_by_the_rule() -> None:
    # a party on a blocking list that no blocked person owns: the 50 % rule does not block it,
    # but the explanation must not read as though the party were free
    g = graph(["custom:x"], [("custom:y", "custom:x", OWN, 10)])
    comp = ofac_explain(g, g.id_index["custom:x"])
    assert comp["designated"] is True and comp["blocked"] is False
    assert ofac_explain(g, g.id_index["custom:y"])["designated"] is False


def test_a_party_is_all_its_copies() -> None:
    """X is designated (on its OFAC copy x2; its copy x1 is on an end-user list); A's two
    copies a1 and a2 are each 30 % owned by one of X's copies, a1 25 % by Y (on no list) and
    a2 10 % by W: X counts once, with its largest share (30 %, not 60 %), and A is not blocked
    (40 %); B's copies b1 and b2 are owned 30 % by X (on b1) and 25 % by Z (on b2): 55 %, B is
    blocked, whichever copy is asked."""
    b = GraphBuilder()
    b.add_node(Node(id="x1", name="X", listed=True, lists=["jp_meti_eul"]))
    b.add_node(Node(id="x2", name="X", listed=True, lists=["us_ofac_sdn"]))
    b.add_node(Node(id="z", name="Z", listed=True, lists=["un_sc"]))
    b.add_node(Node(id="w", name="W", listed=True, lists=["un_sc"]))
    for node_id in ("a1", "a2", "b1", "b2", "y"):
        b.add_node(Node(id=node_id, name=node_id.upper()))
    for src, dst, share in [
        ("x1", "a1", 30.0),
        ("x2", "a2", 30.0),
        ("y", "a1", 25.0),
        ("x1", "b1", 30.0),
        ("z", "b2", 25.0),
        ("w", "a2", 10.0),
    ]:
        b.add_edge(Edge(src, dst, OWN, share_pct=share, source="test"))
    g = b.build()
    parties = PartyMap.of(
        g, [(["x1", "x2"], ["same"]), (["a1", "a2"], []), (["b1", "b2"], [])], "t"
    )
    a1, b1, b2 = (g.id_index[i] for i in ("a1", "b1", "b2"))
    comp = ofac_explain(g, a1, parties=parties)
    assert not comp["blocked"] and comp["aggregate_pct"] == 40
    assert [r["share_pct"] for r in comp["owners"]] == [30, 25, 10]
    for node in (b1, b2):
        comp = ofac_explain(g, node, parties=parties)
        assert comp["blocked"] and comp["aggregate_pct"] == 55, comp["computation"]
    assert eu_explain(g, b1, parties=parties)["flag"] is False  # no owner above 50 %
    # without the resolution the copies are apart: b1 has 30 %, b2 25 %
    assert not ofac_explain(g, b1)["blocked"] and not ofac_explain(g, b2)["blocked"]
    result = exposure(g, parties.members(b1), depth=1, parties=parties)
    assert result.node["party"] == ["b1", "b2"]
    assert {p["target"]["id"] for p in result.paths} == {"x1", "z"}  # one path per party
    # a party reached on one list goes on from its other copies, at the same depth: W owns
    # a share of A's copy a2, Y of a1
    from_y = exposure(g, [g.id_index["y"]], depth=2, parties=parties)
    to_w = next(p for p in from_y.paths if p["target"]["id"] == "w")
    assert [h["kind"] for h in to_w["hops"]] == ["ownership", "same_as", "ownership"]
    assert to_w["length"] == 2 and not to_w["through_designated"]
    assert exposure(g, [g.id_index["y"]], depth=2).paths[0]["target"]["id"] == "x1"
    assert "w" not in {p["target"]["id"] for p in exposure(g, [g.id_index["y"]], depth=2).paths}

"""The command line names a screening's result by its party, as a shipment decision does:
檀君贸易公司 reaches the METI copy (jp_meti_eul:386) of Korean Tangun Trading Corporation, whose
party is named by its UN entry (un_sc:KPe.008); the table shows the UN entry first, the copy
that matched, then the party's other lists in the party's order."""

from __future__ import annotations

from tradeguard.cli.render.screening import party_cell
from tradeguard.screening.model import Match


def _match(entity_id: str, party_id: str, members: list[str]) -> Match:
    return Match(
        entity_id=entity_id,
        list=entity_id.split(":")[0],
        source_id=entity_id.split(":")[1],
        schema="Organization",
        caption="KOREAN TANGUN TRADING CORPORATION",
        matched_name="檀君貿易会社",
        score=0.9439,
        programs=[],
        explanation={},
        party_id=party_id,
        memberships=[{"entity_id": e, "list": e.split(":")[0]} for e in members],
    )


def test_the_party_comes_first_with_the_copy_that_matched() -> None:
    members = ["un_sc:KPe.008", "us_ofac_sdn:11599", "jp_meti_eul:386", "jp_mof:14-8"]
    cell = party_cell(_match("jp_meti_eul:386", "un_sc:KPe.008", members))
    assert cell == (
        "un_sc:KPe.008 (matched jp_meti_eul:386); same party on us_ofac_sdn, jp_meti_eul, jp_mof"
    )
    assert party_cell(_match("un_sc:KPe.008", "un_sc:KPe.008", members[:1])) == "un_sc:KPe.008"

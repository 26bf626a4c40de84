"""Cross-list resolution on the bundled snapshot (UN, OFAC SDN, US CSL): links, review, the
entity report's cluster, and links counting as identity in exposure."""

from __future__ import annotations

import pytest

from tradeguard.errors import InputError, NotFoundError
from tradeguard.network.exposure import Exposure
from tradeguard.network.resolve import (
    entity_report_with_cluster,
    list_links,
    propose_links,
    review_link,
)
from tradeguard.service import Service
from tradeguard.store import Store


@pytest.mark.slow
def test_links_review_and_cluster(loaded_store: Store) -> None:
    first = propose_links(loaded_store)
    assert first["added"] > 1000
    assert propose_links(loaded_store)["added"] == 0  # idempotent
    links = list_links(loaded_store, "un_sc:KPe.039")
    partners = {(link.a, link.b): link for link in links}
    # the CSL republishes the SDN entry of the UN-designated joint venture
    sdn = partners[("un_sc:KPe.039", "us_ofac_sdn:9526")]
    assert sdn.method == "exact_name" and not sdn.counts
    report = entity_report_with_cluster(loaded_store, "un_sc:KPe.039")
    assert report.cluster.entities == ["un_sc:KPe.039"]

    review_link(loaded_store, sdn.id, "confirmed", "analyst A")
    report = entity_report_with_cluster(loaded_store, "un_sc:KPe.039")
    lists = {m.list for m in report.memberships}
    assert {"un_sc", "us_ofac_sdn"} <= lists
    assert "us_ofac_sdn:9526" in report.cluster.entities
    confirmed = next(x for x in report.cluster.links if x.id == sdn.id)
    assert confirmed.reviewed_by == "analyst A" and confirmed.status == "confirmed"

    # exposure traces the party, not one copy: either copy's id gives the same answer
    by_un = _exposure(loaded_store, "un_sc:KPe.039", depth=2).to_dict()
    by_sdn = _exposure(loaded_store, "us_ofac_sdn:9526", depth=2).to_dict()
    assert by_sdn["node"] == by_un["node"] and by_sdn["paths"] == by_un["paths"]
    assert by_un["paths"]

    # identifier links count until rejected
    auto = next(
        x
        for x in list_links(loaded_store, status="proposed", limit=20000)
        if x.method == "identifier"
    )
    assert auto.counts
    assert not review_link(loaded_store, auto.id, "rejected", "analyst B").counts
    with pytest.raises(NotFoundError):
        review_link(loaded_store, 10**9, "confirmed", "x")
    with pytest.raises(InputError):
        review_link(loaded_store, auto.id, "maybe", "x")


def _exposure(store: Store, name_or_id: str, depth: int) -> Exposure:
    """The exposure of the one party a name or id means (``Service.exposure``)."""
    traced = Service(store).exposure(name_or_id, depth)
    assert traced.exposure is not None, [c.id for c in traced.candidates]
    return traced.exposure

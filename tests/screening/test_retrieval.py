"""Candidate retrieval: a name that another publisher writes with other spellings of every word
is retrieved even when an unrelated entry shares one of the query's words exactly.

The pairs are the same designated person as two publishers write them (the EU, OFAC and the
CSL), paired by the lists' own ids; each scores above the threshold when compared directly but
was never retrieved, so never scored, while only the forms within half the best retrieval
weight were kept (algorithm 19; the first ``MIN_KEPT`` forms are kept since algorithm 20).
"""

from __future__ import annotations

import pytest

from tradeguard.screening import Query, Screener
from tradeguard.screening.candidates import CANDIDATES, RATIO
from tradeguard.screening.index import MIN_KEPT
from tradeguard.screening.model import compatible_schemas

OFAC = ["us_ofac_sdn", "us_ofac_cons"]


@pytest.mark.parametrize(
    ("name", "lists", "entry"),
    [
        # EU 162924 / SDN 46748: TROSHEV, Andrej Nikolaevich shares "Andrej" exactly
        ("Andrej Kazazajev", OFAC, "us_ofac_sdn:46748"),
        # EU 153634 / SDN 40906: PAJIC BASTINAC, Jelena shares "Jelena"
        ("Jelena Anatoljevna LENSKAJA", OFAC, "us_ofac_sdn:40906"),
        # CSL and SDN 10892 (the CSL's own spelling of another alias): KANAAN, Ghazi
        ("KANAAN, Fauzi", OFAC, "us_ofac_sdn:10892"),
        # EU / SDN 22259: AL-AKHRAS, Eyad and four other MAKHLUFs
        ("Eyad MAKHLOUF", OFAC, "us_ofac_sdn:22259"),
    ],
)
def test_a_name_spelt_otherwise_is_retrieved(
    full: Screener, name: str, lists: list[str], entry: str
) -> None:
    matches = full.screen(Query(name, schema="Person", lists=lists))
    found = {e for m in matches for e in [m.entity_id, *(x["entity_id"] for x in m.memberships)]}
    assert entry in found


def test_the_kept_forms_do_not_flood(full: Screener) -> None:
    """Beyond the forms within the ratio, the first ``MIN_KEPT`` are kept, in the order of
    their weight and no more; never more than the cap, however common the query's words."""
    mask = full._mask(compatible_schemas("Person"), OFAC)
    forms = full.analysed("Andrej Kazazajev", True)
    kept = full.index.candidates(forms, CANDIDATES, mask, RATIO)
    ranked = full.index.candidates(forms, CANDIDATES, mask)
    assert kept == ranked[:MIN_KEPT]
    common = full.analysed("Muhammad Ali", True)
    assert len(full.index.candidates(common, CANDIDATES, mask, RATIO)) <= CANDIDATES

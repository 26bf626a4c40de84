"""Candidate retrieval and name scoring: the list entries a query's name may be, each with
the best score of its names.

The candidate forms come from the retrieval index (:class:`~tradeguard.screening.index.NameIndex`);
every name of each entry found is scored against the query's forms
(:func:`~tradeguard.screening.compare.best_alignment`), and the entries carrying one of its names
on other lists (twins) are scored too. Ranking and the evidence beyond the name are in
:mod:`tradeguard.screening.results`.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tradeguard.lists.model import NameKind
from tradeguard.names.analysis import NameForm
from tradeguard.screening import features as ft
from tradeguard.screening.compare import PRUNED, QueryPlan, RawPair, best_alignment
from tradeguard.screening.entries import IndexedEntries, NameRecord
from tradeguard.screening.model import Query

CANDIDATES = 48  # forms scored per query at most
RATIO = 0.5  # ... and only those with at least this share of the best retrieval weight

#: An alignment kept for an entity: score, token pairs, query form index, candidate form id.
Aligned = tuple[float, list[RawPair], int, int]
#: Per entity: its name score after the kind factor, the name, and the alignment that gave it.
Scored = dict[int, tuple[float, NameRecord, Aligned | None]]

KIND_FACTOR = {
    NameKind.PRIMARY: 1.0,
    NameKind.ALIAS: 1.0,
    NameKind.ORIGINAL_SCRIPT: 1.0,
    NameKind.FORMER: 0.97,
    NameKind.WEAK_ALIAS: ft.WEAK_ALIAS_FACTOR,
}


class Candidates(IndexedEntries):
    """The entries and their index, with candidate retrieval and name scoring."""

    def threshold_for(self, list_id: str, threshold: float | None = None) -> float:
        """The threshold that applies to matches of a list (an explicit one wins)."""
        if threshold is not None:
            return threshold
        return self.list_thresholds.get(list_id, self.threshold)

    def _retrieve(
        self,
        plan: QueryPlan,
        qforms: list[NameForm],
        mask: npt.NDArray[np.bool_] | None,
        id_hits: set[int],
        cut: float,
        wanted: int,
        scored: Scored,
    ) -> None:
        """Retrieve up to ``wanted`` candidate forms and score their entries' names into
        ``scored``, then the other lists' copies of the entries found."""
        # The same name is often on several lists (the CSL repeats the SDN): score each
        # distinct form once per query.
        memo: dict[tuple[str, str, str, bool], tuple[float, list[RawPair], int]] = {}
        found = self.index.candidates(qforms, wanted, mask, RATIO)
        records: list[NameRecord] = []
        seen_names: set[int] = set()
        form_name = self.form_name
        for form_id in found:
            n_idx = int(form_name[form_id])
            if n_idx not in seen_names:
                seen_names.add(n_idx)
                records.append(self.names[n_idx])
        self._score_records(plan, records, memo, id_hits, cut, scored)
        # An entry found is also looked for on the other lists that carry one of its names
        # as it is written (the CSL repeats the SDN, some with other spellings): the same
        # party's designation on each list, however its retrieval ranked. Every entry
        # retrieved brings its twins, whatever it scored: which twins are scored must not
        # depend on the threshold (an entry below a high threshold but above a low one
        # would otherwise bring a twin scoring above both only at the low one).
        twins = self.twins
        retrieved = {r.entity for r in records}
        more = {t for e_idx in retrieved if e_idx in twins for t in twins[e_idx]}
        if more:
            extra = [
                r for r in self._records_of(more) if mask is None or (r.forms and mask[r.forms[0]])
            ]
            self._score_records(plan, extra, memo, id_hits, cut, scored)

    def _score_records(
        self,
        plan: QueryPlan,
        records: list[NameRecord],
        memo: dict[tuple[str, str, str, bool], tuple[float, list[RawPair], int]],
        id_hits: set[int],
        cut: float,
        scored: dict[int, tuple[float, NameRecord, Aligned | None]],
    ) -> None:
        """Score the names of ``records`` against the query, each distinct form once per query
        (``memo``), keeping each entry's best name in ``scored``."""
        form = self.form
        plan.prepare(form(f) for record in records for f in record.forms)
        packed = self.packed
        for record in records:
            # an entry found by identifier is reported whatever its names score
            name_cut = 0.0 if record.entity in id_hits else cut
            best: Aligned | None = None
            for f in record.forms:
                key = packed[f]
                got = memo.get(key)
                if got is None or (got[0] == PRUNED and not name_cut):
                    got = memo[key] = best_alignment(plan, form(f), self.form_weights(f), name_cut)
                if best is None or got[0] > best[0]:
                    best = (got[0], got[1], got[2], f)
            if best is None or best[0] == PRUNED:
                continue
            value = best[0] * KIND_FACTOR[record.kind]
            prev = scored.get(record.entity)
            if prev is None or value > prev[0]:
                scored[record.entity] = (value, record, best)

    def _cut(self, query: Query, threshold: float | None) -> float:
        """The name score below which no entry can reach its threshold, however well the
        query's birth date and country agree (candidates below it need not be scored fully)."""
        if threshold is not None:
            lowest = threshold
        else:
            lists = self.list_codes if query.lists is None else query.lists
            lowest = min([self.threshold, *(self.list_thresholds.get(name, 1.0) for name in lists)])
        lift = (ft.BIRTH_DATE_EXACT if query.birth_date else 0.0) + (
            ft.COUNTRY_AGREES if query.countries else 0.0
        )
        # a final score is rounded (features.SCORE_DIGITS): one that rounds up to the
        # threshold reaches it
        return max(0.0, lowest - lift - 0.5 * 10.0**-ft.SCORE_DIGITS)

    def _identifier_hits(self, query: Query, schemas: frozenset[str] | None) -> set[int]:
        hits: set[int] = set()
        for value in query.identifiers:
            for key in ft.identifier_keys(value):
                for e_idx in self.identifiers.get(key, []):
                    entity = self.entities[e_idx]
                    if schemas is not None and entity.schema not in schemas:
                        continue
                    if query.lists is not None and entity.list not in query.lists:
                        continue
                    hits.add(e_idx)
        return hits

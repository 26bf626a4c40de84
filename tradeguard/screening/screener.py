"""The screener: retrieve candidates for a query, score them, explain each match.

The entries it screens against, their name forms and retrieval index are
:class:`~tradeguard.screening.entries.IndexedEntries` (built once, cached on disk); a
candidate's evidence beyond the name is weighed in :mod:`tradeguard.screening.secondary`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from tradeguard.errors import InputError
from tradeguard.lists.consequences import list_info
from tradeguard.lists.model import LIST_IDS, Entity, NameKind
from tradeguard.names.analysis import NameForm, analyse
from tradeguard.names.normalize import fold
from tradeguard.names.vocab import versions as vocab_versions
from tradeguard.screening import abbreviations, branch, cache
from tradeguard.screening import features as ft
from tradeguard.screening.compare import (
    PRUNED,
    NameScore,
    QueryPlan,
    RawPair,
    best_alignment,
    best_score,
    explain_alignment,
)
from tradeguard.screening.entries import (
    ALGORITHM,
    ALGORITHM_VERSION,
    IndexedEntries,
    NameRecord,
    person_schema,
)
from tradeguard.screening.model import Match, Query, birth_date, compatible_schemas
from tradeguard.screening.secondary import evaluate, shared_word, trade_words_only
from tradeguard.screening.secondary import place_name_only as placed_only

if TYPE_CHECKING:
    from tradeguard.store import Store

CANDIDATES = 48  # forms scored per query at most
RATIO = 0.5  # ... and only those with at least this share of the best retrieval weight

#: An alignment kept for an entity: score, token pairs, query form index, candidate form id.
_Aligned = tuple[float, list[RawPair], int, int]
#: Per entity: its name score after the kind factor, the name, and the alignment that gave it.
_Scored = dict[int, tuple[float, NameRecord, _Aligned | None]]
#: A candidate at or above its threshold: score, entity id, entity index, the name matched,
#: the alignment and the effects of the features beyond the name.
_Ranked = tuple[float, str, int, NameRecord, _Aligned | None, list[ft.Effect]]

KIND_FACTOR = {
    NameKind.PRIMARY: 1.0,
    NameKind.ALIAS: 1.0,
    NameKind.ORIGINAL_SCRIPT: 1.0,
    NameKind.FORMER: 0.97,
    NameKind.WEAK_ALIAS: ft.WEAK_ALIAS_FACTOR,
}


class Screener(IndexedEntries):
    """Screens parties against every name of the loaded list entries.

    Build it with :meth:`from_store` (cached on disk per set of list versions) or
    :meth:`from_entities`; then :meth:`screen` a :class:`Query` or :meth:`compare` two names.
    """

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_entities(cls, entities: Iterable[Entity], versions_key: str | None = None) -> Screener:
        """Build from entities; with ``versions_key``, reuse or write the on-disk cache."""
        if versions_key is not None:
            cached = cache.load(versions_key)
            if isinstance(cached, cls):
                return cached
        screener = cls.build(entities)
        if versions_key is not None:
            screener.versions_key = versions_key
            cache.save(screener, versions_key)
        return screener

    @classmethod
    def from_store(cls, store: Store) -> Screener:
        """Build from the store's current list versions (cached per set of versions); an
        empty store first gets the bundled snapshot."""
        from tradeguard.lists.snapshot import ensure_loaded

        ensure_loaded(store)
        versions = store.current_versions()
        digest = hashlib.sha256()
        for version in sorted(versions, key=lambda v: (v.list, v.sha256)):
            digest.update(f"{version.list}:{version.sha256}\n".encode())
        screener = cls.from_entities(_lazy(store), versions_key=digest.hexdigest())
        screener.list_versions = {v.list: v.sha256 for v in versions}
        screener.add_reviewed_links(_confirmed_links(store))
        return screener

    # -- screening ------------------------------------------------------------------------

    def threshold_for(self, list_id: str, threshold: float | None = None) -> float:
        """The threshold that applies to matches of a list (an explicit one wins)."""
        if threshold is not None:
            return threshold
        return self.list_thresholds.get(list_id, self.threshold)

    def screen(self, query: Query, threshold: float | None = None, limit: int = 10) -> list[Match]:
        """The entries the query may be, best first, each scoring at least the threshold; for
        an organisation, also the listed party whose branch, office or agent the query names
        (:mod:`.branch`), also read with a country's abbreviation (:mod:`.abbreviations`)."""
        one = abbreviations.screening(self._screen_name, threshold, limit)
        return branch.widen(one, query, one(query), limit)

    def _screen_name(self, query: Query, threshold: float | None, limit: int) -> list[Match]:
        """The entries the query's name (as one name) may be, best first."""
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InputError(f"threshold {threshold} is outside 0..1", field="threshold")
        schemas = compatible_schemas(query.schema)
        qforms = self._prepare(query)
        mask = self._mask(schemas, query.lists)
        id_hits = self._identifier_hits(query, schemas)
        cut = self._cut(query, threshold)
        scored: _Scored = {}
        plan: QueryPlan | None = None
        if qforms:
            plan = QueryPlan.of(qforms, self.weights, organisation=query.schema != "Person")
            self._retrieve(plan, qforms, mask, id_hits, cut, max(CANDIDATES, 4 * limit), scored)
        for e_idx in id_hits:
            if e_idx not in scored:
                first = self._records_of({e_idx})[0]
                scored[e_idx] = (0.0, first, None)
        ranked = self._rank(query, qforms, scored, id_hits, cut, threshold)
        return self._results(query, qforms, plan, ranked, schemas, limit)

    def _prepare(self, query: Query) -> list[NameForm]:
        """Normalise the query's birth date and schema in place; the forms of its name."""
        query.birth_date = birth_date(query.birth_date)
        if not query.schema:
            query.schema = None
        else:
            query.schema = next(s for s in _SCHEMA_NAMES if s.lower() == query.schema.lower())
        if query.name and sum(c.isalnum() for c in query.name) == 1 and not query.identifiers:
            raise InputError(
                "the name has a single letter or digit: too short to screen", field="name"
            )
        qforms = self.analysed(query.name, person_schema(query.schema)) if query.name else []
        if not qforms and not query.identifiers:
            raise InputError("the name has no letters or digits", field="name")
        return qforms

    def _retrieve(
        self,
        plan: QueryPlan,
        qforms: list[NameForm],
        mask: npt.NDArray[np.bool_] | None,
        id_hits: set[int],
        cut: float,
        wanted: int,
        scored: _Scored,
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

    def _rank(
        self,
        query: Query,
        qforms: list[NameForm],
        scored: _Scored,
        id_hits: set[int],
        cut: float,
        threshold: float | None,
    ) -> list[_Ranked]:
        """The scored entries that reach their list's threshold once the evidence beyond the
        name is weighed, best first."""
        ranked: list[_Ranked] = []
        folded = fold(query.name)
        for e_idx, (name_value, record, aligned) in scored.items():
            if name_value < cut and e_idx not in id_hits:
                continue  # below the threshold whatever the other features say
            name_score = aligned[0] if aligned is not None else None
            # a short name (KT, SIG, Samt: one distinctive word of a few letters) or an
            # acronym the list gives in brackets is not the party's full name
            # (or the query is one of the entry's names as listed, whatever its form: 国防科学院
            # as METI writes it, whose first form is its Japanese reading)
            verbatim = (
                aligned is not None
                and aligned[0] >= ft.EXACT_NAME
                and any(fold(r.value) == folded for r in self._records_of({e_idx}))
            )
            full = aligned is not None and (record.forms[:1] == [aligned[3]] or verbatim)
            short = aligned is not None and shared_word(
                qforms[aligned[2]], self.form(aligned[3]), full and aligned[0] >= ft.EXACT_NAME
            )
            # the names share only words of a country and of a trade (Korea Development Bank
            # from KR / KOREA UNITED DEVELOPMENT BANK of the DPRK)
            # (never when the query is one of the entry's names as listed, whatever its words)
            trade = (
                aligned is not None
                and query.schema != "Person"
                and trade_words_only(
                    qforms[aligned[2]], self.form(aligned[3]), aligned[1], query.countries
                )
                and not verbatim
            )
            # a place and a trade alone (Dalian Trading Co.) meeting a longer listed name
            pair = aligned if not verbatim and query.schema != "Person" else None
            placed = (
                pair is not None
                and pair[0] < ft.EXACT_NAME
                and placed_only(qforms[pair[2]], self.form(pair[3]), pair[1])
            )
            list_id = self.entities[e_idx].list
            # a namesake goes below the list's alert threshold (a caller asking for lower
            # scores still sees it, with the reason)
            score, effects = evaluate(
                self,
                query,
                e_idx,
                name_value,
                record,
                name_score,
                e_idx in id_hits,
                self.threshold_for(list_id),
                short=short,
                full=full,
                trade=trade,
                placed=placed,
            )
            if score >= self.threshold_for(list_id, threshold):
                ranked.append((score, self.entities[e_idx].id, e_idx, record, aligned, effects))
        # among equal scores the designating list first (a party's UN entry before its copies)
        ranked.sort(key=lambda r: (-r[0], _LIST_RANK.get(self.entities[r[2]].list, 99), r[1]))
        return ranked

    def _results(
        self,
        query: Query,
        qforms: list[NameForm],
        plan: QueryPlan | None,
        ranked: list[_Ranked],
        schemas: frozenset[str] | None,
        limit: int,
    ) -> list[Match]:
        """One match per party, its best-scoring entry with every entry of the party."""
        scores = {r[2]: (r[0], r[3].value) for r in ranked}
        seen_parties: set[int] = set()
        matches: list[Match] = []
        for score, _, e_idx, record, aligned, effects in ranked:
            if len(matches) >= limit:
                break
            party = self.party[e_idx] if self.party else e_idx
            if party in seen_parties:
                continue
            seen_parties.add(party)
            if schemas is not None and self.party:
                # a Person query reaching the LegalEntity copy of an organisation's party
                members = self.members(e_idx)
                if any(self.entities[m].schema not in schemas for m in members):
                    continue
            result = None
            if aligned is not None and plan is not None:
                a_score, pairs, n, f = aligned
                result = explain_alignment(
                    a_score, pairs, qforms[n], self.form(f), plan.weights[n], self.form_weights(f)
                )
            match = self._match(query, e_idx, record, result, effects, score=score)
            self._add_party(match, e_idx, scores)
            matches.append(match)
        return matches

    def _add_party(self, match: Match, e_idx: int, scores: dict[int, tuple[float, str]]) -> None:
        """The party of a match: every entry resolved as the same party and why."""
        members = self.members(e_idx) if self.party else [e_idx]
        # named by its designating entry (the UN's before its copies), whatever order the
        # lists were loaded in
        members = sorted(
            members,
            key=lambda m: (_LIST_RANK.get(self.entities[m].list, 99), self.entities[m].id),
        )
        match.party_id = self.entities[members[0]].id
        match.memberships = [
            {
                "entity_id": self.entities[m].id,
                "list": self.entities[m].list,
                "source_id": self.entities[m].source_id,
                "schema": self.entities[m].schema,
                "caption": self.entities[m].caption,
                "programs": list(self.entities[m].programs),
                "consequence": list_info(self.entities[m].list).consequence(),
                "list_version": self.list_versions.get(self.entities[m].list),
                "score": round(scores[m][0], 4) if m in scores else None,
                "matched_name": scores[m][1] if m in scores else None,
                "matched": m == e_idx,
            }
            for m in members
        ]
        match.party_evidence = list(self.party_evidence.get(self.party[e_idx], []))

    def _score_records(
        self,
        plan: QueryPlan,
        records: list[NameRecord],
        memo: dict[tuple[str, str, str, bool], tuple[float, list[RawPair], int]],
        id_hits: set[int],
        cut: float,
        scored: dict[int, tuple[float, NameRecord, _Aligned | None]],
    ) -> None:
        """Score the names of ``records`` against the query, each distinct form once per query
        (``memo``), keeping each entry's best name in ``scored``."""
        form = self.form
        plan.prepare(form(f) for record in records for f in record.forms)
        packed = self.packed
        for record in records:
            # an entry found by identifier is reported whatever its names score
            name_cut = 0.0 if record.entity in id_hits else cut
            best: _Aligned | None = None
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
        return max(0.0, lowest - lift - 1e-9)

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

    def _match(
        self,
        query: Query,
        e_idx: int,
        record: NameRecord,
        result: NameScore | None,
        effects: list[ft.Effect],
        score: float,
    ) -> Match:
        entity = self.entities[e_idx]
        explanation: dict[str, Any] = {
            "algorithm": f"{ALGORITHM}/{ALGORITHM_VERSION}",
            "query_name": query.name,
            "matched_name": record.value,
            "name_kind": str(record.kind),
            "name_score": round(result.score, 4) if result is not None else 0.0,
            "name": result.explain() if result is not None else None,
            "features": [e.to_dict() for e in effects],
            "threshold": self.threshold_for(entity.list),
        }
        return Match(
            entity_id=entity.id,
            list=entity.list,
            source_id=entity.source_id,
            schema=entity.schema,
            caption=entity.caption,
            matched_name=record.value,
            score=score,
            programs=list(entity.programs),
            explanation=explanation,
        )

    def compare(self, name_a: str, name_b: str, schema: str | None = None) -> dict[str, Any]:
        """Score two names with the same scorer the index uses, and explain the score."""
        compatible_schemas(schema)
        person = person_schema(schema)
        forms_a = analyse(name_a, person)
        forms_b = analyse(name_b, person)
        if not forms_a:
            raise InputError("the first name has no letters or digits", field="name_a")
        if not forms_b:
            raise InputError("the second name has no letters or digits", field="name_b")
        result = best_score(forms_a, forms_b, self.weights, organisation=person is not True)
        assert result is not None
        part = None
        if person is not True:
            for a, b, found in branch.compare_parts(name_a, name_b):
                other = best_score(analyse(a, person), analyse(b, person), self.weights, True)
                if other is not None and other.score >= ft.EXACT_NAME > result.score:
                    result, part = other, found
        return {
            "algorithm": f"{ALGORITHM}/{ALGORITHM_VERSION}",
            "name_a": name_a,
            "name_b": name_b,
            "schema": schema,
            "score": round(result.score, 4),
            "threshold": self.threshold,
            "match": result.score >= self.threshold,
            "explanation": result.explain(),
            **({} if part is None else {"part": branch.part_words(part)}),
        }

    def info(self) -> dict[str, Any]:
        """What the screener holds: counts per list, vocabulary versions, the cache key."""
        per_list: dict[str, int] = {}
        for entity in self.entities:
            per_list[entity.list] = per_list.get(entity.list, 0) + 1
        return {
            "algorithm": f"{ALGORITHM}/{ALGORITHM_VERSION}",
            "entities": len(self.entities),
            "names": len(self.names),
            "forms": len(self.packed),
            "lists": dict(sorted(per_list.items())),
            "vocabularies": vocab_versions(),
            "versions_key": self.versions_key,
            "threshold": self.threshold,
            "list_thresholds": dict(self.list_thresholds),
        }


_LIST_RANK = {name: n for n, name in enumerate(LIST_IDS)}

_SCHEMA_NAMES = (
    "Person",
    "Organization",
    "Company",
    "LegalEntity",
    "Vessel",
    "Airplane",
    "CryptoWallet",
)


def _confirmed_links(store: Store) -> list[tuple[str, str, str]]:
    """The cross-list links a reviewer confirmed (``graph review``)."""
    from sqlalchemy import select

    from tradeguard.network.tables import EntityLinkRow

    with store.session() as session:
        rows = session.execute(
            select(EntityLinkRow.a_id, EntityLinkRow.b_id, EntityLinkRow.reviewed_by).where(
                EntityLinkRow.status == "confirmed"
            )
        ).all()
    return [(a, b, f"link confirmed by {who}") for a, b, who in rows]


def _lazy(store: Store) -> Iterator[Entity]:
    yield from store.iter_current_entities()

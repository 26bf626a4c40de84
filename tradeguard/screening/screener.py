"""The screener: retrieve candidates for a query, score them, explain each match."""

from __future__ import annotations

import builtins
import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from tradeguard.errors import InputError
from tradeguard.lists.consequences import list_info
from tradeguard.lists.model import LIST_IDS, Entity, NameKind
from tradeguard.names.analysis import NameForm, Token, TokenClass, analyse, make_token
from tradeguard.names.vocab import versions as vocab_versions
from tradeguard.names.vocab import vocabulary
from tradeguard.network import parties as party_resolution
from tradeguard.screening import features as ft
from tradeguard.screening.compare import (
    PRUNED,
    NameScore,
    QueryPlan,
    RawPair,
    Weights,
    best_alignment,
    best_score,
    explain_alignment,
)
from tradeguard.screening.index import NameIndex
from tradeguard.screening.model import Match, Query, birth_date, compatible_schemas

if TYPE_CHECKING:
    from tradeguard.store import Store

ALGORITHM = "tradeguard-names"
ALGORITHM_VERSION = "18"
CANDIDATES = 48  # forms scored per query at most
RATIO = 0.5  # ... and only those with at least this share of the best retrieval weight

#: An alignment kept for an entity: score, token pairs, query form index, candidate form id.
_Aligned = tuple[float, list[RawPair], int, int]

KIND_FACTOR = {
    NameKind.PRIMARY: 1.0,
    NameKind.ALIAS: 1.0,
    NameKind.ORIGINAL_SCRIPT: 1.0,
    NameKind.FORMER: 0.97,
    NameKind.WEAK_ALIAS: ft.WEAK_ALIAS_FACTOR,
}


@dataclass(slots=True)
class EntityRecord:
    """What screening keeps of a list entry (the rest stays in the store)."""

    id: str
    list: str
    source_id: str
    schema: str
    caption: str
    programs: builtins.list[str]
    birth_dates: builtins.list[str]
    countries: builtins.list[str]
    identifiers: builtins.list[str]


@dataclass(slots=True)
class NameRecord:
    entity: int
    value: str
    kind: NameKind
    forms: list[int] = field(default_factory=list)


def pack(form: NameForm) -> tuple[str, str, str, bool]:
    """A name form as plain strings (small and fast to load from the cache)."""
    texts = " ".join(t.text for t in form.tokens)
    classes = "".join(str(int(t.cls)) for t in form.tokens)
    return texts, classes, form.method, form.abjad


def unpack(packed: tuple[str, str, str, bool]) -> NameForm:
    texts, classes, method, abjad = packed
    tokens: tuple[Token, ...] = tuple(
        make_token(text, TokenClass(int(c))) for text, c in zip(texts.split(), classes, strict=True)
    )
    return NameForm(tokens, method, abjad)


def _person(schema: str | None) -> bool | None:
    if schema is None:
        return None
    return schema == "Person"


class Screener:
    """Screens parties against every name of the loaded list entries.

    Build it with :meth:`from_store` (cached on disk per set of list versions) or
    :meth:`from_entities`; then :meth:`screen` a :class:`Query` or :meth:`compare` two names.
    """

    def __init__(self) -> None:
        self.entities: list[EntityRecord] = []
        self.names: list[NameRecord] = []
        self.packed: list[tuple[str, str, str, bool]] = []  # tokens, classes, method, abjad
        self.form_name: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.form_schema: npt.NDArray[np.int16] = np.zeros(0, dtype=np.int16)
        self.form_list: npt.NDArray[np.int16] = np.zeros(0, dtype=np.int16)
        self.schema_codes: dict[str, int] = {}
        self.list_codes: dict[str, int] = {}
        self.index = NameIndex()
        self.doc_freq: dict[str, int] = {}
        self.identifiers: dict[str, list[int]] = {}
        #: per entry, the entries of other lists that carry one of its names exactly (the same
        #: words in the same order) with a schema of the same kind: the CSL's copy of an SDN
        #: entry, the UN designation a national list repeats
        self.twins: dict[int, tuple[int, ...]] = {}
        #: per entry, its party: the lowest index of the entries resolved as one designated
        #: party (:mod:`tradeguard.network.parties`), the joins and their evidence per party
        self.party: list[int] = []
        self.party_links: list[party_resolution.Link] = []
        self.party_evidence: dict[int, list[str]] = {}
        self._party_members: dict[int, list[int]] | None = None
        #: list -> the loaded version's sha256 (set by :meth:`from_store`)
        self.list_versions: dict[str, str] = {}
        self.versions_key: str | None = None
        self.build_seconds = 0.0
        self.threshold = vocabulary().threshold
        self.list_thresholds: dict[str, float] = dict(vocabulary().list_thresholds)
        self._weights: Weights | None = None
        self._masks: dict[tuple[Any, ...], npt.NDArray[np.bool_] | None] = {}
        self._forms: dict[int, NameForm] = {}
        self._form_weights: dict[int, list[float]] = {}
        self._entity_names: dict[int, list[NameRecord]] | None = None

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_entities(cls, entities: Iterable[Entity], versions_key: str | None = None) -> Screener:
        """Build from entities; with ``versions_key``, reuse or write the on-disk cache."""
        from tradeguard.screening import cache

        if versions_key is not None:
            cached = cache.load(versions_key)
            if cached is not None:
                return cached
        screener = cls._build(entities)
        if versions_key is not None:
            screener.versions_key = versions_key
            cache.save(screener, versions_key)
        return screener

    @classmethod
    def from_store(cls, store: Store) -> Screener:
        """Build from the store's current list versions (cached per set of versions)."""
        store.ensure_loaded()
        versions = store.current_versions()
        digest = hashlib.sha256()
        for version in sorted(versions, key=lambda v: (v.list, v.sha256)):
            digest.update(f"{version.list}:{version.sha256}\n".encode())
        screener = cls.from_entities(_lazy(store), versions_key=digest.hexdigest())
        screener.list_versions = {v.list: v.sha256 for v in versions}
        screener.add_reviewed_links(_confirmed_links(store))
        return screener

    def add_reviewed_links(self, pairs: Iterable[tuple[str, str, str]]) -> None:
        """Join the entries of reviewer-confirmed links ``(a_id, b_id, why)`` into one party
        (the resolution of the lists is kept; only these joins are added)."""
        index = {e.id: i for i, e in enumerate(self.entities)}
        extra = [
            (index[a], index[b], why)
            for a, b, why in pairs
            if a in index and b in index and self.party[index[a]] != self.party[index[b]]
        ]
        if extra:
            self.party, self.party_evidence = party_resolution.resolve(
                [e.id for e in self.entities],
                [party_resolution.entry_key(e.id, e.schema, e.caption) for e in self.entities],
                self.party_links,
                forced=extra,
            )
            self._party_members = None

    def members(self, e_idx: int) -> list[int]:
        """The entries of an entry's party (itself alone when no other copy is known)."""
        if self._party_members is None:
            groups: dict[int, list[int]] = {}
            for i, p in enumerate(self.party):
                groups.setdefault(p, []).append(i)
            self._party_members = {p: m for p, m in groups.items() if len(m) > 1}
        return self._party_members.get(self.party[e_idx], [e_idx])

    @classmethod
    def _build(cls, entities: Iterable[Entity]) -> Screener:
        started = time.perf_counter()
        self = cls()
        forms: list[NameForm] = []
        form_name: list[int] = []
        form_schema: list[int] = []
        form_list: list[int] = []
        doc_freq: dict[str, int] = {}
        spelt: dict[tuple[str, bool], set[int]] = {}  # (first form's words, person) -> entries
        facts: list[party_resolution.PartyFacts] = []
        for entity in entities:
            e_idx = len(self.entities)
            ids: list[str] = []
            for ident in entity.identifiers:
                ids.append(ident.value)
                for key in ft.identifier_keys(ident.value):
                    bucket = self.identifiers.setdefault(key, [])
                    if not bucket or bucket[-1] != e_idx:
                        bucket.append(e_idx)
            countries = list(dict.fromkeys(entity.nationalities + entity.countries))
            facts.append(
                party_resolution.PartyFacts(
                    entity.list,
                    entity.source_id,
                    entity.schema,
                    [n.value for n in entity.names if n.kind != NameKind.WEAK_ALIAS],
                    list(entity.birth_dates),
                    countries,
                    list(entity.properties.get("un_reference", [])),
                    [(i.type, i.value, i.country) for i in entity.identifiers],
                )
            )
            self.entities.append(
                EntityRecord(
                    entity.id,
                    entity.list,
                    entity.source_id,
                    entity.schema,
                    entity.caption,
                    list(entity.programs),
                    list(entity.birth_dates),
                    # the countries of its addresses too (the CSL gives a firm's only there)
                    list(
                        dict.fromkeys(
                            [*countries, *(a.country for a in entity.addresses if a.country)]
                        )
                    ),
                    ids,
                )
            )
            s_code = self.schema_codes.setdefault(entity.schema, len(self.schema_codes))
            l_code = self.list_codes.setdefault(entity.list, len(self.list_codes))
            seen: set[str] = set()
            for name in entity.names:
                if name.value in seen or sum(c.isalnum() for c in name.value) < 2:
                    # a one-character "name" (a stray initial from a split alias list) would
                    # match any query that is that one letter
                    continue
                seen.add(name.value)
                record = NameRecord(e_idx, name.value, name.kind)
                n_idx = len(self.names)
                self.names.append(record)
                words: set[str] = set()
                for form in analyse(name.value, _person(entity.schema)):
                    if not record.forms and name.kind != NameKind.WEAK_ALIAS:
                        spelt.setdefault((form.text, entity.schema == "Person"), set()).add(e_idx)
                    record.forms.append(len(forms))
                    forms.append(form)
                    self.packed.append(pack(form))
                    form_name.append(n_idx)
                    form_schema.append(s_code)
                    form_list.append(l_code)
                    words.update(t.text for t in form.tokens)
                for word in words:
                    doc_freq[word] = doc_freq.get(word, 0) + 1
        self.form_name = np.asarray(form_name, dtype=np.int32)
        self.form_schema = np.asarray(form_schema, dtype=np.int16)
        self.form_list = np.asarray(form_list, dtype=np.int16)
        self.doc_freq = doc_freq
        twins: dict[int, set[int]] = {}
        for group in spelt.values():
            for e_idx in group:
                own = self.entities[e_idx].list
                others = {o for o in group if self.entities[o].list != own}
                if others:
                    twins.setdefault(e_idx, set()).update(others)
        self.twins = {e_idx: tuple(sorted(others)) for e_idx, others in twins.items()}
        self.party_links = party_resolution.party_links(facts)
        self.party, self.party_evidence = party_resolution.resolve(
            [e.id for e in self.entities],
            [party_resolution.entry_key(e.id, e.schema, e.caption) for e in self.entities],
            self.party_links,
        )
        self.index = NameIndex.build(forms)
        self._forms = dict(enumerate(forms))
        self.build_seconds = time.perf_counter() - started
        return self

    @property
    def weights(self) -> Weights:
        if self._weights is None:
            self._weights = Weights(self.doc_freq, len(self.names))
        return self._weights

    def __getstate__(self) -> dict[str, Any]:
        # Plain tuples pickle and load several times faster than slotted dataclasses: the
        # cache must load quickly for a one-shot command line call.
        state = {
            name: getattr(self, name)
            for name in [
                "packed",
                "form_name",
                "form_schema",
                "form_list",
                "schema_codes",
                "list_codes",
                "index",
                "doc_freq",
                "identifiers",
                "twins",
                "party",
                "party_links",
                "party_evidence",
                "versions_key",
                "build_seconds",
                "threshold",
                "list_thresholds",
                "list_versions",
            ]
        }
        state["entities"] = [
            (
                e.id,
                e.list,
                e.source_id,
                e.schema,
                e.caption,
                e.programs,
                e.birth_dates,
                e.countries,
                e.identifiers,
            )
            for e in self.entities
        ]
        state["names"] = [(n.entity, n.value, str(n.kind), n.forms) for n in self.names]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        kinds = {str(k): k for k in NameKind}
        entities = state.pop("entities")
        names = state.pop("names")
        for name, value in state.items():
            setattr(self, name, value)
        self.entities = [EntityRecord(*row) for row in entities]
        self.names = [NameRecord(e, v, kinds[k], f) for e, v, k, f in names]
        self._weights = None
        self._masks = {}
        self._forms = {}
        self._form_weights = {}
        self._entity_names = None
        self._party_members = None
        if "list_versions" not in state:  # a cache file written before they were kept
            self.list_versions = {}

    def form(self, form_id: int) -> NameForm:
        """A name form by id, decoded from its packed form on first use."""
        form = self._forms.get(form_id)
        if form is None:
            form = unpack(self.packed[form_id])
            self._forms[form_id] = form
        return form

    def form_weights(self, form_id: int) -> list[float]:
        """The rarity weights of a form's tokens (computed once per form)."""
        found = self._form_weights.get(form_id)
        if found is None:
            found = self._form_weights[form_id] = self.weights.form_weights(self.form(form_id))
        return found

    # -- screening ------------------------------------------------------------------------

    def _mask(
        self, schemas: frozenset[str] | None, lists: list[str] | None
    ) -> npt.NDArray[np.bool_] | None:
        key = (schemas, None if lists is None else tuple(sorted(lists)))
        if key in self._masks:
            return self._masks[key]
        mask: npt.NDArray[np.bool_] | None = None
        if schemas is not None:
            codes = [c for s, c in self.schema_codes.items() if s in schemas]
            mask = np.isin(self.form_schema, codes)
        if lists is not None:
            codes = [c for name, c in self.list_codes.items() if name in lists]
            list_mask = np.isin(self.form_list, codes)
            mask = list_mask if mask is None else mask & list_mask
        self._masks[key] = mask
        return mask

    def threshold_for(self, list_id: str, threshold: float | None = None) -> float:
        """The threshold that applies to matches of a list (an explicit one wins)."""
        if threshold is not None:
            return threshold
        return self.list_thresholds.get(list_id, self.threshold)

    def screen(self, query: Query, threshold: float | None = None, limit: int = 10) -> list[Match]:
        """The entries the query may be, best first, each scoring at least the threshold."""
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InputError(f"threshold {threshold} is outside 0..1", field="threshold")
        schemas = compatible_schemas(query.schema)
        query.birth_date = birth_date(query.birth_date)
        if not query.schema:
            query.schema = None
        else:
            query.schema = next(s for s in _SCHEMA_NAMES if s.lower() == query.schema.lower())
        if query.name and sum(c.isalnum() for c in query.name) == 1 and not query.identifiers:
            raise InputError(
                "the name has a single letter or digit: too short to screen", field="name"
            )
        qforms = analyse(query.name, _person(query.schema)) if query.name else []
        if not qforms and not query.identifiers:
            raise InputError("the name has no letters or digits", field="name")
        mask = self._mask(schemas, query.lists)
        id_hits = self._identifier_hits(query, schemas)
        cut = self._cut(query, threshold)
        # per entity: name score after the kind factor, the name, and the alignment
        # (score, token pairs, query form, candidate form) that gave it
        scored: dict[int, tuple[float, NameRecord, _Aligned | None]] = {}
        plan: QueryPlan | None = None
        if qforms:
            plan = QueryPlan.of(qforms, self.weights, organisation=query.schema != "Person")
            # The same name is often on several lists (the CSL repeats the SDN): score each
            # distinct form once per query.
            memo: dict[tuple[str, str, str, bool], tuple[float, list[RawPair], int]] = {}
            found = self.index.candidates(qforms, max(CANDIDATES, 4 * limit), mask, RATIO)
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
            # party's designation on each list, however its retrieval ranked.
            twins = self.twins
            more = {
                t
                for e_idx, (value, _, _) in scored.items()
                if value >= cut and e_idx in twins
                for t in twins[e_idx]
                if t not in scored
            }
            if more:
                extra = [
                    r
                    for r in self._records_of(more)
                    if mask is None or (r.forms and mask[r.forms[0]])
                ]
                self._score_records(plan, extra, memo, id_hits, cut, scored)
        for e_idx in id_hits:
            if e_idx not in scored:
                first = self._records_of({e_idx})[0]
                scored[e_idx] = (0.0, first, None)
        ranked = []
        for e_idx, (name_value, record, aligned) in scored.items():
            if name_value < cut and e_idx not in id_hits:
                continue  # below the threshold whatever the other features say
            name_score = aligned[0] if aligned is not None else None
            # a short name (KT, SIG, Samt: one distinctive word of a few letters) or an
            # acronym the list gives in brackets is not the party's full name
            full = aligned is not None and record.forms[:1] == [aligned[3]]
            short = aligned is not None and _shared_word(
                qforms[aligned[2]], self.form(aligned[3]), full and aligned[0] >= ft.EXACT_NAME
            )
            list_id = self.entities[e_idx].list
            # a namesake goes below the list's alert threshold (a caller asking for lower
            # scores still sees it, with the reason)
            score, effects = self._evaluate(
                query,
                e_idx,
                name_value,
                record,
                name_score,
                e_idx in id_hits,
                self.threshold_for(list_id),
                short=short,
                full=full,
            )
            if score >= self.threshold_for(list_id, threshold):
                ranked.append((score, self.entities[e_idx].id, e_idx, record, aligned, effects))
        # among equal scores the designating list first (a party's UN entry before its copies)
        ranked.sort(key=lambda r: (-r[0], _LIST_RANK.get(self.entities[r[2]].list, 99), r[1]))
        # one result per party: its best-scoring entry, with every entry of the party
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

    def _records_of(self, entities: set[int]) -> list[NameRecord]:
        """The name records of some entries (names are stored entry by entry)."""
        if self._entity_names is None:
            starts: dict[int, list[NameRecord]] = {}
            for record in self.names:
                starts.setdefault(record.entity, []).append(record)
            self._entity_names = starts
        return [r for e_idx in sorted(entities) for r in self._entity_names.get(e_idx, [])]

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

    def _evaluate(
        self,
        query: Query,
        e_idx: int,
        name_value: float,
        record: NameRecord,
        name_score: float | None,
        id_hit: bool,
        alert: float = 1.0,
        short: bool = False,
        full: bool = True,
    ) -> tuple[float, list[ft.Effect]]:
        """The final score of a candidate and the effect of each feature beyond the name.

        For a person, a birth year more than a year from every listed one, or a country that is
        none of the listed nationalities and countries, puts the match below the alert
        threshold (``alert``): a namesake. For an organisation a country mismatch lowers the
        score, and never below the alert threshold when the full name (``full``: the entry's
        name as listed, not an acronym given in its brackets) matched exactly; but when the
        match rests on a short name (``short``: one distinctive word of a few letters, such as
        an acronym, which firms the world over share), even one the list gives on its own, a
        country mismatch puts it below the alert threshold."""
        entity = self.entities[e_idx]
        effects: list[ft.Effect] = []
        if record.kind == NameKind.WEAK_ALIAS and name_score is not None:
            effects.append(
                ft.Effect(
                    "weak_alias",
                    name_value - name_score,
                    "matched a weak (low-quality) alias, which counts less",
                )
            )
        score = name_value
        if id_hit:
            wanted = {k for q in query.identifiers for k in ft.identifier_keys(q)}
            matched = sorted(v for v in entity.identifiers if ft.identifier_keys(v) & wanted)
            lift = max(0.0, ft.IDENTIFIER_SCORE - score)
            effects.append(
                ft.Effect("identifier", lift, f"identifier {', '.join(matched)} matches exactly")
            )
            score = max(score, ft.IDENTIFIER_SCORE)
        person = entity.schema == "Person"
        below = max(0.0, alert - ft.BELOW_ALERT)
        # the party's data: what any list says of it (a copy without birth dates is the same
        # person as the UN entry that has them)
        birth_dates, countries = entity.birth_dates, entity.countries
        if self.party and (query.birth_date or query.countries):
            members = [self.entities[m] for m in self.members(e_idx)]
            if len(members) > 1:
                birth_dates = list(dict.fromkeys(d for m in members for d in m.birth_dates))
                countries = list(dict.fromkeys(c for m in members for c in m.countries))
        if query.birth_date and person:
            effect = ft.birth_date_effect(query.birth_date, birth_dates)
            if effect is not None:
                if effect.effect == ft.BIRTH_DATE_CONTRADICTS and not id_hit:
                    effect.effect = min(effect.effect, below - score)
                    effect.detail += ": a namesake, below the alert threshold"
                effects.append(effect)
                score += effect.effect
        effect = ft.country_effect(query.countries, countries)
        if effect is not None:
            exact_full = name_score is not None and name_score >= ft.EXACT_NAME and full
            if effect.effect == ft.COUNTRY_CONTRADICTS and person and not id_hit:
                effect.effect = min(effect.effect, below - score)
                effect.detail += " (nationality): a namesake, below the alert threshold"
            elif effect.effect == ft.COUNTRY_CONTRADICTS and short and not id_hit:
                effect.effect = min(effect.effect, below - score)
                effect.detail += ": a short name (or one word) shared by firms elsewhere, below the alert threshold"
            elif (
                effect.effect == ft.COUNTRY_CONTRADICTS
                and exact_full
                and score + effect.effect < alert <= score
            ):
                effect.effect = alert - score
                effect.detail += "; the full name matches exactly, so the match is kept"
            effects.append(effect)
            score += effect.effect
        return min(1.0, max(0.0, score)), effects

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
        person = _person(schema)
        forms_a = analyse(name_a, person)
        forms_b = analyse(name_b, person)
        if not forms_a:
            raise InputError("the first name has no letters or digits", field="name_a")
        if not forms_b:
            raise InputError("the second name has no letters or digits", field="name_b")
        result = best_score(forms_a, forms_b, self.weights, organisation=person is not True)
        assert result is not None
        return {
            "algorithm": f"{ALGORITHM}/{ALGORITHM_VERSION}",
            "name_a": name_a,
            "name_b": name_b,
            "schema": schema,
            "score": round(result.score, 4),
            "threshold": self.threshold,
            "match": result.score >= self.threshold,
            "explanation": result.explain(),
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


def _shared_word(query: NameForm, candidate: NameForm, exact_full: bool) -> bool:
    """Whether a match rests on a word firms the world over share: a bare short name on
    either side (:func:`_bare_short`), or, unless the entry's full name matched exactly
    (``exact_full``), one distinctive word on each side, one of the two names having nothing
    but a company form beside it (``Shinhung Co., Ltd`` / ``Shinhung Trading``, ``Auction
    Technology Group PLC`` / ``Auction LLC``). A name with a further distinctive word
    (``Korea Ryonbong General Corporation``), or two names that both carry generic words
    (``Korea International Chemical JV``), is not."""
    if _bare_short(query) or _bare_short(candidate):
        return True
    if exact_full:
        return False
    one_word = all(sum(t.cls == TokenClass.NAME for t in f.tokens) == 1 for f in (query, candidate))
    return one_word and any(
        all(t.cls != TokenClass.GENERIC for t in f.tokens) for f in (query, candidate)
    )


def _bare_short(form: NameForm) -> bool:
    """A short name standing alone: one distinctive word of a few letters with at most a
    company form (``KT Corp``, ``SIG``), which firms the world over share. A short word with
    generic words beside it (``Korea International Chemical JV``) is a name of its own: a
    country mismatch only lowers it, as for any organisation (a designated firm trades
    through addresses abroad)."""
    return form.short and all(t.cls != TokenClass.GENERIC for t in form.tokens)

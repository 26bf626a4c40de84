"""The screener: retrieve candidates for a query, score them, explain each match.

The entries it screens against, their name forms and retrieval index are
:class:`~tradeguard.screening.entries.IndexedEntries` (built once, cached on disk); candidate
retrieval and name scoring are in :mod:`tradeguard.screening.candidates`, ranking and the
matches' assembly in :mod:`tradeguard.screening.results`; a candidate's evidence beyond the
name is weighed in :mod:`tradeguard.screening.secondary`.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity
from tradeguard.names.analysis import NameForm, analyse
from tradeguard.names.junk import name_problem, without_markup
from tradeguard.names.vocab import versions as vocab_versions
from tradeguard.screening import abbreviations, branch, cache, kind, mixed, rewritten
from tradeguard.screening import features as ft
from tradeguard.screening.candidates import CANDIDATES, Scored
from tradeguard.screening.compare import QueryPlan, best_score
from tradeguard.screening.entries import ALGORITHM, ALGORITHM_VERSION, person_schema
from tradeguard.screening.kind import craft_form
from tradeguard.screening.model import CRAFT, Match, Query, birth_date, compatible_schemas
from tradeguard.screening.results import Results

if TYPE_CHECKING:
    from tradeguard.store import Store


class Screener(Results):
    """Screens parties against every name of the loaded list entries.

    Build it with :meth:`from_store` (cached on disk per set of list versions) or
    :meth:`from_entities`; then :meth:`screen` a :class:`Query` or :meth:`compare` two names.
    """

    # -- building -------------------------------------------------------------------------

    @classmethod
    def from_entities(cls, entities: Iterable[Entity], versions_key: str | None = None) -> Screener:
        """Build from entities; with ``versions_key``, reuse or write the on-disk cache.

        The index then leaves the cyclic garbage collector's view (:func:`gc.freeze`): it
        lives as long as the screener, and a full collection walking its objects
        took 0.65 s of CPU on the full lists, about once per 600 names not seen before."""
        if versions_key is not None:
            cached = cache.load(versions_key)
            if isinstance(cached, cls):
                gc.freeze()
                return cached
        screener = cls.build(entities)
        if versions_key is not None:
            screener.versions_key = versions_key
            cache.save(screener, versions_key)
        gc.freeze()
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
        key = digest.hexdigest()
        screener = cls.from_entities(_lazy(store), versions_key=key)
        screener.list_versions = {v.list: v.sha256 for v in versions}
        links = _confirmed_links(store)
        if links:
            # joining them resolves every entry again: once per set of lists and links
            saved = cache.load_parties(key, links)
            if saved is not None and len(saved[0]) == len(screener.entities):
                screener.use_parties(*saved)
            else:
                screener.add_reviewed_links(links)
                cache.save_parties(key, links, (screener.party, screener.party_evidence))
        return screener

    # -- screening ------------------------------------------------------------------------

    def screen(self, query: Query, threshold: float | None = None, limit: int = 10) -> list[Match]:
        """The entries the query may be, best first, each scoring at least the threshold; for
        an organisation, also the listed party whose branch, office or agent the query names
        (:mod:`.branch`), also read with a country's abbreviation (:mod:`.abbreviations`);
        a name in several scripts also part by part (:mod:`.mixed`); a name written with its
        words run together, its letters spaced out or its Hangul as separate jamo also as the
        name it spells (:mod:`.rewritten`)."""
        # a name that states its legal form is an organisation's, in every part (:mod:`.kind`)
        form = None
        if not query.schema and query.name:
            form = kind.stated_form(query.name, self.analysed(without_markup(query.name), None))
        if form is not None:
            query.birth_date = birth_date(query.birth_date)
            query = dataclasses.replace(query, schema=kind.ORGANISATION)
        one = abbreviations.screening(self._screen_name, threshold, limit)

        def whole(one_query: Query) -> list[Match]:
            return branch.widen(one, one_query, one(one_query), limit)

        def scripts(one_query: Query) -> list[Match]:
            return mixed.widen(whole, one_query, whole(one_query), limit)

        doc_freq = self.weights.doc_freq
        matches = rewritten.widen(scripts, query, scripts(query), limit, doc_freq)
        if form is not None:
            for match in matches:
                kind.explain(match, form)
        return matches

    def _screen_name(self, query: Query, threshold: float | None, limit: int) -> list[Match]:
        """The entries the query's name (as one name) may be, best first."""
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise InputError(f"threshold {threshold} is outside 0..1", field="threshold")
        schemas = compatible_schemas(query.schema)
        if schemas is None and not query.craft:
            schemas = frozenset(s for s in self.schema_codes if s not in CRAFT)
        qforms = self._prepare(query)
        mask = self._mask(schemas, query.lists)
        id_hits = self._identifier_hits(query, schemas)
        cut = self._cut(query, threshold)
        scored: Scored = {}
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
        # markup is no part of a name; a name that names no party is refused (:mod:`junk`)
        text = without_markup(query.name) if query.name else ""
        qforms = self.analysed(text, person_schema(query.schema)) if text else []
        if query.schema in CRAFT:
            qforms = [craft_form(f) for f in qforms]
        if query.name and not query.identifiers:
            problem = name_problem(query.name, qforms)
            if problem is not None:
                raise InputError(problem, field="name")
        if not qforms and not query.identifiers:
            raise InputError("the name has no letters or digits", field="name")
        return qforms

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

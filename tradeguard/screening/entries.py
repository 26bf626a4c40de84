"""The list entries as screening holds them: records, name forms, the retrieval index and the
parties, built once from the entities and pickled to the on-disk cache.

:class:`IndexedEntries` is the data the :class:`~tradeguard.screening.screener.Screener`
screens against; the screener adds the scoring. Both live apart so that the cache, which
stores and loads this data, does not depend on the scorer.
"""

from __future__ import annotations

import builtins
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Self

import numpy as np
import numpy.typing as npt

from tradeguard.lists.model import Entity, NameKind
from tradeguard.names.analysis import NameForm, Token, TokenClass, analyse, make_token
from tradeguard.names.vocab import vocabulary
from tradeguard.network import parties as party_resolution
from tradeguard.screening import features as ft
from tradeguard.screening import supplements
from tradeguard.screening.compare import Weights
from tradeguard.screening.index import NameIndex
from tradeguard.screening.kind import craft_form
from tradeguard.screening.model import CRAFT

#: The matcher's name and version: in every match's explanation, and in the key of the index
#: cache (a new version builds a fresh index).
ALGORITHM = "tradeguard-names"
ALGORITHM_VERSION = "45"

#: Query names whose forms are kept (the cache is emptied when full).
_ANALYSED_LIMIT = 10_000

#: The attributes pickled as they are (the records are pickled as plain tuples).
_STATE = (
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
    "supplements",
    "party",
    "party_links",
    "party_evidence",
    "publishers",
    "versions_key",
    "build_seconds",
    "threshold",
    "list_thresholds",
    "list_versions",
)


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


#: the tokens of the lists' words, made once per process: a word recurs in many forms, and its
#: phonetic key and skeleton cost more than the rest of decoding a form
_TOKENS: dict[tuple[str, str], Token] = {}


def unpack(packed: tuple[str, str, str, bool]) -> NameForm:
    texts, classes, method, abjad = packed
    made = _TOKENS
    tokens: list[Token] = []
    for text, c in zip(texts.split(), classes, strict=True):
        token = made.get((text, c))
        if token is None:
            token = made[text, c] = make_token(text, TokenClass(int(c)))
        tokens.append(token)
    return NameForm(tuple(tokens), method, abjad)


def person_schema(schema: str | None) -> bool | None:
    """Whether names of this schema are a person's (None: the schema is open)."""
    if schema is None:
        return None
    return schema == "Person"


class IndexedEntries:
    """Every name of the loaded list entries, analysed and indexed for retrieval, with what
    screening keeps of each entry and the parties the entries are resolved into."""

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
        #: (entry, name) of a supplementary alias (one the list does not give) -> how an
        #: explanation names it (:func:`~tradeguard.screening.supplements.describe`)
        self.supplements: dict[tuple[int, str], str] = {}
        #: per entry, its party: the lowest index of the entries resolved as one designated
        #: party (:mod:`tradeguard.network.parties`), the joins and their evidence per party
        self.party: list[int] = []
        self.party_links: list[party_resolution.Link] = []
        self.party_evidence: dict[int, list[str]] = {}
        #: per entry, who lists it (:func:`~tradeguard.network.parties.publisher`)
        self.publishers: list[tuple[str, ...]] = []
        #: list -> the loaded version's sha256 (set when built from a store)
        self.list_versions: dict[str, str] = {}
        self.versions_key: str | None = None
        self.build_seconds = 0.0
        self.threshold = vocabulary().threshold
        self.list_thresholds: dict[str, float] = dict(vocabulary().list_thresholds)
        self._reset_caches()

    def _reset_caches(self) -> None:
        """The lookups derived on first use (never pickled)."""
        self._weights: Weights | None = None
        self._masks: dict[tuple[Any, ...], npt.NDArray[np.bool_] | None] = {}
        self._forms: dict[int, NameForm] = {}
        self._form_weights: dict[int, list[float]] = {}
        self._entity_names: dict[int, list[NameRecord]] | None = None
        self._party_members: dict[int, list[int]] | None = None
        #: (query name, person) -> its forms: a batch or a monitoring run screens the same
        #: names again, and analysing a name (readings, transliteration) is a tenth of a query
        self._analysed: dict[tuple[str, bool | None], tuple[NameForm, ...]] = {}

    def analysed(self, name: str, person: bool | None) -> list[NameForm]:
        """The forms of a query name (:func:`~tradeguard.names.analysis.analyse`), kept for
        the next query with the same name."""
        key = (name, person)
        forms = self._analysed.get(key)
        if forms is None:
            if len(self._analysed) >= _ANALYSED_LIMIT:
                self._analysed.clear()
            forms = self._analysed[key] = tuple(analyse(name, person))
        return list(forms)

    # -- building -------------------------------------------------------------------------

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> Self:
        """Analyse and index every name of ``entities`` and resolve them into parties."""
        started = time.perf_counter()
        self = cls()
        forms: list[NameForm] = []
        codes: tuple[list[int], list[int], list[int]] = ([], [], [])  # name, schema, list
        doc_freq: dict[str, int] = {}
        spelt: dict[tuple[str, bool], set[int]] = {}  # (first form's words, person) -> entries
        held = list(entities)
        facts = [self._add_entity(entity) for entity in held]
        self.publishers = [f.publisher for f in facts]
        self.party_links = party_resolution.party_links(facts)
        self.party, self.party_evidence = party_resolution.resolve(
            [e.id for e in self.entities],
            [party_resolution.entry_key(e.id, e.schema, e.caption) for e in self.entities],
            self.party_links,
            publishers=self.publishers,
        )
        # an entry of no stated type that is a listed person's copy is read as a person
        for e_idx in party_resolution.read_as_persons(
            [e.schema for e in self.entities], self.party
        ):
            self.entities[e_idx].schema = "Person"
        for e_idx, entity in enumerate(held):
            self._add_names(e_idx, entity, forms, codes, doc_freq, spelt)
        self.form_name = np.asarray(codes[0], dtype=np.int32)
        self.form_schema = np.asarray(codes[1], dtype=np.int16)
        self.form_list = np.asarray(codes[2], dtype=np.int16)
        self.doc_freq = doc_freq
        twins: dict[int, set[int]] = {}
        for group in spelt.values():
            for e_idx in group:
                own = self.entities[e_idx].list
                others = {o for o in group if self.entities[o].list != own}
                if others:
                    twins.setdefault(e_idx, set()).update(others)
        self.twins = {e_idx: tuple(sorted(others)) for e_idx, others in twins.items()}
        self.index = NameIndex.build(forms)
        self._forms = dict(enumerate(forms))
        self.build_seconds = time.perf_counter() - started
        return self

    def _add_entity(self, entity: Entity) -> party_resolution.PartyFacts:
        """Keep an entry's record and identifiers; what party resolution needs of it."""
        e_idx = len(self.entities)
        ids: list[str] = []
        for ident in entity.identifiers:
            ids.append(ident.value)
            for key in ft.identifier_keys(ident.value):
                bucket = self.identifiers.setdefault(key, [])
                if not bucket or bucket[-1] != e_idx:
                    bucket.append(e_idx)
        countries = list(dict.fromkeys(entity.nationalities + entity.countries))
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
                    dict.fromkeys([*countries, *(a.country for a in entity.addresses if a.country)])
                ),
                ids,
            )
        )
        return party_resolution.PartyFacts(
            entity.list,
            entity.source_id,
            entity.schema,
            [n.value for n in entity.names if n.kind != NameKind.WEAK_ALIAS],
            list(entity.birth_dates),
            countries,
            list(entity.properties.get("un_reference", [])),
            [(i.type, i.value, i.country) for i in entity.identifiers],
            party_resolution.publisher(entity.list, entity.properties.get("csl_source", [])),
            list(dict.fromkeys(a.country for a in entity.addresses if a.country)),
        )

    def _add_names(
        self,
        e_idx: int,
        entity: Entity,
        forms: list[NameForm],
        codes: tuple[list[int], list[int], list[int]],
        doc_freq: dict[str, int],
        spelt: dict[tuple[str, bool], set[int]],
    ) -> None:
        """Analyse the names of entry ``e_idx`` into forms (``codes``: each form's name,
        schema and list), counting each word once per name in ``doc_freq``; the schema is the
        entry's as screening reads it (an untyped copy of a person's is a person's)."""
        schema = self.entities[e_idx].schema
        s_code = self.schema_codes.setdefault(schema, len(self.schema_codes))
        l_code = self.list_codes.setdefault(entity.list, len(self.list_codes))
        seen: set[str] = set()
        named: list[tuple[str, NameKind, supplements.Supplement | None]]
        named = [(n.value, n.kind, None) for n in entity.names]
        named += [(s.alias, NameKind.ALIAS, s) for s in supplements.aliases_of(entity)]
        for value, kind, supplement in named:
            if value in seen or sum(c.isalnum() for c in value) < 2:
                # a one-character "name" (a stray initial from a split alias list) would
                # match any query that is that one letter
                continue
            seen.add(value)
            record = NameRecord(e_idx, value, kind)
            n_idx = len(self.names)
            self.names.append(record)
            if supplement is not None:
                self.supplements[e_idx, value] = supplements.describe(supplement)
            words: set[str] = set()
            for form in analyse(value, person_schema(schema)):
                if schema in CRAFT:
                    form = craft_form(form)
                if not record.forms and kind != NameKind.WEAK_ALIAS and supplement is None:
                    spelt.setdefault((form.text, schema == "Person"), set()).add(e_idx)
                record.forms.append(len(forms))
                forms.append(form)
                self.packed.append(pack(form))
                codes[0].append(n_idx)
                codes[1].append(s_code)
                codes[2].append(l_code)
                words.update(t.text for t in form.tokens)
            for word in words:
                doc_freq[word] = doc_freq.get(word, 0) + 1

    # -- parties --------------------------------------------------------------------------

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
                publishers=self.publishers or None,
            )
            self._party_members = None

    def use_parties(self, party: list[int], evidence: dict[int, list[str]]) -> None:
        """Take parties resolved before for these entries (:mod:`.cache`: with the same
        confirmed links, :meth:`add_reviewed_links` would resolve them again)."""
        self.party, self.party_evidence = party, evidence
        self._party_members = None

    def members(self, e_idx: int) -> list[int]:
        """The entries of an entry's party (itself alone when no other copy is known)."""
        if self._party_members is None:
            groups: dict[int, list[int]] = {}
            for i, p in enumerate(self.party):
                groups.setdefault(p, []).append(i)
            self._party_members = {p: m for p, m in groups.items() if len(m) > 1}
        return self._party_members.get(self.party[e_idx], [e_idx])

    # -- pickling -------------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # Plain tuples pickle and load several times faster than slotted dataclasses: the
        # cache must load quickly for a one-shot command line call.
        state = {name: getattr(self, name) for name in _STATE}
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
        self._reset_caches()
        if "list_versions" not in state:  # a cache file written before they were kept
            self.list_versions = {}
        if "publishers" not in state:
            self.publishers = []
        if "supplements" not in state:
            self.supplements = {}

    # -- lookups --------------------------------------------------------------------------

    @property
    def weights(self) -> Weights:
        if self._weights is None:
            self._weights = Weights(self.doc_freq, len(self.names))
        return self._weights

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

    def _mask(
        self, schemas: frozenset[str] | None, lists: list[str] | None
    ) -> npt.NDArray[np.bool_] | None:
        """Which forms belong to entries of these schemas and lists (None: all)."""
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

    def _records_of(self, entities: set[int]) -> list[NameRecord]:
        """The name records of some entries (names are stored entry by entry)."""
        if self._entity_names is None:
            starts: dict[int, list[NameRecord]] = {}
            for record in self.names:
                starts.setdefault(record.entity, []).append(record)
            self._entity_names = starts
        return [r for e_idx in sorted(entities) for r in self._entity_names.get(e_idx, [])]

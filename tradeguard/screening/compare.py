"""The name scorer: align the tokens of two name forms and weigh what matched.

Score of a query form ``Q`` against a candidate form ``C``::

    sum over aligned pairs (q, c) of sim(q, c) * (w(q) + w(c))
    ----------------------------------------------------------
               sum of w over all tokens of Q and C

``w`` is the token's rarity weight over the loaded lists (inverse document frequency), times
0.45 for generic words and 0.1 for company forms, so a legal form or "trading" cannot make a
hit and a missing distinctive word costs a lot. ``sim`` is 1 for equal tokens, 0.95 for equal
phonetic keys (romanization variants, Korean surname spellings), 1 - edits/length for typos
within an edit budget (one edit from 4 letters, two from 8), 0.9 for consonant skeletons of
names written without vowels (Arabic script). Unmatched tokens may meet the concatenation of
2-3 adjacent tokens on the other side (``Ryonbong`` / ``Ryon Bong``, ``Jongsik`` / ``Jong Sik``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tradeguard.names.analysis import NameForm, Token, TokenClass
from tradeguard.screening.contained import (
    CONTAINED_PERSON,
    SPELT,
    contained_person,
    kana_spelt,
    kept_pairs,
)
from tradeguard.screening.similarity import (
    DERIVED,
    brand_only,
    joined_token,
    similar_tokens,
    token_similarity,
)
from tradeguard.screening.syllabic import both_syllabic, other_given_name, syllable_pairs

CLASS_FACTOR = {TokenClass.NAME: 1.0, TokenClass.GENERIC: 0.45, TokenClass.FORM: 0.1}
#: Unmatched words of the list entry cost less than unmatched words of the query: an entry's
#: full name often carries more words than a party is known by ("Korea Ryonbong General
#: Corporation" for "Ryonbong"), while a query word the entry lacks is evidence against.
CANDIDATE_EXTRA = 0.8
#: When both sides keep words unmatched, one name has a word where the other has a different
#: one ("Suarez Quintero" / "Tapia Quintero"): evidence of two different parties. The smaller
#: of the two unmatched weights is counted three times more against the score (calibrated with
#: benchmarks/screening_quality.py: a different distinctive word is the strongest sign of a
#: different party that a name alone gives).
CONFLICT = 3.0
#: An organisation's name that meets another on one distinctive word only, and that word spelt
#: otherwise (a typo, a sound, a katakana hearing: Allegion / LLC Legion, Spectris PLC / LLC
#: Spectrum, プラネット / Comercial Planeta), is weak evidence: firms are named with words that
#: sound alike, and nothing else in the names agrees. Its score is multiplied by this factor
#: (calibrated on benchmarks/clean_book.csv and the generated set of screening_quality.py).
ONE_WORD_OTHERWISE = 0.85

#: What one candidate word meets in a query form: (query token index, similarity, how, weight).
Hit = tuple[int, float, str, float]


class QueryPlan:
    """The forms of one query with their weights, and which candidate words each query word
    meets, found once per query for all its candidates (:meth:`prepare`): scoring a candidate
    then reads one entry per candidate word instead of comparing words pair by pair."""

    __slots__ = ("_covered", "_hits", "forms", "organisation", "totals", "weights")

    def __init__(
        self, forms: list[NameForm], weights: list[list[float]], organisation: bool = False
    ) -> None:
        self.forms = forms
        self.weights = weights
        #: the query may be an organisation's name (see :data:`ONE_WORD_OTHERWISE`)
        self.organisation = organisation
        self.totals = [sum(w) for w in weights]
        # per (query form, abjad, kana): candidate word -> its hits, and the words covered
        self._hits: dict[tuple[int, bool, bool], dict[str, list[Hit]]] = {}
        self._covered: dict[tuple[int, bool, bool], set[str]] = {}

    @classmethod
    def of(cls, forms: list[NameForm], weights: Weights, organisation: bool = False) -> QueryPlan:
        return cls(forms, [weights.form_weights(f) for f in forms], organisation)

    def prepare(self, candidates: Iterable[NameForm]) -> None:
        """Compare the query's words with every word of these candidate forms at once."""
        groups: dict[tuple[bool, bool], dict[str, Token]] = {}
        for form in candidates:
            tokens = groups.setdefault((form.abjad, form.kana), {})
            for tok in form.tokens:
                tokens.setdefault(tok.text, tok)
        for n, qf in enumerate(self.forms):
            for (abjad, kana), tokens in groups.items():
                key = (n, qf.abjad or abjad, qf.kana or kana)
                self._extend(key, tokens)

    def hits(self, n: int, candidate: NameForm) -> dict[str, list[Hit]]:
        """Candidate word -> the words of query form ``n`` it meets."""
        qf = self.forms[n]
        key = (n, qf.abjad or candidate.abjad, qf.kana or candidate.kana)
        covered = self._covered.get(key)
        if covered is None or not candidate.text_set <= covered:
            self._extend(key, {t.text: t for t in candidate.tokens})
        return self._hits[key]

    def _extend(self, key: tuple[int, bool, bool], tokens: dict[str, Token]) -> None:
        n, abjad, kana = key
        hits = self._hits.setdefault(key, {})
        covered = self._covered.setdefault(key, set())
        missing = tokens.keys() - covered
        if not missing:
            return
        covered |= missing
        groups: dict[TokenClass, dict[str, Token]] = {}
        for t in missing:
            groups.setdefault(tokens[t].cls, {})[t] = tokens[t]
        weights = self.weights[n]
        for i, qt in enumerate(self.forms[n].tokens):
            for b, (sim, how) in similar_tokens(qt, groups, abjad, kana):
                found = hits.get(b)
                if found is None:
                    hits[b] = [(i, sim, how, weights[i])]
                else:
                    found.append((i, sim, how, weights[i]))


@dataclass(slots=True)
class Pair:
    query: tuple[int, ...]  # indexes into the query form's tokens
    candidate: tuple[int, ...]
    sim: float
    how: str


@dataclass(slots=True)
class NameScore:
    score: float
    query: NameForm
    candidate: NameForm
    pairs: list[Pair]
    q_weights: list[float]
    c_weights: list[float]

    def explain(self) -> dict[str, object]:
        """Token by token: which query word met which candidate word, how, and its weight."""
        q, c = self.query.tokens, self.candidate.tokens
        matched_q = {i for p in self.pairs for i in p.query}
        matched_c = {j for p in self.pairs for j in p.candidate}
        return {
            "score": round(self.score, 4),
            "query_form": self.query.text,
            "candidate_form": self.candidate.text,
            "reading": self.query.method if self.query.method != "latin" else self.candidate.method,
            "tokens": [
                {
                    "query": " ".join(q[i].text for i in p.query),
                    "candidate": " ".join(c[j].text for j in p.candidate),
                    "similarity": round(p.sim, 3),
                    "how": p.how,
                    "weight": round(
                        sum(self.q_weights[i] for i in p.query)
                        + sum(self.c_weights[j] for j in p.candidate),
                        3,
                    ),
                }
                for p in self.pairs
            ],
            "unmatched_query": [
                {"token": q[i].text, "weight": round(self.q_weights[i], 3)}
                for i in range(len(q))
                if i not in matched_q
            ],
            "unmatched_candidate": [
                {"token": c[j].text, "weight": round(self.c_weights[j], 3)}
                for j in range(len(c))
                if j not in matched_c
            ],
        }


class Weights:
    """Token rarity weights (inverse document frequency over all loaded names)."""

    def __init__(self, doc_freq: Mapping[str, int], n_docs: int) -> None:
        self.doc_freq = doc_freq
        self.n_docs = max(n_docs, 1)
        self.max_weight = math.log(self.n_docs + 1) + 1.0
        self._cache: dict[str, float] = {}

    def idf(self, text: str) -> float:
        value = self._cache.get(text)
        if value is None:
            df = self.doc_freq.get(text, 0)
            value = math.log((self.n_docs + 1) / (df + 1)) + 1.0
            self._cache[text] = value
        return value

    def weight(self, token: Token) -> float:
        return self.idf(token.text) * CLASS_FACTOR[token.cls]

    def form_weights(self, form: NameForm) -> list[float]:
        return [self.idf(t.text) * CLASS_FACTOR[t.cls] for t in form.tokens]


def _merge_pass(
    short_form: NameForm,
    long_form: NameForm,
    free_short: set[int],
    free_long: set[int],
    abjad: bool,
    kana: bool,
) -> list[tuple[int, tuple[int, ...], float, str]]:
    """Meet free tokens of one side with 2-3 adjacent free tokens of the other, joined."""
    found: list[tuple[int, tuple[int, ...], float, str]] = []
    short, long_ = short_form.tokens, long_form.tokens
    lengths, texts = long_form.lengths, long_form.texts
    loose = abjad or kana  # readings whose first letters may differ from the spelling's
    last = len(long_) - 1
    for i in short_form.long_tokens:  # tokens of four letters or more
        if i not in free_short:
            continue
        tok = short[i]
        size_t = len(tok.text)
        first, phon_first = tok.text[0], tok.phon_first
        best: tuple[float, tuple[int, ...], str] | None = None
        starts: Iterable[int]
        if loose:
            starts = range(last)
        else:
            starts = long_form.head_starts.get(first, ())
            if phon_first and phon_first != first and phon_first in long_form.head_starts:
                starts = sorted({*starts, *long_form.head_starts[phon_first]})
        for start in starts:
            if start not in free_long or start + 1 not in free_long:
                continue
            head = long_[start]
            if (
                not loose
                and head.text[0] != first
                and (not phon_first or phon_first not in (head.phon_first, head.text[0]))
            ):
                continue  # a joined word starts where its first part does, spelt or sounded
            length = lengths[start] + lengths[start + 1]
            spans: list[tuple[int, ...]] = []
            if abs(length - size_t) <= 2:
                spans.append((start, start + 1))
            if start + 2 in free_long and abs(length + lengths[start + 2] - size_t) <= 2:
                spans.append((start, start + 1, start + 2))
            for span in spans:
                joined = joined_token("".join(texts[start : span[-1] + 1]))
                sim, how = token_similarity(tok, joined, abjad, kana)
                if sim > 0 and (best is None or sim > best[0]):
                    best = (sim, span, how)
        if best is not None:
            found.append((i, best[1], best[0], "joined-" + best[2]))
            free_short.discard(i)
            free_long.difference_update(best[1])
    return found


RawPair = tuple[tuple[int, ...], tuple[int, ...], float, str]
#: how a word of a reading meets a Latin spelling that writes its sounds otherwise (the
#: phonetic key: Hepburn's long vowels, Korean romanizations)
_READING_SLIPS = frozenset({"phonetic", "joined-phonetic"})
#: The score of a pair of forms given up because it cannot reach the cut.
PRUNED = -1.0


def _align(
    plan: QueryPlan,
    n: int,
    candidate: NameForm,
    cw: list[float],
    c_total: float,
    cut: float = 0.0,
) -> tuple[float, list[RawPair]]:
    """The score of query form ``n`` against a candidate form and the token pairs it rests on
    (plain tuples: this runs for every candidate, the explanation only for the best).
    ``c_total``: the sum of ``cw``. With ``cut``, a pair of forms that provably scores below
    it is given up early: the score is then :data:`PRUNED`."""
    query = plan.forms[n]
    qw = plan.weights[n]
    q, c = query.tokens, candidate.tokens
    total = plan.totals[n] + c_total
    if not q or not c or total <= 0 or (query.han and candidate.han):
        return 0.0, []
    abjad = query.abjad or candidate.abjad
    kana = query.kana or candidate.kana
    options = _options(plan, n, candidate, cw)
    n_q, n_c = len(q), len(c)
    pairs: list[RawPair] = []
    gained = 0.0
    used_q = [False] * n_q
    used_c = [False] * n_c
    if options:
        if len(options) > 1:
            # Among equal pairs, the one at the same place in both names first: a word met
            # twice (AKHUND LALA AKHUND) then leaves the words around it in order for the
            # joined-word pass (akhundlala akhund).
            options.sort(
                key=lambda o: (-o[0], abs(o[1] * (n_c - 1) - o[2] * (n_q - 1)), o[1], o[2])
            )
        for value, i, j, sim, how in options:
            if not used_q[i] and not used_c[j]:
                used_q[i] = used_c[j] = True
                pairs.append(((i,), (j,), sim, how))
                gained += value
    free_q_n, free_c_n = n_q - len(pairs), n_c - len(pairs)
    # Joined words (below) start where their first part does: most pairs of names have no
    # long word on one side starting with a letter that starts a word on the other.
    loose = abjad or kana
    q_into_c = (
        free_q_n > 0
        and free_c_n >= 2
        and (loose or not query.long_heads.isdisjoint(candidate.heads))
    )
    c_into_q = (
        free_c_n > 0
        and free_q_n >= 2
        and (loose or not candidate.long_heads.isdisjoint(query.heads))
    )
    if not pairs and not q_into_c and not c_into_q:
        return 0.0, pairs  # nothing in common
    free_q = {i for i in range(n_q) if not used_q[i]}
    free_c = {j for j in range(n_c) if not used_c[j]}
    extra = sum(cw[j] for j in free_c) if free_c else 0.0
    missing = sum(qw[i] for i in free_q) if free_q else 0.0
    if cut > 0.0 and (q_into_c or c_into_q):
        # At most every free token that could join matched, under _discounts' largest shares
        pot_q = missing if c_into_q else sum(qw[i] for i in query.long_tokens if i in free_q)
        pot_c = extra if q_into_c else sum(cw[j] for j in candidate.long_tokens if j in free_c)
        q_off = 0.0 if plan.organisation else 1.0 - CONTAINED_PERSON
        bound = total - max(1.0 - CANDIDATE_EXTRA, q_off) * extra - q_off * missing
        if gained + pot_q + pot_c < cut * bound:
            return PRUNED, pairs
    merged = False
    if q_into_c:
        for i, span, sim, how in _merge_pass(query, candidate, free_q, free_c, abjad, kana):
            pairs.append(((i,), span, sim, how))
            gained += sim * (qw[i] + sum(cw[j] for j in span))
            merged = True
    if c_into_q and free_c and len(free_q) >= 2:
        for j, span, sim, how in _merge_pass(candidate, query, free_c, free_q, abjad, kana):
            pairs.append((span, (j,), sim, how))
            gained += sim * (cw[j] + sum(qw[i] for i in span))
            merged = True
    if (spelt := _spelt_pairs(query, candidate, pairs, qw, cw)) is not None:
        pairs, gained, free_q, free_c = spelt
        merged = True
    if given := both_syllabic(query, candidate):  # a Korean person's given name, in order
        if (kept := syllable_pairs(query, candidate, pairs, qw, cw)) is not None:
            pairs, gained, free_q, free_c = kept_pairs(kept, qw, cw)
            merged = True
        given = other_given_name(query, free_q, free_c, candidate)
    if merged:
        extra = sum(cw[j] for j in free_c) if free_c else 0.0
        missing = sum(qw[i] for i in free_q) if free_q else 0.0
    free = (bool(free_q), bool(free_c))
    discount, q_discount = _discounts(plan, query, candidate, pairs, free, given)
    denominator = total - discount * extra - q_discount * missing + CONFLICT * min(extra, missing)
    score = min(1.0, gained / denominator)
    if plan.organisation and pairs:
        score *= _one_word_factor(query, candidate, pairs)
    return score, pairs


def _discounts(
    plan: QueryPlan,
    query: NameForm,
    candidate: NameForm,
    pairs: list[RawPair],
    free: tuple[bool, bool],
    given: bool = False,
) -> tuple[float, float]:
    """The share of weight taken off the entry's and the query's unmatched words (``free``: the
    query, the entry keeps some): the entry's cost less (:data:`CANDIDATE_EXTRA`), not against
    a short name: it is evidence of itself only, and a longer name holding it is another firm's
    (KT Corporation / KT Services & Logistics). A contained person's name:
    :data:`CONTAINED_PERSON`, unless a Korean given name's syllable is unmet (``given``)."""
    if query.short or candidate.short:
        return 0.0, 0.0
    if not plan.organisation and not given and contained_person(query, candidate, pairs, *free):
        return 1.0 - CONTAINED_PERSON, 1.0 - CONTAINED_PERSON
    return 1.0 - CANDIDATE_EXTRA, 0.0


def _options(
    plan: QueryPlan, n: int, candidate: NameForm, cw: list[float]
) -> list[tuple[float, int, int, float, str]]:
    """Every pair of similar tokens of query form ``n`` and the candidate, as (value, query
    index, candidate index, similarity, how)."""
    options: list[tuple[float, int, int, float, str]] = []
    hits = plan.hits(n, candidate)
    for j, text in enumerate(candidate.texts):
        found = hits.get(text)
        if found is not None:
            wj = cw[j]
            for i, sim, how, wi in found:
                options.append((sim * (wi + wj), i, j, sim, how))
    if options and plan.organisation and (plan.forms[n].han or candidate.han):
        # Korean surname spellings (Ri / Li / Yi / I) are a person's: in a firm's name the
        # Japanese or pinyin reading of Han characters (怡利電 *i ri den*) is no surname (Li Li)
        options = [o for o in options if o[4] != "surname"]
    return options


def _spelt_pairs(
    query: NameForm, candidate: NameForm, pairs: list[RawPair], qw: list[float], cw: list[float]
) -> tuple[list[RawPair], float, set[int], set[int]] | None:
    """The pairs kept (:func:`kept_pairs`) when some must go, else None. A short name, an
    acronym (K.O.M.I.D; Lunit / Lanit) or a Han reading (ming xuan / ming suan) meets only as
    spelt or through a stated alias; a brand with its trade's words (Hana Bank) keeps bank and
    banking apart (:func:`~tradeguard.screening.similarity.brand_only`)."""
    if (query.spelt or candidate.spelt) and any(p[3] not in SPELT for p in pairs):
        kana = query.kana or candidate.kana
        return kept_pairs(
            [p for p in pairs if p[3] in SPELT or (kana and kana_spelt(query, candidate, p))],
            qw,
            cw,
        )
    if any(p[3] == DERIVED for p in pairs) and (brand_only(query) or brand_only(candidate)):
        return kept_pairs([p for p in pairs if p[3] != DERIVED], qw, cw)
    return None


def _one_word_factor(query: NameForm, candidate: NameForm, pairs: list[RawPair]) -> float:
    """:data:`ONE_WORD_OTHERWISE` when two organisations' names meet on one distinctive word
    spelt otherwise, else 1."""
    q, c = query.tokens, candidate.tokens
    named = [
        p
        for p in pairs
        if any(q[i].cls == TokenClass.NAME for i in p[0])
        or any(c[j].cls == TokenClass.NAME for j in p[1])
    ]
    how = named[0][3] if len(named) == 1 else "exact"
    # a reading of another script differs from a Latin spelling by what the reading writes
    # (Hepburn's long vowels: toushiba / Toshiba): a romanization variant there is no
    # other word (a typo is: Allegion / Регион read region)
    reading = query.method != "latin" or candidate.method != "latin"
    if how not in SPELT and not (reading and how in _READING_SLIPS):
        return ONE_WORD_OTHERWISE
    return 1.0


def best_score(
    queries: list[NameForm],
    candidates: list[NameForm],
    weights: Weights,
    organisation: bool = False,
) -> NameScore | None:
    """The best-scoring pair of forms with its explanation, or None when either side has no
    form (the pairs are tried as the screener tries them; ``organisation``: the names may be
    an organisation's, see :class:`QueryPlan`)."""
    plan = QueryPlan.of(queries, weights, organisation)
    plan.prepare(candidates)
    best: tuple[float, list[RawPair], int, int, list[float]] | None = None
    for m, cf in enumerate(candidates):
        cw = weights.form_weights(cf)
        score, pairs, n = best_alignment(plan, cf, cw)
        if queries and (best is None or score > best[0]):
            best = (score, pairs, n, m, cw)
    if best is None:
        return None
    score, pairs, n, m, cw = best
    return explain_alignment(score, pairs, queries[n], candidates[m], plan.weights[n], cw)


def best_alignment(
    plan: QueryPlan, candidate: NameForm, cw: list[float], cut: float = 0.0
) -> tuple[float, list[RawPair], int]:
    """The best score of any query form against one candidate form: score, token pairs and
    the index of the query form (the screener's inner loop; :func:`explain_alignment` makes
    the explanation of the one kept). With ``cut``, :data:`PRUNED` when no query form can
    reach it."""
    best: tuple[float, list[RawPair], int] = (PRUNED, [], 0)
    c_total = sum(cw)
    for n in range(len(plan.forms)):
        # a later reading (form) replaces the best only when it scores above it: one that
        # provably cannot is given up as one below the cut is; none scores above 1
        score, pairs = _align(plan, n, candidate, cw, c_total, cut if cut > best[0] else best[0])
        if score > best[0]:
            best = (score, pairs, n)
            if score >= 1.0:
                break
    return best


def explain_alignment(
    score: float,
    pairs: list[RawPair],
    query: NameForm,
    candidate: NameForm,
    qw: list[float],
    cw: list[float],
) -> NameScore:
    """The :class:`NameScore` of an alignment found by :func:`best_alignment`."""
    return NameScore(score, query, candidate, [Pair(*p) for p in pairs], qw, cw)

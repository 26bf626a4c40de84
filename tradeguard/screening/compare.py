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
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from tradeguard.names.analysis import NameForm, Token, TokenClass, make_token
from tradeguard.names.phonetic import kana_skeleton, kana_sounds

CLASS_FACTOR = {TokenClass.NAME: 1.0, TokenClass.GENERIC: 0.45, TokenClass.FORM: 0.1}
SIM_PHONETIC = 0.95
SIM_SKELETON = 0.9
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


def edit_budget(length: int) -> int:
    """How many edits a token of this length may have and still count as the same word."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2


SIM_KANA = 0.85
SIM_KANA_TYPO = 0.7

#: Token similarities computed so far: one row per (token, abjad, kana), keyed by the other
#: token's text (a string key: the inner loop of the scorer builds no tuple per pair).
_ROWS: dict[tuple[str, bool, bool], dict[str, tuple[float, str]]] = {}
_ROWS_LIMIT = 400_000  # pairs held before the rows are dropped and refilled
_row_pairs = 0


def _row(text: str, abjad: bool, kana: bool) -> dict[str, tuple[float, str]]:
    row = _ROWS.get((text, abjad, kana))
    if row is None:
        row = _ROWS[(text, abjad, kana)] = {}
    return row


def _fill(
    row: dict[str, tuple[float, str]], a: Token, b: Token, abjad: bool, kana: bool
) -> tuple[float, str]:
    global _row_pairs
    if _row_pairs > _ROWS_LIMIT:
        _ROWS.clear()
        _row_pairs = 0
        row = _row(a.text, abjad, kana)
    found = row[b.text] = _token_similarity(a, b, abjad, kana)
    _row_pairs += 1
    return found


def token_similarity(
    a: Token, b: Token, abjad: bool = False, kana: bool = False
) -> tuple[float, str]:
    """Similarity of two tokens in [0, 1] and how they met. ``abjad``: one side was written
    without vowels; ``kana``: one side is a katakana reading of a foreign name."""
    if a.text == b.text:
        return 1.0, "exact"
    row = _row(a.text, abjad, kana)
    found = row.get(b.text)
    if found is None:
        found = _fill(row, a, b, abjad, kana)
    return found


def _token_similarity(a: Token, b: Token, abjad: bool, kana: bool) -> tuple[float, str]:
    if a.text == b.text:
        return 1.0, "exact"
    if a.phon == b.phon:
        return SIM_PHONETIC, "surname" if a.phon.startswith("~") else "phonetic"
    longest = max(len(a.text), len(b.text))
    budget = edit_budget(min(len(a.text), len(b.text)))
    if budget:
        dist = OSA.distance(a.text, b.text, score_cutoff=budget)
        if dist <= budget:
            return 1.0 - dist / longest, "typo"
    # A typo on top of a romanization variant: the phonetic keys are shorter than the words
    # and merge more, so they get a tighter budget (one edit from 6 characters, two from 10).
    pbudget = edit_budget(min(len(a.phon), len(b.phon)) - 2)
    if pbudget:
        plong = max(len(a.phon), len(b.phon))
        dist = OSA.distance(a.phon, b.phon, score_cutoff=pbudget)
        if dist <= pbudget:
            return 0.95 * (1.0 - dist / plong), "phonetic-typo"
    if abjad and len(a.skel) >= 2 and a.skel == b.skel:
        return SIM_SKELETON, "skeleton"
    if abjad and min(len(a.skel), len(b.skel)) >= 4:
        dist = OSA.distance(a.skel, b.skel, score_cutoff=1)
        if dist <= 1:
            return 0.75, "skeleton-typo"
    if kana and a.cls == TokenClass.NAME and b.cls == TokenClass.NAME:
        ka, kb = kana_skeleton(a.text), kana_skeleton(b.text)
        shortest = min(len(ka), len(kb))
        if ka == kb and (shortest >= 3 or (shortest == 2 and _short_kana_agree(a.text, b.text))):
            return SIM_KANA, "katakana"
        # one consonant more or less (Vladimir / urajiimiru), or from five consonants one
        # different
        if (shortest >= 5 or (shortest == 4 and len(ka) != len(kb))) and OSA.distance(
            ka, kb, score_cutoff=1
        ) <= 1:
            return SIM_KANA_TYPO, "katakana-typo"
    return 0.0, "none"


def _short_kana_agree(a: str, b: str) -> bool:
    """Two consonants alone say little (Rossi / Aeras): short words must agree in their vowels
    too, but for the vowel katakana adds at the end (Igor / iigori)."""
    return kana_sounds(a).rstrip("aeiou") == kana_sounds(b).rstrip("aeiou")


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
    short: tuple[Token, ...],
    long_: tuple[Token, ...],
    free_short: set[int],
    free_long: set[int],
    abjad: bool,
    kana: bool,
) -> list[tuple[int, tuple[int, ...], float, str]]:
    """Meet free tokens of one side with 2-3 adjacent free tokens of the other, joined."""
    found: list[tuple[int, tuple[int, ...], float, str]] = []
    starts = [s for s in sorted(free_long) if s + 1 in free_long]
    if not starts:
        return found
    loose = abjad or kana  # readings whose first letters may differ from the spelling's
    shorts = [i for i in sorted(free_short) if len(short[i].text) >= 4]
    if not loose and shorts:
        # a joined word starts where its first part does: most pairs of names fail here
        heads = {long_[s].text[0] for s in starts} | {long_[s].phon[:1] for s in starts}
        shorts = [i for i in shorts if short[i].text[0] in heads or short[i].phon[:1] in heads]
    if not shorts:
        return found
    lengths = [len(t.text) for t in long_]
    for i in shorts:
        tok = short[i]
        size_t = len(tok.text)
        best: tuple[float, tuple[int, ...], str] | None = None
        for start in starts:
            if start not in free_long or start + 1 not in free_long:
                continue
            head = long_[start]
            if not loose and head.text[0] != tok.text[0] and head.phon[:1] != tok.phon[:1]:
                continue  # a joined word starts where its first part does
            for size in (2, 3):
                span = tuple(range(start, start + size))
                if size == 3 and start + 2 not in free_long:
                    break
                if abs(sum(lengths[start : start + size]) - size_t) > 2:
                    continue
                joined = "".join(long_[j].text for j in span)
                sim, how = token_similarity(tok, make_token(joined), abjad, kana)
                if sim > 0 and (best is None or sim > best[0]):
                    best = (sim, span, how)
        if best is not None:
            found.append((i, best[1], best[0], "joined-" + best[2]))
            free_short.discard(i)
            free_long.difference_update(best[1])
    return found


RawPair = tuple[tuple[int, ...], tuple[int, ...], float, str]


def _align(
    query: NameForm, candidate: NameForm, qw: list[float], cw: list[float]
) -> tuple[float, list[RawPair]]:
    """The score of one form against another and the token pairs it rests on (plain tuples:
    this runs for every candidate, the explanation only for the best)."""
    q, c = query.tokens, candidate.tokens
    total = sum(qw) + sum(cw)
    if not q or not c or total <= 0:
        return 0.0, []
    abjad = query.abjad or candidate.abjad
    kana = query.method.startswith("kana") or candidate.method.startswith("kana")
    options: list[tuple[float, int, int, float, str]] = []
    c_texts = [t.text for t in c]
    for i, qt in enumerate(q):
        a = qt.text
        wi = qw[i]
        row = _ROWS.get((a, abjad, kana))
        if row is None:
            row = _row(a, abjad, kana)
        for j, b in enumerate(c_texts):
            if a == b:
                options.append((wi + cw[j], i, j, 1.0, "exact"))
                continue
            found = row.get(b)
            if found is None:
                found = _fill(row, qt, c[j], abjad, kana)
            if found[0] > 0:
                options.append((found[0] * (wi + cw[j]), i, j, found[0], found[1]))
    n_q, n_c = len(q), len(c)
    pairs: list[RawPair] = []
    gained = 0.0
    if options:
        if len(options) > 1:
            options.sort(key=_first_desc)
        used_q = [False] * n_q
        used_c = [False] * n_c
        for value, i, j, sim, how in options:
            if not used_q[i] and not used_c[j]:
                used_q[i] = used_c[j] = True
                pairs.append(((i,), (j,), sim, how))
                gained += value
        free_q = {i for i in range(n_q) if not used_q[i]}
        free_c = {j for j in range(n_c) if not used_c[j]}
    else:
        free_q, free_c = set(range(n_q)), set(range(n_c))
    if free_q and len(free_c) >= 2:
        for i, span, sim, how in _merge_pass(q, c, free_q, free_c, abjad, kana):
            pairs.append(((i,), span, sim, how))
            gained += sim * (qw[i] + sum(cw[j] for j in span))
    if free_c and len(free_q) >= 2:
        for j, span, sim, how in _merge_pass(c, q, free_c, free_q, abjad, kana):
            pairs.append((span, (j,), sim, how))
            gained += sim * (cw[j] + sum(qw[i] for i in span))
    # Discount the weight of the entry's words left unmatched.
    extra = sum(cw[j] for j in free_c) if free_c else 0.0
    missing = sum(qw[i] for i in free_q) if free_q else 0.0
    denominator = total - (1.0 - CANDIDATE_EXTRA) * extra + CONFLICT * min(extra, missing)
    return min(1.0, gained / denominator), pairs


def _first_desc(option: tuple[float, int, int, float, str]) -> float:
    return -option[0]


def score_forms(
    query: NameForm,
    candidate: NameForm,
    weights: Weights,
    qw: list[float] | None = None,
    cw: list[float] | None = None,
) -> NameScore:
    """Score one query form against one candidate form (``qw``/``cw``: the token weights,
    when the caller has them already)."""
    if qw is None:
        qw = weights.form_weights(query)
    if cw is None:
        cw = weights.form_weights(candidate)
    score, pairs = _align(query, candidate, qw, cw)
    return explain_alignment(score, pairs, query, candidate, qw, cw)


def best_score(
    queries: list[NameForm],
    candidates: list[NameForm],
    weights: Weights,
    q_weights: list[list[float]] | None = None,
    c_weights: list[list[float]] | None = None,
) -> NameScore | None:
    """The best-scoring pair of forms, or None when either side has no form (the weights of
    each form's tokens may be given, in the order of the forms)."""
    best: tuple[float, list[RawPair], int, int, list[float], list[float]] | None = None
    for n, qf in enumerate(queries):
        qw = q_weights[n] if q_weights is not None else weights.form_weights(qf)
        for m, cf in enumerate(candidates):
            cw = c_weights[m] if c_weights is not None else weights.form_weights(cf)
            score, pairs = _align(qf, cf, qw, cw)
            if best is None or score > best[0]:
                best = (score, pairs, n, m, qw, cw)
    if best is None:
        return None
    score, pairs, n, m, qw, cw = best
    return explain_alignment(score, pairs, queries[n], candidates[m], qw, cw)


def best_alignment(
    queries: list[NameForm], q_weights: list[list[float]], candidate: NameForm, cw: list[float]
) -> tuple[float, list[RawPair], int]:
    """The best score of any query form against one candidate form: score, token pairs and
    the index of the query form (the screener's inner loop; :func:`explain_alignment` makes
    the explanation of the one kept)."""
    best: tuple[float, list[RawPair], int] = (-1.0, [], 0)
    for n, qf in enumerate(queries):
        score, pairs = _align(qf, candidate, q_weights[n], cw)
        if score > best[0]:
            best = (score, pairs, n)
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

"""A Korean person's name: a surname and a given name written in syllables, in order.

리수용 (Ri Su Yong, UN KPi.052) and 리명수 (RI Myong Su) share the surname and the syllable 수
(*su*), but a given name is one word written in syllables: 수용 and 명수 are two names, and so
are 명 and 명수 (李明 read *ri myong*). The names' words meet in any order elsewhere (the
surname stands first or last: KIM Jong Sik, Jong Sik KIM), so for two names written so
(:func:`syllabic`: in Hangul, in Han characters read as Korean, or romanised) three rules
hold:

- two words spelt a letter otherwise meet only when their syllables begin with the same
  consonants (:func:`same_syllables`);
- the syllables met keep their order in both names, but for one word moved from one end to
  the other (the surname): of words met out of order, the heaviest pairs in order are kept and
  the others are left unmet (:func:`in_order`; crossing pairs whose words meet the other way
  too are first swapped, :func:`uncrossed`), so that a word replaced by another costs as
  any different word does;
- a syllable of a given name that the other name lacks, while the other keeps none unmet, is
  another given name, not a further name a publisher left out (as a middle name is): the
  name is no contained person's (:mod:`tradeguard.screening.contained`) and the syllable
  costs as any word one name lacks (:func:`other_given_name`). A surname the other name
  lacks (Jong Sik / KIM Jong Sik) is not such a syllable.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations, pairwise

from tradeguard.names import korean
from tradeguard.names.analysis import NameForm, TokenClass
from tradeguard.names.phonetic import phonetic
from tradeguard.screening.similarity import token_similarity

#: (query token indexes, candidate token indexes, similarity, how)
RawPair = tuple[tuple[int, ...], tuple[int, ...], float, str]

#: a word of a syllabic name has at most this many syllables (a given name written as one
#: word: Jongsik), the name at most :data:`MOST_SYLLABLES` in all
WORD_SYLLABLES = 2
MOST_SYLLABLES = 4


def syllabic(form: NameForm) -> bool:
    """Whether a form reads as a Korean person's name: distinctive words (one to four) of one
    or two Korean syllables each, four at most in all, a surname's spelling at one end; or
    one word of two to four syllables, the first a surname's (李明 read as one word:
    *rimyong*)."""
    tokens = form.tokens
    return _syllabic(form.texts, tokens[0].phon[:1] == "~" or tokens[-1].phon[:1] == "~")


@lru_cache(maxsize=200_000)
def _syllabic(texts: tuple[str, ...], surname_at_end: bool) -> bool:
    if len(texts) == 1:
        parts = korean.syllables(texts[0])
        if not parts or not 2 <= len(parts) <= MOST_SYLLABLES:
            return False
        return phonetic("".join(parts[0])).startswith("~")
    if not surname_at_end or len(texts) > MOST_SYLLABLES:
        return False
    count = 0
    for text in texts:
        parts = korean.syllables(text)
        if not parts or len(parts) > WORD_SYLLABLES:
            return False
        count += len(parts)
    return count <= MOST_SYLLABLES


def both_syllabic(query: NameForm, candidate: NameForm) -> bool:
    """Whether both names are syllabic person names of distinctive words only."""
    return (
        all(t.cls == TokenClass.NAME for t in query.tokens)
        and all(t.cls == TokenClass.NAME for t in candidate.tokens)
        and syllabic(query)
        and syllabic(candidate)
    )


#: how two words meet when one is spelt a letter or two otherwise
_TYPOS = frozenset({"typo", "phonetic-typo"})


def same_syllables(query: NameForm, candidate: NameForm, pairs: list[RawPair]) -> list[RawPair]:
    """The pairs but those of words spelt a letter otherwise whose syllables begin with other
    consonants: *yong* (용) and *myong* (명) are two syllables, not a typo; *chul* and *chol*
    (철) are one, spelt two ways."""
    kept = []
    for pair in pairs:
        if pair[3] in _TYPOS:
            q = korean.syllables("".join(query.tokens[i].text for i in pair[0]))
            c = korean.syllables("".join(candidate.tokens[j].text for j in pair[1]))
            if not q or not c or [s[0] for s in q] != [s[0] for s in c]:
                continue
        kept.append(pair)
    return kept


def _ordered(positions: Sequence[int]) -> bool:
    """Whether the candidate's positions (in the query's order) rise, but for one word moved
    from one end to the other."""
    if all(a < b for a, b in pairwise(positions)):
        return True
    moved = [*positions[1:], positions[0]], [positions[-1], *positions[:-1]]
    return any(all(a < b for a, b in pairwise(m)) for m in moved)


def uncrossed(query: NameForm, candidate: NameForm, pairs: list[RawPair]) -> list[RawPair]:
    """The pairs with two crossing pairs of single words swapped when the words meet the
    other way too, as closely: *chung*, *cheong*, *jung* and *jong* are spellings of one surname (정), so
    Chung-cheong Gim meets KIM JUNG JONG word for word in order."""
    out = list(pairs)
    kana = query.kana or candidate.kana
    for _ in range(len(out) * len(out)):
        swapped = False
        for a, b in combinations(range(len(out)), 2):
            (qa, ca, sim_a, _), (qb, cb, sim_b, _) = out[a], out[b]
            if len(qa) + len(ca) + len(qb) + len(cb) != 4 or (qa[0] < qb[0]) == (ca[0] < cb[0]):
                continue
            one = token_similarity(query.tokens[qa[0]], candidate.tokens[cb[0]], False, kana)
            two = token_similarity(query.tokens[qb[0]], candidate.tokens[ca[0]], False, kana)
            if one[0] > 0 and two[0] > 0 and one[0] + two[0] >= sim_a + sim_b:
                out[a], out[b] = (qa, cb, *one), (qb, ca, *two)
                swapped = True
        if not swapped:
            break
    return out


def in_order(
    pairs: list[RawPair], qw: Sequence[float], cw: Sequence[float]
) -> list[RawPair] | None:
    """The pairs to keep when the words met stand in another order in the two names (the
    heaviest set of pairs in order), or None when they are in order."""
    if len(pairs) < 2:
        return None
    ranked = sorted(pairs, key=lambda p: min(p[0]))
    if _ordered([min(p[1]) for p in ranked]):
        return None

    def value(chosen: Sequence[RawPair]) -> float:
        return sum(p[2] * (sum(qw[i] for i in p[0]) + sum(cw[j] for j in p[1])) for p in chosen)

    best: tuple[RawPair, ...] = ()
    for size in range(len(ranked) - 1, 0, -1):
        for chosen in combinations(ranked, size):
            if _ordered([min(p[1]) for p in chosen]) and value(chosen) > value(best):
                best = chosen
        if best:
            break
    return list(best)


def other_given_name(
    form: NameForm, free_q: set[int], free_c: set[int], candidate: NameForm
) -> bool:
    """Whether one name keeps a syllable of its given name unmet while the other keeps no
    word unmet (``form``: the query's form): another given name, not a contained person."""
    if bool(free_q) == bool(free_c):
        return False
    named, free = (form, free_q) if free_q else (candidate, free_c)
    last = len(named.tokens) - 1
    # an unmet surname at one end of the name (Jong Sik / KIM Jong Sik) is no given name
    ends = [i for i in (0, last) if i in free and named.tokens[i].phon[:1] == "~"]
    return bool(free - set(ends[:1]))


def syllable_pairs(
    query: NameForm,
    candidate: NameForm,
    pairs: list[RawPair],
    qw: Sequence[float],
    cw: Sequence[float],
) -> list[RawPair] | None:
    """The pairs two syllabic names keep (:func:`same_syllables`, :func:`uncrossed`,
    :func:`in_order`), or None when they keep them all as they are."""
    kept = same_syllables(query, candidate, pairs)
    if in_order(kept, qw, cw) is not None:
        kept = same_syllables(query, candidate, uncrossed(query, candidate, kept))
        kept = in_order(kept, qw, cw) or kept
    return None if kept == pairs else kept

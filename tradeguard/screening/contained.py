"""A person known by fewer of their names than another publisher gives.

"JADHRAN, Ibrahim" (UN) is "Ibrahim Saeed Salim Jadhran" (OFAC): when every word of one
person's name is met in the other's, the other's further words (given names, a patronymic, a
nasab) are no evidence of another person, and cost :data:`CONTAINED_PERSON` of their weight on
either side instead of their full weight. Screening practice reviews such a contained name.

The rule trusts the structure of the names, so it asks that the contained name be met as a
name and not by chance (both measured on ``benchmarks/screening_quality.py`` and the
cross-publisher pairs of ``benchmarks/screening_outside.py``):

- at least two of its words meet two different words of the other name: two words of one name
  joined to meet one word of the other ("Lucia Yoon" / "Luciano", "Arjun" / "ولی جان") are one
  word met, and one word is not a person's name;
- between two Latin spellings, at least one word is spelt the same: when every word only looks
  alike ("Sofia Haddad" / "Safia ... Al-Hadad"), the name is another person's as often as the
  same one's. A reading of another script (katakana, an Arabic skeleton) never spells a Latin
  word as the list does, and keeps the rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from tradeguard.names.analysis import NameForm, TokenClass

#: the share of their weight that the further words of a contained person's name cost
CONTAINED_PERSON = 0.5
#: how two words meet when they are spelt the same (written together or apart)
SPELT = frozenset({"exact", "joined-exact", "form"})

#: (query token indexes, candidate token indexes, similarity, how)
RawPair = tuple[tuple[int, ...], tuple[int, ...], float, str]


def contained_person(
    query: NameForm, candidate: NameForm, pairs: Sequence[RawPair], free_q: bool, free_c: bool
) -> bool:
    """Whether every word of one name is met in the other as a contained person's name (see
    the module's rules); ``free_q``, ``free_c``: the query, the candidate keeps words unmet."""
    if free_q == free_c:
        return False
    met = candidate if free_q else query
    named = [
        p
        for p in pairs
        if any(met.tokens[i].cls == TokenClass.NAME for i in (p[1] if free_q else p[0]))
    ]
    if len(named) < 2:
        return False
    latin = query.method == "latin" and candidate.method == "latin"
    return not latin or any(p[3] in SPELT for p in named)


def kept_pairs(
    pairs: list[RawPair], qw: Sequence[float], cw: Sequence[float]
) -> tuple[list[RawPair], float, set[int], set[int]]:
    """Pairs kept of an alignment, with what they gain and the tokens they leave free on
    each side (the query's, the candidate's)."""
    used_q = [False] * len(qw)
    used_c = [False] * len(cw)
    gained = 0.0
    for pq, pc, sim, _ in pairs:
        for i in pq:
            used_q[i] = True
            gained += sim * qw[i]
        for j in pc:
            used_c[j] = True
            gained += sim * cw[j]
    free_q = {i for i, used in enumerate(used_q) if not used}
    free_c = {j for j, used in enumerate(used_c) if not used}
    return pairs, gained, free_q, free_c


def _unlengthened(text: str) -> str:
    """A katakana reading without its long vowels (``maahaan`` -> ``mahan``, ``toukyou`` ->
    ``tokyo``), as Latin spellings of the same name write it."""
    out: list[str] = []
    for char in text:
        if out and char in "aeiou" and (out[-1] == char or (out[-1] == "o" and char == "u")):
            continue
        out.append(char)
    return "".join(out)


def kana_spelt(query: NameForm, candidate: NameForm, pair: RawPair) -> bool:
    """Whether a pair of one word each is spelt alike but for the long vowels of a katakana
    reading (マーハーン, ``maahaan``, is MAHAN as the name is spelt)."""
    if len(pair[0]) != 1 or len(pair[1]) != 1:
        return False
    (qi,), (ci,) = pair[0], pair[1]
    return _unlengthened(query.texts[qi]) == _unlengthened(candidate.texts[ci])

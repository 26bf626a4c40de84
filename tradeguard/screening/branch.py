"""A designated party's branch, office or agent: the listed name inside a longer query.

"Korea Ryonbong General Corporation, Shenyang Branch", "Tanchon Commercial Bank Beijing
Representative Office", "KOMID Beijing office" and "Dalian Trading Co. on behalf of Korea
Ryonbong General Corporation" name the designated party itself: a branch or representative
office is the same legal person, and the asset freeze of UN Security Council resolution 1718
(2006), paragraph 8 (d), reaches persons "acting on their behalf or at their direction" (wording not
checked against the resolution's text: ``branches.yaml``, ``verified: false``). Scored
as one name, the words around the listed name outweigh it.

:func:`parts` reads such a query as its parts: the text between agency phrases ("on behalf
of", "c/o", "acting for"), markup removed, and within each, the name left when branch and
office words (``tradeguard/data/names/branches.yaml``, in Latin, Japanese, Chinese and Korean)
and the places beside them (ISO 3166 countries and subdivisions, the places the lists' own
addresses name, ``list_places.txt``, and a country's code or abbreviation written in capitals:
"HK Branch", "PRC Office") are taken off either end. :func:`widen` screens each part
and keeps a match of the part when the part is the listed name (an exact match when the part is
one word, such as an acronym), with a feature that says which part matched and what the rest
was. A long firm name that merely contains a listed name keeps its other words in the part,
and the rule does not apply to it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pycountry
import yaml

from tradeguard.errors import InputError
from tradeguard.names.analysis import short_word
from tradeguard.names.normalize import fold
from tradeguard.screening import features as ft
from tradeguard.screening.model import Match, Query

#: at most this many parts of one query are screened
MAX_PARTS = 4
#: the name score a part of several distinctive words needs: the listed name as the part
#: writes it, a spelling variant aside ("Iron Mountain" is not "Iron Mountain Entreprises")
NEAR_EXACT = 0.95

_MARKUP = re.compile(r"<[^<>]*>|&#?[0-9A-Za-z]+;")
_EDGE = " \t,.;:-–—/()[]"
_WORD = re.compile(r"[^\W_]+")
#: words that end a subdivision's name in ISO 3166-2 and are left out in use ("Liaoning Sheng")
_ADMIN = frozenset({"shi", "sheng", "zizhiqu", "province", "prefecture", "region", "oblast"})

#: words that join a name to the place after them ("Bank of China", "Bank for ...")
_JOINING = frozenset({"of", "for", "and", "the", "de", "du", "des", "del", "la", "le", "di"})
#: what parts the name from its address: a comma, a semicolon, a bar or a line break
_SEPARATOR = re.compile(r"[,;|\n\r]")

KIND_WORDS = {
    "branch": "a branch or office word",
    "place": "a place",
    "address": "an address",
    "agent": "an agent's words",
    "markup": "markup",
}


@dataclass(frozen=True)
class Vocabulary:
    branch: frozenset[tuple[str, ...]]
    scripts: tuple[str, ...]  # longest first
    agents: frozenset[tuple[str, ...]]
    places: frozenset[tuple[str, ...]]
    version: str
    #: a country's code or abbreviation (ISO 3166-1 alpha-2 and alpha-3, and the
    #: abbreviations of ``country_words.yaml``: HK, PRC, UAE, UK, DPRK), folded: a place
    #: beside a branch word when the query writes it in capitals ("HK Branch")
    codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Part:
    """A part of a query screened on its own: the text, what the rest of the query is."""

    core: str
    rest: str
    kinds: tuple[str, ...]

    def words(self) -> str:
        """What the rest is, in words."""
        return " and ".join(KIND_WORDS[k] for k in self.kinds)


@functools.cache
def vocabulary() -> Vocabulary:
    base = resources.files("tradeguard") / "data" / "names"
    raw: Any = yaml.safe_load((base / "branches.yaml").read_text("utf-8"))
    places: set[tuple[str, ...]] = set()
    for line in (base / "list_places.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            places.add(tuple(line.split()))
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                places.add(tuple(fold(value).split()))
    for sub in pycountry.subdivisions:
        words = tuple(fold(sub.name).split())
        places.add(words)
        if len(words) > 1 and words[-1] in _ADMIN:
            places.add(words[:-1])
    codes = {fold(c.alpha_2) for c in pycountry.countries}
    codes |= {fold(c.alpha_3) for c in pycountry.countries}
    country_words: Any = yaml.safe_load((base / "country_words.yaml").read_text("utf-8"))
    codes |= {fold(str(short)) for short in country_words["abbreviations"]}
    return Vocabulary(
        codes=frozenset(codes),
        branch=frozenset(tuple(fold(w).split()) for w in raw["latin"]),
        scripts=tuple(sorted((str(w) for w in raw["scripts"]), key=len, reverse=True)),
        agents=frozenset(tuple(fold(w).split()) for w in raw["agents"]),
        places=frozenset(p for p in places if p),
        version=str(raw["version"]),
    )


#: a word of the query: where it starts and ends in the text, and its folded form
_Token = tuple[int, int, str]


def _tokens(text: str, vocab: Vocabulary) -> list[_Token]:
    out: list[_Token] = []
    for m in _WORD.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        suffix = next((s for s in vocab.scripts if word.endswith(s) and len(word) > len(s)), None)
        if suffix is not None:
            cut = end - len(suffix)
            out.append((start, cut, fold(text[start:cut])))
            out.append((cut, end, suffix))
        else:
            out.append((start, end, fold(word)))
    return [t for t in out if t[2]]


def _phrase_at(words: list[str], k: int, table: frozenset[tuple[str, ...]], backwards: bool) -> int:
    """The length of the longest phrase of ``table`` ending (``backwards``) or starting at
    ``k``, 0 if none."""
    for size in (3, 2, 1):
        span = words[k - size : k] if backwards else words[k : k + size]
        if len(span) == size and (k - size >= 0 or not backwards) and tuple(span) in table:
            return size
    return 0


def _strip(
    words: list[str],
    vocab: Vocabulary,
    branch: Callable[[str], bool],
    backwards: bool,
    coded: list[bool] | None = None,
) -> list[tuple[int, tuple[str, ...]]]:
    """The cut points of branch words and places taken off one end: each cut (an index of
    ``words``) with what was taken off, only where a branch word was among it. ``coded``
    says which words are a country's code or abbreviation written in capitals (a place)."""
    cuts: list[tuple[int, tuple[str, ...]]] = []
    kinds: list[str] = []
    k = len(words) if backwards else 0
    while k > 0 if backwards else k < len(words):
        word = words[k - 1] if backwards else words[k]
        size = _phrase_at(words, k, vocab.branch, backwards)
        kind = "branch"
        if not size and branch(word):
            size = 1
        if not size:
            size, kind = _phrase_at(words, k, vocab.places, backwards), "place"
        if not size and coded is not None and coded[k - 1 if backwards else k]:
            size, kind = 1, "place"  # "HK Branch", "PRC Office"
        if not size and not backwards and word == "of" and "branch" in kinds:
            size, kind = 1, "branch"  # "Shenyang Branch of ..."
        if not size:
            break
        k = k - size if backwards else k + size
        kinds.append(kind)
        if "branch" in kinds:
            cuts.append((k, tuple(dict.fromkeys(reversed(kinds) if backwards else kinds))))
    return cuts


def parts(name: str) -> list[Part]:
    """The parts of an organisation's name to screen on their own (see the module)."""
    vocab = vocabulary()
    markup = [m.group() for m in _MARKUP.finditer(name)]
    text = _MARKUP.sub(lambda m: " " * len(m.group()), name)
    tokens = _tokens(text, vocab)
    words = [t[2] for t in tokens]
    segments: list[tuple[int, int]] = []
    start = k = 0
    while k < len(words):
        size = _phrase_at(words, k, vocab.agents, backwards=False)
        if size and k > 0 and k + size < len(words):
            segments.append((start, k))
            start = k = k + size
        else:
            k += 1
    segments.append((start, len(words)))
    extra: tuple[str, ...] = (("agent",) if len(segments) > 1 else ()) + (
        ("markup",) if markup else ()
    )
    found: list[Part] = []

    def add(i: int, j: int, kinds: tuple[str, ...]) -> None:
        if i >= j:
            return
        core = text[tokens[i][0] : tokens[j - 1][1]].strip()
        before = text[: tokens[i][0]].rstrip(_EDGE).strip()
        after = text[tokens[j - 1][1] :].lstrip(_EDGE).strip()
        rest = " … ".join(p for p in (before, after) if p)
        if markup and not rest:
            rest = " ".join(markup)
        elif markup:
            rest = f"{rest} … {' '.join(markup)}"
        if core != name.strip() and all(p.core != core for p in found):
            found.append(Part(core, rest, tuple(dict.fromkeys(kinds))))

    def is_branch(word: str) -> bool:
        return word in vocab.scripts

    spans = [m.span() for m in _MARKUP.finditer(name)]
    gaps = {
        k
        for k in range(1, len(tokens))
        if _SEPARATOR.search(text, tokens[k - 1][1], tokens[k][0])
        or any(tokens[k - 1][1] <= a and b <= tokens[k][0] for a, b in spans)
    }
    # words between tags at either end too short to screen ("<b>x</b>Korea Ryonbong ...")
    # are left out: the name is the words between the first and last usable runs
    tagged = [
        k
        for k in range(1, len(tokens))
        if any(tokens[k - 1][1] <= a and b <= tokens[k][0] for a, b in spans)
    ]
    runs = [
        (i, j)
        for i, j in zip([0, *tagged], [*tagged, len(tokens)], strict=True)
        if sum(len(w) for w in words[i:j]) >= 2
    ]
    if tagged and runs and (runs[0][0], runs[-1][1]) != (0, len(tokens)):
        add(runs[0][0], runs[-1][1], ("markup",))
    coded = [_coded(text[a:b], word, vocab) for a, b, word in tokens]
    for i, j in segments:
        if extra:
            add(i, j, extra)
        seg = words[i:j]
        for cut, kinds in _strip(seg, vocab, is_branch, True, coded[i:j]):
            add(i, i + cut, kinds + extra)
        for cut, kinds in _strip(seg, vocab, is_branch, False, coded[i:j]):
            add(i + cut, j, kinds + extra)
        for a, b, kinds in _address_cuts(seg, [k - i for k in sorted(gaps) if i < k < j], vocab):
            if _distinctive(seg[a:b]):
                add(i + a, i + b, kinds + extra)
    return found[:MAX_PARTS]


def _coded(written: str, word: str, vocab: Vocabulary) -> bool:
    """Whether a word of the query is a country's code or abbreviation written in capitals
    (``HK``, ``PRC``, ``UAE``; not the English words *in*, *it* or *and*)."""
    return word in vocab.codes and written.isupper()


def _address_cuts(
    words: list[str], gaps: list[int], vocab: Vocabulary
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The name without its address: ``(start, end, kinds)`` of the words kept, where what
    is left off is written after a separator (``gaps``: the indexes of the words a comma, a
    line break or markup comes before) and names a place ("Rosoboronexport, Moscow", "KOMID
    <br>Central District, Pyongyang"), or is places alone before a separator ("Pyongyang,
    KOMID"), or is places written at the end of the name ("... Corporation Pyongyang
    Korea"), a company form or generic word that is also a place (*maritime*) aside."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    common = _common_words()
    after = [g for g in gaps if words[g] not in common and _places_in(words[g:], vocab, only=False)]
    if after:
        out.append((0, after[0], ("address",)))
        whole = [g for g in after if _places_in(words[g:], vocab, only=True)]
        if whole and whole[0] != after[0]:
            out.append((0, whole[0], ("place",)))
    before = [g for g in gaps if _places_in(words[:g], vocab, only=True)]
    if before:
        out.append((before[-1], len(words), ("place",)))
    k = len(words)
    while k > 0:
        size = _phrase_at(words, k, vocab.places, backwards=True)
        if not size or (size == 1 and words[k - 1] in common):
            break
        k -= size
    if 0 < k < len(words) and words[k - 1] not in _JOINING:
        out.append((0, k, ("place",)))
    return out


def _places_in(words: list[str], vocab: Vocabulary, only: bool) -> bool:
    """Whether ``words`` name a place (``only``: are nothing but places)."""
    k = covered = 0
    while k < len(words):
        size = _phrase_at(words, k, vocab.places, backwards=False)
        if size and not (size == 1 and words[k] in _common_words()):
            covered += size
            k += size
        elif only:
            return False
        else:
            k += 1
    return covered > 0


def _distinctive(words: list[str]) -> bool:
    """Whether a name left without its address has a word beside company forms and generic
    words (not "Trading Co." of "Trading Co., Dalian")."""
    common = _common_words()
    return any(w not in common and w not in _JOINING for w in words)


def widen(
    screen: Callable[[Query], list[Match]], query: Query, matches: list[Match], limit: int
) -> list[Match]:
    """``matches`` with those of the query's parts (:func:`parts`) where the part is the
    listed name of an organisation; ``screen`` screens one query as one name."""
    if not query.name or query.schema == "Person":
        return matches
    found = parts(query.name)
    if not found:
        return matches
    best: dict[str, Match] = {m.party_id or m.entity_id: m for m in matches}
    for part in found:
        if sum(c.isalnum() for c in part.core) < 2:
            continue  # "c/o X", "<b>x</b>": a part too short to screen is no name of its own
        # the country given is the branch's, office's or agent's, which is not the party's
        abroad = bool({"branch", "agent"} & set(part.kinds))
        sub = dataclasses.replace(query, name=part.core, branch=abroad)
        try:
            found_matches = screen(sub)
        except InputError:  # a part that names no party (a company form alone)
            continue
        for match in found_matches:
            if not _accepted(match, part):
                continue
            key = match.party_id or match.entity_id
            if key in best and best[key].score >= match.score:
                continue
            _explain(match, query.name, part)
            best[key] = match
    ranked = sorted(best.values(), key=lambda m: -m.score)  # stable: the query's own first
    return ranked[:limit]


def _accepted(match: Match, part: Part) -> bool:
    """Whether a match of a part stands for the query: an organisation's name met as the
    part writes it (:data:`NEAR_EXACT`), exactly when the part has one short distinctive word
    beside company forms and generic words (an acronym such as KOMID; not "SL Corporation"
    for "SL"); a long one may meet the listed name with its company form (Rosoboronexport /
    ROSOBORONEXPORT JSC)."""
    if match.schema == "Person":
        return False
    name_score = float(match.explanation.get("name_score") or 0.0)
    common = _common_words()
    distinctive = [w for w in fold(part.core).split() if w not in common]
    if not distinctive or (len(distinctive) == 1 and short_word(distinctive[0])):
        return name_score >= ft.EXACT_NAME
    return name_score >= NEAR_EXACT


@functools.cache
def _common_words() -> frozenset[str]:
    from tradeguard.names.vocab import vocabulary as names

    vocab = names()
    return frozenset(w for key in list(vocab.forms) + list(vocab.generic) for w in key)


def part_words(part: Part) -> dict[str, Any]:
    """A part as the explanation gives it: the part matched, the rest, what the rest is."""
    why = (
        "a designated party's branch, office or agent is the party"
        if {"branch", "agent"} & set(part.kinds)
        else "a designated party named with its address is the party"
    )
    detail = (
        f"the query's part {part.core!r} is the listed name; the rest, {part.rest!r}, is "
        f"{part.words()}: {why}"
    )
    return {"matched": part.core, "rest": part.rest, "rest_is": list(part.kinds), "detail": detail}


def _explain(match: Match, query_name: str, part: Part) -> None:
    words = part_words(part)
    effect = ft.Effect("part", 0.0, words["detail"], "", {"part": part.core, "rest": part.rest})
    match.explanation["query_name"] = query_name
    match.explanation["part"] = words
    match.explanation.setdefault("features", []).append(effect.to_dict())


def compare_parts(name_a: str, name_b: str) -> list[tuple[str, str, Part]]:
    """The pairs of names :meth:`Screener.compare` also scores: a part of either name against
    the other name, with the part."""
    pairs = [(p.core, name_b, p) for p in parts(name_a)]
    pairs += [(name_a, p.core, p) for p in parts(name_b)]
    return pairs

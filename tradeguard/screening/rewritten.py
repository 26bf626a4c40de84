"""A name written to slip past word-by-word matching, screened as the name it spells.

Words run together (``KoreaMiningDevelopmentTradingCorporation``, or in one case), letters
spaced out (``K o r e a M i n i n g``) and Korean typed as separate jamo (``ㅈㅗㅅㅓㄴ``) leave
no word of a listed name to meet, and a designated party would be CLEAR. :func:`rewrite`
reads such a name back (:mod:`tradeguard.names.written`): jamo composed into syllables,
spaced letters joined, words cut where their case turns, and a long word of one case cut into
words of the loaded lists' names; :func:`widen` screens the rewritten name too and keeps, per
party, the better of the two, explained with a ``rewritten`` feature.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from functools import cache

from tradeguard.names.normalize import fold
from tradeguard.names.vocab import vocabulary
from tradeguard.names.written import compose_jamo, join_spaced, segment, split_camel
from tradeguard.screening import features as ft
from tradeguard.screening.model import Match, Query

#: a word of one case is cut into words only from this many letters: shorter words are
#: names of their own (Mitsubishi, Samsung), and what run-together names hide is several words
SEGMENT_FROM = 12
#: a piece of a cut word must be a word of at least this many of the lists' names, and of
#: at least :data:`MIN_PIECE` letters unless it is a company form or generic word (``co``):
#: cut into syllables, any long word is made of listed words (``con ne cti vi ty``)
KNOWN_IN = 2
MIN_PIECE = 3


@cache
def _vocabulary_words() -> frozenset[str]:
    """The one-word company forms and generic words (``corporation``, ``trading``): the
    index holds them as their canonical token (``corp``), not as written."""
    vocab = vocabulary()
    return frozenset(words[0] for words in (*vocab.forms, *vocab.generic) if len(words) == 1)


def rewrite(name: str, doc_freq: Mapping[str, int]) -> str | None:
    """The name ``name`` spells once read back as words (see the module), or None when it
    reads as written. ``doc_freq``: the loaded names' words and how many names hold each."""
    vocab = _vocabulary_words()

    def known(word: str) -> bool:
        if word in vocab:
            return True
        return len(word) >= MIN_PIECE and doc_freq.get(word, 0) >= KNOWN_IN

    text = split_camel(compose_jamo(join_spaced(name)))
    words: list[str] = []
    for word in fold(text).split():
        pieces = None
        if len(word) >= SEGMENT_FROM and word.isascii() and word.isalpha() and not known(word):
            pieces = segment(word, known)
        words.extend(pieces or [word])
    rewritten = " ".join(words)
    return None if rewritten == fold(name) else rewritten


def widen(
    screen: Callable[[Query], list[Match]],
    query: Query,
    matches: list[Match],
    limit: int,
    doc_freq: Mapping[str, int],
) -> list[Match]:
    """``matches`` (the query's name screened as written) with those of the name it spells
    (:func:`rewrite`), the better per party; ``screen`` screens one query."""
    if not query.name:
        return matches
    text = rewrite(query.name, doc_freq)
    if text is None:
        return matches
    best: dict[str, Match] = {m.party_id or m.entity_id: m for m in matches}
    for match in screen(dataclasses.replace(query, name=text)):
        key = match.party_id or match.entity_id
        if key in best and best[key].score >= match.score:
            continue
        _explain(match, query.name, text)
        best[key] = match
    ranked = sorted(best.values(), key=lambda m: -m.score)  # stable: as written first
    return ranked[:limit]


def _explain(match: Match, query_name: str, text: str) -> None:
    detail = (
        f"{text!r}: the query's name read back as words (words run together, letters spaced "
        "out or Hangul jamo typed apart), screened as a name"
    )
    effect = ft.Effect("rewritten", 0.0, detail, "", {"rewritten": text})
    match.explanation["query_name"] = query_name
    match.explanation["screened_name"] = text
    match.explanation.setdefault("features", []).append(effect.to_dict())

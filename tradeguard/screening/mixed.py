"""A name written in several scripts screened part by part as well as whole.

A document may give a party's Latin name and its name in the writer's script side by side:
"SMIC 中芯国际". Read whole, each part is a distinctive word the listed name lacks, and the
query scores worse than its Latin part alone (SMIC meets SEMICONDUCTOR MANUFACTURING
INTERNATIONAL CORPORATION's alias at 1.00; with its Chinese name beside it, at nothing).
:func:`parts` cuts a name into its script parts (Latin, Cyrillic, Arabic, the Chinese, Japanese
and Korean scripts as one, ...); :func:`widen` also screens each part as a name and keeps, per
party, the best of the whole and the parts: a name in several scripts never scores worse than
its best part. A part made only of generic words (化学, 화학, 化学工業, 케미칼: the trade, not
the firm) is not screened alone: read as a name it would meet every listed firm of the trade
(LG화학 is not Korea International Chemical Joint Venture Company); the distinctive part and
the whole name are screened as before.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from tradeguard.errors import InputError
from tradeguard.names.analysis import TokenClass, canonical_tokens
from tradeguard.names.glossary import segment
from tradeguard.names.normalize import fold
from tradeguard.names.translit import script_of
from tradeguard.names.vocab import vocabulary
from tradeguard.screening import features as ft
from tradeguard.screening.model import Match, Query

#: scripts written together in one name: kanji with kana, hanja with Hangul
_JOINED = {"Hang": "Hani", "Kana": "Hani"}
_NAMES = {
    "Latn": "Latin",
    "Hani": "Chinese, Japanese or Korean",
    "Cyrl": "Cyrillic",
    "Arab": "Arabic",
}


def parts(name: str) -> list[tuple[str, str]]:
    """The parts of a name written in more than one script, ``(script, text)``, each part the
    runs of one script joined by a space (a digit or punctuation mark goes with the run before
    it); empty for a name in one script. A part needs two letters or digits."""
    runs: list[tuple[str, str]] = []
    script = ""
    start = 0
    for i, char in enumerate(name):
        if not char.isalpha():
            continue
        found = script_of(char)
        found = _JOINED.get(found, found)
        if found != script:
            if script:
                runs.append((script, name[start:i]))
            script, start = found, i
    if not script:
        return []
    runs.append((script, name[start:]))
    by_script: dict[str, list[str]] = {}
    for found, text in runs:
        by_script.setdefault(found, []).append(text.strip())
    if len(by_script) < 2:
        return []
    out = [(found, " ".join(" ".join(texts).split())) for found, texts in by_script.items()]
    return [(found, text) for found, text in out if sum(c.isalnum() for c in text) >= 2]


def generic_only(text: str) -> bool:
    """Whether a part's words are all generic words or company forms: the glossary's words
    (:func:`tradeguard.names.glossary.segment`) in Chinese, Japanese and Korean script, the
    generic words and forms of ``tradeguard/data/names/`` in Latin or Cyrillic."""
    folded = fold(text)
    for form, _ in vocabulary().script_forms:
        folded = folded.replace(form, " 会社 ")  # a company form, read as the glossary's word
    pieces = segment(folded)
    rest = " ".join(piece for piece, renderings in pieces if renderings is None)
    words = [w for w in "".join(c if c.isalnum() else " " for c in rest).split()]
    if not words:
        return any(renderings is not None for _, renderings in pieces)
    if len(words) == 1 and len(pieces) == 1:
        # a single word alone is never read as a generic one by canonical_tokens
        vocab = vocabulary()
        return (words[0],) in vocab.generic or (words[0],) in vocab.forms
    return all(cls != TokenClass.NAME for _, cls in canonical_tokens(words))


def widen(
    screen: Callable[[Query], list[Match]], query: Query, matches: list[Match], limit: int
) -> list[Match]:
    """``matches`` (the query's name screened whole) with those of each of its script parts
    (:func:`parts`), the better per party; ``screen`` screens one query."""
    if not query.name:
        return matches
    found = parts(query.name)
    if not found:
        return matches
    best: dict[str, Match] = {m.party_id or m.entity_id: m for m in matches}
    for script, text in found:
        if generic_only(text):
            continue
        try:
            found_matches = screen(dataclasses.replace(query, name=text))
        except InputError:  # a part too short to screen alone: the whole name was screened
            continue
        for match in found_matches:
            key = match.party_id or match.entity_id
            if key in best and best[key].score >= match.score:
                continue
            _explain(match, query.name, script, text)
            best[key] = match
    ranked = sorted(best.values(), key=lambda m: -m.score)  # stable: the whole name's first
    return ranked[:limit]


def _explain(match: Match, query_name: str, script: str, text: str) -> None:
    written = _NAMES.get(script, script)
    detail = f"{text!r}, the query's part in {written} script, screened as a name"
    effect = ft.Effect("script_part", 0.0, detail, "", {"script": script, "part": text})
    match.explanation["query_name"] = query_name
    match.explanation["screened_name"] = text
    match.explanation.setdefault("features", []).append(effect.to_dict())

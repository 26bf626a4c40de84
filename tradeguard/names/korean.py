"""Korean romanizations as one comparison spelling, syllable by syllable.

The lists write a Korean name in the DPRK's style (McCune-Reischauer without breves, initial
r and n kept: ``Ryonha``, ``Ri``, ``Pak``, ``Chong``, ``Thae``) or in the ROK's Revised
Romanization (``Yeonha``, ``I``/``Yi``, ``Bak``, ``Jeong``, ``Tae``). :func:`canonical` reads a
folded Latin word as a sequence of Korean syllables — an initial consonant, a vowel and a
final consonant, each spelt as one of the published systems spells it
(``tradeguard/data/names/korean_romanization.yaml``) — and writes each syllable with its
comparison spelling: the McCune-Reischauer letters without breves, aspiration or tenseness,
voiced and voiceless initials merged, and the first syllable as the ROK writes it (the
word-initial rule). Both romanizations of one Hangul word meet there, and
:func:`hangul_canonical` gives the same spelling from the Hangul itself (Unicode syllable
decomposition).

A word that is not a sequence of Korean syllables (``Schmidt``, ``Robert``) gets None: its
spelling is compared as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from tradeguard.names.vocab import vocabulary

_BASE, _LAST = 0xAC00, 0xD7A3
_SYSTEMS = ("rr", "mr", "kp")
#: the longest Latin word read as Korean syllables (a name written joined is rarely longer)
LONGEST = 24
_VOWEL_START = re.compile(r"ng(?=[aeiouwy])")
_DOUBLE = re.compile(r"([kptsmnl])\1+")


@dataclass(frozen=True, slots=True)
class Rules:
    #: spelling -> comparison spelling, longest spellings first
    initials: tuple[tuple[str, str], ...]
    vowels: tuple[tuple[str, str], ...]
    finals: tuple[tuple[str, str], ...]
    #: by Unicode jamo index: the comparison spelling of initials, vowels and finals
    initial_keys: tuple[str, ...]
    vowel_keys: tuple[str, ...]
    final_keys: tuple[str, ...]
    #: vowels (comparison spellings) before which an initial r or n is dropped
    drop_before: frozenset[str]
    #: what an initial r becomes before the other vowels
    r_becomes: str


def _spellings(records: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for record in records:
        for system in _SYSTEMS:
            for spelling in record[system]:
                known = found.setdefault(str(spelling), str(record["key"]))
                if known != record["key"]:
                    raise ValueError(f"korean_romanization: {spelling!r} spells two keys")
    return tuple(sorted(found.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@cache
def rules() -> Rules:
    data = vocabulary().korean
    finals = {str(r["sound"]): str(r["key"]) for r in data["finals"]}
    return Rules(
        initials=_spellings(data["initials"]),
        vowels=_spellings(data["vowels"]),
        finals=_spellings(data["finals"]),
        initial_keys=tuple(str(r["key"]) for r in data["initials"]),
        vowel_keys=tuple(str(r["key"]) for r in data["vowels"]),
        final_keys=tuple(finals[str(s)] if s else "" for s in data["final_sounds"]),
        drop_before=frozenset(str(v) for v in data["initial_drop_before"]),
        r_becomes=str(data["initial_r_becomes"]),
    )


Syllable = tuple[str, str, str]  # comparison spellings of initial, vowel and final


def syllables(word: str) -> list[Syllable] | None:
    """The folded Latin ``word`` as Korean syllables (comparison spellings), or None when it
    cannot be read so. Of several readings the first is taken, each syllable's initial, vowel
    and final being tried longest first (``yeongam`` is ``yeong am``)."""
    if not word or len(word) > LONGEST or not word.isascii() or not word.isalpha():
        return None
    r = rules()
    failed: set[int] = set()
    n = len(word)

    def from_(i: int) -> list[Syllable] | None:
        if i == n:
            return []
        if i in failed:
            return None
        for ini, ini_key in r.initials:
            if not word.startswith(ini, i):
                continue
            j = i + len(ini)
            for vow, vow_key in r.vowels:
                if not word.startswith(vow, j):
                    continue
                k = j + len(vow)
                for fin, fin_key in (*r.finals, ("", "")):
                    if fin and not word.startswith(fin, k):
                        continue
                    rest = from_(k + len(fin))
                    if rest is not None:
                        return [(ini_key, vow_key, fin_key), *rest]
        failed.add(i)
        return None

    return from_(0)


def _initial_rule(first: Syllable, r: Rules) -> Syllable:
    """The first syllable of a word as the ROK writes it (두음법칙)."""
    ini, vow, fin = first
    if ini in ("r", "n") and vow in r.drop_before:
        return ("", vow, fin)
    if ini == "r":
        return (r.r_becomes, vow, fin)
    return first


def _spell(parts: list[Syllable]) -> str:
    r = rules()
    parts = [_initial_rule(parts[0], r), *parts[1:]]
    text = "".join(i + v + f for i, v, f in parts)
    # A final ng before a vowel is also n + g (RR and folded MR both write 연감 and 영암 as
    # yeongam / yongam); a final t before ch is ㅉ's tch; doubled letters are one sound.
    text = _VOWEL_START.sub("nk", text).replace("tch", "ch")
    return _DOUBLE.sub(r"\1", text)


@lru_cache(maxsize=100_000)
def canonical(word: str) -> str | None:
    """The comparison spelling of a folded Latin word read as Korean syllables (``ryonha``,
    ``yeonha`` -> ``yonha``; ``thae``, ``dae`` -> ``tae``), or None when it is not one."""
    parts = syllables(word)
    if not parts:
        return None
    return _spell(parts)


def is_hangul(char: str) -> bool:
    return _BASE <= ord(char) <= _LAST


def hangul_canonical(word: str) -> str | None:
    """The comparison spelling of a word of Hangul syllables, from its jamo (None when a
    character of it is not a Hangul syllable)."""
    if not word or not all(is_hangul(c) for c in word):
        return None
    r = rules()
    parts: list[Syllable] = []
    for char in word:
        initial, rest = divmod(ord(char) - _BASE, 588)
        vowel, final = divmod(rest, 28)
        parts.append((r.initial_keys[initial], r.vowel_keys[vowel], r.final_keys[final]))
    return _spell(parts)


@cache
def _surnames() -> dict[str, str]:
    """The comparison spelling of each Korean surname spelling -> its surname group, where
    the spelling has one and no other group shares it."""
    found: dict[str, set[str]] = {}
    for spelling, group in vocabulary().surnames.items():
        key = canonical(spelling)
        if key is not None:
            found.setdefault(key, set()).add(group)
    return {key: next(iter(groups)) for key, groups in found.items() if len(groups) == 1}


def surname(word: str) -> str | None:
    """The surname group a folded Latin word spells in another romanization (``seon`` is the
    group of Son, ``dae`` of Thae), or None."""
    key = canonical(word)
    return None if key is None else _surnames().get(key)

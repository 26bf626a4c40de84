"""Korean romanizations as one comparison spelling, syllable by syllable.

The lists write a Korean name in the DPRK's style (McCune-Reischauer without breves, initial
r and n kept: ``Ryonha``, ``Ri``, ``Pak``, ``Chong``, ``Thae``) or in the ROK's Revised
Romanization (``Yeonha``, ``I``/``Yi``, ``Bak``, ``Jeong``, ``Tae``). :func:`canonical` reads a
folded Latin word as a sequence of Korean syllables — an initial consonant, a vowel and a
final consonant, each spelt as one of the published systems spells it
(``tradeguard/data/names/korean_romanization.yaml``) — and writes each syllable with its
comparison spelling: the McCune-Reischauer letters without breves, aspiration or tenseness,
voiced and voiceless initials merged, and an initial r or n of the first syllable dropped
before i and y as the ROK writes it (the word-initial rule). Both romanizations of one Hangul word meet there, and
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
#: the longest Latin word read as Korean syllables (four syllables of the longest spelling, 28)
LONGEST = 32
_VOWEL_START = re.compile(r"ng(?=[aeiouwy])")
_DOUBLE = re.compile(r"([kptsmnl])\1+")
#: letters no romanization of Korean writes (c only in ch): a word with one is no Korean word
_NOT_KOREAN = re.compile(r"[fqvxz]|c(?!h)")


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
    #: one syllable, longest spellings first (initial, vowel, final as groups)
    syllable: re.Pattern[str]
    #: spelling -> comparison spelling
    initial_key: dict[str, str]
    vowel_key: dict[str, str]
    final_key: dict[str, str]
    #: by first letter: the initials, vowels and finals spelt from it, longest first
    initials_at: dict[str, tuple[tuple[str, str], ...]]
    vowels_at: dict[str, tuple[tuple[str, str], ...]]
    finals_at: dict[str, tuple[tuple[str, str], ...]]


def _spellings(records: list[dict[str, Any]]) -> tuple[tuple[str, str], ...]:
    found: dict[str, str] = {}
    for record in records:
        for system in _SYSTEMS:
            for spelling in record[system]:
                known = found.setdefault(str(spelling), str(record["key"]))
                if known != record["key"]:
                    raise ValueError(f"korean_romanization: {spelling!r} spells two keys")
    return tuple(sorted(found.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def _by_letter(spellings: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for spelling, key in spellings:
        if spelling:
            out.setdefault(spelling[0], []).append((spelling, key))
    return {letter: tuple(found) for letter, found in out.items()}


def _alternatives(spellings: tuple[tuple[str, str], ...]) -> str:
    return "|".join(re.escape(s) for s, _ in spellings if s)


@cache
def rules() -> Rules:
    data = vocabulary().korean
    finals = {str(r["sound"]): str(r["key"]) for r in data["finals"]}
    initials = _spellings(data["initials"])
    vowels = _spellings(data["vowels"])
    final_spellings = _spellings(data["finals"])
    syllable = (
        f"({_alternatives(initials)})?({_alternatives(vowels)})({_alternatives(final_spellings)})?"
    )
    return Rules(
        initials=initials,
        vowels=vowels,
        finals=final_spellings,
        syllable=re.compile(syllable),
        initial_key=dict(initials),
        vowel_key=dict(vowels),
        final_key=dict(final_spellings),
        initials_at=_by_letter(initials),
        vowels_at=_by_letter(vowels),
        finals_at=_by_letter(final_spellings),
        initial_keys=tuple(str(r["key"]) for r in data["initials"]),
        vowel_keys=tuple(str(r["key"]) for r in data["vowels"]),
        final_keys=tuple(finals[str(s)] if s else "" for s in data["final_sounds"]),
        drop_before=frozenset(str(v) for v in data["initial_drop_before"]),
    )


Syllable = tuple[str, str, str]  # comparison spellings of initial, vowel and final


def syllables(word: str) -> list[Syllable] | None:
    """The folded Latin ``word`` as Korean syllables (comparison spellings), or None when it
    cannot be read so. Of several readings the first is taken, each syllable's initial, vowel
    and final being tried longest first (``yeongam`` is ``yeong am``)."""
    if not word or len(word) > LONGEST or not word.isascii() or not word.isalpha():
        return None
    if _NOT_KOREAN.search(word):
        return None
    r = rules()
    # each syllable spelt longest first is the first reading when it reads the whole word
    out: list[Syllable] = []
    i = 0
    while i < len(word):
        match = r.syllable.match(word, i)
        if match is None:
            break
        ini, vow, fin = match.groups()
        out.append((r.initial_key[ini or ""], r.vowel_key[vow], r.final_key[fin] if fin else ""))
        i = match.end()
    else:
        return out
    return _backtracking(word, r) if i else None


def _backtracking(word: str, r: Rules) -> list[Syllable] | None:
    """The first reading of ``word`` when the longest spellings do not read it whole."""
    failed: set[int] = set()
    n = len(word)
    none: tuple[tuple[str, str], ...] = (("", ""),)

    def at(table: dict[str, tuple[tuple[str, str], ...]], i: int) -> tuple[tuple[str, str], ...]:
        return tuple(a for a in table.get(word[i], ()) if word.startswith(a[0], i)) if i < n else ()

    def from_(i: int) -> list[Syllable] | None:
        if i == n:
            return []
        if i in failed:
            return None
        for ini, ini_key in (*at(r.initials_at, i), *none):
            j = i + len(ini)
            for vow, vow_key in at(r.vowels_at, j):
                k = j + len(vow)
                for fin, fin_key in (*at(r.finals_at, k), *none):
                    rest = from_(k + len(fin))
                    if rest is not None:
                        return [(ini_key, vow_key, fin_key), *rest]
        failed.add(i)
        return None

    return from_(0)


def _initial_rule(first: Syllable, r: Rules) -> Syllable:
    """The first syllable of a word with an initial r or n dropped before i and y, as the ROK
    writes it (두음법칙)."""
    ini, vow, fin = first
    if ini in ("r", "n") and vow in r.drop_before:
        return ("", vow, fin)
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
    key = _spell(parts)
    # a spelling read again can cut its syllables otherwise (세외 is spelt seoe, read so e):
    # read it until it stays
    for _ in range(3):
        again = syllables(key)
        if not again or _spell(again) == key:
            break
        key = _spell(again)
    return key


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
    spelt = _spell(parts)
    return canonical(spelt) or spelt


@cache
def _surnames() -> dict[str, str]:
    """The surname spellings that are their own comparison spelling -> their surname group,
    where no other group shares the spelling (``rii`` is read ``ii``, which is no surname: the
    numeral II stays one)."""
    found: dict[str, set[str]] = {}
    for spelling, group in vocabulary().surnames.items():
        if canonical(spelling) == spelling:
            found.setdefault(spelling, set()).add(group)
    return {key: next(iter(groups)) for key, groups in found.items() if len(groups) == 1}


def surname(word: str) -> str | None:
    """The surname group a folded Latin word spells in another romanization (``seon`` is the
    group of Son, ``dae`` of Thae), or None."""
    key = canonical(word)
    return None if key is None else _surnames().get(key)

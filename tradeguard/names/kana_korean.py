"""Katakana of a Korean organisation's name read back as Korean words.

Japanese lists write a DPRK organisation's name as its Korean reading in katakana, syllable by
syllable: 조선련봉총회사 (Korea Ryonbong General Corporation) is チョソンリョンボンチョンフェサ in the
Japan MOF list, 대동신용은행 (Daedong Credit Bank) デドン・クレジット・バンク, its English words in
katakana beside the Korean name. Read as Japanese (``chosonryonbonchonfesa``) such a name
meets no Latin spelling; read as Korean it does, and its Korean words are those the lists
translate (조선 *korea*, 총회사 *general corporation*, 은행 *bank*).

Katakana keeps less of a Korean syllable than a romanization does, so a katakana word and a
Hangul word are compared through one key per syllable that both give (:func:`syllable_key`):
katakana writes a final ng as ン like n, the vowels ㅐ, ㅔ and ㅚ all with エ, a final stop
with ッ or ク whichever it is, and ㅎ before w or u with フ (회 フェ, 화 ファ). The Korean words
known are the Hangul words of the glossary and of the script words
(``tradeguard/data/names/glossary.yaml``, ``script_words.yaml``), each found by its keys; the
syllables between them are written as the DPRK's romanization writes them (``ryonpon``).
"""

from __future__ import annotations

import re
from functools import cache

from tradeguard.names import korean
from tradeguard.names.katakana import korean_syllables

_BASE = 0xAC00
#: the katakana of Korean vowels: ㅐ ㅔ ㅚ ㅙ ㅞ are all エ (with ウ before it for w), ㅢ ウィ
_VOWEL = {"ae": "e", "yae": "ye", "oe": "we", "wae": "we", "ui": "wi"}
#: a final stop (ㄱ ㄷ ㅂ ...) is written with ッ or ク, ツ, プ alike; a final ng with ン as n
_FINAL = {"k": "t", "p": "t", "ng": "n"}
#: the syllables of a Korean word of the vocabulary, at most
_LONGEST = 6
_KANA_WORD = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
_F = re.compile(r"f(?=[aeio])")
#: katakana vowels written for the Korean ones (Latin spellings of the syllables): エ is
#: mostly ㅐ in Sino-Korean syllables (대 Dae, 해 Hae), ウェ is ㅚ (회 hoe)
_SPELL_VOWEL = {"we": "oe", "e": "ae"}
_PARTS = re.compile(r"^([^aeiou]*?)([aeiou]+)([^aeiou]*)$")


def _key(initial: str, vowel: str, final: str) -> str:
    return initial + _VOWEL.get(vowel, vowel) + _FINAL.get(final, final)


def syllable_key(kana_syllable: str) -> str | None:
    """The key of one syllable as :func:`tradeguard.names.katakana.korean_syllables` reads it
    (``fe`` -> ``hwe``, the key of 회), or None when it is no Korean syllable."""
    latin = _F.sub("hw", kana_syllable).replace("fu", "hu")
    parts = korean.syllables(latin)
    if parts is None or len(parts) != 1:
        return None
    return _key(*parts[0])


def hangul_keys(word: str) -> tuple[str, ...] | None:
    """The keys of a word of Hangul syllables (None when a character is not one)."""
    if not word or not all(korean.is_hangul(c) for c in word):
        return None
    r = korean.rules()
    keys: list[str] = []
    for char in word:
        initial, rest = divmod(ord(char) - _BASE, 588)
        vowel, final = divmod(rest, 28)
        keys.append(_key(r.initial_keys[initial], r.vowel_keys[vowel], r.final_keys[final]))
    return tuple(keys)


@cache
def korean_words() -> dict[tuple[str, ...], str]:
    """The Korean words of the vocabulary (two syllables or more) by their keys -> their
    first English rendering."""
    from tradeguard.names.glossary import glossary

    out: dict[tuple[str, ...], str] = {}
    for word, renderings in glossary().unspaced.items():
        keys = hangul_keys(word)
        if keys is not None and 2 <= len(keys) <= _LONGEST:
            out.setdefault(keys, renderings[0])
    return out


def _syllables(word: str) -> list[str] | None:
    """The Korean syllables of a katakana word; a final ッ with a ク after it is one final
    (국 グック)."""
    found = korean_syllables(word)
    if found is None:
        return None
    out: list[str] = []
    for syllable in found:
        if out and out[-1].endswith("t") and syllable in ("ku", "tsu", "pu"):
            continue
        out.append(syllable)
    return out


def _spelt(syllables: list[str]) -> str:
    """Syllables the vocabulary does not know, as one Latin word (the DPRK's spelling)."""
    out = []
    for syllable in syllables:
        latin = _F.sub("hw", syllable).replace("fu", "hu")
        match = _PARTS.match(latin)
        if match is not None:
            initial, vowel, final = match.groups()
            if initial == "hw" and vowel == "e":
                initial, vowel = "h", "oe"
            latin = initial + _SPELL_VOWEL.get(vowel, vowel) + final
        out.append(latin)
    return "".join(out)


def _closed(word: str) -> bool:
    """Whether a katakana word of no vocabulary word reads as a Korean name's word: one to
    three syllables (대동 デドン, 련봉 リョンボン, 백 ペク), one ending in a consonant, none of
    them ツ, which no Korean syllable is written with (レストランツ and クリエイト are Japanese
    loanwords)."""
    syllables = _syllables(word) or []
    return (
        1 <= len(syllables) <= 3
        and "tsu" not in syllables
        and any(s[-1] not in "aeiou" for s in syllables)
    )


def read_word(word: str) -> tuple[str, bool] | None:
    """A katakana word read as Korean words: the known ones in English, the rest spelt
    (``チョソンリョンボンチョンフェサ`` -> ``korea ryonpon general corporation``), and whether a
    known word was found; None when the word cannot be Korean syllables."""
    syllables = _syllables(word)
    if not syllables:
        return None
    keys = [syllable_key(s) for s in syllables]
    words = korean_words()
    out: list[str] = []
    unknown: list[str] = []
    known = False
    i = 0
    while i < len(syllables):
        for size in range(min(_LONGEST, len(syllables) - i), 1, -1):
            part = keys[i : i + size]
            english = None if None in part else words.get(tuple(str(k) for k in part))
            if english is not None:
                if unknown:
                    out.append(_spelt(unknown))
                    unknown = []
                out.append(english)
                known = True
                i += size
                break
        else:
            unknown.append(syllables[i])
            i += 1
    if unknown:
        out.append(_spelt(unknown))
    return " ".join(out), known


def organisation_reading(text: str) -> str | None:
    """A name whose katakana words are all Korean syllables, read as Korean (see
    :func:`read_word`); the other words (its English words already put in) stay. None when a
    katakana word cannot be Korean, when none is, or when the name has no Korean word of the
    vocabulary and is not a word with a Korean final beside words of another script (a
    Japanese name in katakana alone, or ソフト beside *bank*, is read as Japanese only)."""
    out: list[str] = []
    read = known = other = closed = False
    for word in text.split():
        if not _KANA_WORD.match(word):
            out.append(word)
            other = True
            continue
        found = read_word(word)
        if found is None:
            return None
        out.append(found[0])
        read = True
        known = known or found[1]
        # a word of its own, not the vocabulary's, is read as Korean when it is shaped as a
        # Korean name's word (デドン, not ソフト or トヨタ; see _closed)
        closed = closed or (not found[1] and _closed(word))
    return " ".join(out) if read and (known or (other and closed)) else None

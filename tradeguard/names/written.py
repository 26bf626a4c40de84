"""Names written so that a word-by-word matcher misses them, read back as names.

A listed name can be typed so that no word of it is a word of the list: its words run
together (``KoreaMiningDevelopmentTradingCorporation``, ``KOREAMININGDEVELOPMENT...``), its
letters spaced out (``K o r e a M i n i n g``), or, in Korean, its letters typed as separate
Hangul compatibility jamo (``ㅈㅗㅅㅓㄴ``) instead of syllables (``조선``). These functions undo
each writing; :mod:`tradeguard.screening.rewritten` screens what they give beside the name as
written.

- :func:`compose_jamo`: compatibility jamo (U+3131-U+3163) composed into syllables as
  Unicode's Hangul composition defines (The Unicode Standard, section 3.12, "Conjoining Jamo
  Behavior": a leading consonant and a vowel make an LV syllable, an LV syllable and a
  trailing consonant an LVT syllable); a consonant is a syllable's final when no vowel
  follows it, and the double vowels and final clusters a keyboard types as two letters
  (ㅗ ㅏ, ㄹ ㄱ) are the compound letters of the Unicode jamo tables.
- :func:`join_spaced`: a run of three or more single letters (of one case class, Latin)
  written apart joined into one word.
- :func:`split_camel`: a word whose case changes from lower to upper inside it cut there
  (``MiningDevelopment`` -> ``Mining Development``).
- :func:`segment`: a long word of one case cut into words of a vocabulary (the words of the
  loaded lists' names), the fewest words first.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Hangul compatibility jamo in the order of the conjoining jamo tables (Unicode 3.12).
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
#: two vowels a keyboard types for one compound vowel, and two consonants for one final cluster
_VOWEL_PAIRS = {
    "ㅗㅏ": "ㅘ",
    "ㅗㅐ": "ㅙ",
    "ㅗㅣ": "ㅚ",
    "ㅜㅓ": "ㅝ",
    "ㅜㅔ": "ㅞ",
    "ㅜㅣ": "ㅟ",
    "ㅡㅣ": "ㅢ",
}
_TAIL_PAIRS = {
    "ㄱㅅ": "ㄳ",
    "ㄴㅈ": "ㄵ",
    "ㄴㅎ": "ㄶ",
    "ㄹㄱ": "ㄺ",
    "ㄹㅁ": "ㄻ",
    "ㄹㅂ": "ㄼ",
    "ㄹㅅ": "ㄽ",
    "ㄹㅌ": "ㄾ",
    "ㄹㅍ": "ㄿ",
    "ㄹㅎ": "ㅀ",
    "ㅂㅅ": "ㅄ",
}
_SYLLABLES = 0xAC00
_SYLLABLES_END = 0xD7A3
_PER_LEAD = 21 * 28


def _is_vowel(text: str, i: int) -> bool:
    return i < len(text) and text[i] in _VOWELS


def _is_consonant(text: str, i: int) -> bool:
    return i < len(text) and (text[i] in _LEADS or text[i] in _TAILS)


def _open_syllable(char: str) -> bool:
    """A precomposed syllable without a final consonant (an LV syllable)."""
    cp = ord(char)
    return _SYLLABLES <= cp <= _SYLLABLES_END and (cp - _SYLLABLES) % 28 == 0


def _tail(text: str, i: int) -> tuple[int, int]:
    """The final consonant (index in :data:`_TAILS`, 1-based) at ``text[i:]`` and the
    letters it takes; ``(0, 0)`` when the consonant there leads the next syllable."""
    if not _is_consonant(text, i) or _is_vowel(text, i + 1):
        return 0, 0
    pair = text[i : i + 2]
    if pair in _TAIL_PAIRS and not _is_vowel(text, i + 2):
        return _TAILS.index(_TAIL_PAIRS[pair]) + 1, 2
    if text[i] in _TAILS:
        return _TAILS.index(text[i]) + 1, 1
    return 0, 0


def compose_jamo(text: str) -> str:
    """``text`` with its Hangul compatibility jamo composed into syllables where they spell
    one (a leading consonant, a vowel and an optional final); a jamo that spells none is
    kept as it is. Every other character is unchanged."""
    if not any("\u3131" <= c <= "\u3163" for c in text):
        return text
    text = unicodedata.normalize("NFC", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in _LEADS and _is_vowel(text, i + 1):
            vowel, used = text[i + 1], 2
            if text[i + 1 : i + 3] in _VOWEL_PAIRS:
                vowel, used = _VOWEL_PAIRS[text[i + 1 : i + 3]], 3
            tail, taken = _tail(text, i + used)
            lead = _LEADS.index(char)
            code = _SYLLABLES + lead * _PER_LEAD + _VOWELS.index(vowel) * 28 + tail
            out.append(chr(code))
            i += used + taken
        elif out and _open_syllable(out[-1]) and _tail(text, i)[1]:
            tail, taken = _tail(text, i)  # a final typed after a precomposed syllable
            out[-1] = chr(ord(out[-1]) + tail)
            i += taken
        else:
            out.append(char)
            i += 1
    return "".join(out)


_SPACED = re.compile(r"(?<![^\W\d_])(?:[^\W\d_][ \u00a0\u3000._-]+){2,}[^\W\d_](?![^\W\d_])")


def join_spaced(text: str) -> str:
    """``text`` with each run of three or more single letters written apart (by a space, a
    full stop, a hyphen or an underscore) joined into one word: ``K o r e a`` -> ``Korea``.
    Two letters apart (``K T``) are left as they are: an acronym's letters, not a word's."""
    return _SPACED.sub(lambda m: "".join(c for c in m.group(0) if c.isalpha()), text)


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2,})")


def split_camel(text: str) -> str:
    """``text`` with each Latin word cut where its case turns from lower to upper, and
    before the last capital of a run of capitals that starts a word in lower case:
    ``KoreaMining`` -> ``Korea Mining``, ``KOMIDTrading`` -> ``KOMID Trading``."""
    return _CAMEL.sub(" ", text)


#: the shortest word :func:`segment` cuts, and the longest it tries
MIN_PIECE = 2
MAX_PIECE = 20


def segment(word: str, known: Callable[[str], bool]) -> list[str] | None:
    """``word`` (folded, one case) cut into the fewest words that ``known`` accepts, each of
    :data:`MIN_PIECE` to :data:`MAX_PIECE` letters; among cuts of as many words, the one
    whose longest word is longest. None when no cut into two words or more exists."""
    n = len(word)
    # best[i]: (words, -longest) of the best cut of word[:i], and where its last word starts
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    start: list[int] = [0] * (n + 1)
    best[0] = (0, 0)
    for end in range(MIN_PIECE, n + 1):
        for begin in range(max(0, end - MAX_PIECE), end - MIN_PIECE + 1):
            before = best[begin]
            if before is None or not known(word[begin:end]):
                continue
            cost = (before[0] + 1, min(before[1], begin - end))
            current = best[end]
            if current is None or cost < current:
                best[end] = cost
                start[end] = begin
    final = best[n]
    if final is None or final[0] < 2:
        return None
    words: list[str] = []
    end = n
    while end > 0:
        words.append(word[start[end] : end])
        end = start[end]
    return words[::-1]

"""Where two names in Korean or Chinese characters agree, read in Hangul.

A Hangul query meets a kanji or hanzi name through the characters' Korean readings
(:mod:`tradeguard.names.hanja`), and the words then compared are Latin readings that neither
name shows. Read both in Hangul, one syllable per character, and the runs they share are the
words that met, on either side, at the same positions as in the names themselves."""

from __future__ import annotations

from difflib import SequenceMatcher

from tradeguard.names.hanja import hangul
from tradeguard.names.hanzi import HAN_RUN
from tradeguard.names.korean import is_hangul

#: the fewest syllables a shared run must have to be marked (one syllable in common is chance)
MIN_RUN = 2


def in_hangul(text: str) -> str | None:
    """``text`` read in Hangul, character for character (Han characters by their Korean
    reading); None when it has neither Hangul nor Han characters, or a character without a
    reading."""
    if HAN_RUN.search(text) is not None:
        read = hangul(text)
        return read if read is not None and len(read) == len(text) else None
    return text if any(is_hangul(c) for c in text) else None


def spans(text: str, other: str) -> list[tuple[int, int]]:
    """The (start, end) runs of ``text`` that ``other`` shares when both are read in Hangul:
    at least :data:`MIN_RUN` syllables each, in order; none when either cannot be read so."""
    mine, theirs = in_hangul(text), in_hangul(other)
    if mine is None or theirs is None:
        return []
    out = []
    matcher = SequenceMatcher(None, mine, theirs, autojunk=False)
    for block in matcher.get_matching_blocks():
        run = mine[block.a : block.a + block.size]
        if sum(is_hangul(c) for c in run) >= MIN_RUN:
            out.append((block.a, block.a + block.size))
    return out

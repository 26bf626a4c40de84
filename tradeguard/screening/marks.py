"""An aircraft's registration mark names one aircraft only as a whole.

A mark is an ICAO nationality prefix and a suffix, written with a hyphen (EP-IBK, YK-AGC,
UP-A1234) or a space. Its suffix alone is no name: "IBK" (Industrial Bank of Korea), "MOE"
or "CAP SA" are not the aircraft EP-IBK, EP-MOE or EP-CAP, though the prefix, a word of two
letters, weighs nothing as a firm's own word. An aircraft's name that is a mark therefore
meets only a query that carries the whole mark: prefix and suffix hyphenated, spaced or
joined ("EP-IBK", "EP IBK", "EPIBK").
"""

from __future__ import annotations

import re
import unicodedata

from tradeguard.names.normalize import fold

#: prefix (one or two letters or digits, at least one letter: EP, YK, N, 4X, 5A) and suffix
_MARK = re.compile(r"([A-Z0-9]{1,2})[- ]([A-Z0-9]{1,5})")
_WORD = re.compile(r"[^\W_]+")


def registration_mark(name: str) -> tuple[str, str] | None:
    """The prefix and suffix of a name that is a registration mark (folded), or None."""
    m = _MARK.fullmatch(unicodedata.normalize("NFKC", name).strip().upper())
    if m is None or not any(c.isalpha() for c in m[1]):
        return None
    return fold(m[1]), fold(m[2])


def carries(query: str, mark: tuple[str, str]) -> bool:
    """Whether the query writes the whole mark as words of its own: the prefix and the suffix
    as two words in a row, or as one word."""
    words = [fold(w) for w in _WORD.findall(query)]
    prefix, suffix = mark
    return any(
        w == prefix + suffix or (w == prefix and words[i + 1 : i + 2] == [suffix])
        for i, w in enumerate(words)
    )

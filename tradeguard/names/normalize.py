"""Text folding and tokenisation shared by indexing and querying.

:func:`fold` turns any Latin-script text into lower-case ASCII-ish words separated by single
spaces: diacritics go (``ŏ`` -> ``o``, ``ō`` -> ``o``), apostrophes and full stops join
(``Ch'ol`` -> ``chol``, ``S.A.`` -> ``sa``), every other punctuation mark splits. Characters of
other scripts are kept as they are; :mod:`tradeguard.names.translit` handles those.
"""

from __future__ import annotations

import unicodedata

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ŀ": "l",
        "ħ": "h",
        "ŧ": "t",
        "ĸ": "k",
        "ŋ": "ng",
        "ʻ": "",
        "ʼ": "",
        "ʾ": "",
        "ʿ": "",
        "'": "",
        "’": "",
        "‘": "",
        "`": "",
        "´": "",
        ".": "",
    }
)


def fold(text: str) -> str:
    """Lower-case, strip diacritics and punctuation; keep letters of every script and digits.

    Idempotent: ``fold(fold(x)) == fold(x)`` for every string.
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_SPECIAL)
    out: list[str] = []
    for char in text:
        if char.isascii():
            out.append(char if char.isalnum() else " ")
        elif unicodedata.combining(char):
            continue  # a stray mark (Arabic harakat, a lone accent)
        elif char.isalnum():
            base = unicodedata.normalize("NFKD", char)
            if base[0].isascii():
                # Latin letter with diacritics: keep the base letters only.
                out.append("".join(c for c in base if c.isascii() and c.isalnum()))
            else:
                out.append(char)
        else:
            out.append(" ")
    folded = "".join(out).translate(_SPECIAL)
    return " ".join(folded.split())


def tokens(text: str) -> list[str]:
    """The folded words of a text."""
    return fold(text).split()


def is_ascii_word(token: str) -> bool:
    return token.isascii()

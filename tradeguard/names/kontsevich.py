"""Korean names written in Cyrillic by the Russian (Kontsevich) system, read in Latin letters.

Russian writes 김정은 as Ким Чен Ын and 최룡해 as Чхве Рён Хэ; read letter for letter these
are ``kim chen yn`` and ``chkhve ryon khe``, which meet Kim Jong Un and Choe Ryong Hae nowhere.
:func:`reading` reads such a name back with the letter groups of
``tradeguard/data/names/kontsevich.yaml`` (чх ch, ы u, э ae, ве oe, a final н after о ng ...):
``kim chong un``, ``choe ryong hae``. Only a name of two to four words, each of one Korean
syllable's length and one of three letters or fewer (Ким, Ли, Пак, Хэ), is read so: Игорь
Сечин is not.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tradeguard.names.vocab import load_file


@cache
def _rules() -> tuple[int, tuple[tuple[str, str], ...], tuple[str, ...]]:
    data: dict[str, Any] = load_file("kontsevich")
    groups = sorted(
        ((str(k), str(v)) for k, v in data["letters"].items()),
        key=lambda kv: -len(kv[0].strip("^$")),
    )
    return int(data["syllable_letters"]), tuple(groups), tuple(data["final_ng"])


def _word(word: str, letters: dict[str, str]) -> str:
    _, groups, final_ng = _rules()
    out: list[str] = []
    i = 0
    while i < len(word):
        for group, latin in groups:
            text = group.strip("^$")
            if group.startswith("^") and i:
                continue
            if group.endswith("$") and i + len(text) != len(word):
                continue
            if word.startswith(text, i):
                out.append(latin)
                i += len(text)
                break
        else:
            out.append(letters.get(word[i], word[i]))
            i += 1
    latin = "".join(out)
    if latin.endswith(final_ng) and word.endswith("н"):
        latin += "g"
    return latin


def reading(folded: str, letters: dict[str, str]) -> str | None:
    """The folded Cyrillic name read by the Kontsevich system (``letters``: the plain reading
    of each Cyrillic letter), or None when it is not written as Korean syllables are."""
    most, _, _ = _rules()
    words = folded.split()
    if not 2 <= len(words) <= 4 or any(len(w) > most or not w.isalpha() for w in words):
        return None
    if min(map(len, words)) > 3:
        return None
    return " ".join(_word(w, letters) for w in words)

"""Read the generic words of an original-script organisation name in English.

Lists often translate the generic words of a name rather than transliterate them: the Japan MOF
list writes "Kolomna Machine Building Design Bureau" as コロムナ機械建設設計局, METI writes
"China Precision Machinery Import-Export Corp" as 中国精密機械進出口有限公司. Read by sound,
such words never meet their English counterparts. :func:`glossed` gives the text with the words
of the glossary (``tradeguard/data/names/glossary.yaml``, and the CLDR country names of the
installed ICU) replaced by their English renderings, found by longest match:

* in a run of Chinese characters (or Hangul), anywhere; a one-character word (局, 北, 新) only
  where the rest of the run is glossary words too, so that 北京 and 西安 stay names;
* a run of katakana only when it is made of glossary words entirely (サウス, ニューライン), so
  that マリ (Mali) is not cut out of マリア;
* in other scripts (Cyrillic, Arabic) as whole words. Latin text is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tradeguard.names import korean
from tradeguard.names.normalize import fold
from tradeguard.names.vocab import vocabulary

#: The alternative renderings read: a second reading takes each word's second rendering.
ALTERNATIVES = 2
_LANGS = ("ja", "zh_Hans", "zh_Hant", "ko", "ru", "ar")
_PARENS = re.compile(r"\s*[(（][^()（）]*[)）]")


@dataclass(frozen=True, slots=True)
class Glossary:
    #: folded word of a script written without spaces -> its folded English renderings
    unspaced: dict[str, tuple[str, ...]]
    #: longest unspaced word, in characters
    longest: int
    #: folded word sequence of a spaced script (Cyrillic, Arabic) -> English renderings
    spaced: dict[tuple[str, ...], tuple[str, ...]]
    spaced_longest: int


#: katakana letters (and the long-vowel mark); Chinese characters, 々, hiragana and Hangul
_KANA = "\u30a1-\u30fa\u30fc\u31f0-\u31ff"
_HAN = "\u3005\u3041-\u309f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_KANA_CHAR = re.compile(f"[{_KANA}]")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_KANA_RUNS = re.compile(f"[{_KANA}]+|[^{_KANA}]+")
_HAN_RUNS = re.compile(f"[{_HAN}]+|[^{_HAN}]+")


def _kind(char: str) -> str:
    """``kana`` (katakana letters), ``han`` (Chinese characters, hiragana, Hangul) or ``other``."""
    if _KANA_CHAR.match(char):
        return "kana"
    if _HAN_CHAR.match(char):
        return "han"
    return "other"


def _countries() -> dict[str, str]:
    """Country and territory names in the glossary's languages -> the English name (CLDR)."""
    import icu

    out: dict[str, str] = {}
    english = icu.Locale("en")
    for code in icu.Locale.getISOCountries():
        region = icu.Locale("und", code)
        en = fold(_PARENS.sub("", str(region.getDisplayCountry(english))))
        if not en or en == code.casefold():
            continue
        for lang in _LANGS:
            name = fold(_PARENS.sub("", str(region.getDisplayCountry(icu.Locale(lang)))))
            if name and name != code.casefold() and not name.isascii():
                out.setdefault(name, en)
    return out


@cache
def glossary() -> Glossary:
    data = vocabulary().glossary
    unspaced: dict[str, tuple[str, ...]] = {}
    spaced: dict[tuple[str, ...], tuple[str, ...]] = {}

    def add(word: str, renderings: tuple[str, ...]) -> None:
        words: dict[Any, tuple[str, ...]] = unspaced
        key: Any = word
        if any(_kind(c) == "other" for c in word):
            words, key = spaced, tuple(word.split())
        known = words.get(key)
        if known is None or (len(known) == 1 and known[0] in renderings):
            words[key] = renderings

    # The translations screening already reads in every reading (조선 -> korea) come first:
    # they are what the lists mean by those words (조선 is also 造船, shipbuilding); a record
    # of the same meaning adds its second rendering (研究所: institute, research institute).
    for word, latin in vocabulary().script_words:
        add(word, (latin,))
    for records in data.values():
        for record in records:
            add(fold(str(record["word"])), tuple(fold(str(e)) for e in record["en"]))
    for name, en in _countries().items():
        add(name, (en,))
    return Glossary(
        unspaced=unspaced,
        longest=max(map(len, unspaced)),
        spaced=spaced,
        spaced_longest=max(map(len, spaced)),
    )


Piece = tuple[str, tuple[str, ...] | None]


def _whole(run: str, words: dict[str, tuple[str, ...]], longest: int) -> list[Piece] | None:
    """``run`` as glossary words only, longest first; None when it is not made of them."""
    memo: dict[int, list[Piece] | None] = {len(run): []}

    def from_(i: int) -> list[Piece] | None:
        if i in memo:
            return memo[i]
        found = None
        for size in range(min(longest, len(run) - i), 0, -1):
            word = run[i : i + size]
            renderings = words.get(word)
            if renderings is not None:
                rest = from_(i + size)
                if rest is not None:
                    found = [(word, renderings), *rest]
                    break
        memo[i] = found
        return found

    return from_(0)


def _han(run: str, words: dict[str, tuple[str, ...]], longest: int) -> list[Piece]:
    pieces: list[Piece] = []
    i = 0
    n = len(run)
    while i < n:
        for size in range(min(longest, n - i), 0, -1):
            word = run[i : i + size]
            renderings = words.get(word)
            if renderings is None:
                continue
            if size == 1 and i + 1 < n and _whole(run[i + 1 :], words, longest) is None:
                continue  # 北 of 北京, 西 of 西安: a name, not a direction
            pieces.append((word, renderings))
            i += size
            break
        else:
            pieces.append((run[i], None))
            i += 1
    return pieces


def _spaced(text: str, gloss: Glossary) -> list[Piece]:
    words = text.split(" ")
    pieces: list[Piece] = []
    i = 0
    while i < len(words):
        for size in range(min(gloss.spaced_longest, len(words) - i), 0, -1):
            renderings = gloss.spaced.get(tuple(words[i : i + size]))
            if renderings is not None:
                pieces.append((" ".join(words[i : i + size]), renderings))
                i += size
                break
        else:
            pieces.append((words[i], None))
            i += 1
        pieces.append((" ", None))
    return pieces[:-1]


def segment(text: str) -> list[Piece]:
    """The folded ``text`` cut into glossary words (with their English renderings) and the
    rest (with None); the pieces joined give the text back."""
    gloss = glossary()
    pieces: list[Piece] = []
    for match in _KANA_RUNS.finditer(text):
        run = match.group()
        kind = _kind(run[0])
        if kind == "kana":
            pieces.extend(_whole(run, gloss.unspaced, gloss.longest) or [(run, None)])
            continue
        for part in _HAN_RUNS.finditer(run):
            chunk = part.group()
            if _kind(chunk[0]) == "han":
                pieces.extend(_han(chunk, gloss.unspaced, gloss.longest))
            elif chunk.isascii() or not gloss.spaced:
                pieces.append((chunk, None))
            else:
                pieces.extend(_spaced(chunk, gloss))
    return pieces


def glossed(text: str) -> list[tuple[str, frozenset[str]]]:
    """The folded ``text`` with its glossary words in English, once with each word's first
    rendering and once with its second where a word has one; with the English words put in.
    Empty when the text has no glossary word."""
    pieces = segment(text)
    if all(renderings is None for _, renderings in pieces):
        return []
    out: list[tuple[str, frozenset[str]]] = []
    widest = max(len(r) for _, r in pieces if r is not None)
    for alt in range(min(ALTERNATIVES, widest)):
        parts: list[str] = []
        english: set[str] = set()
        for piece, renderings in pieces:
            if renderings is None:
                parts.append(piece)
            else:
                rendering = renderings[min(alt, len(renderings) - 1)]
                parts.append(f" {rendering} ")
                english.update(rendering.split())
        out.append((" ".join("".join(parts).split()), frozenset(english)))
    return out


#: the glossary's category of the words of DPRK names as the lists translate them
LISTS = "lists"


@cache
def romanized_words() -> dict[str, tuple[str, ...]]:
    """The Korean words of the glossary's list pairings (``lists``) and of the script words
    (``script_words.yaml``: 광업 *mining*, 무역 *trading*), Hangul of two syllables or more, by
    their comparison spelling (:func:`tradeguard.names.korean.hangul_canonical`): ``unhaeng``,
    ``eunhaeng`` -> ``bank``, as the Hangul word 은행 is read; ``kwangop``, ``gwangeop`` ->
    ``mining``."""
    words = glossary().unspaced
    hangul = [
        fold(str(r["word"])) for r in vocabulary().glossary.get(LISTS, []) if r["lang"] == "ko"
    ]
    hangul += [w for w, _ in vocabulary().script_words if all(korean.is_hangul(c) for c in w)]
    out: dict[str, tuple[str, ...]] = {}
    for word in hangul:
        if len(word) < 2 or word not in words:
            continue
        key = korean.hangul_canonical(word)
        if key is not None:
            out.setdefault(key, words[word])
    return out


def romanized_glossed(folded: str) -> str | None:
    """A folded Latin name with the romanized Korean words of the lists' DPRK names in English
    (``joseon ryeonbong chonghoesa`` -> ``korea ryeonbong general corporation``): each word
    read as Korean syllables in any romanization; None when no word is one."""
    table = romanized_words()
    words = folded.split()
    found = False
    for i, word in enumerate(words):
        key = korean.canonical(word) if len(word) >= 4 else None
        renderings = table.get(key) if key is not None else None
        if renderings is not None:
            words[i] = renderings[0]
            found = True
    return " ".join(words) if found else None

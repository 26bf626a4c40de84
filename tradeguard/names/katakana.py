"""Katakana to Latin letters, Hepburn-style, with the combinations foreign names need.

The general Japanese reader (pykakasi) reads the kana Japanese uses for foreign sounds by
their parts: ``ティ`` as ``tei``, ``トゥ`` as ``tou``, ``ジェ`` as ``jie``, ``ウィ`` as ``ui``.
Names on the lists written in katakana are mostly foreign (Arabic, Russian, Korean names),
so their readings must follow those combinations: ``ラティーフ`` is ``ratiifu`` (Latif),
``ティクリーティ`` ``tikuriiti`` (Tikriti), ``グァンソク`` ``gwansoku`` (Kwang Sok). The
small ``ッ`` doubles the next consonant and ``ー`` repeats the vowel before it, as the
general reader does.
"""

from __future__ import annotations

import re

_ROWS = {
    "": "アイウエオ",
    "k": "カキクケコ",
    "g": "ガギグゲゴ",
    "s": "サシスセソ",
    "z": "ザジズゼゾ",
    "t": "タチツテト",
    "d": "ダヂヅデド",
    "n": "ナニヌネノ",
    "h": "ハヒフヘホ",
    "b": "バビブベボ",
    "p": "パピプペポ",
    "m": "マミムメモ",
    "r": "ラリルレロ",
}
_VOWELS = "aiueo"
_SINGLE: dict[str, str] = {}
for _consonant, _kana in _ROWS.items():
    for _vowel, _char in zip(_VOWELS, _kana, strict=True):
        _SINGLE[_char] = _consonant + _vowel
_SINGLE.update(
    {
        "シ": "shi",
        "ジ": "ji",
        "チ": "chi",
        "ヂ": "ji",
        "ツ": "tsu",
        "ヅ": "zu",
        "フ": "fu",
        "ヤ": "ya",
        "ユ": "yu",
        "ヨ": "yo",
        "ワ": "wa",
        "ヰ": "i",
        "ヱ": "e",
        "ヲ": "o",
        "ン": "n",
        "ヴ": "vu",
        "ァ": "a",
        "ィ": "i",
        "ゥ": "u",
        "ェ": "e",
        "ォ": "o",
        "ャ": "ya",
        "ュ": "yu",
        "ョ": "yo",
        "ヮ": "wa",
        "ヵ": "ka",
        "ヶ": "ke",
    }
)

# Two kana read as one syllable: the palatal ones of Japanese (キャ kya) and those used for
# foreign sounds (ティ ti, ファ fa, ヴィ vi, グァ gwa ...).
_COMBINATIONS = (
    (
        {
            "キ": "ky",
            "ギ": "gy",
            "ニ": "ny",
            "ヒ": "hy",
            "ビ": "by",
            "ピ": "py",
            "ミ": "my",
            "リ": "ry",
        }
        | {"シ": "sh", "ジ": "j", "チ": "ch", "ヂ": "j"},
        (("ャ", "a"), ("ュ", "u"), ("ョ", "o"), ("ェ", "e")),
    ),
    (
        {"フ": "f", "ヴ": "v", "ツ": "ts", "ウ": "w", "ク": "kw", "グ": "gw"},
        (("ァ", "a"), ("ィ", "i"), ("ェ", "e"), ("ォ", "o")),
    ),
)
_PAIRS: dict[str, str] = {
    char + small: stem + vowel
    for stems, smalls in _COMBINATIONS
    for char, stem in stems.items()
    for small, vowel in smalls
}
_PAIRS.update(
    {
        "ティ": "ti",
        "ディ": "di",
        "トゥ": "tu",
        "ドゥ": "du",
        "テュ": "tyu",
        "デュ": "dyu",
        "フュ": "fyu",
        "ヴュ": "vyu",
        "イェ": "ye",
        "スィ": "si",
        "ズィ": "zi",
        "クヮ": "kwa",
        "グヮ": "gwa",
    }
)

_RUN = re.compile(r"[\u30a1-\u30fa\u30fc]+")


def romanize(run: str) -> str:
    """The Latin reading of a run of katakana (no spaces or other scripts inside)."""
    out: list[str] = []
    double = False
    i = 0
    while i < len(run):
        pair = run[i : i + 2]
        if pair in _PAIRS:
            syllable = _PAIRS[pair]
            i += 2
        elif run[i] == "ッ":
            double = True
            i += 1
            continue
        elif run[i] == "ー":
            vowel = next((c for c in reversed("".join(out)) if c in _VOWELS), "")
            out.append(vowel)
            i += 1
            continue
        elif run[i] == "ン":
            # before a vowel or y, Hepburn writes n' (jon'iru), as the general reader does
            following = run[i + 1 : i + 2]
            syllable = "n'" if following and _SINGLE.get(following, "x")[0] in "aiueoy" else "n"
            i += 1
        else:
            syllable = _SINGLE.get(run[i], "")
            i += 1
        if double and syllable and syllable[0] not in _VOWELS:
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double = False
        out.append(syllable)
    if double:
        out.append("tsu")  # a final small tsu: a glottal stop, written as the kana's name
    return "".join(out)


def romanize_text(text: str) -> str:
    """``text`` with every katakana run replaced by its reading, spaced from its neighbours."""
    return _RUN.sub(lambda m: f" {romanize(m.group(0))} ", text)


# Korean names in katakana: each Hangul syllable is one kana (with its small kana) and, for a
# final consonant, one of these (김 キム, 성혁 ソンヒョク, 철 チョル, 박 パク).
_KOREAN_FINALS = {"ン": "n", "ク": "k", "ル": "l", "ム": "m", "プ": "p", "ッ": "t"}
_SMALL = frozenset("ァィゥェォャュョヮ")
# Katakana voices a Korean plain stop inside a word (광석 グァンソク); DPRK spellings, as the
# lists write them, give each syllable its own plain initial (Kwang Sok).
_DEVOICE = str.maketrans({"g": "k", "d": "t", "b": "p"})


def korean_syllables(word: str) -> list[str] | None:
    """The Korean syllables of a katakana word, each read as the lists spell Korean names
    (``ソンヒョク`` -> ``["son", "hyok"]``, ``グァンソク`` -> ``["kwan", "sok"]``); None when the
    word cannot be Korean (long vowels, a kana a Korean syllable does not start with)."""
    if not word or "ー" in word or word[0] in _SMALL:
        return None
    out: list[str] = []
    i = 0
    while i < len(word):
        step = 2 if word[i + 1 : i + 2] in _SMALL else 1
        mora = romanize(word[i : i + step])
        if not mora.isalpha() or word[i] in "ンッ":
            return None  # a syllable does not start with a final or a small kana
        i += step
        final = ""
        # a final, unless it starts the next syllable (with a small kana after it)
        if (
            i < len(word)
            and word[i] in _KOREAN_FINALS
            and (word[i] == "ン" or word[i + 1 : i + 2] not in _SMALL)
        ):
            final = _KOREAN_FINALS[word[i]]
            i += 1
        out.append(mora[0].translate(_DEVOICE) + mora[1:] + final)
    return out


# The names of the Latin letters as Japanese writes them (an acronym spelt out: エー・イー・オー・
# アイ AEOI, ディー・ピー・アール・ケー DPRK, オーエムエム OMM). ビー is B; V is ブイ or ヴィー.
_LETTER_NAMES = {
    "a": ("エー", "エイ"), "b": ("ビー",), "c": ("シー",), "d": ("ディー", "デー"),
    "e": ("イー",), "f": ("エフ",), "g": ("ジー",), "h": ("エイチ", "エッチ"), "i": ("アイ",),
    "j": ("ジェー", "ジェイ"), "k": ("ケー", "ケイ"), "l": ("エル",), "m": ("エム",),
    "n": ("エヌ",), "o": ("オー",), "p": ("ピー",), "q": ("キュー",), "r": ("アール",),
    "s": ("エス",), "t": ("ティー", "テー"), "u": ("ユー",), "v": ("ブイ", "ヴィー"),
    "w": ("ダブリュー", "ダブリュ"), "x": ("エックス",), "y": ("ワイ",),
    "z": ("ゼット", "ゼッド", "ズィー"),
}  # fmt: skip
_LETTERS = sorted(
    ((kana, letter) for letter, names in _LETTER_NAMES.items() for kana in names),
    key=lambda pair: -len(pair[0]),
)


def spelt_letters(word: str) -> str | None:
    """The Latin letters a katakana word spells out letter by letter (``オーエムエム`` ->
    ``omm``), or None when it is not made of letter names only."""
    if not word:
        return None
    best: list[str | None] = [""] + [None] * len(word)
    for end in range(1, len(word) + 1):
        for kana, letter in _LETTERS:
            start = end - len(kana)
            prefix = best[start] if start >= 0 else None
            if prefix is not None and word[start:end] == kana:
                best[end] = prefix + letter
                break
    return best[-1]


def acronym_reading(text: str) -> str | None:
    """``text`` with each run of spelt-out letters (two letters at least, over one word or
    several) written as the acronym it spells: ``ディー・ピー・アール・ケー・ナムガン`` ->
    ``dprk ナムガン``; None when it has no such run. A letter name alone stays a word
    (イースト・シー is East Sea)."""
    words = text.split()
    letters = [spelt_letters(w) for w in words]
    out: list[str] = []
    found = False
    i = 0
    while i < len(words):
        j = i
        while j < len(words) and letters[j] is not None:
            j += 1
        run = "".join(letters[k] or "" for k in range(i, j))
        if len(run) >= 2:
            out.append(run)
            found = True
            i = j
        else:
            out.append(words[i])
            i += 1
    return " ".join(out) if found else None

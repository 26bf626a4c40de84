"""Hangul to Latin: Revised Romanization and the DPRK / McCune-Reischauer style.

Both are produced syllable by syllable (no sound-change rules), which is how lists and
passports write names: 김정식 -> ``gim jeongsik`` (Revised) and ``kim jongsik`` (the style of
the DPRK entries in the UN and OFAC lists: k/t/p/ch initials, o for ŏ, u for ŭ, initial r kept).
Residual differences (g/k, eo/o ...) are absorbed by :func:`tradeguard.names.phonetic.phonetic`.
"""

from __future__ import annotations

_BASE, _LAST = 0xAC00, 0xD7A3
_INITIAL_RR = [
    "g",
    "kk",
    "n",
    "d",
    "tt",
    "r",
    "m",
    "b",
    "pp",
    "s",
    "ss",
    "_",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_INITIAL_KP = [
    "k",
    "kk",
    "n",
    "t",
    "tt",
    "r",
    "m",
    "p",
    "pp",
    "s",
    "ss",
    "_",
    "j",
    "jj",
    "ch",
    "k",
    "t",
    "p",
    "h",
]
_VOWEL_RR = [
    "a",
    "ae",
    "ya",
    "yae",
    "eo",
    "e",
    "yeo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "eu",
    "ui",
    "i",
]
_VOWEL_KP = [
    "a",
    "ae",
    "ya",
    "yae",
    "o",
    "e",
    "yo",
    "ye",
    "o",
    "wa",
    "wae",
    "oe",
    "yo",
    "u",
    "wo",
    "we",
    "wi",
    "yu",
    "u",
    "ui",
    "i",
]
_FINAL = [
    "_",
    "k",
    "k",
    "k",
    "n",
    "n",
    "n",
    "t",
    "l",
    "k",
    "m",
    "l",
    "l",
    "l",
    "p",
    "l",
    "m",
    "p",
    "p",
    "t",
    "t",
    "ng",
    "t",
    "t",
    "k",
    "t",
    "p",
    "t",
]

# Two-syllable Korean surnames (written as one token in Latin script).
DOUBLE_SURNAMES = frozenset({"남궁", "황보", "제갈", "사공", "선우", "독고", "서문", "동방"})
# The commonest one-syllable surnames, to split an unspaced person name.
SURNAMES = frozenset(
    [
        "김",
        "이",
        "리",
        "박",
        "최",
        "정",
        "강",
        "조",
        "윤",
        "장",
        "임",
        "림",
        "한",
        "오",
        "서",
        "신",
        "권",
        "황",
        "안",
        "송",
        "류",
        "유",
        "전",
        "홍",
        "고",
        "문",
        "양",
        "손",
        "배",
        "백",
        "허",
        "남",
        "심",
        "노",
        "로",
        "하",
        "곽",
        "성",
        "차",
        "주",
        "우",
        "구",
        "민",
        "진",
        "지",
        "엄",
        "채",
        "원",
        "천",
        "방",
        "공",
        "현",
        "함",
        "변",
        "염",
        "려",
        "여",
        "추",
        "도",
        "소",
        "석",
        "선",
        "설",
        "마",
        "길",
        "연",
        "위",
        "표",
        "명",
        "기",
        "반",
        "왕",
        "금",
        "옥",
        "육",
        "인",
        "맹",
        "제",
        "모",
        "탁",
        "국",
        "어",
        "은",
        "편",
        "용",
        "예",
        "경",
        "봉",
        "사",
        "부",
        "황",
        "태",
        "계",
    ]
)


def is_hangul(char: str) -> bool:
    return _BASE <= ord(char) <= _LAST


def _syllable(char: str, dprk: bool) -> str:
    code = ord(char) - _BASE
    initial, rest = divmod(code, 588)
    vowel, final = divmod(rest, 28)
    ini = (_INITIAL_KP if dprk else _INITIAL_RR)[initial]
    text = ("" if ini == "_" else ini) + (_VOWEL_KP if dprk else _VOWEL_RR)[vowel]
    fin = _FINAL[final]
    return text + ("" if fin == "_" else fin)


def romanize_word(word: str, dprk: bool = False) -> list[str]:
    """Romanize one unspaced Hangul word into syllables (non-Hangul characters pass through)."""
    return [_syllable(c, dprk) if is_hangul(c) else c for c in word]


def split_name(word: str) -> list[str]:
    """Split an unspaced Korean personal name into surname and given name, if it looks like one."""
    if not 2 <= len(word) <= 4 or not all(is_hangul(c) for c in word):
        return [word]
    if len(word) >= 3 and word[:2] in DOUBLE_SURNAMES:
        return [word[:2], word[2:]]
    if word[0] in SURNAMES:
        return [word[0], word[1:]]
    return [word]


def romanize(text: str, dprk: bool = False) -> str:
    """Romanize every Hangul word of ``text``; syllables of a word are joined."""
    words = []
    for word in text.split():
        words.append("".join(romanize_word(word, dprk)))
    return " ".join(words)

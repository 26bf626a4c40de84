"""Phonetic keys that absorb romanization differences between Latin spellings of one name.

:func:`phonetic` maps spellings that romanization systems and passport habits produce for the
same sound to one key: McCune-Reischauer vs Revised Romanization (``jong``/``chong``/``jeong``,
``kang``/``gang``, ``ryong``/``yong``, ``pak``/``bak``; a word that reads as Korean syllables
is first written in the comparison spelling of :mod:`tradeguard.names.korean`), Hepburn long vowels
(``ō``/``ou``/``oo``/``oh`` -> ``o``), Kunrei vs Hepburn (``si``/``shi``), Russian ``kh``/``h``,
and Korean surname spellings (Ri/Rhee/Lee/Yi, Park/Pak/Bak, Choe/Choi ...) via the surname
table. :func:`skeleton` keeps only the consonants of the phonetic key: Arabic-script names
written without vowels (``mhmd``) meet their vocalised spellings (``muhammad``) there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradeguard.names import korean
from tradeguard.names.vocab import vocabulary

_VOWEL_GROUPS = (
    ("eo", "o"),
    ("eu", "u"),
    ("ou", "o"),
    ("oo", "o"),
    ("uu", "u"),
    ("ee", "i"),
    ("ii", "i"),
    ("aa", "a"),
)
_DIGRAPHS = (
    ("sch", "S"),
    ("sh", "S"),
    ("zh", "Z"),
    ("kh", "k"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ts", "t"),
    ("dz", "z"),
    ("ck", "k"),
)
_CONSONANTS = str.maketrans(
    {
        "g": "k",
        "q": "k",
        "d": "t",
        "b": "p",
        "j": "c",
        "l": "r",
        "v": "w",
        "z": "s",
        "S": "s",
        "Z": "s",
        "C": "c",
    }
)
_DOUBLE = re.compile(r"(.)\1+")
_VOWEL_LETTERS = frozenset("aeiouy")
_H_AFTER_O = re.compile(r"oh(?=[^aeiouy]|$)")
_Y_BEFORE_CONSONANT = re.compile(r"(?<=[^aeiou])y(?=[^aeiou]|$)")
_AY = re.compile(r"([ae])y(?=[^aeiou]|$)")
_IY = re.compile(r"iy(?=[^aeiou]|$)")
_Y_BETWEEN_VOWELS = re.compile(r"(?<=[aeiou])y(?=[aeiou])")
# Russian я/ю/е written ya/yu/ye (BGN/PCGN) or ia/iu/ie (ICAO passports: Natalia, Iurii).
_Y_BEFORE_VOWEL = re.compile(r"(?:^|(?<=[^aeiou]))y(?=[aeiou])")
# Slavic names in the spellings of Swedish, German, Polish and the EU's other languages, which
# write the y sound j: ей, ий at the end of a word (Andrej, Jurij) and е after a vowel before
# the patronymic's or surname's v (Sergejevitj, Nikolajev, Gurjev)
_SLAVIC_FINAL_J = re.compile(r"(?<=[ei])j$")
_SLAVIC_JE = re.compile(r"(?<=[aeiou])je(?=v)")
_C_HARD = re.compile(r"c(?=[aourlkt]|$)")


@lru_cache(maxsize=200_000)
def phonetic(token: str) -> str:
    """The phonetic key of one folded Latin token (``""`` for an empty token)."""
    if not token:
        return ""
    surname = vocabulary().surnames.get(token) or korean.surname(token)
    if surname is not None:
        return "~" + surname
    if not token.isascii():
        return token
    # a word that reads as Korean syllables is spelt as both romanizations meet (Yeonha, Ryonha)
    text = korean.canonical(token) or token
    text = text.replace("dzh", "j")  # Russian dzh is English j (Dzhamal / Jamal)
    if text.startswith("ye") and len(text) > 3:
        text = text[1:]  # Russian initial e: Yevgeniy / Evgeniy, Yelena / Elena
    if text.startswith("rh") and text[2:3] in _VOWEL_LETTERS:
        text = "r" + text[2:]  # Rhee / Ri; before a consonant (rhmn, Arabic rahman) h is a sound
    if text.startswith("yi"):
        text = text[1:]
    text = _SLAVIC_JE.sub("ye", text)  # Sergejevitj / Sergeyevich, Nikolajev / Nikolayev
    if len(text) > 4:
        text = _SLAVIC_FINAL_J.sub("i", text)  # Andrej / Andrei, Sergej / Sergei, Jurij / Yurii
    # Swedish, Dutch and old Indonesian tj is ch (Sergejevitj / Sergeyevich, Tjahjo / Cahyo)
    text = text.replace("tch", "C").replace("tj", "C").replace("ch", "C")
    text = _C_HARD.sub("k", text)
    text = text.replace("c", "s")  # what is left of Western c sounds like s
    text = _H_AFTER_O.sub("o", text)  # Hepburn: Ohno / Ono, Itoh / Ito
    text = text.replace("x", "ks")
    text = _AY.sub(r"\1i", text)  # Husayn / Husain
    text = text.replace("ai", "e").replace("ei", "e")  # Husain / Hussein, Sayed / Seyed
    text = _IY.sub("i", text)
    text = _Y_BEFORE_CONSONANT.sub("i", text)  # Dmitriy / Dmitrii, Aly / Ali
    text = _Y_BETWEEN_VOWELS.sub("", text)  # Nikolayevich / Nikolaevich
    text = _Y_BEFORE_VOWEL.sub("i", text)  # Natalya / Natalia, Yakov / Iakov
    for src, dst in _VOWEL_GROUPS:
        text = text.replace(src, dst)
    for src, dst in _DIGRAPHS:
        text = text.replace(src, dst)
    text = text.translate(_CONSONANTS)
    text = _DOUBLE.sub(r"\1", text)
    # DPRK writes an initial r/n that South Korea drops before i and y (ri/i, ryong/yong, nyo/yo).
    if len(text) > 1 and text[0] in "rn" and text[1] in "iy":
        text = text[1:]
    if len(text) > 2 and text.endswith("h"):
        text = text[:-1]
    return text


_VOWELS = re.compile(r"[aeiouyw]")


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """The consonant skeleton of a token's phonetic key (``muhammad`` -> ``mhmt``)."""
    key = phonetic(token)
    if key.startswith("~"):
        key = key[1:]
    if not key.isascii():
        return key
    return _DOUBLE.sub(r"\1", _VOWELS.sub("", key))


_KANA_DIGRAPHS = (
    ("shch", "S"),
    ("sch", "S"),
    ("tch", "C"),
    ("dzh", "J"),
    ("dj", "J"),
    ("zh", "J"),
    ("ch", "C"),
    ("sh", "S"),
    ("ts", "C"),
    ("tz", "C"),
    ("kh", "h"),
    ("ph", "h"),
    ("th", "S"),
    ("gh", "g"),
    # an aspirated Indic b (Hindi and Urdu names: Bhai, Bhatt), which katakana writes バ, having
    # no aspiration (Bada Bhai / バダ・バーイー); no Latin spelling writes b and h apart
    ("bh", "b"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
)
_KANA_SILENT_H = re.compile(r"[^cspt]h$")
_KANA_SOFT_C = re.compile(r"c(?=[eiy])")
_KANA_TI = re.compile(r"t[iy]")
_PALATAL = re.compile(r"[td][iy]")
_KANA_DI = re.compile(r"d[iy]")
_KANA_NASAL = re.compile(r"n(?=[mbp])")
# Japanese writes a final -ng as ン (Kang / カン, Song / ソン, Pyongyang / ピョンヤン) or, in
# English words, as ング with the vowel katakana adds (King / キング kingu).
_KANA_NG = re.compile(r"ng(?:u$|(?![aeiouy]))")
_KANA_CONSONANTS = str.maketrans(
    {"c": "k", "l": "r", "v": "b", "f": "h", "w": "", "z": "J", "y": "", "S": "s", "C": "c"}
)
_KANA_VOWELS = re.compile(r"[aeiou]")


@lru_cache(maxsize=200_000)
def kana_sounds(token: str, palatal: bool = True) -> str:
    """A token's sounds as katakana hears them, vowels kept (see :func:`kana_skeleton`).

    ``palatal``: ``ti``/``di`` are heard as ``chi``/``ji`` (チ, ジ: Putin, Vladimir), as the
    older spelling of loanwords has it; without it they stay (ティ, ディ: Nadir, Latif)."""
    if not token.isascii():
        return token
    # a final h that is a sound of its own goes (Abdallah / アブドラ), one that ends ch, sh, th or
    # ph stays (Vladimirovich / ウラジーミロヴィチ, Smith / スミス)
    text = token[:-1] if len(token) > 3 and _KANA_SILENT_H.search(token) else token
    for src, dst in _KANA_DIGRAPHS:
        text = text.replace(src, dst)
    text = _KANA_SOFT_C.sub("s", text)
    if palatal:
        text = _KANA_TI.sub("C", text)
        text = _KANA_DI.sub("J", text)
    text = _KANA_NASAL.sub("m", text)
    text = _KANA_NG.sub("n", text)
    return _DOUBLE.sub(r"\1", text.translate(_KANA_CONSONANTS).lower())


_KANA_VOWEL_CLASSES = str.maketrans({"e": "i", "o": "u"})


@lru_cache(maxsize=200_000)
def kana_vowels(token: str) -> str:
    """:func:`kana_sounds` with the vowels Arabic and Persian names are written with in
    either letter folded together (``e``/``i``, ``o``/``u``: Sayed / Saiid, Emad / Imaado),
    long vowels and a final vowel (the one katakana adds after a last consonant) dropped."""
    sounds = kana_sounds(token).translate(_KANA_VOWEL_CLASSES)
    return _DOUBLE.sub(r"\1", sounds).rstrip("aiu") or sounds[:1]


@lru_cache(maxsize=200_000)
def kana_skeleton(token: str) -> str:
    """The consonants of a token as Japanese katakana hears them, for a katakana reading and a
    Latin spelling to meet: ``l``/``r``, ``v``/``b``, ``f``/``h``/``kh`` and ``zh``/``j``/``z``
    merge, ``ti``/``di`` become ``chi``/``ji`` (Putin, Vladimir), ``n`` before ``m``/``b``/``p``
    is ``m``, vowels and doubled consonants (the small tsu) go: ``ruijikofu`` and ``ryzhkov``
    both give ``rjkb``."""
    sounds = kana_sounds(token)
    if not token.isascii():
        return sounds
    return _DOUBLE.sub(r"\1", _KANA_VOWELS.sub("", sounds))


@lru_cache(maxsize=200_000)
def kana_skeletons(token: str) -> tuple[str, ...]:
    """:func:`kana_skeleton` and, when they differ, the skeleton that keeps ``ti``/``di``
    as they are (ティ, ディ) and those of the letters katakana hears in more than one way
    (:data:`_KANA_HEARD_OTHERWISE`): a katakana reading and a Latin spelling meet if any
    agree."""
    first = kana_skeleton(token)
    if not token.isascii():
        return (first,)
    out = [first]
    if _PALATAL.search(token):
        out.append(_DOUBLE.sub(r"\1", _KANA_VOWELS.sub("", kana_sounds(token, palatal=False))))
    for pattern, heard in _KANA_HEARD_OTHERWISE:
        if pattern.search(token):
            for sound in heard:
                out.extend(kana_skeletons(pattern.sub(sound, token)))
    return tuple(dict.fromkeys(out))


#: Latin letters for a sound that katakana writes in more than one way, with the spellings it
#: is heard as: ``dh`` is the Arabic ذ (ザ, ズ: Ustadh / ウスターズ) or an aspirated Indic d (ド:
#: Sindhi / シンド); a final ``c`` after a vowel is the ć or č of a Bosnian, Croatian or Serbian
#: name written without its diacritic, which katakana writes チ (Imamović, Imamovic / イマモビッチ);
#: a final ``h`` after a vowel is the ح or ه of an Arabic name, which katakana writes フ or ハ
#: (Saleh サーレフ, サーレハ; Salih サーリハ; Faleh ファーレフ) where a Latin spelling drops it
#: (Abdallah アブドラ)
#:
#: and the sounds of European names that katakana writes as their speakers say them: a ``v``
#: after the first letter and before a consonant or at the end is voiceless, フ (Petrov ペトロフ,
#: Evgeny エフゲニー); a final ``s`` after a vowel or a voiced consonant may be voiced, ズ (James
#: ジェームズ, Jones ジョーンズ); ``th`` is ト as often as ス (Thomas トーマス, Smith スミス). Not
#: the English r that katakana writes as a long vowel (Robert ロバート) nor the v it writes ワ
#: (Ivanov イワノフ): the readings of katakana are heard by these rules too, and without that r
#: ビョンチョル (*byonchor*) met Bianchi; with that v, Aleksandrovich met Aleksandr
_KANA_HEARD_OTHERWISE = (
    (re.compile("dh"), ("d", "z")),
    (re.compile(r"(?<=[aeiou])c$"), ("chi",)),
    (re.compile(r"(?<=[aeiou])h$"), ("hu",)),
    (re.compile(r"(?<=.)v(?![aeiouy])"), ("f",)),
    (re.compile(r"(?<=[aeioumnlr])s$"), ("z",)),
    (re.compile("th"), ("t",)),
)

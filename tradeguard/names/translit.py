"""Readings of a name in Latin script, whatever script it is written in.

A name can have more than one plausible Latin reading: Hangul has Revised and DPRK/MR
romanizations, kanji have a Japanese and a Chinese (pinyin) reading. :func:`latin_readings`
returns each, already folded; the caller analyses each one as an alternative form.

Cut before transliterating: company forms of the script (株式会社, 주식회사, 有限公司, ООО) become
their canonical Latin token, and words that Latin-script names translate rather than
transliterate (조선 -> korea, 商事 -> trading) become the translation.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from tradeguard.names import hangul, kontsevich
from tradeguard.names.glossary import glossed, romanized_glossed
from tradeguard.names.hanja import hangul as hanja_hangul
from tradeguard.names.hanzi import HAN_RUN, fold_han
from tradeguard.names.kana_korean import organisation_reading
from tradeguard.names.katakana import acronym_reading, korean_syllables
from tradeguard.names.katakana import romanize_text as romanize_katakana
from tradeguard.names.normalize import fold
from tradeguard.names.vocab import vocabulary

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi",
    "є": "ye", "ґ": "g", "ў": "u", "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz",
    "ѓ": "g", "ќ": "k", "ѕ": "dz",
}  # fmt: skip

# Russian writes the j and h of Arabic, Persian and Turkic names as дж and х (Абу Джихад),
# which its romanization spells dzh and kh; the Latin spellings of those names write j and h
# (Abu Jihad): a Cyrillic name with these letters is also read so.
_FOREIGN = {"дж": "j", "х": "h"}
_FOREIGN_SOUNDS = re.compile("дж|х")

# Arabic and Persian letters to a consonantal Latin skeleton (vowels are rarely written).
_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ء": "", "ؤ": "u", "ئ": "i", "ب": "b",
    "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh",
    "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "w",
    "ي": "y", "ى": "a", "پ": "p", "چ": "ch", "ژ": "zh", "گ": "g", "ک": "k", "ی": "y",
    "ـ": "",
}  # fmt: skip
# Persian, Dari, Pashto and Urdu (written with letters Arabic lacks: پ چ ژ گ ک ی) say the
# interdental and emphatic letters of Arabic loan names as z and s: ذاکر is Zakir, not Dhakir.
_PERSIAN_LETTERS = frozenset("پچژگکی")
_PERSIAN = _ARABIC | {"ذ": "z", "ض": "z", "ث": "s"}


# The article al- and the prefix Abd are written joined to the next word in Arabic script and
# apart in most Latin spellings: عبدالخالق -> abd al khalq.
_ARABIC_ARTICLE = re.compile(r"(^|\s|عبد)ال")
# ... but for the name of God, written with the article it absorbs: عبد الله is Abd Allah
# (Abdullah), سيف الله Sayf Allah (Saifullah), not "abd al lh".
_ALLAH = re.compile(r"(^|\s|عبد)الله(?=\s|$)")


@dataclass(frozen=True, slots=True)
class Reading:
    """One Latin reading of a name: its folded text and how it was obtained."""

    text: str
    method: str  # "latin", "hangul-rr", "hangul-kp", "kana", "kana-korean", "kana-letters", "kanji-ja", "han-pinyin", "han", "kana-han", "kana+kanji", "hanja-kp", "latin-gloss", "cyrillic", "arabic", "icu"
    abjad: bool = False  # vowels are missing (Arabic script): compare consonant skeletons


def script_of(char: str) -> str:
    """The script of one letter: Latn, Hang, Kana, Hani, Cyrl, Arab or Other."""
    cp = ord(char)
    if cp < 0x250:
        return "Latn"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "Hang"
    if 0x3040 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF or 0xFF66 <= cp <= 0xFF9F:
        return "Kana"
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or cp == 0x3005:
        return "Hani"
    if 0x0400 <= cp <= 0x052F:
        return "Cyrl"
    if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFEFF:
        return "Arab"
    return "Other"


def scripts(text: str) -> set[str]:
    """The scripts of the letters of ``text`` (Latn, Hang, Kana, Hani, Cyrl, Arab, Other)."""
    return {script_of(c) for c in text if c.isalpha()}


_LOCK = threading.Lock()


@cache
def _icu(rule: str) -> Any:
    import icu

    return icu.Transliterator.createInstance(rule)


def _icu_latin(text: str, rule: str = "Any-Latin; Latin-ASCII") -> str:
    with _LOCK:
        return str(_icu(rule).transliterate(text))


@cache
def _kakasi() -> Any:
    import pykakasi

    return pykakasi.kakasi()


def _japanese(text: str) -> str:
    """Hepburn reading: katakana by :mod:`tradeguard.names.katakana` (foreign sounds), kanji
    and hiragana by the general reader."""
    text = romanize_katakana(text)
    if text.isascii():
        return " ".join(text.split())
    with _LOCK:
        parts = _kakasi().convert(text)
    return " ".join(str(p["hepburn"]) for p in parts if p.get("hepburn"))


_VU = re.compile(r"vu(?=[aeiouy])")
_FINAL_FU = re.compile(r"(?<=[oe])fu\b")
_EPENTHETIC_U = re.compile(r"(?<=[bdfghkmprsz])u(?=[bcdfghjklmnprstvwz]|\b)")
_EPENTHETIC_O = re.compile(r"(?<=[td])o(?=[bcdfghjklmnprstvwz]|\b)")


def loanword(reading: str) -> str:
    """A katakana loanword's Hepburn reading without the vowels Japanese adds after
    consonants: ``umaru surimofu`` -> ``umar surimov``, ``domitorii`` -> ``dmitrii``."""
    text = _VU.sub("v", reading)
    text = _FINAL_FU.sub("v", text)
    text = _EPENTHETIC_U.sub("", text)
    return fold(_EPENTHETIC_O.sub("", text))


#: the katakana of a Korean final consonant (see :mod:`.katakana`): a name written as one word
#: is read as Korean only when one of its syllables has a final, as most Korean names do
_KANA_FINALS = frozenset("ンクルムプッ")


def _kana_surnames(syllable: str, person: bool | None) -> list[str]:
    """The Korean surname spellings a katakana syllable stands for, as the lists spell them.

    Katakana writes a final ng as ン, as it writes n (カン Kang, チョン Chong or Chon), and for
    a name that may be a person's it writes the Korean vowels ㅐ, ㅔ and ㅚ alike as エ (최 チェ
    Choe, 백 ペク Paek, 태 テ Thae: the Japanese renderings of Korean names in the MOF list)."""
    spellings = [syllable]
    if syllable.endswith("n"):
        spellings.append(syllable + "g")
    if person is not False and "e" in syllable and "ye" not in syllable:
        spellings += [syllable.replace("e", vowel, 1) for vowel in ("ae", "oe")]
    surnames = vocabulary().surnames
    groups: dict[str, str] = {}
    for spelling in spellings:
        if spelling in surnames:
            groups.setdefault(surnames[spelling], spelling)
    return list(groups.values())


def korean_reading(text: str, person: bool | None = None) -> list[str]:
    """A katakana name read as a Korean name, syllable by syllable as the lists write Korean
    names (``リ ソンヒョク`` -> ``ri son hyok``), when it can be one: its first word reads as a
    Korean surname and every word as one to three Korean syllables (Japanese writes Korean
    names surname first, each syllable with its final consonant kana). One reading per surname
    the first syllable may stand for (チョン: Chon, Chong). A name that may be a person's is
    also read so when written as one word of two to four syllables, the first a surname's
    (キムジョンウン -> ``kim jon un``), and one of them with a final consonant."""
    words = text.split()
    if len(words) == 1 and person is not False and _KANA_FINALS.intersection(words[0]):
        whole = korean_syllables(words[0])
        if whole is None or not 2 <= len(whole) <= 4:
            return []
        readings: list[list[str] | None] = [whole[:1], whole[1:]]
    elif 2 <= len(words) <= 4:
        readings = [korean_syllables(word) for word in words]
    else:
        return []
    if any(r is None or not 1 <= len(r) <= 3 for r in readings):
        return []
    first = readings[0]
    if first is None or len(first) != 1:
        return []
    rest = [s for r in readings[1:] if r for s in r]
    return [" ".join([surname, *rest]) for surname in _kana_surnames(first[0], person)]


_UNSPACED = ("Hang", "Kana", "Hani")
#: the suffix of a kana reading's method when it reads kanji too (``kana+kanji``): its words
#: meet Latin spellings, never another reading of Han characters (see :mod:`.hanzi`)
KANJI_READ = "+kanji"


def _cut_vocabulary(text: str) -> str:
    """Replace script company forms and translated words by their Latin tokens, spaced.

    In scripts written without spaces (Hangul, kana, Chinese characters) a word is replaced
    wherever it occurs; in the others (Cyrillic, Arabic) only as a whole word, so that the
    Ukrainian form ``ТОВ`` does not cut the name ``Ходотов`` in two.
    """
    vocab = vocabulary()
    for word, latin in vocab.script_words:
        if word in text:
            text = _replace(text, word, latin)
    for form, latin in vocab.script_forms:
        key = form.casefold()
        if key in text:
            text = _replace(text, key, latin)
    return text


def _cut_forms(text: str) -> str:
    """Replace the script company forms alone (株式会社 stays one form, not 株式 + 会社)."""
    for form, latin in vocabulary().script_forms:
        key = form.casefold()
        if key in text:
            text = _replace(text, key, latin)
    return text


def _glossed_readings(folded: str, found: set[str]) -> list[Reading]:
    """The extra readings with the glossary's words in English (at most three): the rest is
    read as the first reading of its script reads it, and a name in Chinese characters alone
    also in pinyin."""
    out: list[Reading] = []
    for n, (text, _) in enumerate(glossed(_cut_forms(folded))):
        cut = _cut_vocabulary(text)
        if "Hang" in found:
            out.append(Reading(fold(_hangul(cut, True, False)), "hangul-kp-gloss"))
        elif "Kana" in found:
            kanji = KANJI_READ if HAN_RUN.search(cut) else ""
            out.append(Reading(fold(_japanese(cut)), "kana-gloss" + kanji))
        elif "Hani" in found:
            pinyin = fold(_icu_latin(cut, "Han-Latin; Latin-ASCII"))
            out.append(Reading(pinyin, "han-pinyin-gloss"))
            if n == 0:
                out.append(Reading(fold(_japanese(cut)), "kanji-ja-gloss"))
        elif "Cyrl" in found:
            out.append(Reading(fold(_cyrillic_letters(cut)), "cyrillic-gloss"))
        elif "Arab" in found:
            out.append(Reading(fold(_arabic_letters(cut)), "arabic-gloss", abjad=True))
    return [r for r in out if r.text and scripts(r.text) <= {"Latn"}]


_HAN_PARTS = re.compile(f"({HAN_RUN.pattern})")


@cache
def _han_vocabulary() -> tuple[tuple[str, str], ...]:
    """The script words and company forms of the vocabulary with their Han characters in one
    form (see :mod:`tradeguard.names.hanzi`), longest first."""
    vocab = vocabulary()
    pairs = {fold_han(k.casefold()): v for k, v in vocab.script_forms}
    pairs.update({fold_han(k): v for k, v in vocab.script_words})
    return tuple(sorted(pairs.items(), key=lambda kv: -len(kv[0])))


def han_characters(folded: str, kana: bool = False) -> Reading | None:
    """A name in Han characters as its characters: each character in one form (simplified,
    traditional and Japanese forms meet), the vocabulary's words and forms cut out and
    written in Latin (``朝鮮連峰総会社`` -> ``korea 连峰 general corp``). Two names in Han
    characters meet on these words only, so a name made of the vocabulary's words alone
    (``朝鮮国際化学合営会社`` -> ``korea international chemical joint venture co``) is given
    as those words too: without them it would meet no name in Han characters, not even
    itself written the same.

    ``kana``: the name mixes kanji and kana; the kana are read (``東京エレクトロン`` -> ``东京
    erekutoron``, method ``kana-han``), the kanji kept as characters."""
    text = fold_han(folded)
    for word, latin in _han_vocabulary():
        if word in text:
            text = text.replace(word, f" {latin} ")
    if not kana:
        return Reading(" ".join(text.split()), "han")
    if HAN_RUN.search(text) is None:
        return None
    parts = [
        part if HAN_RUN.fullmatch(part) else fold(_japanese(part))
        for part in _HAN_PARTS.split(text)
    ]
    return Reading(" ".join(" ".join(parts).split()), "kana-han")


def _hanja_readings(folded: str, person: bool | None) -> list[Reading]:
    """A name in Han characters read as Korean (see :mod:`tradeguard.names.hanja`), in the
    DPRK's romanization: the vocabulary's words cut out first, and once more with the
    glossary's words in English (``朝鲜大成银行`` -> ``korea taesong unhaeng``, ``korea taesong
    bank``). A firm's words are written whole as the lists write them (Taesong, Ryonbong), a
    person's syllables apart (金正恩 -> ``kim jong un``, 金 read as names read it). Both are
    readings of Han characters: they meet Latin and Hangul names only."""
    out: list[Reading] = []
    texts = [(_cut_vocabulary(folded), "hanja-kp")]
    if person is not True:
        texts += [
            (_cut_vocabulary(t), "hanja-kp-gloss") for t, _ in glossed(_cut_forms(folded))[:1]
        ]
    as_names = [False, True] if person is None else [person]  # 金 as gold, and as Kim
    for text, method in texts:
        for names in as_names:
            korean = hanja_hangul(text, names)
            if korean is None:
                continue
            if names:
                latin = _hangul(korean, True, True)
            else:
                latin = " ".join("".join(hangul.romanize_word(w, True)) for w in korean.split())
            out.append(Reading(fold(latin), method))
    return [r for r in out if scripts(r.text) <= {"Latn"}]


def _replace(text: str, word: str, latin: str) -> str:
    if scripts(word) & set(_UNSPACED):
        return text.replace(word, f" {latin} ")
    return re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", f" {latin} ", text)


def _cyrillic_letters(text: str) -> str:
    return "".join(_CYRILLIC.get(c, c) for c in text)


def _arabic_letters(text: str) -> str:
    """Arabic-script letters in Latin (Persian values when the text uses Persian letters), the
    article written apart."""
    table = _PERSIAN if _PERSIAN_LETTERS.intersection(text) else _ARABIC
    return "".join(table.get(c, c) for c in text).replace("ال", "al ")


def _hangul(text: str, dprk: bool, person: bool) -> str:
    """The DPRK-style reading writes each syllable apart (``kim jong sik``, as the DPRK entries
    of the lists do); the Revised reading joins the syllables of a word (``gim jeongsik``)."""
    words: list[str] = []
    for word in text.split():
        if dprk and all(hangul.is_hangul(c) for c in word):
            words.extend(hangul.romanize_word(word, dprk))
            continue
        parts = hangul.split_name(word) if person else [word]
        words.extend("".join(hangul.romanize_word(p, dprk)) for p in parts)
    return " ".join(words)


def latin_readings(text: str, person: bool | None = None) -> list[Reading]:
    """The folded Latin readings of a name in any script (one for Latin-script names). A name
    that is not a person's also gets readings with its generic words in English (see
    :mod:`tradeguard.names.glossary`)."""
    folded = fold(text)
    found = scripts(folded)
    if found <= {"Latn"}:
        if not folded:
            return []
        glossed_latin = romanized_glossed(folded) if person is not True else None
        if glossed_latin is None:
            return [Reading(folded, "latin")]
        return [Reading(folded, "latin"), Reading(glossed_latin, "latin-gloss")]
    cut = _cut_vocabulary(folded)
    readings: list[Reading] = []
    if "Hang" in found:
        as_person = person is not False
        readings.append(Reading(fold(_hangul(cut, True, as_person)), "hangul-kp"))
        readings.append(Reading(fold(_hangul(cut, False, as_person)), "hangul-rr"))
    elif "Kana" in found:
        # the kanji of a kana name are read too, for its Latin spellings only: a reading of
        # kanji meets no other reading of Han characters (公共 koukyou and 東京 toukyou are no
        # typo of each other); another name in kanji meets its characters (``kana-han``)
        kanji = KANJI_READ if HAN_RUN.search(cut) else ""
        kana = fold(_japanese(cut))
        koreans = korean_reading(cut, person)
        if not koreans or len(cut.split()) > 1 or len(koreans[0].split()) < 3:
            # a Korean name of three syllables or more written as one word (キムジョンウン) is
            # read as Korean only: read as one Japanese word (kimujonun) it met other Korean
            # names joined (Kim Yo Jong); ホンダ stays Honda too
            readings.append(Reading(kana, "kana" + kanji))
            readings.append(Reading(loanword(kana), "kana-loanword" + kanji))
        for korean in koreans:
            readings.append(Reading(korean, "kana-korean" + kanji))
        if person is not True and found <= {"Kana", "Latn"}:
            # a Korean organisation's name in katakana, read back as Korean words
            english = [t for t, _ in glossed(_cut_forms(folded))[:1]]
            org = organisation_reading(_cut_vocabulary(english[0]) if english else cut)
            if org is not None:
                readings.append(Reading(fold(org), "kana-korean"))
        letters = acronym_reading(cut)
        if letters is not None:
            readings.append(Reading(fold(_japanese(letters)), "kana-letters" + kanji))
    elif "Hani" in found:
        readings.append(Reading(fold(_japanese(cut)), "kanji-ja"))
        pinyin = _icu_latin(cut, "Han-Latin; Latin-ASCII")
        readings.append(Reading(fold(pinyin), "han-pinyin"))
        if found <= {"Hani", "Latn"}:
            readings.extend(_hanja_readings(folded, person))
    elif "Cyrl" in found:
        readings.append(Reading(fold(_cyrillic_letters(cut)), "cyrillic"))
        if _FOREIGN_SOUNDS.search(cut):
            foreign = _FOREIGN_SOUNDS.sub(lambda m: _FOREIGN[m.group(0)], cut)
            readings.append(Reading(fold(_cyrillic_letters(foreign)), "cyrillic-foreign"))
        russian_korean = kontsevich.reading(cut, _CYRILLIC)
        if russian_korean is not None:
            readings.append(Reading(fold(russian_korean), "cyrillic-korean"))
    elif "Arab" in found:
        text = _ARABIC_ARTICLE.sub(r"\1 ال ", _ALLAH.sub(r"\1 allah ", cut))
        readings.append(Reading(fold(_arabic_letters(text)), "arabic", abjad=True))
    if not readings or any(not scripts(r.text) <= {"Latn"} for r in readings):
        readings = [r for r in readings if scripts(r.text) <= {"Latn"}]
        readings.append(Reading(fold(_icu_latin(cut)), "icu"))
    if person is not True:
        readings.extend(_glossed_readings(folded, found))
    if "Hani" in found and found <= {"Hani", "Kana", "Latn"}:
        chars = han_characters(folded, kana="Kana" in found)
        if chars is not None:
            readings.append(chars)
    seen: set[str] = set()
    out = []
    for reading in readings:
        # a Han name's words read alike as another reading: :func:`analyse` keeps this one
        if reading.text and (reading.text not in seen or reading.method == "han"):
            seen.add(reading.text)
            out.append(reading)
    return out

"""Analyse a name into comparable forms: tokens with phonetic keys and a class.

A name in a non-Latin script has one form per Latin reading (see
:mod:`tradeguard.names.translit`); a Latin name has one. In each form, company forms
(``co``, ``ltd``, ``jsc`` ...) and generic words (``trading``, ``general`` ...) are replaced
by their canonical token and marked, so that scoring can weigh them less.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

from tradeguard.names.normalize import fold
from tradeguard.names.phonetic import phonetic, skeleton
from tradeguard.names.translit import KANJI_READ, Reading, latin_readings
from tradeguard.names.vocab import vocabulary


class TokenClass(IntEnum):
    NAME = 0  # a distinctive word
    GENERIC = 1  # a generic organisation word (trading, general, group ...)
    FORM = 2  # a company legal form (co, ltd, jsc ...)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    phon: str
    skel: str
    cls: TokenClass = TokenClass.NAME

    @property
    def phon_first(self) -> str:
        """The first letter of the phonetic key; empty for a company form or generic word,
        whose key is its canonical word (``=co``), not a sound."""
        return "" if self.phon[:1] == "=" else self.phon[:1]


#: letters of the one distinctive word of a short name (acronyms and brands of 3-5 letters)
SHORT_NAME = 5
#: ... and characters, for a word written in Han characters or Hangul syllables, where each
#: character is a syllable with its meaning: 裕隆 or 삼성 is as short as a brand, 国防科学院
#: (the Academy of National Defense Science) is a full name
SHORT_SYLLABLES = 2
_SYLLABIC = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\U00020000-\U0002ffff]+"
)


def short_word(word: str) -> bool:
    """Whether a distinctive word is short enough to be a brand or an acronym, which firms
    the world over share: :data:`SHORT_NAME` letters, or :data:`SHORT_SYLLABLES` characters
    of a syllabic script (Han, Hangul)."""
    if _SYLLABIC.fullmatch(word):
        return len(word) <= SHORT_SYLLABLES
    return len(word) <= SHORT_NAME


#: the reading methods that read Han characters into Latin letters
HAN_READINGS = frozenset(
    {"kanji-ja", "han-pinyin", "kanji-ja-gloss", "han-pinyin-gloss", "hanja-kp", "hanja-kp-gloss"}
)
#: ... of which those that must be spelt as they are read: pinyin, a syllable per character
#: without its tone, where a letter more or less is another character (the Japanese reading
#: is written with long vowels that Latin spellings drop: toushiba / Toshiba; the glossed
#: readings put words in English, spelt otherwise as any English word may be)
HAN_SYLLABLES = frozenset({"han-pinyin"})


@dataclass(frozen=True, slots=True)
class NameForm:
    """One Latin reading of a name, as tokens."""

    tokens: tuple[Token, ...]
    method: str = "latin"
    abjad: bool = False
    #: the tokens' texts, and first letters (spelt and phonetic) of the tokens that can start
    #: a joined word and of those long enough to be one: the scorer's inner loop reads these
    kana: bool = field(init=False, compare=False, repr=False)  # a katakana reading
    texts: tuple[str, ...] = field(init=False, compare=False, repr=False)
    text_set: frozenset[str] = field(init=False, compare=False, repr=False)
    lengths: tuple[int, ...] = field(init=False, compare=False, repr=False)
    long_tokens: tuple[int, ...] = field(init=False, compare=False, repr=False)
    heads: frozenset[str] = field(init=False, compare=False, repr=False)
    head_starts: dict[str, tuple[int, ...]] = field(init=False, compare=False, repr=False)
    long_heads: frozenset[str] = field(init=False, compare=False, repr=False)
    #: a short name: one distinctive word of at most :data:`SHORT_NAME` letters (``KT Corp``,
    #: ``Lunit Inc.``, ``KOMID``); it meets another name only where its word is spelt the same
    short: bool = field(init=False, compare=False, repr=False)
    #: a Latin reading of Han characters (pinyin or Japanese, glossed or not, or a kana name
    #: with its kanji read): two such readings are not compared (their names meet on their
    #: characters, the ``han`` and ``kana-han`` forms)
    han: bool = field(init=False, compare=False, repr=False)
    #: the form meets another only word for word as it is spelt: a short name, or the pinyin
    #: reading of Han characters (a syllable one letter off is another character)
    spelt: bool = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        tokens = self.tokens
        han = self.method in HAN_READINGS or self.method.endswith(KANJI_READ)
        object.__setattr__(self, "han", han)
        distinctive = [t.text for t in tokens if t.cls == TokenClass.NAME]
        short = len(distinctive) == 1 and short_word(distinctive[0])
        object.__setattr__(self, "short", short)
        object.__setattr__(self, "spelt", short or self.method in HAN_SYLLABLES)
        object.__setattr__(self, "kana", self.method.startswith("kana"))
        texts = tuple(t.text for t in tokens)
        object.__setattr__(self, "texts", texts)
        object.__setattr__(self, "text_set", frozenset(texts))
        object.__setattr__(self, "lengths", tuple(len(t) for t in texts))
        long_tokens = tuple(j for j, t in enumerate(texts) if len(t) >= 4)
        object.__setattr__(self, "long_tokens", long_tokens)
        head_starts: dict[str, tuple[int, ...]] = {}
        for j, t in enumerate(tokens[:-1]):
            for letter in {t.text[:1], t.phon_first}:
                head_starts[letter] = (*head_starts.get(letter, ()), j)
        object.__setattr__(self, "head_starts", head_starts)
        heads = set(head_starts) - {""}
        object.__setattr__(self, "heads", frozenset(heads))
        longs = [t for t in tokens if len(t.text) >= 4]
        long_heads = {t.text[:1] for t in longs} | {t.phon_first for t in longs}
        object.__setattr__(self, "long_heads", frozenset(long_heads))

    @property
    def text(self) -> str:
        return " ".join(t.text for t in self.tokens)


def make_token(text: str, cls: TokenClass = TokenClass.NAME) -> Token:
    """A token with its keys; a company form or generic word keeps its own spelling as text
    and gets its canonical word as phonetic key (``company`` and ``co`` meet there)."""
    if cls == TokenClass.NAME:
        return Token(text, phonetic(text), skeleton(text), cls)
    vocab = vocabulary()
    canonical = vocab.forms.get((text,)) or vocab.generic.get((text,)) or text
    return Token(text, "=" + canonical, canonical, cls)


@cache
def _long_forms() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """The company forms of several words (``joint stock company``) and their words."""
    forms = tuple(k for k in vocabulary().forms if len(k) > 1)
    return forms, frozenset(w for form in forms for w in form)


_GLUE_MIN = 4  # letters of a form word glued to a name word (not ``co``: Comco Ltd stays)
_REMAINDER = re.compile(r"^(?=.*[aeiouy])[a-z]{3,}$")  # a plausible word left beside it


#: a cut of a company form: its place among the forms, where it is cut, one of its parts
_Split = tuple[int, int, tuple[str, ...]]


@cache
def _glue_splits() -> tuple[
    dict[tuple[str, ...], list[_Split]], dict[tuple[str, ...], list[_Split]]
]:
    """Each company form of several words cut in two (its first ``k`` words and the rest), by
    its last part and by its first part: (form's place in :func:`_long_forms`, ``k``, the other
    part)."""
    by_tail: dict[tuple[str, ...], list[_Split]] = {}
    by_head: dict[tuple[str, ...], list[_Split]] = {}
    for place, form in enumerate(_long_forms()[0]):
        for k in range(1, len(form)):
            by_tail.setdefault(form[k:], []).append((place, k, form[:k]))
            by_head.setdefault(form[:k], []).append((place, k, form[k:]))
    return by_tail, by_head


def _glued(word: str, before: list[str], after: list[str]) -> list[str] | None:
    """``word`` split where it is a name word glued to the words of a company form that the
    neighbouring words complete (``kordexjoint stock company``, ``limited liability
    companyspring``, ``limitedliability company``); None when it is not.

    The forms are tried in their order, each cut after one word, then two ..., the word
    before the words that follow it: only the cuts whose other part the neighbouring words
    are (looked up, not tried one by one)."""
    by_tail, by_head = _glue_splits()
    tried: list[tuple[int, int, bool, tuple[str, ...]]] = []
    for size in range(1, len(after) + 1):
        for place, k, head in by_tail.get(tuple(after[:size]), ()):
            tried.append((place, k, False, head))
    for size in range(1, len(before) + 1):
        for place, k, tail in by_head.get(tuple(before[len(before) - size :]), ()):
            tried.append((place, k, True, tail))
    tried.sort(key=lambda t: t[:3])
    for _, k, is_before, part in tried:
        glued = "".join(part)
        if len(glued) < _GLUE_MIN:
            continue
        if not is_before and word.endswith(glued):
            rest = word[: -len(glued)]
            if not rest and k > 1:
                return list(part)
            if _REMAINDER.match(rest):
                return [rest, *part]
        if is_before and word.startswith(glued):
            rest = word[len(glued) :]
            if _REMAINDER.match(rest):
                return [*part, rest]
    return None


def split_glued(words: list[str]) -> list[str]:
    """The words with company forms glued to a neighbouring word set apart (see
    :func:`_glued`); a known word is never split."""
    form_words = _long_forms()[1]
    if len(words) < 2 or form_words.isdisjoint(words):
        return words
    forms = vocabulary().forms
    out: list[str] = []
    last = len(words) - 1
    for i, word in enumerate(words):
        parts = None
        if (
            len(word) > _GLUE_MIN
            and (word,) not in forms
            and ((i < last and words[i + 1] in form_words) or (i and words[i - 1] in form_words))
        ):
            parts = _glued(word, words[:i], words[i + 1 :])
        out.extend(parts or [word])
    return out


#: Letters a company-form or generic word needs for a one-letter slip of it to be read as the
#: word (``compaeny``, ``limted``, ``corporaton``); shorter ones (``trade``, ``group``) are too
#: close to other words.
SLIP_MIN = 7


@cache
def _slip_keys() -> dict[str, tuple[str, ...]]:
    """Each single-word company form or generic spelling of ``SLIP_MIN`` letters or more, and
    each of its one-letter deletions, to the spellings it comes from (a one-edit neighbour of
    a word shares one of these keys with it)."""
    vocab = vocabulary()
    found: dict[str, set[str]] = defaultdict(set)
    for key in (*vocab.forms, *vocab.generic):
        if len(key) != 1 or len(key[0]) < SLIP_MIN or not key[0].isalpha():
            continue
        word = key[0]
        found[word].add(word)
        for i in range(len(word)):
            found[word[:i] + word[i + 1 :]].add(word)
    return {key: tuple(sorted(words)) for key, words in found.items()}


@lru_cache(maxsize=1 << 16)
def unslipped(word: str) -> str:
    """``word``, or the company-form or generic word it misspells by one letter — one letter
    more, less, changed, or two swapped, the first letter kept (``compaeny`` -> ``company``,
    ``limted`` -> ``limited``): names typed by hand carry such slips, and a misspelt form would
    otherwise weigh as a rare distinctive word."""
    if len(word) < SLIP_MIN - 1 or not word.isalpha():
        return word
    vocab = vocabulary()
    if (word,) in vocab.forms or (word,) in vocab.generic:
        return word
    keys = _slip_keys()
    near: set[str] = set(keys.get(word, ()))
    for i in range(len(word)):
        near.update(keys.get(word[:i] + word[i + 1 :], ()))
    best = sorted(w for w in near if w[0] == word[0] and OSA.distance(w, word) == 1)
    if not best:
        return word
    # two words of one canonical (``holding``, ``holdings``) are one reading; of two (``limited``
    # and ``limiter`` were both forms) the slip is too ambiguous to read
    meanings = {vocab.forms.get((w,)) or vocab.generic.get((w,)) for w in best}
    return best[0] if len(meanings) == 1 else word


#: digits written for the letters they look like (``ry0nb0ng``, ``genera1``, ``5teel``)
_LOOKALIKE = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"}
_VOWELS = frozenset("aeiouy")
#: letters a word needs beside its digits to be read as a word written with digits for letters
LOOKALIKE_MIN_LETTERS = 3
#: letters a word needs to be read so when its last character is a digit (``zoe1``, ``abc1``
#: stay as written: a number of a vessel or model)
LOOKALIKE_END_LETTERS = 5


@lru_cache(maxsize=1 << 16)
def unleet(word: str) -> str:
    """``word`` with the digits written for letters read as the letters (``k0rea`` -> ``korea``,
    ``ry0nb0ng`` -> ``ryonbong``, ``genera1`` -> ``general``, ``m1cro`` -> ``micro``).

    Only a Latin word of letters and such digits, with at least three letters and more letters
    than digits, no two digits in a row and no digit first (``azov2000``, ``s300``, ``mig29``,
    ``4x4``, ``7eleven`` are names of their own and stay as written), a digit last only after
    five letters; 1 is read i between two consonants, l elsewhere."""
    if word.isalpha() or word.isdigit() or not word.isascii() or not word.isalnum():
        return word
    letters = sum(c.isalpha() for c in word)
    digits = len(word) - letters
    if letters < LOOKALIKE_MIN_LETTERS or digits >= letters or word[0].isdigit():
        return word
    if word[-1].isdigit() and letters < LOOKALIKE_END_LETTERS:
        return word
    out: list[str] = []
    for i, char in enumerate(word):
        if not char.isdigit():
            out.append(char)
            continue
        if char not in _LOOKALIKE or (i + 1 < len(word) and word[i + 1].isdigit()):
            return word
        letter = _LOOKALIKE[char]
        if char == "1" and 0 < i < len(word) - 1:
            before, after = word[i - 1], word[i + 1]
            if before.isalpha() and after.isalpha() and not ({before, after} & _VOWELS):
                letter = "i"
        out.append(letter)
    return "".join(out)


def canonical_tokens(words: list[str]) -> list[tuple[str, TokenClass]]:
    """Replace company-form and generic word sequences by their canonical tokens (a one-letter
    slip in a long one read as the word, see :func:`unslipped`; digits written for letters
    read as the letters, see :func:`unleet`; a word's abbreviation or foreign spelling of
    ``generic_words.yaml``'s ``spellings`` as the word, ``bk`` and ``banco`` as ``bank``)."""
    vocab = vocabulary()
    words = [unslipped(unleet(w)) for w in split_glued(words)]
    words = [vocab.spellings.get(w, w) for w in words]
    out: list[tuple[str, TokenClass]] = []
    i = 0
    n = len(words)
    while i < n:
        for size in range(min(vocab.form_max_len, n - i), 0, -1):
            key = tuple(words[i : i + size])
            form = vocab.forms.get(key)
            if form is not None and not (size == 1 and n == 1):
                out.append((form if size > 1 else key[0], TokenClass.FORM))
                i += size
                break
            word = vocab.generic.get(key)
            if word is not None and not (size == 1 and n == 1):
                out.append((word if size > 1 else key[0], TokenClass.GENERIC))
                i += size
                break
        else:
            word = words[i]
            if word in vocab.form_tokens:
                out.append((word, TokenClass.FORM))
            elif word in vocab.generic_tokens:
                out.append((word, TokenClass.GENERIC))
            else:
                out.append((word, TokenClass.NAME))
            i += 1
    return out


_PARENS = re.compile(r"\s*[(（]([^()（）]*)[)）]\s*")


@cache
def _places() -> frozenset[str]:
    """Countries and territories as a bracket may name them: ISO 3166 codes of two and three
    letters and CLDR English names (from the installed ICU), folded."""
    import icu

    english = icu.Locale("en")
    out: set[str] = set()
    for code in icu.Locale.getISOCountries():
        region = icu.Locale("und", code)
        out.update({fold(code), fold(str(region.getISO3Country()))})
        name = str(region.getDisplayCountry(english))
        out.add(fold(name))
        out.add(fold(re.sub(r"\s*\(.*?\)|\s+SAR China", "", name)))
    return frozenset(w for w in out if w)


def is_qualifier(inner: str) -> bool:
    """Whether the words of a bracket qualify the name (a place, a share class, a company form
    or generic word: ``(HK)``, ``(U.K.)``, ``(Class B)``, ``(Pvt)``) rather than give another."""
    text = fold(inner)
    if len(text.replace(" ", "")) < 2:
        return True
    vocab = vocabulary()
    words = tuple(text.split())
    if text in vocab.qualifiers or text in _places() or words in vocab.forms:
        return True
    return words in vocab.generic


#: a Han character (a script written without spaces between words)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def variants(name: str) -> list[str]:
    """The name and, when it carries a parenthesised alternative, the readings it stands for.

    Lists put spelling variants and short names in brackets: ``Vladimir Artyakov (Artjakov)``
    is also ``Vladimir Artjakov``; ``Aleksander(Alexander)Mikheev`` is ``Aleksander Mikheev``
    and ``Alexander Mikheev``; ``Korea Mining Development Trading Corporation (KOMID)`` is also
    ``KOMID``. A one-word alternative replaces the word before it unless it is an acronym;
    an acronym, or a longer alternative at the end of the name, stands on its own. Inside a
    name, words in brackets qualify it (``LEADER (HONG KONG) INTERNATIONAL``, ``VIDA PANAMA
    (ZONA LIBRE) S.A.``), as does a single letter (``WEE TIONG (S) PTE LTD``): they are no
    name of their own, which every entry of the same place would share; the name is read with
    and without the words.
    """
    match = _PARENS.search(name)
    if match is None:
        return [name]
    before = name[: match.start()].rstrip()
    if not before.strip(" ,;"):
        return [name]  # "(X), Y": not an alternative to anything
    inner = match.group(1).strip()
    after = name[match.end() :].lstrip()
    out = [f"{before} {after}".strip()]
    words = before.split()
    alternatives = [a.strip() for a in inner.split(",") if a.strip()]
    if is_qualifier(inner):
        # "WEE TIONG (S) PTE LTD", "DULING TECHNOLOGY (HK) LIMITED.", "Acme Foods (USA) Inc.":
        # a place, a letter or a legal form qualifies the name; it is no name of its own
        if len(fold(inner).replace(" ", "")) >= 2:
            out.append(f"{before} {inner} {after}".strip())
    elif _HAN.match(inner) and after and _HAN.match(before[-1]):
        # a name in Han characters has no word for the bracket to replace: 腾讯科技(深圳)有限公司
        # is not 深圳 有限公司, which every firm of Shenzhen so written would share
        out.append(f"{before} {inner} {after}")
    elif _HAN.match(inner) and not after and before[-1].isascii():
        out.append(inner)  # the name in Han characters: "... Second Academy(中国航天科工集団...)"
    elif alternatives and all(len(a.split()) == 1 for a in alternatives):
        prev = words[-1]
        for alt in alternatives:
            same_start = prev[:1].casefold() == alt[:1].casefold()
            acronym = alt.isupper() and len(alt) <= 8 and (not prev.isupper() or not same_start)
            if acronym and len(alternatives) == 1:
                out.append(alt)
            else:
                out.append(" ".join([*words[:-1], alt, after]).strip())
    elif inner and not after:
        out.append(inner)
    elif inner:
        out.append(f"{before} {inner} {after}")  # the qualifier written in the name
    result: list[str] = []
    for text in out:
        for variant in variants(text) if _PARENS.search(text) else [text]:
            if variant and variant not in result:
                result.append(variant)
    return result


#: katakana readings syllable by syllable, which a name spelt letter by letter does not keep
_KANA_SYLLABLES = frozenset({"kana", "kana-loanword", "kana-korean"})


def _spelt_letters_first(readings: list[Reading]) -> list[Reading]:
    """The readings of one name; when katakana spells letters one by one (エス・イー・ピー,
    SEP), the acronym it spells stands for them: its syllables read as words (``esu ii
    pii``) would meet other letter names on a shared letter (エー・ピー, ``ee pii``), which
    initials never do."""
    if not any(r.method == "kana-letters" for r in readings):
        return readings
    return [r for r in readings if r.method.removesuffix(KANJI_READ) not in _KANA_SYLLABLES]


def analyse(name: str, person: bool | None = None) -> list[NameForm]:
    """The comparable forms of a name (empty when the name has no letters or digits).

    ``person`` says whether the name is a person's (True), an organisation's or vessel's
    (False) or unknown (None); it decides whether an unspaced Hangul name is split into
    surname and given name.
    """
    forms: list[NameForm] = []
    seen: dict[tuple[str, ...], int] = {}
    readings = [
        r for text in variants(name) for r in _spelt_letters_first(latin_readings(text, person))
    ]
    for reading in readings:
        pairs = canonical_tokens(reading.text.split())
        key = tuple(p[0] for p in pairs)
        if not key:
            continue
        tokens = tuple(make_token(text, cls) for text, cls in pairs)
        if key in seen:
            # a Han name's words read alike by a reading: the words meet other Han names (a
            # reading does not), unless they are generic words alone (电子有限公司)
            if reading.method == "han" and any(t.cls == TokenClass.NAME for t in tokens):
                forms[seen[key]] = NameForm(tokens, reading.method, reading.abjad)
            continue
        seen[key] = len(forms)
        forms.append(NameForm(tokens, reading.method, reading.abjad))
    return forms

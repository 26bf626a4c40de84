"""How alike two tokens are: equal, a phonetic key (romanization variants, Korean surname
spellings), a typo within an edit budget, a consonant skeleton (names written without vowels),
a katakana hearing of a foreign name, a word of a trade and its -ing form (bank / banking).
:mod:`tradeguard.screening.compare` aligns whole names with it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache, lru_cache

from rapidfuzz.distance import OSA

from tradeguard.names.analysis import NameForm, Token, TokenClass, make_token, short_word
from tradeguard.names.phonetic import kana_skeletons, kana_vowels
from tradeguard.names.vocab import vocabulary

SIM_PHONETIC = 0.95
SIM_SKELETON = 0.9
#: A word of a trade and the same word with -ing (bank / banking, network / networking, test /
#: testing): KOREA KWANGSON BANKING CORPORATION (UN KPe.025) is "Korea Kwangson Bank" in
#: Hangul (조선광선은행: 은행, bank) and in English. Not a spelling (see :func:`brand_only`).
SIM_DERIVED = 0.9
DERIVED = "derived"


@cache
def _derived_words() -> dict[str, frozenset[str]]:
    """Each word of a trade (:attr:`~tradeguard.names.vocab.Vocabulary.trade_words`: the
    glossary's English renderings) -> its -ing form, and the -ing form -> the word."""
    out: dict[str, set[str]] = {}
    for word in vocabulary().trade_words:
        if word.isalpha() and len(word) >= 3:
            out.setdefault(word, set()).add(word + "ing")
            out.setdefault(word + "ing", set()).add(word)
    return {k: frozenset(v) for k, v in out.items()}


_NONE: frozenset[str] = frozenset()


def derived(word: str) -> frozenset[str]:
    """The words ``word`` meets as a word of a trade and its -ing form (usually none)."""
    return _derived_words().get(word, _NONE)


def brand_only(form: NameForm) -> bool:
    """Whether a name's distinctive words, those of a trade and their -ing forms aside, are one
    short word (Hana Bank, Hana Banking Corporation): a brand that firms the world over share,
    with the words of its trade. Between such names, bank and banking are two words: 하나은행
    (Hana Bank, South Korea) is not HANA BANKING CORPORATION LTD (the DPRK's, OFAC SDN 22986)."""
    trade = vocabulary().trade_words
    own = [
        t.text
        for t in form.tokens
        if t.cls == TokenClass.NAME and t.text not in trade and not (derived(t.text) & trade)
    ]
    return len(own) == 1 and short_word(own[0])


def edit_budget(length: int) -> int:
    """How many edits a token of this length may have and still count as the same word."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2


SIM_KANA = 0.85
SIM_VOWELS = 0.85
SIM_KANA_TYPO = 0.7


class SimilarityRow:
    """The similarities of one token (with given ``abjad``/``kana``) to the other tokens of one
    class met so far: the texts compared and, apart, those that are similar at all. Most pairs
    of tokens are not similar: the scorer finds a candidate's similar tokens with one set
    intersection instead of a lookup per pair."""

    __slots__ = ("positive", "seen")

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.positive: dict[str, tuple[float, str]] = {}


#: Rows by (token text, its class, the class of the tokens compared, abjad, kana): how two
#: words meet depends on the class of each (a company form meets no katakana hearing, two
#: distinctive words meet as a word of a trade and its -ing form), and the same text is a
#: company form in one name and a distinctive word in another (``ab``, read from アブ). A row
#: keyed on the texts alone held the first class met, so a score depended on the names
#: screened before (issue 17).
_ROWS: dict[tuple[str, TokenClass, TokenClass, bool, bool], SimilarityRow] = {}
_ROWS_LIMIT = 1_000_000  # pairs held before the rows are dropped and refilled
_row_pairs = 0


def similarity_row(a: Token, cls: TokenClass, abjad: bool, kana: bool) -> SimilarityRow:
    """The row of token ``a`` against tokens of class ``cls``."""
    key = (a.text, a.cls, cls, abjad, kana)
    row = _ROWS.get(key)
    if row is None:
        row = _ROWS[key] = SimilarityRow()
    return row


def similar_tokens(
    a: Token, groups: dict[TokenClass, dict[str, Token]], abjad: bool, kana: bool
) -> Iterator[tuple[str, tuple[float, str]]]:
    """The texts of the tokens of ``groups`` (by class, then by text) that ``a`` meets, with
    the similarity and how (each pair compared once, then remembered)."""
    for cls, tokens in groups.items():
        row = similarity_row(a, cls, abjad, kana)
        missing = tokens.keys() - row.seen
        if missing:
            row = fill_row(row, a, [tokens[text] for text in missing], abjad, kana)
        positive = row.positive
        for text in tokens.keys() & positive.keys():
            yield text, positive[text]


def fill_row(
    row: SimilarityRow, a: Token, others: Iterable[Token], abjad: bool, kana: bool
) -> SimilarityRow:
    """Compare ``a`` with the tokens its row has not seen yet, all of one class (the row may be
    renewed)."""
    global _row_pairs
    others = list(others)
    if _row_pairs > _ROWS_LIMIT:
        _ROWS.clear()
        _row_pairs = 0
        if others:
            row = similarity_row(a, others[0].cls, abjad, kana)
    seen, positive = row.seen, row.positive
    text, phon, skel = a.text, a.phon, a.skel
    size, phon_size, skel_size = len(text), len(phon), len(skel)
    related = derived(text)
    # a katakana hearing is the one way words this far apart may meet (see below): it needs
    # neither word a company form nor Han characters, and two distinctive words written with
    # vowels may not be initials (the order of the tests of _token_similarity)
    hearing = kana and a.cls != TokenClass.FORM and text[0] < _HAN_FIRST
    initials = not abjad and a.cls == TokenClass.NAME
    a_initials = size <= 3 and _VOWELS_Y.isdisjoint(text)
    skeletons = kana_skeletons(text) if hearing else ()
    opens = _opens_with_vowel(text) if hearing else None
    near = _near_skeletons(text) if hearing else _NONE
    for b in others:
        b_text = b.text
        if b_text in seen:
            continue
        seen.add(b_text)
        _row_pairs += 1
        if b_text == text:
            positive[text] = (1.0, "exact")
            continue
        if (
            b.phon != phon
            and b.skel != skel
            and _lengths_apart(size, len(b_text), phon_size, len(b.phon))
            and (not abjad or abs(len(b.skel) - skel_size) > 1)
            and b_text not in related
        ):
            # no edit budget can bridge the lengths: not similar but as a katakana hearing
            if (
                hearing
                and b.cls != TokenClass.FORM
                and b_text[0] < _HAN_FIRST
                and not (
                    initials
                    and b.cls == TokenClass.NAME
                    and (a_initials or (len(b_text) <= 3 and _VOWELS_Y.isdisjoint(b_text)))
                )
                and not near.isdisjoint(_near_skeletons(b_text))
            ):
                found = _kana_meet(text, skeletons, opens, b_text)
                if found[0] > 0:
                    positive[b_text] = found
            continue
        found = _token_similarity(a, b, abjad, kana)
        if found[0] > 0:
            positive[b_text] = found
    return row


def _lengths_apart(size_a: int, size_b: int, phon_a: int, phon_b: int) -> bool:
    """Whether two words' lengths, and their phonetic keys' lengths, differ by more than the
    edit budget of a typo. Such words are not similar unless their phonetic keys or skeletons
    are equal, or (without vowels) their skeletons one edit apart: every other way two words
    meet in :func:`_token_similarity` but the katakana hearing needs that few edits, and an edit
    distance is at least the difference of the lengths. Most pairs of words are told apart
    here without computing a distance."""
    # edit_budget inlined: this runs for most pairs of words compared
    shortest = size_a if size_a < size_b else size_b
    if abs(size_a - size_b) <= (0 if shortest < 4 else 1 if shortest < 8 else 2):
        return False
    shortest = (phon_a if phon_a < phon_b else phon_b) - 2
    return abs(phon_a - phon_b) > (0 if shortest < 4 else 1 if shortest < 8 else 2)


def token_similarity(
    a: Token, b: Token, abjad: bool = False, kana: bool = False
) -> tuple[float, str]:
    """Similarity of two tokens in [0, 1] and how they met. ``abjad``: one side was written
    without vowels; ``kana``: one side is a katakana reading of a foreign name."""
    global _row_pairs
    b_text = b.text
    if a.text == b_text:
        return 1.0, "exact"
    row = similarity_row(a, b.cls, abjad, kana)
    found = row.positive.get(b_text)
    if found is not None:
        return found
    if b_text in row.seen:
        return _NOT_SIMILAR
    # one pair: compared as fill_row would, without its set-up for many (this runs for each
    # joined word the scorer tries)
    if _row_pairs > _ROWS_LIMIT:
        _ROWS.clear()
        _row_pairs = 0
        row = similarity_row(a, b.cls, abjad, kana)
    row.seen.add(b_text)
    _row_pairs += 1
    found = _token_similarity(a, b, abjad, kana)
    if found[0] > 0:
        row.positive[b_text] = found
    return found


_NOT_SIMILAR = (0.0, "none")


def _token_similarity(a: Token, b: Token, abjad: bool, kana: bool) -> tuple[float, str]:
    a_text, b_text = a.text, b.text
    if a_text == b_text:
        return 1.0, "exact"
    if a_text[0] >= _HAN_FIRST or b_text[0] >= _HAN_FIRST:
        return 0.0, "none"  # Han characters meet only as the same characters
    a_cls, b_cls = a.cls, b.cls
    a_phon, b_phon = a.phon, b.phon
    names = a_cls == b_cls == TokenClass.NAME
    if names and b_text in derived(a_text):
        return SIM_DERIVED, DERIVED
    if a_cls == b_cls != TokenClass.NAME and a_phon == b_phon:
        # two spellings of one company form or generic word (``co`` / ``company``, ``intl``
        # / ``international``): the same word, whatever its size, also in a short name
        return 1.0, "form"
    if not abjad and names and _letters_only(a_text, b_text):
        # a word of at most three letters without a vowel is a set of initials (KB, GPB, NSD):
        # other initials are another name, however they sound
        return 0.0, "none"
    if a_phon == b_phon:
        return SIM_PHONETIC, "surname" if a_phon.startswith("~") else "phonetic"
    # Spellings of one Arabic name that write its short vowels otherwise (below) meet at
    # SIM_VOWELS, or as a typo when that scores higher (Mustafa / Mostafa).
    a_size, b_size = len(a_text), len(b_text)
    a_phon_size, b_phon_size = len(a_phon), len(b_phon)
    a_skel = a.skel
    vowels = (
        a_phon_size == b_phon_size
        and a_phon_size >= 3
        and a_skel
        and a_skel == b.skel
        and names
        and _short_vowels_agree(
            a_phon, b_phon, damma_only=len(a_skel) < 3 or a_text[0] != b_text[0]
        )
    )
    # edit_budget inlined (this runs for most pairs of words that pass the length test)
    shortest = a_size if a_size < b_size else b_size
    budget = 0 if shortest < 4 else 1 if shortest < 8 else 2
    if budget:
        longest = a_size if a_size > b_size else b_size
        dist = OSA.distance(a_text, b_text, score_cutoff=budget)
        if dist <= budget and (not vowels or 1.0 - dist / longest > SIM_VOWELS):
            return 1.0 - dist / longest, "typo"
    # A typo on top of a romanization variant: the phonetic keys are shorter than the words
    # and merge more, so they get a tighter budget (one edit from 6 characters, two from 10).
    shortest = (a_phon_size if a_phon_size < b_phon_size else b_phon_size) - 2
    pbudget = 0 if shortest < 4 else 1 if shortest < 8 else 2
    if pbudget:
        plong = a_phon_size if a_phon_size > b_phon_size else b_phon_size
        dist = OSA.distance(a_phon, b_phon, score_cutoff=pbudget)
        if dist <= pbudget and (not vowels or 0.95 * (1.0 - dist / plong) > SIM_VOWELS):
            return 0.95 * (1.0 - dist / plong), "phonetic-typo"
    if vowels:
        return SIM_VOWELS, "vowels"
    if abjad:
        b_skel = b.skel
        if len(a_skel) >= 2 and a_skel == b_skel:
            return SIM_SKELETON, "skeleton"
        if min(len(a_skel), len(b_skel)) >= 4:
            dist = OSA.distance(a_skel, b_skel, score_cutoff=1)
            if dist <= 1:
                return 0.75, "skeleton-typo"
    if kana and a_cls != TokenClass.FORM and b_cls != TokenClass.FORM:
        return _kana_similarity(a_text, b_text)
    return 0.0, "none"


_JOINED: dict[str, Token] = {}


def joined_token(text: str) -> Token:
    """The token of words written together (``ryon`` + ``bong``), made once per text."""
    token = _JOINED.get(text)
    if token is None:
        if len(_JOINED) > 200_000:
            _JOINED.clear()
        token = _JOINED[text] = make_token(text)
    return token


_VOWEL_LETTERS = frozenset("aeiou")
_HAN_FIRST = "\u3400"
_VOWELS_Y = frozenset("aeiouy")


def _letters_only(a: str, b: str) -> bool:
    """Whether one of two words is initials: at most three letters or digits, no vowel."""
    return (len(a) <= 3 and _VOWELS_Y.isdisjoint(a)) or (len(b) <= 3 and _VOWELS_Y.isdisjoint(b))


def _short_vowels_agree(a: str, b: str, damma_only: bool = False) -> bool:
    """Two phonetic keys of one length that differ only where Latin spellings of an Arabic
    name write its short vowels differently: ``o``/``u`` for damma, ``e`` for fatha or kasra
    (Mohamed / Muhammad, Hamed / Hamid). The consonants stand where they stood, so Ahmed
    and Hamed stay apart.

    ``damma_only``: only ``o``/``u`` may differ. Names of one or two consonants (Umar / Omar,
    Abou / Abu: French spellings write u as ``ou``, which the key reads as ``o``) and names
    whose first letters differ take no more: with ``e`` for ``a`` or ``i`` too, Said and Saad
    (two names) would meet."""
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if x not in _VOWEL_LETTERS or y not in _VOWEL_LETTERS:
            return False
        if {x, y} == {"o", "u"}:
            continue
        if damma_only or not ((x == "e" and y in "ai") or (y == "e" and x in "ai")):
            return False
    return True


def _kana_similarity(a: str, b: str) -> tuple[float, str]:
    """Two tokens as katakana hears them (one is a katakana reading): equal consonants, or
    from five consonants one different. A reading meets a Latin spelling if any of their
    skeletons agree (``ti``/``di`` heard as チ/ジ or kept as ティ/ディ)."""
    return _kana_meet(a, kana_skeletons(a), _opens_with_vowel(a), b)


def _kana_meet(
    a: str, skeletons_a: tuple[str, ...], opens_a: bool | None, b: str
) -> tuple[float, str]:
    """:func:`_kana_similarity` with ``a``'s skeletons and first vowel given (a row compares
    one word with many)."""
    opens_b = _opens_with_vowel(b)
    if opens_a is not None and opens_b is not None and opens_a != opens_b:
        # katakana keeps a word's first vowel and adds none before its first consonant: アキレス
        # (Achilles, akiresu) is no hearing of Kliosa, whose consonants k, l, s it shares
        return 0.0, "none"
    skeletons_b = kana_skeletons(b)
    for ka in skeletons_a:
        for kb in skeletons_b:
            shortest = min(len(ka), len(kb))
            if ka == kb and (shortest >= 3 or (shortest > 0 and _short_kana_agree(a, b))):
                return SIM_KANA, "katakana"
    for ka in skeletons_a:
        for kb in skeletons_b:
            # one consonant more or less (Vladimir / urajiimiru), or from five consonants one
            # different
            shortest = min(len(ka), len(kb))
            if (shortest >= 5 or (shortest == 4 and len(ka) != len(kb))) and OSA.distance(
                ka, kb, score_cutoff=1
            ) <= 1:
                return SIM_KANA_TYPO, "katakana-typo"
    return 0.0, "none"


@lru_cache(maxsize=50_000)  # a few hundred bytes each
def _near_skeletons(word: str) -> frozenset[str]:
    """The katakana skeletons of a word (:func:`~tradeguard.names.phonetic.kana_skeletons`)
    and each of them with one letter left out. Two skeletons are equal or one edit apart (a
    letter changed, added, dropped or two swapped) only if these sets of theirs share one: a
    word whose set shares none with another's is no katakana hearing of it."""
    out: set[str] = set()
    for skeleton in kana_skeletons(word):
        out.add(skeleton)
        out.update(skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton)))
    return frozenset(out)


def _opens_with_vowel(word: str) -> bool | None:
    """Whether a word starts with a vowel; None for an initial h or y, which spellings of one
    name write or drop (Hermitage / エルミタージュ, Yelena / エレーナ), and u, which katakana
    writes for v and w (Vladimir / ウラジーミル urajiimiru)."""
    if word[0] in "hyu":
        return None
    return word[0] in _VOWEL_LETTERS


def _short_kana_agree(a: str, b: str) -> bool:
    """One or two consonants alone say little (Rossi / Aeras): short words must agree in
    their vowels too, as Arabic names are spelt (e/i, o/u alike), but for long vowels and the
    vowel katakana adds at the end (Igor / iigori, Sayed / saiido, Emad / imaado, the article
    el / eru, Ali / arii)."""
    return kana_vowels(a) == kana_vowels(b)

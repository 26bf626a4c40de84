"""The scorer remembers, per word, how it meets the words of the candidates (a row filled for
many words at once, :func:`~tradeguard.screening.similarity.fill_row`): what a row says of a
pair must be what the pair compared alone says, whatever shortcut the row takes for words too
far apart to meet but as a katakana hearing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tradeguard.names.analysis import TokenClass, make_token
from tradeguard.screening import similarity
from tradeguard.screening.similarity import SimilarityRow, fill_row, token_similarity

_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
_CLASSES = st.sampled_from(list(TokenClass))


@settings(max_examples=400, deadline=None)
@given(
    a_text=_WORDS,
    a_cls=_CLASSES,
    others=st.lists(_WORDS, min_size=1, max_size=10),
    b_cls=_CLASSES,
    abjad=st.booleans(),
    kana=st.booleans(),
)
def test_a_row_filled_at_once_says_what_each_pair_says(
    a_text: str, a_cls: TokenClass, others: list[str], b_cls: TokenClass, abjad: bool, kana: bool
) -> None:
    a = make_token(a_text, a_cls)
    # and the word as katakana reads it, a vowel after each consonant: too long to be a typo
    heard = "".join(c if c in "aeiou" else c + "u" for c in a_text)
    tokens = [make_token(text, b_cls) for text in (*others, heard)]
    row = fill_row(SimilarityRow(), a, tokens, abjad, kana)
    for b in tokens:
        alone = similarity._token_similarity(a, b, abjad, kana)
        assert row.positive.get(b.text, (0.0, "none")) == alone
        similarity._ROWS.clear()
        assert token_similarity(a, b, abjad, kana) == alone


_EDITS = st.sampled_from(["change", "add", "drop", "swap"])


@settings(max_examples=400, deadline=None)
@given(word=_WORDS, edit=_EDITS, at=st.integers(0, 13), letter=st.sampled_from("bdgklmrstz"))
def test_a_katakana_hearing_shares_a_near_skeleton(
    word: str, edit: str, at: int, letter: str
) -> None:
    # a word one edit from another: if the two meet as a katakana hearing, the row's shortcut
    # (the skeletons' sets with one letter left out share one) lets the pair through
    at = at % len(word)
    other = {
        "change": word[:at] + letter + word[at + 1 :],
        "add": word[:at] + letter + word[at:],
        "drop": word[:at] + word[at + 1 :],
        "swap": word[:at] + word[at + 1 : at + 2] + word[at : at + 1] + word[at + 2 :],
    }[edit]
    if not other:
        return
    if similarity._kana_similarity(word, other)[0] > 0:
        assert not similarity._near_skeletons(word).isdisjoint(similarity._near_skeletons(other))

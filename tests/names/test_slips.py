"""One-letter slips in long company-form and generic words are read as the word."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from tradeguard.lists.registry import parse_path
from tradeguard.names.analysis import SLIP_MIN, analyse, unslipped
from tradeguard.names.vocab import vocabulary
from tradeguard.screening import Query, Screener

# Row 47890 of the OFAC SDN legacy CSV of 2024-05-03 (sdn.csv), byte for byte: the list itself
# writes "LIMTED LIABILITY COMPANY".
SDN_47890 = (
    '47890,"INTERNATIONAL COMPANY LIMTED LIABILITY COMPANY LEDAMEN",-0- ,"RUSSIA-EO14024",-0- ,'
    '-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Tax ID No. 3906391775 (Russia); Registration Number '
    '1203900006310 (Russia)."\r\n'
)


def _vocabulary_words() -> list[str]:
    vocab = vocabulary()
    return sorted({k[0] for k in (*vocab.forms, *vocab.generic) if len(k) == 1})


def test_slips_of_forms_and_generic_words() -> None:
    assert unslipped("compaeny") == "company"  # a letter more
    assert unslipped("limted") == "limited"  # a letter less
    assert unslipped("comapny") == "company"  # two swapped
    assert unslipped("corporaton") == "corporation"
    assert unslipped("enterprice") == "enterprise"  # one changed
    assert unslipped("holdinsg") == "holding"  # near two spellings of one word: that word


def test_words_that_are_no_slip_stay() -> None:
    for word in ("ledamen", "ryonbong", "grop", "compy", "xompany", "company1", "tradex"):
        assert unslipped(word) == word
    for word in _vocabulary_words():
        assert unslipped(word) == word


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0", min_size=0, max_size=14))
def test_unslipped_is_the_word_or_a_vocabulary_word_one_edit_away(word: str) -> None:
    got = unslipped(word)
    assert unslipped(got) == got
    if got != word:
        assert len(word) >= SLIP_MIN - 1 and word.isalpha()
        assert got in _vocabulary_words() and got[0] == word[0]
        assert OSA.distance(got, word) == 1


@given(st.sampled_from([w for w in _vocabulary_words() if len(w) >= SLIP_MIN]), st.data())
def test_a_swap_inside_a_long_vocabulary_word_is_read_back(word: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(min_value=1, max_value=len(word) - 2))
    if word[i] == word[i + 1]:
        return
    slipped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    got = unslipped(slipped)
    vocab = vocabulary()
    canonical = vocab.forms.get((word,)) or vocab.generic.get((word,))
    if got != slipped:  # unread only when it is as near another word of another meaning
        assert (vocab.forms.get((got,)) or vocab.generic.get((got,))) == canonical


def test_a_list_entry_that_misspells_its_form(tmp_path: Path) -> None:
    path = tmp_path / "sdn.csv"
    path.write_bytes(SDN_47890.encode("ascii") + b"\x1a")  # OFAC's end-of-file byte
    entities = parse_path(path).entities
    assert [n.value for n in entities[0].names] == [
        "INTERNATIONAL COMPANY LIMTED LIABILITY COMPANY LEDAMEN"
    ]
    form = analyse(entities[0].names[0].value, False)[0]
    assert form.text == "international company llc ledamen"
    screener = Screener.from_entities(entities)
    for query in ("Ledamen LLC", "OOO Ledamen", "Ledamen International Company"):
        matches = screener.screen(Query(query, "Company"))
        assert [m.entity_id for m in matches] == ["us_ofac_sdn:47890"], query
    assert not screener.screen(Query("Lidamen Trading LLC", "Company"))

"""Candidate retrieval: an inverted index over every name form of every loaded entry.

Keys of a name form (all weighed by their rarity over the index):

- ``t:`` a token as folded, and ``t:`` two adjacent tokens joined (``ryon bong`` -> ``ryonbong``);
- ``p:`` the phonetic key of a token or of two joined tokens (romanization variants);
- ``s:`` the consonant skeleton of a token, and of two adjacent tokens (of a name written
  without vowels, Arabic script, from three consonants; of a Latin name, from five);
- ``g:`` character trigrams of tokens of five letters or more (typos);
- ``k:`` the consonants of a token as katakana hears them, ``j:`` those of two adjacent tokens
  (used by katakana queries only; ``j:`` only to find Latin spellings, see ``candidates``).

A query adds up the weights of the keys it shares with each form (one ``numpy.bincount``
over the posting lists it touches) and keeps the best forms; only those are scored. Posting
lists longer than a cap are skipped at query time: such keys (``co``, ``trading``, ``ova``)
carry almost no weight, so the work per query depends on how rare the query's words are,
not on how many entries are loaded.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from tradeguard.names.analysis import NameForm, TokenClass
from tradeguard.names.phonetic import kana_skeleton, kana_skeletons, phonetic, skeleton
from tradeguard.screening.compare import CLASS_FACTOR

MAX_POSTINGS = {"t": 6000, "p": 6000, "s": 1500, "g": 1500, "k": 1500, "j": 1500}
KEY_FACTOR = {"t": 1.0, "p": 0.8, "s": 0.4, "g": 0.25, "k": 0.4, "j": 0.4}
ABJAD_SKELETON = 3.0
KANA_SKELETON = 3.0
#: forms kept whatever their share of the best form's key weight
MIN_KEPT = 16
#: consonants two Latin-script words need for their joined skeleton to be a key (fewer are
#: shared by too many pairs to find anything)
PAIR_SKELETON_MIN = 5


def _one_kana_skeleton(text: str) -> tuple[str, ...]:
    return (kana_skeleton(text),)


def form_keys(form: NameForm, kana_keys: bool = True) -> dict[str, float]:
    """The retrieval keys of a form, each with its class factor (forms and generic words low);
    ``kana_keys``: with the ``k:`` and ``j:`` keys (a query uses them only when it is katakana)."""
    keys: dict[str, float] = {}
    # a katakana reading may be heard several ways (ティ as ti or chi); a Latin word one way
    heard = kana_skeletons if form.kana else _one_kana_skeleton

    def add(key: str, factor: float) -> None:
        if keys.get(key, 0.0) < factor:
            keys[key] = factor

    tokens = form.tokens
    for tok in tokens:
        factor = CLASS_FACTOR[tok.cls]
        add("t:" + tok.text, factor)
        add("p:" + tok.phon, factor)
        if len(tok.skel) >= 3 or (form.abjad and len(tok.skel) >= 2):
            add("s:" + tok.skel, factor)
        if kana_keys and tok.cls == TokenClass.NAME:
            for kana in heard(tok.text):
                if len(kana) >= 2:
                    add("k:" + kana, factor)
        if tok.cls == TokenClass.NAME and len(tok.text) >= 5:
            text = tok.text
            for i in range(len(text) - 2):
                add("g:" + text[i : i + 3], factor)
    for a, b in itertools.pairwise(tokens):
        if a.cls == TokenClass.NAME or b.cls == TokenClass.NAME:
            add("t:" + a.text + b.text, 1.0)
            add("p:" + phonetic(a.text + b.text), 1.0)
        if a.cls == TokenClass.NAME and b.cls == TokenClass.NAME:
            # Written without vowels, two words may be one in Latin script (ولی جان / Walijan);
            # and two words spelt with other vowels (Abou Ali / Abu Ali, Matuq Muhammad / MATUQ
            # MOHAMMED) share the consonants of the pair, which few other names do
            joined = skeleton(a.text + b.text)
            if len(joined) >= (3 if form.abjad else PAIR_SKELETON_MIN):
                add("s:" + joined, 1.0)
        if kana_keys and a.cls == TokenClass.NAME and b.cls == TokenClass.NAME:
            # Two names in a row as katakana hears them: the consonants of one name (Mohammed,
            # Abdallah) are shared by thousands of entries, those of a pair by few; and a name
            # written as one word in katakana meets its syllables (ソンヒョク / Song Hyok).
            for ka in heard(a.text):
                for kb in heard(b.text):
                    if ka and kb and len(ka) + len(kb) >= 3:
                        add("j:" + ka + kb, 1.0)
    return keys


class NameIndex:
    """Posting lists from keys to form ids (one flat array), and the weight of each key.

    Stored flat (``slots`` into ``offsets`` and ``flat``) so that the on-disk cache loads in
    milliseconds rather than unpickling one array per key.
    """

    def __init__(self) -> None:
        self.slots: dict[str, int] = {}
        self.offsets: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self.flat: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        self.idf: npt.NDArray[np.float64] = np.zeros(0, dtype=np.float64)
        self.size = 0
        #: per form: a Latin-script name (not a reading of another script)
        self.latin: npt.NDArray[np.bool_] | None = np.zeros(0, dtype=np.bool_)
        self._offsets_list: list[int] | None = None
        self._idf_list: list[float] | None = None

    @classmethod
    def build(cls, forms: Iterable[NameForm]) -> NameIndex:
        lists: dict[str, list[int]] = defaultdict(list)
        n = 0
        latin: list[bool] = []
        for form_id, form in enumerate(forms):
            for key in form_keys(form):
                lists[key].append(form_id)
            latin.append(form.method == "latin")
            n = form_id + 1
        index = cls()
        index.size = n
        index.latin = np.asarray(latin, dtype=np.bool_)
        lengths = [len(ids) for ids in lists.values()]
        index.slots = {key: slot for slot, key in enumerate(lists)}
        index.offsets = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)])
        index.flat = np.fromiter(
            (i for ids in lists.values() for i in ids), dtype=np.int32, count=sum(lengths)
        )
        index.idf = np.log((n + 1) / (np.asarray(lengths, dtype=np.float64) + 0.5))
        return index

    def __len__(self) -> int:
        return len(self.slots)

    def candidates(
        self,
        forms: list[NameForm],
        limit: int,
        mask: npt.NDArray[np.bool_] | None = None,
        ratio: float = 0.0,
    ) -> list[int]:
        """The ids of the best ``limit`` forms sharing keys with any of the query forms; with
        ``ratio``, only those whose key weight reaches that share of the best one's."""
        wanted: dict[str, float] = {}
        for form in forms:
            for key, factor in form_keys(form, kana_keys=form.kana).items():
                if (form.abjad and key[0] == "s") or key[0] == "k":
                    # Written without vowels, or heard through katakana: the skeleton is
                    # what meets the Latin spellings.
                    factor *= ABJAD_SKELETON if key[0] == "s" else KANA_SKELETON
                if wanted.get(key, 0.0) < factor:
                    wanted[key] = factor
        found = self._rank({k: f for k, f in wanted.items() if k[0] != "j"}, limit, mask, ratio)
        latin: npt.NDArray[np.bool_] | None = None
        han = [f for f in forms if f.han]
        for kinds, used, keys in (
            ("s", any(f.abjad for f in forms), wanted),
            ("kj", any(f.kana for f in forms), wanted),
            # a name in Chinese characters read syllable by syllable shares the syllables of
            # its place (bei jing, dan dong) with every other Han name of that place: the
            # Latin spelling of a firm listed only in Latin script (Beijing Tianhai Industry)
            # must not be crowded out by them
            ("tpsg", bool(han), self._keys(han)),
        ):
            if not used:
                continue
            if latin is None:
                latin = self.latin if mask is None or self.latin is None else mask & self.latin
            # Names written without vowels or in katakana meet Latin spellings by skeleton
            # only; rank the Latin names separately so that other names in the same script
            # (the same name on another list) do not crowd them out.
            skeletons = {k: f for k, f in keys.items() if k[0] in kinds}
            for form_id in self._rank(skeletons, limit, latin, ratio):
                if form_id not in found:
                    found.append(form_id)
        return found

    @staticmethod
    def _keys(forms: list[NameForm]) -> dict[str, float]:
        """The keys of some query forms, each with its best class factor."""
        out: dict[str, float] = {}
        for form in forms:
            for key, factor in form_keys(form, kana_keys=False).items():
                if out.get(key, 0.0) < factor:
                    out[key] = factor
        return out

    def _rank(
        self,
        wanted: dict[str, float],
        limit: int,
        mask: npt.NDArray[np.bool_] | None,
        ratio: float,
    ) -> list[int]:
        arrays: list[npt.NDArray[np.int32]] = []
        weights: list[float] = []
        lengths: list[int] = []
        offsets, idf = self._plain()
        flat = self.flat
        slots = self.slots
        present = [(k, f, slots[k]) for k, f in wanted.items() if k in slots]
        # The two rarest word keys are always used, however common: a name made only of
        # common words ("Mohamad Ali") still gets candidates.
        words = sorted((offsets[s + 1] - offsets[s], k) for k, _, s in present if k[0] in "tp")
        always = {k for _, k in words[:2]}
        for key, factor, slot in present:
            start, end = offsets[slot], offsets[slot + 1]
            cap = MAX_POSTINGS["t"] if factor > 1.0 else MAX_POSTINGS[key[0]]
            if end - start > cap and key not in always:
                continue
            arrays.append(flat[start:end])
            weights.append(idf[slot] * factor * KEY_FACTOR[key[0]])
            lengths.append(end - start)
        if not arrays:
            return []
        ids_all = np.concatenate(arrays)
        w_all = np.repeat(np.asarray(weights, dtype=np.float64), lengths)
        if mask is not None:
            keep = mask[ids_all]
            ids_all, w_all = ids_all[keep], w_all[keep]
        if len(ids_all) * 4 < self.size:
            # Few postings (the usual case): sum per touched form by sorting the postings,
            # without a pass over every form of the index.
            if len(ids_all) == 0:
                return []
            order = np.argsort(ids_all, kind="stable")
            ids_sorted = ids_all[order]
            first = np.empty(len(ids_sorted), dtype=np.bool_)
            first[0] = True
            np.not_equal(ids_sorted[1:], ids_sorted[:-1], out=first[1:])
            starts = np.flatnonzero(first)
            touched = ids_sorted[starts].astype(np.int64)
            sub = np.add.reduceat(w_all[order], starts)
        else:
            scores = np.bincount(ids_all, weights=w_all, minlength=self.size)
            touched = np.flatnonzero(scores).astype(np.int64)
            sub = scores[touched]
        # Only forms that were touched can score; rank those.
        if len(touched) == 0:
            return []
        k = min(limit, len(touched))
        if k < len(touched):
            part = np.argpartition(-sub, k - 1)[:k]
            touched, sub = touched[part], sub[part]
        order = np.argsort(-sub, kind="stable")
        best = float(sub[order[0]])
        if ratio > 0.0:
            # the first forms are kept whatever their share: one rare word met exactly by
            # another entry's reading (嶺峰 read ryongpong for the query's Ryongbong) must not
            # crowd out the names that spell the query's other words
            keep = sub[order] >= ratio * best
            keep[:MIN_KEPT] = True
            order = order[keep]
        ranked: list[int] = touched[order].tolist()
        return ranked

    def _plain(self) -> tuple[list[int], list[float]]:
        """Offsets and key weights as Python lists: read one key at a time, a list is several
        times faster than a numpy array (made on first use, not stored in the cache)."""
        if self._offsets_list is None or self._idf_list is None:
            self._offsets_list = self.offsets.tolist()
            self._idf_list = self.idf.tolist()
        return self._offsets_list, self._idf_list

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_offsets_list"] = state["_idf_list"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        state.setdefault("_offsets_list", None)
        state.setdefault("_idf_list", None)
        state.setdefault("latin", None)
        self.__dict__.update(state)

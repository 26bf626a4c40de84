"""Free-text index over entry titles, synonyms, trade names, chemical names and entry text.

Okapi BM25 with field weights (a title or synonym hit counts more than a hit in the body text)
and a light English normaliser. Built once per knowledge base; a query touches only the posting
lists of its terms, so it stays well under a millisecond for the ~700 indexed entries.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from tradeguard.errors import InputError
from tradeguard.items.kb import ControlEntry

_TOKEN = re.compile(r"[a-z0-9]+(?:[.-][a-z0-9]+)*")
#: the words left out of a text and a query, each group with its source
STOP_WORDS_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "controls" / "text_stop_words.yaml"
)


def read_stop_words(path: Path) -> frozenset[str]:
    """The ``stop`` words of a file such as ``text_stop_words.yaml``; a group without words
    or a source is refused."""
    doc = yaml.load(
        path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    out: set[str] = set()
    for group in doc.get("stop") or ():
        found = [str(w) for w in group.get("words") or ()]
        if not found or not group.get("source") or any(w != w.lower() for w in found):
            raise InputError(
                f"{path.name}: a group of stop words needs lower-case words and a source"
            )
        out.update(found)
    return frozenset(out)


_STOP = read_stop_words(STOP_WORDS_FILE)
FIELD_WEIGHTS = {"title": 3.0, "synonyms": 3.0, "names": 2.5, "code": 2.0, "text": 1.0}
K1 = 1.2
B = 0.75


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens, stop words removed, plural ``s`` stripped."""
    out = []
    for tok in _TOKEN.findall(text.lower().replace("µ", "u")):
        parts = [tok, *tok.replace(".", "-").split("-")] if "-" in tok else [tok]
        for part in dict.fromkeys(parts):
            if part in _STOP or not part or (part != tok and len(part) == 1 and part.isalpha()):
                continue  # a lone letter of a hyphenated word (the t of t-shirts) names nothing
            if len(part) > 4 and part.endswith("s") and not part.endswith("ss"):
                part = part[:-1]
            out.append(part)
    return out


#: How a note's sentence starts ("does not control", "includes") and where the items it is
#: about end and their conditions begin ("specially designed for", "having", a comma).
_NOTE_LEAD = re.compile(
    r"^(?:does not (?:control|apply to)|includes|controls(?: only)?|applies to|refers to)(?:\s+|:)"
)
_NOTE_CONDITION = re.compile(
    r"[,;:(]|\b(?:specially|designed|for|that|which|having|with|when|where|used|as described"
    r"|in accordance|other than|except|if|unless|limited)\b"
)


def naming_part(entry: ControlEntry) -> str:
    """The part of an entry's title that names items. A note's record (the parse files a note
    as an entry of its own) names the items the note is about, not their conditions: "does not
    control equipment specially designed for laboratory use" names equipment, not laboratory
    (laboratory equipment is what the note releases); "includes Class III biosafety cabinets,
    as described in the latest edition of the WHO Laboratory Biosafety Manual" names biosafety
    cabinets, not the manual."""
    if not entry.note_fragment:
        return entry.title
    note = _NOTE_LEAD.sub("", entry.title.partition(": ")[2].strip().lower())
    return _NOTE_CONDITION.split(note, maxsplit=1)[0]


@dataclass(frozen=True)
class TextHit:
    code: str
    score: float
    matched: tuple[str, ...]
    in_name: bool = True
    """Whether a word matched (of more than three characters) is in the entry's title (for a
    note, :func:`naming_part`), synonyms, chemical names or code (not only in the entry's body
    text): a hit of body words or short codes alone does not suggest the entry."""


class TextIndex:
    """BM25 over weighted fields of the knowledge-base entries."""

    def __init__(self, entries: Iterable[ControlEntry]) -> None:
        self._postings: dict[str, list[tuple[int, float]]] = {}
        self._codes: list[str] = []
        self._name_words: list[frozenset[str]] = []
        lengths: list[float] = []
        for entry in entries:
            if entry.family and not entry.text:
                continue
            weighted: dict[str, float] = {}
            fields = {
                "title": entry.title,
                "synonyms": " ; ".join(entry.synonyms),
                "names": " ; ".join(entry.cas_names.values()),
                "code": entry.code,
                "text": entry.text if entry.text_only else "",
            }
            for name, value in fields.items():
                for tok in tokens(value):
                    weighted[tok] = weighted.get(tok, 0.0) + FIELD_WEIGHTS[name]
            doc_id = len(self._codes)
            self._codes.append(entry.code)
            # a code of three letters or fewer (TEA, HF) suggests nothing on its own
            named = {**fields, "title": naming_part(entry)}
            self._name_words.append(
                frozenset(
                    t for k, v in named.items() if k != "text" for t in tokens(v) if len(t) > 3
                )
            )
            lengths.append(sum(weighted.values()))
            for tok, tf in weighted.items():
                self._postings.setdefault(tok, []).append((doc_id, tf))
        self._lengths = lengths
        self._avg = sum(lengths) / max(len(lengths), 1)
        n = len(self._codes)
        self._idf = {
            tok: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5))
            for tok, p in self._postings.items()
        }

    def knows(self, word: str) -> bool:
        """Whether every token of ``word`` is a word of some entry (title, synonyms, names,
        code or text): a word of the control lists' English."""
        return all(tok in self._postings for tok in tokens(word))

    def search(self, query: str, limit: int = 10) -> list[TextHit]:
        """The best-scoring entries for ``query``, best first."""
        scores: dict[int, float] = {}
        matched: dict[int, set[str]] = {}
        for tok in set(tokens(query)):
            postings = self._postings.get(tok)
            if not postings:
                continue
            idf = self._idf[tok]
            for doc_id, tf in postings:
                norm = tf * (K1 + 1) / (tf + K1 * (1 - B + B * self._lengths[doc_id] / self._avg))
                scores[doc_id] = scores.get(doc_id, 0.0) + idf * norm
                matched.setdefault(doc_id, set()).add(tok)
        best = sorted(scores.items(), key=lambda kv: (-kv[1], self._codes[kv[0]]))[:limit]
        return [
            TextHit(
                self._codes[d], s, tuple(sorted(matched[d])), bool(matched[d] & self._name_words[d])
            )
            for d, s in best
        ]

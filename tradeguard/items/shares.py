"""The share of a listed chemical in a mixture, read from a description that may give the
shares of several chemicals: "Buffered oxide etchant (NH4F 40%, HF 6%)" gives hydrogen
fluoride at 6 %, not 40 %, and not "the chemical itself".

Each percentage (the ``concentration_pct`` text patterns, so not a purity, a fluorine content
or a molar share; one next to water, H2O or a solvent, ``other_substances``, is read here, as
this reading tells whose it is) belongs to the words written next to it in its clause (commas, semicolons and
brackets end a clause): the words before it since the clause's start or the percentage before
("HF 6%", "hydrofluoric acid 49% solution"), or, where the clause starts with a percentage, the
words after it ("6% HF"). A percentage is the chemical's when those words hold one of its names
(title, synonyms, the names listed with its CAS numbers, a CAS number, a Japanese, Korean or
Chinese vocabulary term); another substance's when they hold any other word than the mixture
words of ``parameters.yaml`` (``mixture_words``, ``content``, ``concentration``: solution,
aqueous, grade, 水溶液 ...); and nobody's in particular otherwise ("Hydrogen fluoride,
anhydrous, 99.99 %").

The chemical's share is the one value written next to its name; else, with no name at any
percentage, the only percentage of the description when no other substance has one. Anything
else (two values next to its name, percentages of other substances only, several percentages
none next to its name) cannot be told: the share is unknown and the entry undecided, never "no
concentration given".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tradeguard.items.kb import ControlEntry, KnowledgeBase

#: What ends a clause: a percentage beyond one is not written next to the words before it.
_CLAUSE = re.compile(r"[,;()\[\]{}、，；（）［］【】。]")
_LETTER = re.compile(r"[^\W\d_]")
#: Word groups of parameters.yaml whose words stand next to a share without naming a chemical.
MIXTURE_GROUPS = ("mixture_words", "content", "concentration")


@dataclass(frozen=True)
class Share:
    """What a description says of a chemical's share in a mixture."""

    value: float | None = None
    """The chemical's share in %, or None (not given, or cannot be told)."""
    cue: str | None = None
    """The words the share was read from ("hf 6%")."""
    read: tuple[str, ...] = field(default_factory=tuple)
    """Every percentage found with the words next to it, in text order."""

    @property
    def unclear(self) -> bool:
        """Percentages are given, but which is the chemical's cannot be told."""
        return self.value is None and bool(self.read)


def names_of(kb: KnowledgeBase, entry: ControlEntry) -> tuple[str, ...]:
    """The names of ``entry``'s chemical as a description may write them (lower case)."""
    names = {entry.title, *entry.synonyms, *entry.cas}
    names.update(n.split(" (")[0] for n in entry.cas_names.values())
    names.update(t.text for t in kb.terms if entry.code in t.entries)
    return tuple(sorted({_norm(n) for n in names if n.strip()}, key=lambda n: (-len(n), n)))


def share_of(kb: KnowledgeBase, entry: ControlEntry, text: str) -> Share:
    """The share of ``entry``'s chemical read from ``text`` (NFKC, lower case)."""
    param = kb.params.params["concentration_pct"]
    text = text.replace("µ", "u").replace("μ", "u")
    hits = param.text_hits(text, near_ok=kb.params.words.get("other_substances", ()))
    if not hits:
        return Share()
    names = names_of(kb, entry)
    mixture = tuple(w for g in MIXTURE_GROUPS for w in kb.params.words.get(g, ()))
    mine: dict[float, str] = {}
    others: list[str] = []
    loose: dict[float, str] = {}
    read: list[str] = []
    inside = _inside_names(text, names)
    inside.update(i for s, e, _, _ in hits for i in range(s, e))  # "49,5 %" is one value
    for value, label, cue in _labelled(text, hits, inside):
        shown = f"{label} {cue}".strip()
        read.append(shown)
        if any(_has(label, n) for n in names):
            mine.setdefault(value, shown)
        elif _other(label, mixture):
            others.append(shown)
        else:
            loose.setdefault(value, shown)
    if len(mine) == 1:
        value, cue = next(iter(mine.items()))
        return Share(value, cue, tuple(read))
    if not mine and not others and len(loose) == 1:
        value, cue = next(iter(loose.items()))
        return Share(value, cue, tuple(read))
    return Share(None, None, tuple(read))


def _inside_names(text: str, names: tuple[str, ...]) -> set[int]:
    """The places of ``text`` inside a name of the chemical: a comma or a bracket there
    ("3,3-dimethyl-2-butanone", "bis(2-hydroxyethyl) sulfide") ends no clause."""
    inside: set[int] = set()
    for name in names:
        if not _CLAUSE.search(name):
            continue
        pattern = re.escape(name) if not name.isascii() else _word(name)
        for m in re.finditer(pattern, text):
            inside.update(range(m.start(), m.end()))
    return inside


def _labelled(
    text: str, hits: list[tuple[int, int, float, str]], inside: set[int]
) -> list[tuple[float, str, str]]:
    """Each percentage with the words written next to it in its clause."""
    clauses: dict[int, list[tuple[int, int, float, str]]] = {}
    ends = (m.end() for m in _CLAUSE.finditer(text) if m.start() not in inside)
    bounds = [0, *ends, len(text) + 1]
    for hit in hits:
        start = max(b for b in bounds if b <= hit[0])
        clauses.setdefault(start, []).append(hit)
    out: list[tuple[float, str, str]] = []
    for start, found in clauses.items():
        end = min((b for b in bounds if b > found[-1][1]), default=len(text) + 1) - 1
        edges = [start] + [e for _, e, _, _ in found]
        befores = [text[edges[i] : s] for i, (s, _, _, _) in enumerate(found)]
        if _LETTER.search(befores[0]):  # "HF 6%": the name before its value
            labels = befores
        else:  # "6% HF": the value before its name
            nexts = [s for s, _, _, _ in found[1:]] + [end]
            labels = [text[e:n] for (_, e, _, _), n in zip(found, nexts, strict=True)]
        out += [
            (v, " ".join(lab.split()), cue)
            for (_, _, v, cue), lab in zip(found, labels, strict=True)
        ]
    return out


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def _word(word: str) -> str:
    return r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])"


def _has(label: str, word: str) -> bool:
    if not word.isascii():
        return word in label
    return re.search(_word(word), label) is not None


def _other(label: str, mixture: tuple[str, ...]) -> bool:
    """Whether ``label`` holds a word other than the mixture words: another substance."""
    rest = label
    for word in mixture:  # longest first
        rest = re.sub(_word(word), " ", rest) if word.isascii() else rest.replace(word, " ")
    return bool(_LETTER.search(rest))

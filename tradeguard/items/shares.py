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

A share in parts per million or billion ("HF 500 ppmv in N2", "1,000 ppm PH3 in N2", "10 ppb")
is read the same way, as a percentage (1 ppm = 0.0001 %), with its basis: by volume ("ppmv",
"v/v", or a plain "ppm" in a gas mixture, one with a balance gas named: "in N2", "balance
nitrogen"; by volume is by amount of substance for an ideal gas), by weight ("ppmw", "w/w",
"by weight") or not said. A comma before three digits is a thousands separator here ("1,000
ppm" is 1000 ppm: of the two readings the larger, nearer control). :func:`by_weight` turns a
share by volume into the share by weight a mixture rule states (molar masses of
``parameters.yaml``), or says why it cannot.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tradeguard.items.entry_names import title_names
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
    basis: str = "weight"
    """How the share is stated: ``weight`` (a percentage, ppmw), ``volume`` (ppmv, a gas
    mixture in ppm) or ``unstated`` (ppm with nothing to tell)."""

    @property
    def unclear(self) -> bool:
        """Percentages are given, but which is the chemical's cannot be told."""
        return self.value is None and bool(self.read)


def names_of(kb: KnowledgeBase, entry: ControlEntry) -> tuple[str, ...]:
    """The names of ``entry``'s chemical as a description may write them (lower case)."""
    names = {entry.title, *entry.synonyms, *entry.cas, *title_names(entry)}
    names.update(n.split(" (")[0] for n in entry.cas_names.values())
    names.update(t.text for t in kb.terms if entry.code in t.entries)
    return tuple(sorted({_norm(n) for n in names if n.strip()}, key=lambda n: (-len(n), n)))


def share_of(kb: KnowledgeBase, entry: ControlEntry, text: str) -> Share:
    """The share of ``entry``'s chemical read from ``text`` (NFKC, lower case)."""
    param = kb.params.params["concentration_pct"]
    text = text.replace("µ", "u").replace("μ", "u")
    hits = param.text_hits(text, near_ok=kb.params.words.get("other_substances", ()))
    bases = {(s, e): b for s, e, _, _, b in parts_hits(kb, text)}
    hits = sorted(hits + [(s, e, v, c) for s, e, v, c, _ in parts_hits(kb, text)])
    if not hits:
        return Share()
    names = names_of(kb, entry)
    mixture = tuple(w for g in MIXTURE_GROUPS for w in kb.params.words.get(g, ()))
    mine: dict[tuple[float, str], str] = {}
    others: list[str] = []
    loose: dict[tuple[float, str], str] = {}
    read: list[str] = []
    inside = _inside_names(text, names)
    inside.update(i for s, e, _, _ in hits for i in range(s, e))  # "49,5 %" is one value
    basis_of = [bases.get((s, e), "weight") for s, e, _, _ in hits]
    for (value, label, cue), basis in zip(_labelled(text, hits, inside), basis_of, strict=True):
        shown = f"{label} {cue}".strip()
        read.append(shown)
        if any(_has(label, n) for n in names):
            mine.setdefault((value, basis), shown)
        elif _other(label, mixture):
            others.append(shown)
        else:
            loose.setdefault((value, basis), shown)
    if len(mine) == 1:
        (value, basis), cue = next(iter(mine.items()))
        return Share(value, cue, tuple(read), basis)
    if not mine and not others and len(loose) == 1:
        (value, basis), cue = next(iter(loose.items()))
        return Share(value, cue, tuple(read), basis)
    return Share(None, None, tuple(read))


#: A share in parts per million or billion: the number (a comma before three digits is a
#: thousands separator), the unit with its basis ("ppmv", "ppm (v/v)", "ppb by weight").
_PARTS = re.compile(
    r"(?<![\d.,])(\d{1,3}(?:,\d{3})+(?![\d,])|\d+(?:\.\d+)?)\s*(ppm|ppb)(v|w|wt|mol)?\b"
    r"(?:\s*\(?\s*(v/v|w/w|mol/mol|by\s+vol(?:ume)?|by\s+weight|by\s+mass|vol\b|wt\b)\s*\)?)?"
)
_VOLUME = ("v", "mol", "v/v", "mol/mol", "by vol", "by volume", "vol")
_WEIGHT = ("w", "wt", "w/w", "by weight", "by mass")


def parts_hits(kb: KnowledgeBase, text: str) -> list[tuple[int, int, float, str, str]]:
    """Every share in ppm or ppb of ``text`` (lower case, µ as u): where, the value in %, the
    words matched and the basis (``volume``, ``weight`` or ``unstated``; a plain ppm in a gas
    mixture, a balance gas named, is by volume)."""
    gas = balance_gas(kb, text) is not None
    out = []
    for m in _PARTS.finditer(text):
        number = float(m.group(1).replace(",", ""))
        value = number / (10_000 if m.group(2) == "ppm" else 10_000_000)
        value = float(f"{value:.12g}")
        if value > 100:
            continue
        written = " ".join((m.group(3) or m.group(4) or "").split())
        if written in _VOLUME:
            basis = "volume"
        elif written in _WEIGHT:
            basis = "weight"
        else:
            basis = "volume" if gas else "unstated"
        out.append((m.start(), m.end(), value, m.group(0).strip(), basis))
    return out


_BALANCE = r"(?:\bin|\bbalance|\bbal\.?|/|\bdiluted in|\brest)\s*"


def balance_gas(kb: KnowledgeBase, text: str) -> str | None:
    """The balance gas a gas mixture names ("in N2", "balance nitrogen"), or None."""
    for name in kb.params.balance_gases:
        if re.search(_BALANCE + re.escape(name) + r"(?![a-z0-9])", text):
            return name
    return None


def by_weight(
    kb: KnowledgeBase, entry: ControlEntry, share: Share, text: str
) -> tuple[float | None, str]:
    """The chemical's share by weight, in %, from a share by volume (ideal gases: by volume is
    by amount of substance) with the molar masses of the chemical and of the balance gas, and
    how it was reckoned; None (and why) when a molar mass is not known. A share whose basis is
    not stated is reckoned both ways and the larger taken; a balance gas not named is taken as
    hydrogen, the lightest, which gives the largest share by weight."""
    assert share.value is not None
    if share.basis == "weight":
        return share.value, ""
    chemical = next(
        (kb.params.molar_masses[c] for c in entry.cas if c in kb.params.molar_masses), None
    )
    if chemical is None:
        return None, (
            f"the share is given in ppm by {'volume' if share.basis == 'volume' else 'an unstated basis'}"
            " and the rule is by weight; the molar mass of this chemical is not in the data to "
            "convert it: give concentration_pct by weight"
        )
    gas = balance_gas(kb, text)
    balance = kb.params.molar_masses[gas] if gas else kb.params.molar_masses["h2"]
    x = share.value / 100
    weight = 100 * x * chemical / (x * chemical + (1 - x) * balance)
    weight = float(f"{weight:.4g}")
    how = (
        f"{share.value:g} % by volume is {weight:g} % by weight (molar masses {chemical:g} g/mol "
        + (
            f"and {balance:g} g/mol for the balance gas {gas})"
            if gas
            else f"and {balance:g} g/mol for hydrogen, the lightest balance gas: no balance gas named)"
        )
    )
    if share.basis == "unstated":
        how = f"ppm with no basis stated: {share.value:g} % read by weight, or by volume: {how}"
        return max(weight, share.value), how + "; the larger taken"
    return weight, how


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

"""Which party of the network a name means: an id or one exact (normalised) name goes straight
to its party; any other name gives the parties it may mean to choose from (exact names first,
then close spellings of the name without its legal form, best first, each with its lists).

``Service.exposure`` (:mod:`tradeguard.service.exposure`) takes these candidates, one per
party, with the screener's parties, so that a firm on no list typed loosely ("International
Trading Co., Ltd.") is offered, never "no party named", and a party's name in any script
reaches it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tradeguard.errors import InputError
from tradeguard.lists.consequences import list_info
from tradeguard.network.graph import normalise_name

if TYPE_CHECKING:
    from tradeguard.network.graph import Graph

#: the least name likeness (0-100, the name without its legal form) a candidate needs
CANDIDATE_CUTOFF = 75.0
#: the most candidates offered
MAX_CANDIDATES = 8

_PREPARED: dict[str, tuple[list[str], list[str]]] = {}  # revision -> (names, bare names)
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A party a name may mean, with how alike the names are (100: the same normalised name)."""

    id: str
    name: str
    schema: str
    country: str | None
    lists: tuple[str, ...]
    score: int
    exact: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "schema": self.schema,
            "country": self.country,
            "lists": list(self.lists),
            "score": self.score,
            "exact": self.exact,
        }


@dataclass(frozen=True, slots=True)
class Resolution:
    """The node a name means (None: the user chooses among ``candidates``)."""

    node: int | None
    candidates: list[Candidate]


def bare(text: str) -> str:
    """A normalised name without its legal-form words (co, ltd, corp ...), which say nothing
    about which firm is meant."""
    from tradeguard.names.vocab import vocabulary

    forms = {k[0] for k in vocabulary().forms if len(k) == 1}
    words = [w for w in text.split() if w not in forms]
    return " ".join(words) or text


def _prepared(graph: Graph, revision: str) -> tuple[list[str], list[str]]:
    """The network's names and their bare forms, prepared once per revision."""
    with _LOCK:
        found = _PREPARED.get(revision)
        if found is None:
            keys = list(graph.names)
            found = (keys, [bare(k) for k in keys])
            _PREPARED.clear()
            _PREPARED[revision] = found
        return found


def _rank(graph: Graph, i: int) -> int:
    """The rank of a party's strongest list (the UN first; a party on no list last)."""
    lists = graph.node(i).lists
    return min((list_info(x).rank for x in lists), default=10_000)


def candidates(graph: Graph, text: str, revision: str = "") -> list[Candidate]:
    """Parties of the network ``text`` may mean: exact (normalised) names and ids first, then
    close spellings of the name without its legal form; among equals, the party on the
    strongest list (the UN first)."""
    from rapidfuzz import fuzz, process

    query = " ".join(text.split())
    exact = set(graph.find(query))
    if query in graph.id_index:
        exact.add(graph.id_index[query])
    found: dict[int, float] = dict.fromkeys(exact, 100.0)
    keys, bare_names = _prepared(graph, revision or str(id(graph)))
    for _, score, index in process.extract(
        bare(normalise_name(query)),
        bare_names,
        scorer=fuzz.ratio,
        limit=MAX_CANDIDATES * 2,
        score_cutoff=CANDIDATE_CUTOFF,
    ):
        for i in graph.names[keys[index]]:
            found[i] = max(found.get(i, 0.0), float(score))
    ranked = sorted(
        found.items(),
        key=lambda kv: (kv[0] not in exact, -kv[1], _rank(graph, kv[0]), graph.ids[kv[0]]),
    )
    out = []
    for i, score in ranked[:MAX_CANDIDATES]:
        node = graph.node(i)
        out.append(
            Candidate(
                id=graph.ids[i],
                name=node.name,
                schema=node.schema,
                country=node.country,
                lists=tuple(node.lists),
                score=round(score),
                exact=i in exact,
            )
        )
    return out


def resolve(graph: Graph, text: str, revision: str = "") -> Resolution:
    """The party ``text`` means when it is an id or the one exact name of a party (of several
    parties named so, the one whose primary name it is, when only one), else the candidates."""
    query = " ".join(text.split())
    if not query:
        raise InputError("empty name or id", field="NAME_OR_ID")
    if query in graph.id_index:
        return Resolution(graph.id_index[query], [])
    found = candidates(graph, query, revision)
    exact = [graph.id_index[c.id] for c in found if c.exact]
    if len(exact) > 1:
        norm = normalise_name(query)
        exact = [i for i in exact if normalise_name(graph.node(i).name) == norm]
    if len(exact) == 1:
        return Resolution(exact[0], found)
    return Resolution(None, found)

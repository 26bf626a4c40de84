"""Which party an exposure query means, and the party's copies in the network.

A name is resolved as screening resolves it, into parties (a designated party's entries on
several lists are one party, :mod:`tradeguard.network.parties`), so any spelling of a party (the
UN's English, an EU spelling, the METI kanji, the Hangul) is traced from all its copies at once
and gives the same answer. In order:

1. an id of the network (a list entry or a ``custom:`` party) is that node's party;
2. a name that is exactly the name of one party of the network (several copies of one party
   count once; of several parties, the one whose primary name it is) is that party;
3. a name the screener (fuzzy, in any script) matches to one party at
   :data:`RESOLVE_AT` or more, :data:`MARGIN` ahead of the next party, is that party;
4. otherwise the parties it may mean are offered to choose from by id: the screener's parties
   and the network's close names (parties on no list too, :mod:`tradeguard.network.candidates`),
   one candidate per party.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from tradeguard.errors import InputError
from tradeguard.network.candidates import MAX_CANDIDATES, Candidate, Resolution, candidates
from tradeguard.network.graph import normalise_name
from tradeguard.network.party_map import PartyMap

if TYPE_CHECKING:
    from tradeguard.network.graph import Graph
    from tradeguard.screening import Match, Screener

#: the least screening score that names one party outright, and how far the named party's score
#: must be ahead of the next party's: measured by benchmarks/exposure_resolution.py on the
#: cross-publisher pairs and the clean book (docs/benchmarks.md); 0.05 before, which let a clean
#: firm (華城, 1.00 against 0.91) and a namesake (KIM, Young-Chul, 1.00 against 0.95) resolve
RESOLVE_AT = 0.95
MARGIN = 0.10


def resolve_party(
    screener: Screener, graph: Graph, parties: PartyMap, text: str, revision: str
) -> Resolution:
    """The first node of the party ``text`` means (:class:`Resolution` ``node``), or the
    parties it may mean (``node`` None); see the module's documentation."""
    query = " ".join(text.split())
    if not query:
        raise InputError("empty name or id", field="NAME_OR_ID")
    if query in graph.id_index:
        return Resolution(parties.members(graph.id_index[query])[0], [])
    found = _by_party(graph, parties, candidates(graph, query, revision))
    exact = [graph.id_index[c.id] for c in found if c.exact]
    if len(exact) > 1:
        norm = normalise_name(query)
        exact = [
            i
            for i in exact
            if any(normalise_name(graph.node(m).name) == norm for m in parties.members(i))
        ]
    if len(exact) == 1:
        return Resolution(exact[0], found)
    matches = _screen(screener, query)
    offered = _offered(graph, parties, matches)
    merged = _by_party(graph, parties, [*[c for c in found if c.exact], *offered, *found])
    best = offered[0] if offered else None
    if not exact and best is not None and clear([m.score for m in matches]):
        return Resolution(graph.id_index[best.id], merged)
    return Resolution(None, merged)


def clear(scores: list[float], resolve_at: float = RESOLVE_AT, margin: float = MARGIN) -> bool:
    """Whether the screener's best party (``scores``: one per party, best first) is the party
    a name means: at ``resolve_at`` or more and ``margin`` ahead of the next party."""
    return (
        bool(scores)
        and scores[0] >= resolve_at
        and (len(scores) < 2 or scores[1] <= scores[0] - margin)
    )


def _screen(screener: Screener, query: str) -> list[Match]:
    """The parties the screener finds for the name, best first (none for a name it refuses:
    a single letter, punctuation only)."""
    from tradeguard.screening import Query

    try:
        return screener.screen(Query(name=query), limit=MAX_CANDIDATES)
    except InputError:
        return []


def _offered(graph: Graph, parties: PartyMap, matches: list[Match]) -> list[Candidate]:
    """The screener's parties as candidates (those with a copy in the network)."""
    out: list[Candidate] = []
    for m in matches:
        ids = [str(x["entity_id"]) for x in m.memberships] or [m.entity_id]
        nodes = [graph.id_index[i] for i in ids if i in graph.id_index]
        if not nodes:
            continue
        first = parties.members(nodes[0])[0]
        out.append(_candidate(graph, parties, first, round(m.score * 100), exact=False))
    return out


def _candidate(graph: Graph, parties: PartyMap, node: int, score: int, exact: bool) -> Candidate:
    members = parties.members(node)
    first = graph.node(members[0])
    lists = tuple(dict.fromkeys(x for m in members for x in graph.node(m).lists))
    return Candidate(
        id=graph.ids[members[0]],
        name=first.name,
        schema=first.schema,
        country=first.country,
        lists=lists,
        score=score,
        exact=exact,
    )


def _by_party(graph: Graph, parties: PartyMap, found: Iterable[Candidate]) -> list[Candidate]:
    """One candidate per party, in the order given (its first, the party's data), at most
    ``MAX_CANDIDATES``."""
    out: dict[int, Candidate] = {}
    for c in found:
        node = graph.id_index[c.id]
        key = int(parties.rep[node])
        if key in out:
            continue
        out[key] = _candidate(graph, parties, node, c.score, c.exact)
        if len(out) >= MAX_CANDIDATES:
            break
    return list(out.values())

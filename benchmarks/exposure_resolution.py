"""Exposure's name resolution: the screener score and margin at which a name names one party.

Run: ``python benchmarks/exposure_resolution.py [--sample N] [--only pairs|book]``.
Always against the snapshot bundled with the package (every list it holds), as
``screening_outside.py``.

``tradeguard exposure NAME`` takes a name that is no party's exact name as the screener's best
party when that party scores at least ``RESOLVE_AT`` and is ``MARGIN`` ahead of the next one
(:func:`tradeguard.service.exposure.clear`); otherwise it offers the candidates. This prints,
for each pair of a small grid, what that rule does on names nobody here wrote:

(a) **Cross-publisher pairs** (those of ``screening_outside.py``: the same party as two
publishers write it, paired by the lists' own ids); ``--sample`` names (default 1,000) drawn at
random with seed 7, as screening one name takes about a second on the shared machine. Each name of one entry that the other entry
does not carry verbatim is screened as exposure screens it, against every list except the
lists of its own publisher (so its own copy cannot answer): it should resolve to the party that
holds the other publisher's copy. *Correct*: the best party is that party, or the party of
another copy the lists themselves pair with the name's entry (a third publisher's copy that the
network has not joined to it); *wrong*: the best party is another party, accepted anyway; *unresolved*: the rule offers candidates.

(b) **The clean book** (``benchmarks/clean_book.csv``, listed companies on no list; rows whose
name is exactly a list entry's name put aside, as ``screening_outside.py`` does). Every
resolution is wrong: a firm on no list must get candidates or "no party", never a listed party.
The exact-name step comes first, as in exposure: a row that is exactly one party's name is
counted apart.

A wrong resolution traces the exposure of another party and says nothing of the one asked
about; an unresolved one asks the analyst to choose from the candidates. Wrong ones weigh far
more.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from random import Random

sys.path.insert(0, str(Path(__file__).parent))

from screening_outside import BOOK, NAME_KINDS, linked_entries, paired, publisher

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity
from tradeguard.names.analysis import analyse
from tradeguard.network.build import current_graph
from tradeguard.network.candidates import MAX_CANDIDATES, candidates
from tradeguard.network.graph import Graph, normalise_name
from tradeguard.network.party_map import PartyMap
from tradeguard.screening import Match, Query, Screener
from tradeguard.service import Service
from tradeguard.service.exposure import MARGIN, RESOLVE_AT, clear

THRESHOLDS = (0.85, 0.9, 0.95, 0.97, 1.0)
MARGINS = (0.0, 0.02, 0.05, 0.1)
GRID = [(t, m) for t in THRESHOLDS for m in MARGINS]

#: (scores of the parties found, one per party, best first; whether the best is the right one;
#: the name and the best party's name, for the examples printed)
Outcome = tuple[list[float], bool, str]


def parties_of(matches: list[Match], graph: Graph, parties: PartyMap) -> list[tuple[int, float]]:
    """(party, score) of each match with a copy in the network, as exposure offers them."""
    out: list[tuple[int, float]] = []
    for m in matches:
        ids = [str(x["entity_id"]) for x in m.memberships] or [m.entity_id]
        nodes = [graph.id_index[i] for i in ids if i in graph.id_index]
        if nodes:
            out.append((int(parties.rep[nodes[0]]), m.score))
    return out


def screen(screener: Screener, name: str, lists: list[str] | None) -> list[Match]:
    try:
        return screener.screen(Query(name=name, lists=lists), limit=MAX_CANDIDATES)
    except InputError:
        return []


def pair_outcomes(
    entities: list[Entity],
    screener: Screener,
    graph: Graph,
    parties: PartyMap,
    sample: int,
) -> tuple[list[Outcome], int]:
    """The outcomes of ``sample`` pair names drawn at random (seed 7) from all of them, and
    how many there are."""
    by_id = {e.id: e for e in entities}
    lists_of: dict[str, set[str]] = {}
    for e in entities:
        lists_of.setdefault(publisher(e.list), set()).add(e.list)
    every = sorted({e.list for e in entities})
    trials: list[tuple[str, str, list[str], set[int]]] = []
    pairs = paired(entities)
    linked = linked_entries(pairs)
    for a_id, b_id in sorted(pairs):
        for src, dst in ((by_id[a_id], by_id[b_id]), (by_id[b_id], by_id[a_id])):
            if dst.id not in graph.id_index:
                continue
            same = {dst.id} | linked[src.id]  # the party's copies, as the lists pair them
            want = {int(parties.rep[graph.id_index[i]]) for i in same if i in graph.id_index}
            lists = [x for x in every if x not in lists_of[publisher(src.list)]]
            dst_names = {normalise_name(n.value) for n in dst.names}
            for name in src.names:
                if name.kind not in NAME_KINDS or normalise_name(name.value) in dst_names:
                    continue
                if analyse(name.value, src.schema == "Person"):
                    trials.append((src.id, name.value, lists, want))
    chosen = Random(7).sample(trials, min(sample, len(trials)))
    out: list[Outcome] = []
    for _, name_value, lists, want in chosen:
        found = parties_of(screen(screener, name_value, lists), graph, parties)
        best = graph.node(found[0][0]).name if found else ""
        out.append(
            (
                [s for _, s in found],
                bool(found) and found[0][0] in want,
                f"{name_value!r} -> {best!r}",
            )
        )
    return out, len(trials)


def book_outcomes(
    entities: list[Entity], screener: Screener, graph: Graph, parties: PartyMap, revision: str
) -> tuple[list[Outcome], int, int]:
    """The clean book's outcomes (every resolution wrong), the rows put aside as listed, and
    the rows exposure's exact-name step takes as one party."""
    listed = {normalise_name(n.value) for e in entities for n in e.names}
    out: list[Outcome] = []
    aside = exact_hits = 0
    with BOOK.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["name"]
            if normalise_name(name) in listed:
                aside += 1
                continue
            exact = {
                int(parties.rep[graph.id_index[c.id]])
                for c in candidates(graph, name, revision)
                if c.exact
            }
            if len(exact) == 1:
                exact_hits += 1
                continue
            if exact:  # several exact parties: exposure offers them, whatever the screener says
                out.append(([], False, name))
                continue
            found = parties_of(screen(screener, name, None), graph, parties)
            best = graph.node(found[0][0]).name if found else ""
            out.append(([s for _, s in found], False, f"{name!r} -> {best!r}"))
    return out, aside, exact_hits


def tally(outcomes: Iterable[Outcome], resolve_at: float, margin: float) -> tuple[int, int, int]:
    right = wrong = unresolved = 0
    for scores, best_is_right, _ in outcomes:
        if not clear(scores, resolve_at, margin):
            unresolved += 1
        elif best_is_right:
            right += 1
        else:
            wrong += 1
    return right, wrong, unresolved


def table(title: str, outcomes: list[Outcome]) -> None:
    print(f"\n{title}: {len(outcomes)} names")
    print(f"    {'at':>5} {'margin':>6} {'correct':>9} {'wrong':>7} {'unresolved':>10}")
    for resolve_at, margin in GRID:
        right, wrong, unresolved = tally(outcomes, resolve_at, margin)
        mark = "  <- now" if (resolve_at, margin) == (RESOLVE_AT, MARGIN) else ""
        print(f"    {resolve_at:>5.2f} {margin:>6.2f} {right:>9} {wrong:>7} {unresolved:>10}{mark}")
    print(f"  wrong at {RESOLVE_AT} / {MARGIN} (scores of the best two parties):")
    for scores, best_is_right, label in outcomes:
        if not best_is_right and clear(scores):
            print(f"    {' / '.join(f'{x:.2f}' for x in scores[:2])}  {label}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1000, help="pair names to screen")
    parser.add_argument("--only", choices=("pairs", "book"))
    args = parser.parse_args()

    from tradeguard.lists.snapshot import ensure_loaded
    from tradeguard.store import Store

    os.environ.pop("TRADEGUARD_DATA_DIR", None)
    home = tempfile.mkdtemp(prefix="tradeguard-bench-")
    os.environ["TRADEGUARD_HOME"] = home
    store = Store.open(f"sqlite:///{Path(home) / 'bench.db'}")
    t0 = time.perf_counter()
    ensure_loaded(store)
    entities = list(store.iter_current_entities())
    service = Service(store)
    graph, revision = current_graph(store)
    parties = service.parties(graph, revision)
    screener = service.screener()
    print(
        f"bundled snapshot: {len(entities)} entries, {graph.node_count} nodes; "
        f"loaded, graph, parties and index in {time.perf_counter() - t0:.0f} s"
    )
    if args.only != "book":
        t0 = time.perf_counter()
        outcomes, total = pair_outcomes(entities, screener, graph, parties, args.sample)
        table(
            f"(a) cross-publisher pairs, a sample of the {total} names (seed 7), each against "
            "the other publishers' lists",
            outcomes,
        )
        print(f"    ({time.perf_counter() - t0:.0f} s)")
    if args.only != "pairs":
        book, aside, exact_hits = book_outcomes(entities, screener, graph, parties, revision)
        table("(b) clean book, every resolution wrong", book)
        print(
            f"    put aside as listed: {aside}; one party's exact name (exact step): {exact_hits}"
        )


if __name__ == "__main__":
    main()

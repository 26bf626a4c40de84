"""Namesakes on the real lists: listed persons screened with a birth year decades off, with
their own year, and with a nationality that is none of theirs.

Run: ``python benchmarks/namesakes.py [--offset 30] [--sample N] [--shard K/N] [--show N]
[--no-nomenklatura] [--entities-cache F --index-cache F]``. Against the snapshot bundled with
the package (every list it holds), at the default threshold; ``--sample N`` draws N of the
persons with a seed (``--seed``, 7), ``--shard K/N`` takes every N-th of them from the K-th;
with the caches (pickles made on first use, as ``screening_outside.py`` makes them) the
snapshot is read as the store gives it back.
nomenklatura logic-v2 (``pip install -e '.[bench]'``) scores the same queries, with their birth
year or country, on tradeguard's candidates (top 15) and alerts on the party when one of its
copies reaches 0.7.

Every person entry whose party (all its list copies) gives at least one birth year is screened
by its primary name (its caption), typed ``Person``:

- with the first listed year: it should be found (recall: the party holding the entry among the
  results);
- with a year one off that year: it should still be found;
- with the first listed year minus ``--offset`` years (30), when no listed year of the party is
  within a year of it: it should never alert (a namesake);
- with a country none of the party's countries and nationalities (JP, else BR), for the persons
  whose party gives any: since algorithm 32 the query's country is where the party is, not a
  nationality, so the full name still alerts, 0.05 lower (until algorithm 31 it never did).

The same name may belong to several listed persons: a query is counted only against the party
of the entry it was taken from.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from random import Random
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from screening_outside import Candidates, bundled_entities, nk_scorer, screener_for
from side_by_side import rate

from tradeguard.lists.model import Entity
from tradeguard.lists.registry import parse_path
from tradeguard.lists.snapshot import manifest, materialise
from tradeguard.screening import Match, Query, Screener


def _snapshot() -> list[Entity]:
    out: list[Entity] = []
    with tempfile.TemporaryDirectory() as workdir:
        for item in manifest():
            out.extend(parse_path(materialise(item, Path(workdir))).entities)
    return out


def _found(matches: list[Match], entity_id: str) -> bool:
    return any(entity_id in {x["entity_id"] for x in m.memberships} for m in matches)


def _nk_alerts(
    nk: Any, cands: Any, screener: Screener, by_id: dict[str, Entity], query: Query, party: set[str]
) -> bool:
    """logic-v2 alerts on the party: a copy among tradeguard's candidates scores 0.7 or more
    with the query's birth year and country."""
    country = query.countries[0] if query.countries else None
    for i in cands(query.name, "Person", None):
        entity_id = screener.entities[i].id
        if entity_id not in party or entity_id not in by_id:
            continue
        if nk(query.name, "Person", country, by_id[entity_id], query.birth_date) >= 0.7:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offset", type=int, default=30, help="years off for the namesake")
    parser.add_argument("--limit", type=int, default=0, help="at most this many persons (0: all)")
    parser.add_argument("--sample", type=int, default=0, help="N persons drawn at random (0: all)")
    parser.add_argument("--seed", type=int, default=7, help="the draw's seed")
    parser.add_argument("--shard", help="every N-th person of those drawn, from the K-th (K/N)")
    parser.add_argument("--show", type=int, default=5, help="print this many failures of each")
    parser.add_argument("--no-nomenklatura", action="store_true")
    parser.add_argument("--entities-cache", type=Path, help="pickle of the snapshot's entries")
    parser.add_argument("--index-cache", type=Path, help="pickle of the screener (first use)")
    args = parser.parse_args()

    started = time.perf_counter()
    if args.entities_cache or args.index_cache:  # the snapshot as the store gives it back
        entities = bundled_entities(args.entities_cache)
        screener = screener_for(entities, args.index_cache)
    else:
        entities = _snapshot()
        screener = Screener.from_entities(entities)
    by_id = {e.id: e for e in entities}
    print(f"index: {len(screener.entities)} entries in {time.perf_counter() - started:.0f} s")
    nk = None if args.no_nomenklatura else nk_scorer()
    cands = Candidates(screener)

    persons: list[tuple[int, list[int]]] = []
    for i, entity in enumerate(screener.entities):
        if entity.schema != "Person":
            continue
        members = [screener.entities[m] for m in screener.members(i)]
        years = sorted({int(d[:4]) for m in members for d in m.birth_dates if d[:4].isdigit()})
        if years:
            persons.append((i, years))
    drawn = len(persons)
    if args.sample and args.sample < len(persons):
        keep = set(Random(args.seed).sample(range(len(persons)), args.sample))
        persons = [p for n, p in enumerate(persons) if n in keep]
    if args.shard:
        k, n = (int(x) for x in args.shard.split("/"))
        persons = persons[k - 1 :: n]
    if args.limit:
        persons = persons[: args.limit]

    #: what each kind of query gave: tradeguard alerted on the party, logic-v2 did (None: not run)
    counts: dict[str, list[tuple[bool, bool | None]]] = defaultdict(list)
    per_list: Counter[str] = Counter()
    failures: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    for i, years in persons:
        entity = screener.entities[i]
        members = [screener.entities[m] for m in screener.members(i)]
        party = {m.id for m in members}
        per_list[entity.list] += 1
        own = [int(d[:4]) for d in entity.birth_dates if d[:4].isdigit()]
        name, year = entity.caption, own[0] if own else years[0]
        queries = {
            "the listed year": Query(name, "Person", birth_date=str(year)),
            "the listed year + 1": Query(name, "Person", birth_date=str(year + 1)),
        }
        far = year - args.offset
        if all(abs(y - far) > 1 for y in years):
            queries[f"the listed year - {args.offset}"] = Query(name, "Person", birth_date=str(far))
        countries = {c for m in members for c in m.countries}
        if countries:
            other = "JP" if "JP" not in countries else "BR"
            queries["a country none of the party's"] = Query(name, "Person", [other])
        for what, query in queries.items():
            tg = _found(screener.screen(query), entity.id)
            ref = None if nk is None else _nk_alerts(nk, cands, screener, by_id, query, party)
            counts[what].append((tg, ref))
            should = what in ("the listed year", "the listed year + 1")
            if tg != should:
                given = query.birth_date or ",".join(query.countries)
                failures[what].append(f"{entity.id} {name} {given} (listed {years})")
    elapsed = time.perf_counter() - started

    print(
        f"persons with a birth year: {len(persons)} of {drawn} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(per_list.items()))})"
        + (f"; --sample {args.sample}, seed {args.seed}" if args.sample else "")
        + (f"; shard {args.shard}" if args.shard else "")
    )
    screened = sum(len(v) for v in counts.values())
    print(f"queries: {screened} in {elapsed:.0f} s, threshold {screener.threshold}")
    print(
        f"    {'alerts on the party, by query':<34} {'tradeguard':<22} {'logic-v2' if nk else ''}"
    )
    for what, values in counts.items():
        tg = rate(t for t, _ in values)
        ref = rate(bool(r) for _, r in values) if nk else ""
        print(f"    {what:<34} {tg:<22} {ref}")
    for what, lines in failures.items():
        for line in lines[: args.show]:
            print(f"  {what}: {line}")


if __name__ == "__main__":
    main()

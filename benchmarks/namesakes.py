"""Namesakes on the real lists: listed persons screened with a birth year decades off, with
their own year, and with a nationality that is none of theirs.

Run: ``python benchmarks/namesakes.py [--offset 30] [--limit N] [--show N]``. Against the
snapshot bundled with the package (every list it holds), at the default threshold.

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
import tempfile
import time
from collections import Counter
from pathlib import Path

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offset", type=int, default=30, help="years off for the namesake")
    parser.add_argument("--limit", type=int, default=0, help="at most this many persons (0: all)")
    parser.add_argument("--show", type=int, default=5, help="print this many failures of each")
    args = parser.parse_args()

    started = time.perf_counter()
    screener = Screener.from_entities(_snapshot())
    print(f"index: {len(screener.entities)} entries in {time.perf_counter() - started:.0f} s")

    counts: Counter[str] = Counter()
    per_list: Counter[str] = Counter()
    failures: dict[str, list[str]] = {"missed": [], "off-by-one": [], "namesake": [], "foreign": []}
    screened = 0
    started = time.perf_counter()
    for i, entity in enumerate(screener.entities):
        if entity.schema != "Person":
            continue
        members = [screener.entities[m] for m in screener.members(i)]
        years = sorted({int(d[:4]) for m in members for d in m.birth_dates if d[:4].isdigit()})
        if not years:
            continue
        if args.limit and counts["persons"] >= args.limit:
            break
        counts["persons"] += 1
        per_list[entity.list] += 1
        own = [int(d[:4]) for d in entity.birth_dates if d[:4].isdigit()]
        name, year = entity.caption, own[0] if own else years[0]

        def alerts(query: Query, entity_id: str = entity.id) -> bool:
            nonlocal screened
            screened += 1
            return _found(screener.screen(query), entity_id)

        if alerts(Query(name, "Person", birth_date=str(year))):
            counts["found"] += 1
        else:
            failures["missed"].append(f"{entity.id} {name} {year}")
        near = year + 1
        if alerts(Query(name, "Person", birth_date=str(near))):
            counts["found_one_off"] += 1
        else:
            failures["off-by-one"].append(f"{entity.id} {name} {near} (listed {years})")
        far = year - args.offset
        if all(abs(y - far) > 1 for y in years):
            counts["namesakes"] += 1
            if alerts(Query(name, "Person", birth_date=str(far))):
                counts["namesake_alerts"] += 1
                failures["namesake"].append(f"{entity.id} {name} {far} (listed {years})")
        countries = {c for m in members for c in m.countries}
        if countries:
            other = "JP" if "JP" not in countries else "BR"
            counts["foreigners"] += 1
            if alerts(Query(name, "Person", [other])):
                counts["foreign_alerts"] += 1
                failures["foreign"].append(f"{entity.id} {name} from {other} ({sorted(countries)})")
    elapsed = time.perf_counter() - started

    persons = counts["persons"]
    print(
        f"persons with a birth year: {persons} ({', '.join(f'{k} {v}' for k, v in sorted(per_list.items()))})"
    )
    print(f"queries: {screened} in {elapsed:.0f} s, threshold {screener.threshold}")
    print(
        f"recall, listed year:        {counts['found'] / max(persons, 1):.4f} ({counts['found']} of {persons})"
    )
    print(
        f"recall, year one off:       {counts['found_one_off'] / max(persons, 1):.4f} "
        f"({counts['found_one_off']} of {persons})"
    )
    print(
        f"alerts, {args.offset} years off:       {counts['namesake_alerts']} of {counts['namesakes']}"
    )
    print(f"alerts, another nationality: {counts['foreign_alerts']} of {counts['foreigners']}")
    for what, lines in failures.items():
        for line in lines[: args.show]:
            print(f"  {what}: {line}")


if __name__ == "__main__":
    main()

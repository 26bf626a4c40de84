"""Screening quality: tradeguard against nomenklatura (logic-v2, logic-v1) on the same queries.

Run: ``python benchmarks/screening_quality.py [--seed N] [--per-transform N] [--negatives N]
[--korean N] [--algorithms logic-v2 ...] [--shard K/N] [--cache F] [--records F]
[--from-records F ...] [--entities-cache F]``
(``pip install -e '.[bench]'`` for nomenklatura; without it only tradeguard is measured).
``--shard K/N`` scores every N-th query from the K-th against the same index; ``--cache F``
keeps the queries and the index in a pickle (made on first use) for the shards; ``--records
F`` writes each query's scores as they come and ``--from-records`` prints the tables of several
such files together. ``--entities-cache F`` takes the bundled snapshot (as
``screening_outside.py`` does) instead of the files of ``$TRADEGUARD_DATA_DIR``.

The labelled query set comes from ``benchmarks/screening_queries.py`` (list names through
realistic transformations, plus non-listed names and near misses). Each system sees the same
queries and, yente-style, the same candidates: tradeguard's retrieval proposes them, then
tradeguard's scorer and each nomenklatura algorithm score every candidate; a query finds its
target when the target scores at least the threshold (0.7 for nomenklatura, as yente uses it;
the configured threshold for tradeguard). A negative query is a false positive when any
candidate reaches the threshold. Original-script queries are run with that name held out of
the index, so they must meet the entry's Latin names. The per-phenomenon table gives every
system on one line per transformation (recall) and negative group (false-positive rate), and
three of the queries tradeguard loses where it does worse than logic-v2.

The set is this project's own generator's: its figures say how each transformation is met, not
how real lists differ (``screening_outside.py`` measures that).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import defaultdict
from dataclasses import asdict, replace
from pathlib import Path
from random import Random
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from screening_data import load_entities
from screening_queries import LabelledQuery, generate, positives

from tradeguard.errors import InputError
from tradeguard.lists.model import Entity, NameKind
from tradeguard.names.analysis import analyse
from tradeguard.screening import Query, Screener
from tradeguard.screening.model import compatible_schemas

NK_THRESHOLD = 0.7
NK_CANDIDATES = 15
KOREAN_TRANSFORMS = ("romanization", "script", "original_script")


def held_out_index(entities: list[Entity], queries: list[LabelledQuery]) -> list[Entity]:
    remove: dict[str, set[str]] = defaultdict(set)
    for q in queries:
        if q.held_out and q.target:
            remove[q.target].add(q.held_out)
    out = []
    for entity in entities:
        drop = remove.get(entity.id)
        if drop:
            entity = replace(entity, names=[n for n in entity.names if n.value not in drop])
        out.append(entity)
    return out


def candidate_entities(screener: Screener, q: LabelledQuery, limit: int) -> list[int]:
    """The entities tradeguard's retrieval proposes for a query (shared by every system)."""
    forms = analyse(q.name, q.schema == "Person")
    mask = screener._mask(compatible_schemas(q.schema), None)
    out: list[int] = []
    for form_id in screener.index.candidates(forms, 64, mask):
        e_idx = screener.names[int(screener.form_name[form_id])].entity
        if e_idx not in out:
            out.append(e_idx)
        if len(out) >= limit:
            break
    return out


def ftm_entity(entity: Entity) -> Any:
    from followthemoney import model

    proxy = model.make_entity(entity.schema)
    proxy.id = entity.id
    props = {
        NameKind.PRIMARY: "name",
        NameKind.ALIAS: "alias",
        NameKind.ORIGINAL_SCRIPT: "alias",
        NameKind.FORMER: "previousName",
        NameKind.WEAK_ALIAS: "weakAlias",
    }
    for name in entity.names:
        proxy.add(props[name.kind], name.value, quiet=True)
    if entity.schema == "Person":
        proxy.add("birthDate", entity.birth_dates, quiet=True)
        proxy.add("nationality", entity.nationalities, quiet=True)
    proxy.add("country", entity.countries, quiet=True)
    for ident in entity.identifiers:
        prop = {"imo": "imoNumber", "passport": "passportNumber"}.get(ident.type, "idNumber")
        if entity.schema != "Person" and prop == "idNumber":
            prop = "registrationNumber"
        proxy.add(prop, ident.value, quiet=True)
    return proxy


def ftm_query(q: LabelledQuery, number: int) -> Any:
    from followthemoney import model

    proxy = model.make_entity(q.schema or "LegalEntity")
    # A distinct id per query: nomenklatura caches name analysis by entity id.
    proxy.id = f"query-{number}"
    proxy.add("name", q.name)
    return proxy


def report(
    title: str,
    rows: list[tuple[LabelledQuery, float, float]],
    threshold: float,
    korean: frozenset[str] = frozenset(),
) -> dict[str, float]:
    """rows: (query, target score, best non-target score); ``korean``: the entries of Korean
    parties (a KP or KR country or nationality), whose positives are also counted apart."""
    pos = [r for r in rows if r[0].target]
    neg = [r for r in rows if not r[0].target]
    recall = sum(1 for _, t, _ in pos if t >= threshold) / max(len(pos), 1)
    fpr = sum(1 for _, _, o in neg if o >= threshold) / max(len(neg), 1)
    print(f"\n{title}  (threshold {threshold})")
    print(
        f"  recall {recall:.4f} on {len(pos)} positives   false-positive rate {fpr:.4f} on {len(neg)} negatives"
    )
    by: dict[str, list[bool]] = defaultdict(list)
    for q, t, o in rows:
        by[q.transformation].append(t >= threshold if q.target else o >= threshold)
        if q.target in korean:
            by[f"Korean {q.transformation}"].append(t >= threshold)
    for label in sorted(by):
        hits = by[label]
        what = "recall" if not label.startswith("negative") else "FP rate"
        print(f"    {label:<24} {what:<8} {sum(hits) / len(hits):.3f}  (n={len(hits)})")
    return {"recall": recall, "fpr": fpr}


def _hit(q: LabelledQuery, target: float, other: float, threshold: float) -> bool:
    """A positive found, or a negative that alerts."""
    return target >= threshold if q.target else other >= threshold


def side_by_side(
    systems: dict[str, list[tuple[LabelledQuery, float, float]]],
    threshold: float,
    korean: frozenset[str],
    captions: dict[str, str],
) -> None:
    """Each transformation's recall (each negative group's false-positive rate), every system
    on one line; where tradeguard does worse than logic-v2, three of the queries it loses."""
    names = list(systems)
    thresholds = {n: threshold if n == "tradeguard" else NK_THRESHOLD for n in names}
    groups: dict[str, list[int]] = defaultdict(list)
    queries = [q for q, _, _ in systems["tradeguard"]]
    for i, q in enumerate(queries):
        groups[q.transformation].append(i)
        if q.target in korean:
            groups[f"Korean {q.transformation}"].append(i)
    print("\nper phenomenon, the same queries and candidates (recall; FP rate for negatives)")
    print(f"    {'':<26}" + "".join(f"{n:<20}" for n in names))
    worse: list[str] = []
    for label in sorted(groups):
        idx = groups[label]
        cells = []
        counts = {}
        for n in names:
            hits = sum(_hit(*systems[n][i], thresholds[n]) for i in idx)
            counts[n] = hits
            cells.append(f"{hits / len(idx):.3f} ({hits}/{len(idx)})")
        negative = label.startswith("negative")
        behind = "logic-v2" in counts and (
            counts["tradeguard"] > counts["logic-v2"]
            if negative
            else counts["tradeguard"] < counts["logic-v2"]
        )
        if behind:
            worse.append(label)
        mark = "  <- worse than logic-v2" if behind else ""
        print(f"    {label:<26}" + "".join(f"{c:<20}" for c in cells) + mark)
    for label in worse:
        print(f"  worse than logic-v2: {label}")
        shown = 0
        for i in groups[label]:
            q = queries[i]
            tg = _hit(*systems["tradeguard"][i], threshold)
            ref = _hit(*systems["logic-v2"][i], NK_THRESHOLD)
            if (tg and not ref) if q.target is None else (ref and not tg):
                print(f"    {q.name!r} -> {captions.get(q.target or '', 'no entry')!r}")
                shown += 1
            if shown == 3:
                break


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--per-transform", type=int, default=150)
    parser.add_argument("--negatives", type=int, default=1500)
    parser.add_argument("--no-nomenklatura", action="store_true")
    parser.add_argument(
        "--algorithms", nargs="+", default=["logic-v2", "logic-v1"], help="nomenklatura's"
    )
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument(
        "--korean", type=int, default=0, help="more positives per transform from KP/KR entries"
    )
    parser.add_argument("--shard", help="screen every N-th query from the K-th (K/N)")
    parser.add_argument(
        "--cache", type=Path, help="pickle of the queries and the index (made on first use)"
    )
    parser.add_argument(
        "--entities-cache", type=Path, help="the bundled snapshot's entries (a pickle, first use)"
    )
    parser.add_argument("--records", type=Path, help="write the queries' records (JSON lines)")
    parser.add_argument(
        "--from-records", type=Path, nargs="+", help="print the tables of saved records"
    )
    args = parser.parse_args()
    if args.from_records:
        summarise([json.loads(line) for f in args.from_records for line in f.open()])
        return

    if args.cache is not None and args.cache.exists():
        with args.cache.open("rb") as handle:
            source, queries, korean, indexed, screener = pickle.load(handle)
        print(f"lists: {source}; queries and index from {args.cache.name}")
    else:
        if args.entities_cache is not None:  # the bundled snapshot, as screening_outside.py
            from screening_outside import bundled_entities

            entities = bundled_entities(args.entities_cache)
            source = "the bundled snapshot"
        else:
            entities, source = load_entities()
        print(f"lists: {source}; {len(entities)} entries")
        queries = generate(entities, args.seed, args.per_transform, args.negatives)
        korean = frozenset(
            e.id for e in entities if {"KP", "KR"} & {*e.countries, *e.nationalities}
        )
        if args.korean:
            # the Korean phenomenon on its own: romanization variants and Hangul of KP/KR entries
            extra = positives(
                [e for e in entities if e.id in korean], Random(args.seed), args.korean
            )
            queries += [q for q in extra if q.transformation in KOREAN_TRANSFORMS]
        indexed = held_out_index(entities, queries)
        started = time.perf_counter()
        screener = Screener.from_entities(indexed)
        print(f"tradeguard index built in {time.perf_counter() - started:.1f} s")
        if args.cache is not None:
            with args.cache.open("wb") as handle:
                pickle.dump((source, queries, korean, indexed, screener), handle)
    print(
        f"queries: {sum(1 for q in queries if q.target)} positive, "
        f"{sum(1 for q in queries if not q.target)} negative (seed {args.seed})"
    )
    threshold = screener.threshold

    algorithms = {} if args.no_nomenklatura else nk_algorithms(args.algorithms)
    mine = queries
    if args.shard:
        k, n = (int(x) for x in args.shard.split("/"))
        mine = queries[k - 1 :: n]
        print(f"shard {args.shard}: {len(mine)} of the {len(queries)} queries")
    by_id = {e.id: e for e in indexed}
    index_of = {e.id: i for i, e in enumerate(screener.entities)}
    proxies: dict[str, Any] = {}
    out = args.records.open("w", encoding="utf-8") if args.records else None
    records: list[dict[str, Any]] = []
    started = time.perf_counter()
    for number, q in enumerate(mine):
        try:
            matches = screener.screen(Query(q.name, schema=q.schema), threshold=0.0, limit=50)
        except InputError:  # a name the screener refuses (a legal form alone): nothing found
            matches = []
            print(f"  refused by the screener: {q.name!r} ({q.transformation})")
        # one result per party: the target is found when it is any entry of a result's party
        hit = [
            q.target in {m.entity_id, *(str(x["entity_id"]) for x in m.memberships)}
            for m in matches
        ]
        target = max((m.score for m, h in zip(matches, hit, strict=True) if h), default=0.0)
        other = max((m.score for m, h in zip(matches, hit, strict=True) if not h), default=0.0)
        scores = {"tradeguard": (target, other)}
        ids = [screener.entities[i].id for i in candidate_entities(screener, q, NK_CANDIDATES)]
        # the target's party: its copies on other lists count as the target, as above
        party = (
            {screener.entities[i].id for i in screener.members(index_of[q.target])}
            if q.target in index_of
            else set()
        )
        for algo_name, (algo, config) in algorithms.items():
            query = ftm_query(q, number)
            target, other = 0.0, 0.0
            for entity_id in ids:
                if entity_id not in proxies:
                    proxies[entity_id] = ftm_entity(by_id[entity_id])
                score = float(algo.compare(query, proxies[entity_id], config).score)
                if entity_id == q.target or entity_id in party:
                    target = max(target, score)
                else:
                    other = max(other, score)
            scores[algo_name] = (target, other)
        records.append(
            {
                "query": asdict(q),
                "korean": q.target in korean,
                "caption": by_id[q.target].caption if q.target in by_id else None,
                "threshold": threshold,
                "scores": scores,
            }
        )
        if out is not None:  # written as they come: a run cut short keeps its part
            out.write(json.dumps(records[-1], ensure_ascii=False) + "\n")
            out.flush()
    print(f"scored {len(mine)} queries in {time.perf_counter() - started:.1f} s")
    summarise(records, args.show_misses)


def nk_algorithms(names: list[str]) -> dict[str, tuple[Any, Any]]:
    """nomenklatura's algorithms by name, with their default configuration (none when it is
    not installed)."""
    try:
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        print("\nnomenklatura is not installed (pip install -e '.[bench]'): reference not measured")
        return {}
    out: dict[str, tuple[Any, Any]] = {}
    for name in names:
        algo = get_algorithm(name)
        assert algo is not None, name
        out[name] = (algo, ScoringConfig.defaults())
    return out


def summarise(records: list[dict[str, Any]], show_misses: int = 0) -> None:
    """Every table, from the queries' records (one run, or several shards' files)."""
    queries = [LabelledQuery(**r["query"]) for r in records]
    korean = frozenset(q.target for q, r in zip(queries, records, strict=True) if r["korean"])
    korean = frozenset(k for k in korean if k)
    threshold = records[0]["threshold"] if records else 0.7
    systems: dict[str, list[tuple[LabelledQuery, float, float]]] = {}
    for name in records[0]["scores"] if records else []:
        systems[name] = [(q, *r["scores"][name]) for q, r in zip(queries, records, strict=True)]
    results: dict[str, dict[str, float]] = {}
    for name, rows in systems.items():
        title = "tradeguard" if name == "tradeguard" else f"nomenklatura {name} (yente-style)"
        at = threshold if name == "tradeguard" else NK_THRESHOLD
        results[name] = report(title, rows, at, korean)
        if name == "tradeguard":
            calibration(rows)
            for q, t, _ in [r for r in rows if r[0].target and r[1] < threshold][:show_misses]:
                print(f"    MISS {q.transformation:<14} {t:.2f} {q.name!r} -> {q.target}")
            for q, _, o in [r for r in rows if not r[0].target and r[2] >= threshold][:show_misses]:
                print(f"    FP {q.transformation:<14} {o:.2f} {q.name!r}")
    if len(systems) > 1:
        captions = {r["query"]["target"]: r["caption"] for r in records if r["caption"]}
        side_by_side(systems, threshold, korean, captions)
    print("\nsummary")
    for name, figures in results.items():
        print(f"  {name:<12} recall {figures['recall']:.4f}  FPR {figures['fpr']:.4f}")


def calibration(rows: list[tuple[LabelledQuery, float, float]]) -> None:
    pos = [t for q, t, _ in rows if q.target]
    neg = [o for q, _, o in rows if not q.target]
    cells = [
        f"t={t}: R={sum(1 for x in pos if x >= t) / max(1, len(pos)):.3f}"
        f"/FPR={sum(1 for x in neg if x >= t) / max(1, len(neg)):.3f}"
        for t in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
    ]
    print("  calibration: " + "  ".join(cells))


if __name__ == "__main__":
    main()

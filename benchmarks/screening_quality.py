"""Screening quality: tradeguard against nomenklatura (logic-v2, logic-v1) on the same queries.

Run: ``python benchmarks/screening_quality.py [--seed N] [--per-transform N] [--negatives N]
[--korean N]``
(``pip install -e '.[bench]'`` for nomenklatura; without it only tradeguard is measured).

The labelled query set comes from ``benchmarks/screening_queries.py`` (list names through
realistic transformations, plus non-listed names and near misses). Each system sees the same
queries and, yente-style, the same candidates: tradeguard's retrieval proposes them, then
tradeguard's scorer and each nomenklatura algorithm score every candidate; a query finds its
target when the target scores at least the threshold (0.7 for nomenklatura, as yente uses it;
the configured threshold for tradeguard). A negative query is a false positive when any
candidate reaches the threshold. Original-script queries are run with that name held out of
the index, so they must meet the entry's Latin names.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from random import Random
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from screening_data import load_entities
from screening_queries import LabelledQuery, generate, positives

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--per-transform", type=int, default=150)
    parser.add_argument("--negatives", type=int, default=1500)
    parser.add_argument("--no-nomenklatura", action="store_true")
    parser.add_argument("--show-misses", type=int, default=0)
    parser.add_argument(
        "--korean", type=int, default=0, help="more positives per transform from KP/KR entries"
    )
    args = parser.parse_args()

    entities, source = load_entities()
    print(f"lists: {source}; {len(entities)} entries")
    queries = generate(entities, args.seed, args.per_transform, args.negatives)
    korean = frozenset(e.id for e in entities if {"KP", "KR"} & {*e.countries, *e.nationalities})
    if args.korean:
        # the Korean phenomenon on its own: romanization variants and Hangul of KP/KR entries
        extra = positives([e for e in entities if e.id in korean], Random(args.seed), args.korean)
        queries += [q for q in extra if q.transformation in KOREAN_TRANSFORMS]
    print(
        f"queries: {sum(1 for q in queries if q.target)} positive, "
        f"{sum(1 for q in queries if not q.target)} negative (seed {args.seed})"
    )
    indexed = held_out_index(entities, queries)
    started = time.perf_counter()
    screener = Screener.from_entities(indexed)
    print(f"tradeguard index built in {time.perf_counter() - started:.1f} s")
    threshold = screener.threshold

    tg_rows: list[tuple[LabelledQuery, float, float]] = []
    cands: list[list[int]] = []
    started = time.perf_counter()
    for q in queries:
        matches = screener.screen(Query(q.name, schema=q.schema), threshold=0.0, limit=50)
        # one result per party: the target is found when it is any entry of a result's party
        hit = [
            q.target in {m.entity_id, *(str(x["entity_id"]) for x in m.memberships)}
            for m in matches
        ]
        target = max((m.score for m, h in zip(matches, hit, strict=True) if h), default=0.0)
        other = max((m.score for m, h in zip(matches, hit, strict=True) if not h), default=0.0)
        tg_rows.append((q, target, other))
        cands.append(candidate_entities(screener, q, NK_CANDIDATES))
    print(f"tradeguard scored {len(queries)} queries in {time.perf_counter() - started:.1f} s")
    results = {"tradeguard": report("tradeguard", tg_rows, threshold, korean)}
    sweep = [0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]
    print(
        "  calibration: "
        + "  ".join(
            f"t={t}: R={sum(1 for r in tg_rows if r[0].target and r[1] >= t) / max(1, sum(1 for r in tg_rows if r[0].target)):.3f}"
            f"/FPR={sum(1 for r in tg_rows if not r[0].target and r[2] >= t) / max(1, sum(1 for r in tg_rows if not r[0].target)):.3f}"
            for t in sweep
        )
    )
    if args.show_misses:
        misses = [r for r in tg_rows if r[0].target and r[1] < threshold]
        for q, t, _ in misses[: args.show_misses]:
            print(f"    MISS {q.transformation:<14} {t:.2f} {q.name!r} -> {q.target}")
        fps = [r for r in tg_rows if not r[0].target and r[2] >= threshold]
        for q, _, o in fps[: args.show_misses]:
            m = screener.screen(Query(q.name, schema=q.schema), threshold=0.0, limit=1)
            print(
                f"    FP {q.transformation:<14} {o:.2f} {q.name!r} -> {m[0].matched_name if m else ''}"
            )

    if args.no_nomenklatura:
        return
    try:
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        print("\nnomenklatura is not installed (pip install -e '.[bench]'): reference not measured")
        return
    config = ScoringConfig.defaults()
    by_id = {e.id: e for e in indexed}
    index_of = {e.id: i for i, e in enumerate(screener.entities)}
    proxies: dict[str, Any] = {}
    for algo_name in ("logic-v2", "logic-v1"):
        algo = get_algorithm(algo_name)
        assert algo is not None
        rows: list[tuple[LabelledQuery, float, float]] = []
        started = time.perf_counter()
        for number, (q, cand) in enumerate(zip(queries, cands, strict=True)):
            query = ftm_query(q, number)
            target, other = 0.0, 0.0
            ids = [screener.entities[i].id for i in cand]
            # the target's party: its copies on other lists count as the target, as above
            party = (
                {screener.entities[i].id for i in screener.members(index_of[q.target])}
                if q.target in index_of
                else set()
            )
            for entity_id in ids:
                if entity_id not in proxies:
                    proxies[entity_id] = ftm_entity(by_id[entity_id])
                score = float(algo.compare(query, proxies[entity_id], config).score)
                if entity_id == q.target or entity_id in party:
                    target = max(target, score)
                else:
                    other = max(other, score)
            rows.append((q, target, other))
        print(
            f"\nnomenklatura {algo_name} scored {len(queries)} queries in {time.perf_counter() - started:.1f} s"
        )
        results[algo_name] = report(
            f"nomenklatura {algo_name} (yente-style)", rows, NK_THRESHOLD, korean
        )
    print("\nsummary")
    for name, figures in results.items():
        print(f"  {name:<12} recall {figures['recall']:.4f}  FPR {figures['fpr']:.4f}")


if __name__ == "__main__":
    main()

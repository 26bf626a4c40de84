"""Tables of two systems on the same screened names, per phenomenon, for the screening
benchmarks (``screening_outside.py``, ``screening_korean.py``): each name's record says which
phenomena it belongs to and whether tradeguard and nomenklatura logic-v2 found its entry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from random import Random
from typing import Any


def rate(hits: Iterable[bool]) -> str:
    values = list(hits)
    return f"{sum(values) / max(len(values), 1):.3f} ({sum(values)}/{len(values)})"


def select(plan: list[Any], sample: int, shard: str | None, seed: int) -> list[Any]:
    """``sample`` names of the plan drawn with ``seed`` (0: all), then shard ``K/N`` of them."""
    if sample and sample < len(plan):
        keep = set(Random(seed).sample(range(len(plan)), sample))
        plan = [p for i, p in enumerate(plan) if i in keep]
    if shard:
        k, n = (int(x) for x in shard.split("/"))
        plan = plan[k - 1 :: n]
    return plan


def side_by_side(records: list[dict[str, Any]], keys: Iterable[str], what: str) -> None:
    """One line per phenomenon: tradeguard's and logic-v2's rates on the same names."""
    nk = any(r["nk"] is not None for r in records)
    print(f"    {'':<30} {'tradeguard ' + what:<22} {'logic-v2 ' + what if nk else ''}")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        for key in keys_of(r, keys):
            groups[key].append(r)
    for key in sorted(groups, key=lambda k: (k != "all", k)):
        rows = groups[key]
        tg = rate(r["found"] for r in rows)
        ref = rate(bool(r["nk"]) for r in rows) if nk else ""
        gap = "  <- below logic-v2" if nk and _below(rows) else ""
        print(f"    {key:<30} {tg:<22} {ref}{gap}")


def keys_of(r: dict[str, Any], keys: Iterable[str]) -> list[str]:
    """The phenomena a record counts under: publisher pair, script, schema, both, scope."""
    both = f"{r['keys'][1]}, {r['keys'][2]}"
    every = [*r["keys"], both, r["scope"], "all"]
    return [k for k in every if any(k.startswith(p) for p in keys)]


def _below(rows: list[dict[str, Any]]) -> bool:
    return sum(bool(r["nk"]) for r in rows) > sum(r["found"] for r in rows)


def gaps(records: list[dict[str, Any]], keys: Iterable[str], examples: int) -> None:
    """The names logic-v2 finds and tradeguard misses, by phenomenon and by tradeguard's cause."""
    if not any(r["nk"] is not None for r in records):
        return
    only_nk = [r for r in records if r["nk"] and not r["found"]]
    only_tg = [r for r in records if r["found"] and not r["nk"]]
    print(f"  found by logic-v2 only: {len(only_nk)}; by tradeguard only: {len(only_tg)}")
    by_cause: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        if not r["found"]:
            by_cause[r["cause"] or "?"].append(r)
    print(f"    {'tradeguard miss cause':<36} {'misses':>7} {'logic-v2 finds':>15}")
    for cause, rows in sorted(by_cause.items(), key=lambda c: -len(c[1])):
        print(f"    {cause:<36} {len(rows):>7} {sum(bool(r['nk']) for r in rows):>15}")
    for cause, rows in sorted(by_cause.items(), key=lambda c: -len(c[1])):
        lost = {(r["name"], r["entry"]): r for r in rows if r["nk"]}
        for r in list(lost.values())[:examples]:
            print(f"    logic-v2 finds, {cause}: {r['best']:.2f} {r['name']!r} -> {r['entry']!r}")
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        for key in keys_of(r, keys):
            groups[key].append(r)
    for key in sorted(groups):
        rows = groups[key]
        if key == "all" or not _below(rows):
            continue
        print(f"  below logic-v2: {key}")
        lost = {(r["name"], r["entry"]): r for r in rows if r["nk"] and not r["found"]}
        for r in list(lost.values())[:examples]:
            print(f"    {r['best']:.2f} {r['name']!r} -> {r['entry']!r} ({r['cause']})")

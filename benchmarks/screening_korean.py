"""DPRK names as two publishers write them: McCune-Reischauer, Revised Romanization and Hangul.

Run: ``python benchmarks/screening_korean.py [--no-nomenklatura] [--show N] [--entities-cache F]``
(``pip install -e '.[bench]'`` for nomenklatura). Always against the snapshot bundled with the
package, at the default threshold.

The pairs are those of ``screening_outside.py`` (a): the same party on two publishers' lists,
paired by the lists' own data (a UN reference number another list quotes, the CSL's copy of an
SDN entry, a shared passport or registration number), never by a matcher, kept when either
entry is the DPRK's (a UN ``KP`` reference, a DPRK nationality or country, a name in Hangul).
Each name of one entry that the other does not carry verbatim is screened against the other
publisher's lists only; it is found when the paired entry scores at least the threshold.
nomenklatura logic-v2 scores the same candidates (tradeguard's retrieval, top 15) at 0.7;
each line (publisher pair, script, schema) gives both recalls on the same names, and where
tradeguard's is lower, the names logic-v2 finds and tradeguard misses.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from screening_outside import (
    Candidates,
    bundled_entities,
    linked_entries,
    miss_cause,
    nk_scorer,
    paired,
    planned,
    publisher,
    record,
    screener_for,
    trial,
)
from side_by_side import gaps, select, side_by_side

from tradeguard.lists.model import Entity

_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def is_dprk(entity: Entity) -> bool:
    if entity.list == "un_sc" and entity.source_id.startswith("KP"):
        return True
    if "KP" in {*entity.countries, *entity.nationalities}:
        return True
    return any(_HANGUL.search(n.value) for n in entity.names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-nomenklatura", action="store_true")
    parser.add_argument("--show", type=int, default=0, help="print this many misses")
    parser.add_argument("--entities-cache", type=Path, help="pickle of the snapshot's entries")
    parser.add_argument("--index-cache", type=Path, help="pickle of the screener (first use)")
    parser.add_argument("--shard", help="screen every N-th name from the K-th (K/N)")
    parser.add_argument("--records", type=Path, help="write the screened names' records")
    args = parser.parse_args()
    started = time.perf_counter()
    entities = bundled_entities(args.entities_cache)
    by_id = {e.id: e for e in entities}
    screener = screener_for(entities, args.index_cache)
    print(
        f"bundled snapshot: {len(entities)} entries; index built, {time.perf_counter() - started:.0f} s"
    )
    nk = None if args.no_nomenklatura else nk_scorer()
    cands = Candidates(screener)
    pairs = {
        k: v for k, v in paired(entities).items() if is_dprk(by_id[k[0]]) or is_dprk(by_id[k[1]])
    }
    linked = linked_entries(pairs)
    records: list[dict[str, Any]] = []
    failed: dict[str, int] = defaultdict(int)
    threshold = screener.threshold
    publishers: dict[str, list[str]] = defaultdict(list)
    for e_list in sorted({e.list for e in entities}):
        publishers[publisher(e_list)].append(e_list)
    plan = [
        (src, dst, name)
        for a_id, b_id in sorted(pairs)
        for src, dst in ((by_id[a_id], by_id[b_id]), (by_id[b_id], by_id[a_id]))
        for name in planned(src, dst)
    ]
    out = args.records.open("w", encoding="utf-8") if args.records else None
    for src, dst, name in select(plan, 0, args.shard, 0):
        lists = publishers[publisher(dst.list)]
        t = trial(src, dst, name, lists, screener, by_id, linked, nk, cands)
        if t.failed:
            failed[t.failed] += 1
        cause = None
        if not t.found:
            cause = t.failed or miss_cause(
                t.matches,
                [by_id[x] for x in sorted(t.targets)],
                t.name.value,
                dst,
                screener,
                src.schema,
            )
        records.append(record(t, cause))
        if out is not None:  # written as they come: a run cut short keeps its part
            out.write(json.dumps(records[-1], ensure_ascii=False) + "\n")
            out.flush()
    if out is not None:
        out.close()
    print(f"DPRK pairs by the lists' own data: {len(pairs)}; names screened at {threshold}")
    side_by_side(records, ("",), "recall")
    print(f"  misses with no answer from the screener (counted above): {dict(failed) or 'none'}")
    gaps(records, ("",), 3)
    for r in [r for r in records if not r["found"]][: args.show]:
        print(f"    MISS {r['keys'][0]} {r['best']:.2f} {r['name']!r} -> {r['entry']!r}")


if __name__ == "__main__":
    main()

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
nomenklatura logic-v2 scores the same candidates (tradeguard's retrieval, top 15).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from screening_outside import (
    Candidates,
    bundled_entities,
    linked_entries,
    nk_scorer,
    paired,
    publisher,
    rate,
    script,
    trials,
)

from tradeguard.lists.model import Entity
from tradeguard.screening import Screener

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
    args = parser.parse_args()
    started = time.perf_counter()
    entities = bundled_entities(args.entities_cache)
    by_id = {e.id: e for e in entities}
    screener = Screener.from_entities(entities)
    print(
        f"bundled snapshot: {len(entities)} entries; index built, {time.perf_counter() - started:.0f} s"
    )
    nk = None if args.no_nomenklatura else nk_scorer()
    cands = Candidates(screener)
    pairs = {
        k: v for k, v in paired(entities).items() if is_dprk(by_id[k[0]]) or is_dprk(by_id[k[1]])
    }
    linked = linked_entries(pairs)
    rows: dict[str, list[tuple[bool, bool | None]]] = defaultdict(list)
    misses: list[str] = []
    failed: dict[str, int] = defaultdict(int)
    threshold = screener.threshold
    publishers: dict[str, list[str]] = defaultdict(list)
    for e_list in sorted({e.list for e in entities}):
        publishers[publisher(e_list)].append(e_list)
    for a_id, b_id in sorted(pairs):
        for src, dst in ((by_id[a_id], by_id[b_id]), (by_id[b_id], by_id[a_id])):
            lists = publishers[publisher(dst.list)]
            for trial in trials(src, dst, lists, screener, by_id, linked, nk, cands):
                name = trial.name.value
                for key in (trial.label, f"script {script(name)}", f"schema {trial.kind}", "all"):
                    rows[key].append((trial.found, trial.nk_found))
                if trial.failed:
                    failed[trial.failed] += 1
                if not trial.found and len(misses) < args.show:
                    misses.append(trial.miss_line())
    print(f"DPRK pairs by the lists' own data: {len(pairs)}; names screened at {threshold}")
    print(f"    {'':<22} {'tradeguard':<22} {'logic-v2' if nk else ''}")
    for key in sorted(rows, key=lambda k: (k != "all", k)):
        values = rows[key]
        ref = rate(bool(n) for _, n in values) if nk else ""
        print(f"    {key:<22} {rate(f for f, _ in values):<22} {ref}")
    print(f"  misses with no answer from the screener (counted above): {dict(failed) or 'none'}")
    for line in misses:
        print(line)


if __name__ == "__main__":
    main()

"""Every original-script name of the lists that give them (METI, MOF, UN, EU), screened exactly
as the list writes it, must find its own entry at or above its list's alert threshold.

Run: ``python benchmarks/original_script_self.py [--show N]``. Against the snapshot bundled
with the package. Names made of company-form words alone (``Акционерное общество``: a field
the list filled with the legal form only) name no party and are counted apart. Prints the
number of names, the misses and the time taken; exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from tradeguard.lists.model import Entity, NameKind
from tradeguard.lists.registry import parse_path
from tradeguard.lists.snapshot import manifest, materialise
from tradeguard.names.analysis import TokenClass, analyse
from tradeguard.screening import Query, Screener

LISTS = ("jp_meti_eul", "jp_mof", "un_sc", "eu_fsf")


def _snapshot() -> list[Entity]:
    out: list[Entity] = []
    with tempfile.TemporaryDirectory() as workdir:
        for item in manifest():
            out.extend(parse_path(materialise(item, Path(workdir))).entities)
    return out


def own_score(screener: Screener, entity: Entity, name: str) -> float:
    """The best score of ``entity`` itself among the results of screening ``name``."""
    best = 0.0
    schema = "Person" if entity.schema == "Person" else None
    for match in screener.screen(Query(name, schema=schema), limit=50):
        for member in match.memberships:
            if member["entity_id"] == entity.id and member["score"] is not None:
                best = max(best, float(member["score"]))
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", type=int, default=20, help="misses to print")
    args = parser.parse_args()
    entities = _snapshot()
    screener = Screener.from_entities(entities)
    names = [
        (entity, name.value)
        for entity in entities
        if entity.list in LISTS
        for name in entity.names
        if name.kind == NameKind.ORIGINAL_SCRIPT and any(ord(c) > 0x2FF for c in name.value)
    ]
    per_list = Counter(entity.list for entity, _ in names)
    started = time.perf_counter()
    missed: list[tuple[str, str, float]] = []
    form_only = 0
    for entity, name in names:
        forms = analyse(name, entity.schema == "Person")
        if not any(t.cls == TokenClass.NAME for f in forms for t in f.tokens):
            form_only += 1
            continue
        score = own_score(screener, entity, name)
        if score < screener.threshold_for(entity.list):
            missed.append((entity.id, name, score))
    took = time.perf_counter() - started
    print(f"original-script names: {len(names)} ({dict(sorted(per_list.items()))})")
    print(f"company forms alone (not screened): {form_only}")
    print(f"own entry below its threshold: {len(missed)}")
    print(f"screening time: {took:.1f} s")
    for entity_id, name, score in missed[: args.show]:
        print(f"  {entity_id}\t{name}\t{score:.4f}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

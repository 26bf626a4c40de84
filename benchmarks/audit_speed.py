"""Bulk audit speed: generated export declarations (one row per line item) through
``audit_declarations``; prints declarations per second.

    python benchmarks/audit_speed.py [--declarations N] [--policy-only] [--workers N]

The declarations mix the motivating patterns: controlled chemicals and resists with and without
licences, machinery to the DPRK, seafood and ores from it, ordinary goods between group-A
countries and transshipment routes. Parties come from a pool of generated company names
(40 per country; real declarations repeat their counterparties). By default the full evaluator is used (the
bundled lists snapshot loaded into a temporary store, the screener and the classifier).
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from tradeguard.shipments import Evaluator, audit_declarations
from tradeguard.shipments.audit import COLUMNS

GOODS = [
    ("Hydrogen fluoride, anhydrous", "281111", "7664-39-3", "1C350.24"),
    ("Positive EUV photoresist, 13.5 nm", "370790", None, "3C002.a.2"),
    ("Fluorinated polyimide, 27 % fluorine", "391190", None, "1C009.b"),
    ("Office chairs", "940131", None, None),
    ("CNC lathe", "845811", None, None),
    ("Centrifugal pumps", "841370", None, None),
    ("Pressure transmitters", "902620", None, None),
    ("Cotton T-shirts", "610910", None, None),
    ("Frozen crab", "030614", None, None),
    ("Monazite concentrate", "261220", None, None),
    ("Diesel fuel", "271019", None, None),
    ("Gold wristwatch", "910111", None, None),
]
ROUTES = [
    ("JP", "KR", None), ("JP", "US", None), ("JP", "CN", None), ("DE", "JP", None),
    ("US", "CN", None), ("KR", "VN", None), ("CN", "KP", None), ("KP", "CN", None),
    ("JP", "MY", "SGSIN"), ("JP", "AE", "HKHKG"),
]  # fmt: skip
WORDS = ["Pacific", "Golden", "Star", "Han", "Asia", "Morning", "Eastern", "Unity", "Dragon", "Sun",
         "Ocean", "Silk", "Jade", "Crown", "Summit", "River", "Bright", "Royal", "Harbor", "Nova"]  # fmt: skip
FORMS = ["Trading Co., Ltd.", "Industries", "Corporation", "Materials Inc.", "GmbH", "K.K."]


def company(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)} {rng.choice(WORDS)} {rng.choice(FORMS)}"


def generate(path: Path, declarations: int, seed: int = 7) -> int:
    """Write ``declarations`` generated declarations to ``path``; returns the number of rows."""
    rng = random.Random(seed)
    # each company has a home country, as in real declarations
    countries = sorted({c for route in ROUTES for c in route[:2]} | {"PK", "IR"})
    pool = {c: [company(rng) for _ in range(40)] for c in countries}
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for n in range(declarations):
            origin, dest, hub = rng.choice(ROUTES)
            end_user = rng.choice(["PK", "IR", dest]) if hub else dest
            licensed = rng.random() < 0.5
            head = {
                "declaration_id": f"D{n:07d}",
                "date": f"20{rng.randint(16, 25)}-{rng.randint(1, 12):02d}-15",
                "export_country": origin,
                "destination": dest,
                "exporter_name": rng.choice(pool[origin]),
                "exporter_country": origin,
                "exporter_address": "1 Export Street",
                "consignee_name": rng.choice(pool[dest]),
                "consignee_country": dest,
                "consignee_address": "" if rng.random() < 0.05 else "2 Import Road",
                "end_user_name": rng.choice(pool[end_user]),
                "end_user_country": end_user,
                "end_user_address": "3 Factory Lane",
                "ports_of_transshipment": hub or "",
                "end_use": rng.choice(
                    ["production", "resale", "research", "for the missile programme"]
                ),
            }
            for line in range(1, rng.randint(1, 4) + 1):
                desc, hs, cas, entry = rng.choice(GOODS)
                row = (
                    dict(head)
                    if line == 1
                    else {"declaration_id": head["declaration_id"], "destination": dest}
                )
                row.update(
                    line=str(line),
                    description=desc,
                    hs=hs,
                    cas=cas or "",
                    control_entry=entry or "",
                    quantity=str(rng.randint(1, 1000)),
                    value=str(rng.randint(100, 100000)),
                    currency="USD",
                    origin="KP" if origin == "KP" else "",
                )
                if entry and licensed:
                    row.update(licence_number=f"L{n}", licence_type=rng.choice(["individual", "general"]),
                               licence_jurisdiction=origin)  # fmt: skip
                writer.writerow(row)
                rows += 1
    return rows


def full_evaluator() -> Evaluator:
    os.environ.setdefault("TRADEGUARD_HOME", tempfile.mkdtemp(prefix="tradeguard-bench-"))
    from tradeguard.lists.snapshot import ensure_loaded
    from tradeguard.store import Store

    store = Store.open()
    ensure_loaded(store)
    return Evaluator.from_store(store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--declarations", type=int, default=5000)
    parser.add_argument("--policy-only", action="store_true", help="no screener or classifier")
    parser.add_argument("--workers", type=int, default=1, help="forked worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "declarations.csv"
        rows = generate(path, args.declarations)
        t0 = time.perf_counter()
        evaluator = Evaluator() if args.policy_only else full_evaluator()
        build = time.perf_counter() - t0
        t1 = time.perf_counter()
        result, _ = audit_declarations(path, evaluator, workers=args.workers)
        elapsed = time.perf_counter() - t1
        # the same file again: every counterparty and item already screened and classified
        # (the steady state of a long audit in which counterparties repeat)
        t2 = time.perf_counter()
        audit_declarations(path, evaluator, workers=args.workers)
        warm = time.perf_counter() - t2
    mode = "policy only" if args.policy_only else "full (screener + classifier)"
    print(f"evaluator: {mode}; built in {build:.2f} s; {args.workers} worker process(es)")
    print(f"declarations: {args.declarations} ({rows} line items)")
    print(f"audit: {elapsed:.2f} s = {args.declarations / elapsed:,.0f} declarations/s")
    print(
        f"audit again (warm caches): {warm:.2f} s = {args.declarations / warm:,.0f} declarations/s"
    )
    print("verdicts:", result.summary["verdicts"], "unauthorised:", result.summary["unauthorised"])
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""Response time of the web pages on the bundled lists: p50 and p95 per page.

Builds a temporary SQLite store holding the bundled snapshot of the real lists, signs in as an
analyst through the log-in page and requests each page ``--rounds`` times in the server's own
process (FastAPI's test client: the figures are the application's time, without the network).
Pages that decide (screening, the shipment form) write an audit record each time, as in use.

Target: p95 <= 300 ms per page.

    python benchmarks/web_pages.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_MS = 300.0
NAMES = [
    "Korea Ryonbong General Corp",
    "조선련봉총회사",
    "朝鮮連峰総会社",
    "Samsung Electronics Co., Ltd.",
    "Kim Jong Sik",
    "Dandong Hengyuan Machinery Trading Co., Ltd.",
]
SHIPMENT = {
    "id": "BENCH-1",
    "destination": "中国",
    "exporter.name": "Morita Chemical Trading Co., Ltd.",
    "exporter.country": "JP",
    "exporter.address": "1-2-3 Marunouchi, Tokyo",
    "consignee.name": "Dandong Hengyuan Machinery Trading Co., Ltd.",
    "consignee.country": "CN",
    "consignee.address": "Dandong",
    "items.0.description": "Centrifugal pumps, stainless steel",
    "items.0.hs": "8413.70",
    "items.0.value": "16000",
    "items.0.currency": "USD",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="tg-bench-web-"))
    os.environ["TRADEGUARD_HOME"] = str(home)
    os.environ.pop("TRADEGUARD_DATABASE_URL", None)

    from fastapi.testclient import TestClient

    from tradeguard.accounts import users
    from tradeguard.accounts.users import Actor, Role
    from tradeguard.lists.snapshot import ensure_loaded
    from tradeguard.server import create_app
    from tradeguard.store import Store

    store = Store.open(f"sqlite:///{home / 'bench.db'}")
    ensure_loaded(store)
    users.add_user(store, Actor("cli:bench", Role.ADMIN), "ana", "bench password 1", "analyst")
    app = create_app(store, schedule=False, warm=True)
    with TestClient(app) as client:
        r = client.post("/ui/login", data={"username": "ana", "password": "bench password 1"})
        match = re.search(r'name="csrf" value="([^"]+)"', r.text)
        if r.status_code != 200 or match is None:
            print(f"log-in failed: {r.status_code}", file=sys.stderr)
            return 1
        csrf = match.group(1)
        n = 0

        def screen() -> object:
            nonlocal n
            n += 1
            name = NAMES[n % len(NAMES)]
            return client.post("/ui/screen", data={"csrf": csrf, "name": name})

        pages: dict[str, Callable[[], object]] = {
            "GET /ui/ (dashboard)": lambda: client.get("/ui/"),
            "GET /ui/screen": lambda: client.get("/ui/screen"),
            "POST /ui/screen": screen,
            "GET /ui/shipment/form": lambda: client.get("/ui/shipment/form"),
            "POST /ui/shipment/form": lambda: client.post(
                "/ui/shipment/form", data=SHIPMENT | {"csrf": csrf}
            ),
            "GET /ui/exposure?q=": lambda: client.get(
                "/ui/exposure", params={"q": "International Trading Co., Ltd."}
            ),
            "GET /ui/cases": lambda: client.get("/ui/cases"),
            "GET /ui/lists": lambda: client.get("/ui/lists"),
        }
        worst = 0.0
        print(f"{'page':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for label, call in pages.items():
            call()  # warm: caches, first index use
            times = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                response = call()
                times.append((time.perf_counter() - start) * 1000)
                status = getattr(response, "status_code", 0)
                if status >= 400:
                    print(f"{label}: HTTP {status}", file=sys.stderr)
                    return 1
            times.sort()
            p95 = times[max(0, round(0.95 * len(times)) - 1)]
            worst = max(worst, p95)
            print(f"{label:<28} {statistics.median(times):8.1f} {p95:8.1f} {times[-1]:8.1f}")
    store.close()
    verdict = "met" if worst <= TARGET_MS else "MISSED"
    print(f"worst p95 {worst:.1f} ms: target <= {TARGET_MS:.0f} ms {verdict}")
    return 0 if worst <= TARGET_MS else 2


if __name__ == "__main__":
    raise SystemExit(main())

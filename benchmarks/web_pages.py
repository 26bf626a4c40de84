"""Response time of the web pages on the bundled lists: p50 and p95 per page.

Builds a temporary SQLite store holding the bundled snapshot of the real lists (and, before
it, the UN list of 2025-11-20 from ``$TRADEGUARD_DATA_DIR``, so that the list diff page compares
two real publications), signs in as an analyst through the log-in page and requests each page
``--rounds`` times in the server's own process (FastAPI's test client: the figures are the
application's time, without the network; ``cpu p95`` is the process's CPU time per request,
which a busy machine does not stretch as it does the wall-clock figures). Pages that decide (screening, the shipment form)
write an audit record each time, as in use. Every page is covered: the dashboard, screening
and an entity with its graph, the shipment form and document, exposure search, page and graph,
the cases list, a case and its PDF report (as a reviewer), the lists and the UN list's diff,
the batch page and the results of a batch job of the 674 names of ``benchmarks/clean_book.csv``
with their CSV download.

Target: p95 <= 300 ms per page.

    python benchmarks/web_pages.py [--rounds 30]
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_MS = 300.0
HERE = Path(__file__).resolve().parent
#: an earlier UN list, loaded before the snapshot's (2026-02-27): the diff page's older version
UN_EARLIER = Path("lists/un/consolidated-2025-11-20.xml")
EXPOSED = "Korea Ryonbong General Corporation"
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

    from tradeguard import settings
    from tradeguard.accounts import users
    from tradeguard.accounts.users import Actor, Role
    from tradeguard.lists.registry import parse_path
    from tradeguard.lists.snapshot import load_snapshot
    from tradeguard.server import create_app
    from tradeguard.store import Store

    data = settings.data_dir()
    if data is None or not (data / UN_EARLIER).is_file():
        print(f"set TRADEGUARD_DATA_DIR to the directory holding {UN_EARLIER}", file=sys.stderr)
        return 1
    store = Store.open(f"sqlite:///{home / 'bench.db'}")
    store.load(parse_path(data / UN_EARLIER, "un_sc"))
    load_snapshot(store)
    admin = Actor("cli:bench", Role.ADMIN)
    users.add_user(store, admin, "ana", "bench password 1", "analyst")
    users.add_user(store, admin, "rita", "bench password 1", "reviewer")
    app = create_app(store, schedule=False, warm=True)
    with TestClient(app) as client, TestClient(app) as reviewer:
        csrf = log_in(client, "ana")
        if csrf is None or log_in(reviewer, "rita") is None:
            print("log-in failed", file=sys.stderr)
            return 1
        n = 0

        def screen() -> object:
            nonlocal n
            n += 1
            name = NAMES[n % len(NAMES)]
            return client.post("/ui/screen", data={"csrf": csrf, "name": name})

        found = client.post(
            "/ui/screen", data={"csrf": csrf, "name": EXPOSED, "open_cases": "1"}
        ).text
        entity = _first(r'href="/ui/entity/([^"/?]+)"', found)
        case = _first(r'href="/ui/cases/(\d+)"', client.get("/ui/cases").text)
        job = _batch_job(client, csrf)
        if entity is None or case is None or job is None:
            print(f"set-up failed: entity {entity}, case {case}, job {job}", file=sys.stderr)
            return 1
        exposed = {"q": EXPOSED}
        pages: dict[str, Callable[[], object]] = {
            "GET /ui/ (dashboard)": lambda: client.get("/ui/"),
            "GET /ui/screen": lambda: client.get("/ui/screen"),
            "POST /ui/screen": screen,
            "GET /ui/entity/{id}": lambda: client.get(f"/ui/entity/{entity}"),
            "GET /ui/entity/{id}/graph.json": lambda: client.get(f"/ui/entity/{entity}/graph.json"),
            "GET /ui/shipment/form": lambda: client.get("/ui/shipment/form"),
            "POST /ui/shipment/form": lambda: client.post(
                "/ui/shipment/form", data=SHIPMENT | {"csrf": csrf}
            ),
            "GET /ui/shipment": lambda: client.get("/ui/shipment"),
            "GET /ui/exposure?q= (search)": lambda: client.get(
                "/ui/exposure", params={"q": "International Trading Co., Ltd."}
            ),
            "GET /ui/exposure?q= (party)": lambda: client.get("/ui/exposure", params=exposed),
            "GET /ui/exposure/graph.json": lambda: client.get(
                "/ui/exposure/graph.json", params={"id": EXPOSED}
            ),
            "GET /ui/cases": lambda: client.get("/ui/cases"),
            "GET /ui/cases/{id}": lambda: client.get(f"/ui/cases/{case}"),
            "GET /ui/cases/{id}/report.pdf": lambda: reviewer.get(f"/ui/cases/{case}/report.pdf"),
            "GET /ui/lists": lambda: client.get("/ui/lists"),
            "GET /ui/lists/un_sc/diff": lambda: client.get("/ui/lists/un_sc/diff"),
            "GET /ui/batch": lambda: client.get("/ui/batch"),
            "GET /ui/batch/{id} (674 rows)": lambda: client.get(f"/ui/batch/{job}"),
            "GET /ui/batch/{id}/download.csv": lambda: client.get(f"/ui/batch/{job}/download.csv"),
        }
        worst = 0.0
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'cpu p95':>8}")
        for label, call in pages.items():
            call()  # warm: caches, first index use
            times, cpu = [], []
            for _ in range(args.rounds):
                start, start_cpu = time.perf_counter(), time.process_time()
                response = call()
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
                status = getattr(response, "status_code", 0)
                if status >= 400:
                    print(f"{label}: HTTP {status}", file=sys.stderr)
                    return 1
            p95, cpu95 = _p95(times), _p95(cpu)
            worst = max(worst, p95)
            print(
                f"{label:<34} {statistics.median(times):8.1f} {p95:8.1f} {max(times):8.1f} "
                f"{cpu95:8.1f}"
            )
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    store.close()
    shutil.rmtree(home, ignore_errors=True)
    verdict = "met" if worst <= TARGET_MS else "MISSED"
    print(f"worst p95 {worst:.1f} ms: target <= {TARGET_MS:.0f} ms {verdict}")
    return 0 if worst <= TARGET_MS else 2


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def log_in(client: Any, username: str) -> str | None:
    """Log ``username`` in through the log-in page; the session's CSRF token (None: refused)."""
    r = client.post("/ui/login", data={"username": username, "password": "bench password 1"})
    return _first(r'name="csrf" value="([^"]+)"', r.text) if r.status_code == 200 else None


def _first(pattern: str, text: str) -> str | None:
    match = re.search(pattern, text)
    return match.group(1) if match else None


def _batch_job(client: Any, csrf: str) -> str | None:
    """Upload the clean book's names to the batch page and wait for the job to finish."""
    with (HERE / "clean_book.csv").open(encoding="utf-8", newline="") as fh:
        book = list(csv.DictReader(fh))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "name", "country"])
    for number, row in enumerate(book, 1):
        writer.writerow([f"cb-{number}", row["name"], row["country"]])
    r = client.post(
        "/ui/batch",
        data={"csrf": csrf},
        files={"file": ("clean_book.csv", out.getvalue().encode(), "text/csv")},
        follow_redirects=False,
    )
    job = _first(r"/ui/batch/([0-9a-f]+)", r.headers.get("location", ""))
    if job is None:
        return None
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:  # the job runs in a thread of the server
        status = client.get(f"/ui/batch/{job}", headers={"HX-Request": "true"}).text
        if "download.csv" in status:
            return job
        time.sleep(0.5)
    return None


if __name__ == "__main__":
    raise SystemExit(main())

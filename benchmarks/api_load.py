"""Load test of the REST API: concurrent clients against a server on 127.0.0.1.

Starts ``tradeguard serve`` (uvicorn, ``--workers`` processes) on a free local port over a
store holding the bundled snapshot of the real lists (a temporary SQLite file, or
``$TRADEGUARD_DATABASE_URL``), creates a user and token, warms the workers, then for each of
``POST /screen`` and ``POST /evaluate`` runs ``--clients`` keep-alive connections for
``--seconds`` and prints requests/s, p50/p95/p99 latency and the error count. Every request
is a real decision: authenticated, screened/evaluated and written to the audit chain.

Target on 2 cores: >= 300 screen requests/s with p99 <= 50 ms and no errors.

    python benchmarks/api_load.py [--workers 2] [--clients 8] [--seconds 10]
    python benchmarks/api_load.py --url http://127.0.0.1:8000 --token tg_...   # a running server

The client is a minimal asyncio HTTP/1.1 client (one request in flight per connection), so
that on a 2-core machine it takes as little CPU from the server as possible. Traffic goes to
127.0.0.1 only, and every loop is bounded in time.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "shipments"

#: Party names: designated entries (in several scripts and spellings) and ordinary companies.
NAMES = [
    "Korea International Chemical Joint Venture Company",
    "KOREA RYONBONG GENERAL CORPORATION",
    "Korea Mining Development Trading Corporation",
    "조선광업개발무역회사",
    "Yun Ho Jin",
    "Kim Jong Un",
    "Islamic Revolutionary Guard Corps",
    "Rosoboronexport",
    "Acme Office Furniture GmbH",
    "Mitsubishi Heavy Industries",
    "Samsung Electronics Co., Ltd.",
    "Dandong Hengyuan Machinery Trading Co., Ltd.",
    "Tokyo Precision Instruments KK",
    "Hassan Nasrallah",
    "Viktor Bout",
    "Pyongyang Machine Tool Import Company",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(workers: int, url: str, port: int, notify: str) -> subprocess.Popen[bytes]:
    """The server, saying ``READY=1`` on the datagram socket ``notify`` once every worker
    serves (``$NOTIFY_SOCKET``, as to systemd)."""
    env = {
        **os.environ,
        "TRADEGUARD_DATABASE_URL": url,
        "TRADEGUARD_SCHEDULE": "0",
        "NOTIFY_SOCKET": notify,
    }
    code = f"from tradeguard.server import serve; serve('127.0.0.1', {port}, {workers}, 'warning')"
    return subprocess.Popen([sys.executable, "-c", code], env=env)


def wait_started(proc: subprocess.Popen[bytes], notices: socket.socket, timeout: float) -> None:
    """Wait for the server's ``READY=1``; stop if it exits or says nothing for ``timeout`` s."""
    deadline = time.monotonic() + timeout
    notices.settimeout(1)
    while time.monotonic() < deadline:
        try:
            if "READY=1" in notices.recv(4096).decode().splitlines():
                return
        except TimeoutError:
            if proc.poll() is not None:
                sys.exit(f"the server exited with code {proc.returncode}")
    sys.exit(f"the server did not say it was ready within {timeout:g} s")


def wait_health(base: str, timeout: float) -> None:
    """Wait for a running server's /health to answer 200."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/health", timeout=5).status_code == 200:
                return
        time.sleep(0.5)
    sys.exit(f"{base}/health did not answer 200 within {timeout:g} s")


def warm_up(base: str, token: str, workers: int) -> None:
    """Until every worker has answered a screening and a shipment evaluation (new
    connections land on the workers at random)."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    shipment = shipments()[0]
    for _ in range(workers * 8):
        with httpx.Client(base_url=base, timeout=600) as client:
            r = client.post("/screen", json={"name": "warm up"}, headers=headers)
            r.raise_for_status()
            r = client.post("/evaluate", content=shipment, headers=headers)
            r.raise_for_status()


def prepare_store(url: str) -> str:
    """Load the snapshot into the store and return a fresh token of a benchmark analyst."""
    from tradeguard.accounts import tokens, users
    from tradeguard.accounts.errors import ConflictError
    from tradeguard.accounts.users import Actor, Role
    from tradeguard.lists.snapshot import ensure_loaded
    from tradeguard.store import Store

    store = Store.open(url)
    ensure_loaded(store)
    admin = Actor("benchmark", Role.ADMIN)
    with contextlib.suppress(ConflictError):
        users.add_user(store, admin, "bench", "load test pass phrase 42", "analyst")
    holder = users.get_user(store, "bench").actor  # a token is issued to its holder only
    token = tokens.issue_token(store, holder, "bench", "api_load").token
    store.close()
    return token


def shipments() -> list[bytes]:
    out = []
    for path in sorted(EXAMPLES.glob("*")):
        if path.suffix in (".yaml", ".yml"):
            data = yaml.safe_load(path.read_text("utf-8"))
        elif path.suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
        else:
            continue
        out.append(json.dumps(data).encode())
    return out


async def client_loop(
    host: str,
    port: int,
    path: str,
    bodies: list[bytes],
    token: str,
    offset: int,
    stop_at: float,
    latencies: list[float],
    errors: list[str],
) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    i = offset
    try:
        while time.monotonic() < stop_at:
            body = bodies[i % len(bodies)]
            i += 1
            request = (
                f"POST {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
            ).encode() + body
            started = time.perf_counter()
            writer.write(request)
            status_line = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.lower() == "content-length":
                    length = int(value.strip())
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            status = status_line.split(b" ", 2)[1:2]
            if status != [b"200"]:
                errors.append(status_line.decode("latin-1").strip())
    except (ConnectionError, asyncio.IncompleteReadError) as exc:
        errors.append(f"connection: {exc}")
    finally:
        writer.close()


async def drive(
    base: str, path: str, bodies: list[bytes], token: str, clients: int, seconds: float
) -> dict[str, Any]:
    parts = urlsplit(base)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    latencies: list[float] = []
    errors: list[str] = []
    started = time.monotonic()
    stop_at = started + seconds
    await asyncio.gather(
        *(
            client_loop(host, port, path, bodies, token, n * 7, stop_at, latencies, errors)
            for n in range(clients)
        )
    )
    elapsed = time.monotonic() - started
    ms = sorted(x * 1000 for x in latencies)

    def pct(p: float) -> float:
        return ms[min(len(ms) - 1, int(p / 100 * len(ms)))] if ms else float("nan")

    return {
        "endpoint": f"POST {path}",
        "requests": len(ms),
        "seconds": round(elapsed, 2),
        "rps": round(len(ms) / elapsed, 1),
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p95_ms": round(pct(95), 2),
        "p99_ms": round(pct(99), 2),
        "errors": len(errors),
        "error_sample": errors[:3],
    }


def server_cpu_seconds(proc: subprocess.Popen[bytes] | None) -> float | None:
    """User + system CPU time of the server process and its workers so far (None when the
    server is not ours). Per request, it does not depend on what else the machine runs."""
    if proc is None:
        return None
    try:
        import psutil
    except ImportError:
        return None
    try:
        parent = psutil.Process(proc.pid)
        total = 0.0
        for p in [parent, *parent.children(recursive=True)]:
            times = p.cpu_times()
            total += times.user + times.system
        return total
    except psutil.Error:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="A running server (default: start one).")
    parser.add_argument("--token", help="API token for --url.")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers (own server).")
    parser.add_argument("--clients", type=int, default=8, help="Concurrent connections.")
    parser.add_argument("--seconds", type=float, default=10.0, help="Duration per endpoint.")
    args = parser.parse_args()
    if args.seconds <= 0 or args.seconds > 600:
        parser.error("--seconds must be in (0, 600]")

    proc = None
    tmp = tempfile.TemporaryDirectory()
    notices = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        if args.url:
            if not args.token:
                parser.error("--url needs --token")
            base, token = args.url.rstrip("/"), args.token
            host = urlsplit(base).hostname or ""
            if not host.startswith("127.") and host not in ("localhost", "::1"):
                parser.error("this benchmark only drives servers on the loopback address")
            wait_health(base, timeout=600)
        else:
            db_url = os.environ.get("TRADEGUARD_DATABASE_URL") or f"sqlite:///{tmp.name}/bench.db"
            os.environ.setdefault("TRADEGUARD_HOME", tmp.name)
            print(f"preparing the store ({db_url.split('://')[0]}) ...", flush=True)
            token = prepare_store(db_url)
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            print(f"starting {args.workers} worker(s) on {base} ...", flush=True)
            notices.bind(f"{tmp.name}/notify")
            proc = start_server(args.workers, db_url, port, f"{tmp.name}/notify")
            wait_started(proc, notices, timeout=600)
        warm_up(base, token, args.workers)
        print(f"{args.clients} clients, {args.seconds:g} s per endpoint, {os.cpu_count()} cores")
        screens = [json.dumps({"name": n}).encode() for n in NAMES]
        for path, bodies in (("/screen", screens), ("/evaluate", shipments())):
            load = os.getloadavg()[0]
            cpu_before, client_before = server_cpu_seconds(proc), time.process_time()
            result = asyncio.run(drive(base, path, bodies, token, args.clients, args.seconds))
            cpu_after, client_cpu = server_cpu_seconds(proc), time.process_time() - client_before
            n = max(result["requests"], 1)
            cpu = (
                f"server {1000 * (cpu_after - cpu_before) / n:.2f} ms CPU/request, "
                if cpu_before is not None and cpu_after is not None
                else ""
            )
            print(
                f"{result['endpoint']:<16} {result['rps']:>8.1f} req/s  "
                f"p50 {result['p50_ms']} ms  p95 {result['p95_ms']} ms  "
                f"p99 {result['p99_ms']} ms  errors {result['errors']}  "
                f"({result['requests']} requests in {result['seconds']} s; {cpu}"
                f"client {1000 * client_cpu / n:.2f} ms CPU/request; "
                f"load average {load:.1f} before, {os.getloadavg()[0]:.1f} after)"
            )
            if result["error_sample"]:
                print(f"  errors, e.g.: {result['error_sample']}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=60)
        notices.close()
        tmp.cleanup()


if __name__ == "__main__":
    main()

"""The server: the composition root that builds one ASGI app from the REST API and the web
pages, and runs it with uvicorn (``tradeguard serve``).

It is the only module that imports more than one face: the API (:mod:`tradeguard.api`) and
the pages (:mod:`tradeguard.web`) never import each other.

Several workers on Linux each listen on a socket of their own, all bound to the same address
with ``SO_REUSEPORT``, so the kernel spreads new connections over the workers. With uvicorn's
single shared socket, whichever idle worker wakes first accepts every connection waiting, and
a burst of keep-alive clients often ends up on one worker while the others idle. Elsewhere
(no ``SO_REUSEPORT`` load balancing) uvicorn's own workers are used.

With ``$NOTIFY_SOCKET`` set (systemd's ``Type=notify``), the supervisor says ``READY=1`` once
every worker serves, and again whenever a replaced worker serves.

A worker starts without the database (requests that need it are 503 until it answers). A
worker that cannot start at all stops the server while it starts (a port in use, a store URL
that is wrong: exit 3); once the server has served, the supervisor starts it again after
0.5 s, doubling up to 30 s, and the other workers go on serving.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing import connection
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import TYPE_CHECKING, Any

from tradeguard import api, settings, web

if TYPE_CHECKING:
    import uvicorn
    from fastapi import FastAPI

    from tradeguard.screening import Screener
    from tradeguard.store import Store

APP = "tradeguard.server:app_from_env"
STARTUP_FAILURE = 3  # uvicorn's exit code for a worker that cannot load the app or bind
#: A worker that dies is replaced, unless workers die this often (a crash loop).
RESTARTS_PER_MINUTE = 5
#: Seconds before a worker that could not start is started again, doubled after each failure
#: up to ``BACKOFF_MOST`` (back to ``BACKOFF_FIRST`` once a worker of its place serves).
BACKOFF_FIRST = 0.5
BACKOFF_MOST = 30.0

log = logging.getLogger("uvicorn.error")


def create_app(
    store: Store | None = None,
    *,
    screener_factory: Callable[[Store], Screener] | None = None,
    schedule: bool | None = None,
    warm: bool | None = None,
) -> FastAPI:
    """The REST API (:func:`tradeguard.api.create_app`, same arguments) with the web pages
    under ``/ui``."""
    app = api.create_app(store, screener_factory=screener_factory, schedule=schedule, warm=warm)
    web.mount(app)
    return app


def app_from_env() -> FastAPI:
    """The factory ``uvicorn --factory`` calls in each worker process. A store that cannot
    be opened as configured (not a database URL, no driver, no such directory), or a setting
    refused at start (``$TRADEGUARD_TIME_ZONE``), is one line in the log and the worker's exit
    code ``STARTUP_FAILURE``; a database that does not answer is not (the app starts, see
    :func:`tradeguard.api.create_app`)."""
    from tradeguard.errors import InputError, StoreError

    try:
        return create_app()
    except (StoreError, InputError) as exc:
        log.error("%s", exc)
        sys.exit(STARTUP_FAILURE)


def serve(
    host: str = "127.0.0.1", port: int = 8000, workers: int = 1, log_level: str = "info"
) -> None:
    if workers < 1:
        raise ValueError("workers must be at least 1")
    import uvicorn

    if workers > 1 and reuseport_balances():
        uvicorn.Config(APP, log_level=log_level)  # sets up uvicorn's logging in this process
        try:
            supervisor = Supervisor(host, port, workers, log_level)
        except OSError as exc:
            log.error("cannot listen on %s:%d: %s", host, port, exc.strerror or exc)
            sys.exit(STARTUP_FAILURE)
        supervisor.run()
        return

    if workers == 1:
        config = uvicorn.Config(APP, factory=True, host=host, port=port, **_options(log_level))
        started: list[bool] = []

        def serving() -> None:
            started.append(True)
            notify("READY=1\nSTATUS=serving")

        with contextlib.suppress(KeyboardInterrupt):
            _run(config, serving)
        if not started:
            sys.exit(STARTUP_FAILURE)  # as uvicorn.run does
        return
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, **_options(log_level))


def _options(log_level: str) -> dict[str, Any]:
    # The access log is off in production: every decision is in the audit log already, and
    # a log line per request costs the worker as much as authenticating it.
    # Forwarded headers are believed only from the proxies the operator names (uvicorn's own
    # default trusts any client on 127.0.0.1, which would let a local client pose as anyone).
    proxies = settings.trusted_proxies()
    return {
        "log_level": log_level,
        "access_log": False,
        "timeout_keep_alive": 30,
        "proxy_headers": proxies is not None,
        "forwarded_allow_ips": proxies or "",
    }


def reuseport_balances() -> bool:
    """Whether the kernel spreads connections over sockets sharing a port (Linux >= 3.9)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def reuseport_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


def notify(state: str) -> bool:
    """Send ``state`` (``READY=1``, ``STATUS=...``) to the service manager at
    ``$NOTIFY_SOCKET``; False when none is named or it cannot be reached."""
    address = settings.notify_socket()
    if address is None:
        return False
    if address.startswith("@"):
        address = "\0" + address[1:]  # an abstract socket
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.sendto(state.encode(), address)
    except OSError as exc:
        log.warning("cannot notify the service manager: %s", exc)
        return False
    return True


def _worker(
    host: str, port: int, log_level: str, supervisor: Connection, ready: Connection
) -> None:
    """One worker process: its own listening socket, one uvicorn server. It tells the
    supervisor on ``ready`` when it serves, and stops (as on SIGTERM: the requests in flight
    are finished) when the supervisor is gone, even killed."""
    import uvicorn

    try:
        sock = reuseport_socket(host, port)
    except OSError as exc:
        log.error("cannot listen on %s:%d: %s", host, port, exc)
        sys.exit(STARTUP_FAILURE)
    threading.Thread(target=_stop_with, args=(supervisor,), daemon=True).start()

    def serving() -> None:
        with contextlib.suppress(OSError):
            ready.send(os.getpid())

    config = uvicorn.Config(APP, factory=True, **_options(log_level))
    _run(config, serving, sockets=[sock])


def _run(
    config: uvicorn.Config,
    serving: Callable[[], None],
    sockets: list[socket.socket] | None = None,
) -> None:
    """Run one uvicorn server; ``serving()`` is called once it listens, the app started."""
    import uvicorn

    class Server(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                serving()

    Server(config).run(sockets=sockets)


def _stop_with(supervisor: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        supervisor.recv()  # nothing is ever sent: this returns when the other end closes
    os.kill(os.getpid(), signal.SIGTERM)


class Supervisor:
    """Starts ``workers`` worker processes, replaces one that dies, and stops them all on
    SIGINT or SIGTERM. It holds the address bound (never listening) while it runs, so that
    a port already in use fails at once and port 0 names one port for every worker.

    A worker that dies after it served is replaced at once, unless workers died more than
    ``RESTARTS_PER_MINUTE`` times in the last minute (a crash loop: the server stops). One
    that dies before it serves stops the server while the server starts (its configuration
    is wrong); once every worker has served, it is started again after a delay
    (``BACKOFF_FIRST`` doubling to ``BACKOFF_MOST``), each attempt logged."""

    def __init__(self, host: str, port: int, workers: int, log_level: str) -> None:
        self.host = host
        self.workers = workers
        self.log_level = log_level
        self._reserved = reuseport_socket(host, port)  # raises OSError when the port is taken
        self.port: int = self._reserved.getsockname()[1]
        self._stop = threading.Event()
        self._context = multiprocessing.get_context("spawn")
        self._lifelines: dict[BaseProcess, Connection] = {}
        self._starting: dict[BaseProcess, Connection] = {}  # workers not serving yet
        self.processes: list[BaseProcess] = []
        self.failed = False
        self._served = False  # every worker has served once: the configuration works
        self._restarts: list[float] = []  # when workers that had served were replaced
        self._delays = [BACKOFF_FIRST] * workers  # the next delay of each place
        self._attempts = [0] * workers  # failed starts in a row of each place
        self._due: dict[int, float] = {}  # places waiting to start again: when

    def _start(self) -> BaseProcess:
        theirs, ours = self._context.Pipe(duplex=False)
        hears, says = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_worker, args=(self.host, self.port, self.log_level, theirs, says)
        )
        process.start()
        theirs.close()
        says.close()
        self._lifelines[process] = ours  # closed when this process ends, however it ends
        self._starting[process] = hears
        return process

    def _wait(self) -> bool:
        """Wait half a second, or less when a starting worker says it serves (or dies) or a
        worker is due to start again; True when the supervisor is to stop."""
        timeout = 0.5
        if self._due:
            timeout = max(0.0, min(timeout, min(self._due.values()) - time.monotonic()))
        if self._starting:
            connection.wait(list(self._starting.values()), timeout=timeout)
            return self._stop.is_set()
        return self._stop.wait(timeout)

    def _heard(self) -> None:
        """Take the word of the workers that now serve; once every worker serves, tell the
        service manager."""
        if not self._starting:
            return
        for process, hears in list(self._starting.items()):
            try:
                if not hears.poll():
                    continue
                hears.recv()
            except (EOFError, OSError):
                continue  # it died before serving: it is replaced
            hears.close()
            del self._starting[process]
            place = self.processes.index(process)
            self._delays[place], self._attempts[place] = BACKOFF_FIRST, 0
        if not self._starting and not self._due:
            self._served = True
            notify(f"READY=1\nSTATUS={self.workers} workers serving")

    def _start_due(self) -> None:
        now = time.monotonic()
        for place, at in list(self._due.items()):
            if at <= now:
                del self._due[place]
                self.processes[place] = self._start()
                log.info(
                    "worker %s started (attempt %d)",
                    self.processes[place].pid,
                    self._attempts[place] + 1,
                )

    def _replace(self, place: int, process: BaseProcess) -> bool:
        """A worker that exited is started again, now or later; False: the server stops."""
        self._lifelines.pop(process).close()
        served = process not in self._starting
        if not served:
            self._starting.pop(process).close()
        code = process.exitcode
        if not served and self._served:
            delay = self._delays[place]
            self._delays[place] = min(delay * 2, BACKOFF_MOST)
            self._attempts[place] += 1
            self._due[place] = time.monotonic() + delay
            log.warning(
                "worker %s could not start (exit code %s, attempt %d); trying again in %.1f s",
                process.pid,
                code,
                self._attempts[place],
                delay,
            )
            serving = sum(
                i not in self._due and p not in self._starting and p.is_alive()
                for i, p in enumerate(self.processes)
            )
            notify(
                f"STATUS={serving} of {self.workers} workers serving; "
                f"a worker could not start, trying again in {delay:.1f} s"
            )
            return True
        now = time.monotonic()
        self._restarts = [t for t in self._restarts if now - t < 60] + [now]
        if (not served and code == STARTUP_FAILURE) or len(self._restarts) > RESTARTS_PER_MINUTE:
            log.error("worker %s exited with code %s; stopping", process.pid, code)
            return False
        log.warning("worker %s exited with code %s; starting another", process.pid, code)
        self.processes[place] = self._start()
        return True

    def _signal(self, signum: int, frame: FrameType | None) -> None:
        self._stop.set()

    def run(self) -> None:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, self._signal)
        log.info("%d workers on http://%s:%d", self.workers, self.host, self.port)
        try:
            self.processes = [self._start() for _ in range(self.workers)]
            while not self._wait():
                self._heard()
                self._start_due()
                for place, process in enumerate(self.processes):
                    if place in self._due or process.is_alive():
                        continue
                    if not self._replace(place, process):
                        self.failed = True
                        self._stop.set()
                        break
        finally:
            for process in self.processes:
                if process.is_alive():
                    process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
            for process in self.processes:
                process.join(timeout=30)
                if process.is_alive():
                    process.kill()
                    process.join()
            for lifeline in [*self._lifelines.values(), *self._starting.values()]:
                lifeline.close()
            self._reserved.close()
        if self.failed:
            sys.exit(STARTUP_FAILURE)

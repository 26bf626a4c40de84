"""The shared state of the use cases in one process: the store, the warm screener (rebuilt
when a list changes), the ownership network, the runtime settings (re-read every few seconds)
and the decision limiter of a server."""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import anyio.to_thread

from tradeguard import settings
from tradeguard.accounts.tokens import TokenCache
from tradeguard.cases.config import get_config
from tradeguard.lists.snapshot import ensure_loaded
from tradeguard.screening import Screener
from tradeguard.store import Store

if TYPE_CHECKING:
    from tradeguard.network.graph import Graph
    from tradeguard.network.party_map import PartyMap
    from tradeguard.shipments import Evaluator

T = TypeVar("T")
log = logging.getLogger("uvicorn.error")


@dataclass
class Runtime:
    """What the use cases share in one process: the store, the warm screener for the current
    list versions, the ownership network, the runtime settings and the token cache."""

    store: Store
    screener_factory: Callable[[Store], Screener] | None = None
    _screener: Screener | None = None
    _screener_key: str | None = None
    #: when the store was last asked for the current list versions (``time.monotonic()``;
    #: minus infinity: never, ask at the next request)
    screener_checked: float = -math.inf
    _lock: threading.Lock = field(default_factory=threading.Lock)
    recheck_seconds: float = 5.0
    _config: dict[str, Any] | None = None
    _config_at: float = 0.0
    tokens: TokenCache = field(init=False)
    decision_threads: int = field(default_factory=settings.decision_threads)
    _decisions: anyio.CapacityLimiter | None = None
    _decisions_loop: asyncio.AbstractEventLoop | None = None
    _warm: bool = False
    _versions: list[dict[str, Any]] = field(default_factory=list)
    _network: Any = None
    _network_at: float = 0.0
    _parties: Any = None

    def __post_init__(self) -> None:
        self.tokens = TokenCache(self.store, settings.token_cache_seconds())

    async def decide(self, fn: Callable[..., T], *args: Any) -> T:
        """Run ``fn(*args)`` (a decision and its audit record) in a worker thread, at most
        ``decision_threads`` at a time in this process, the others waiting in arrival order.
        A decision is CPU-bound Python: more threads only fight over the interpreter lock,
        which also slows the one holding the audit log's write turn, and every request's
        latency grows with the crowd."""
        loop = asyncio.get_running_loop()
        if self._decisions is None or self._decisions_loop is not loop:
            self._decisions = anyio.CapacityLimiter(self.decision_threads)
            self._decisions_loop = loop
        return await anyio.to_thread.run_sync(functools.partial(fn, *args), limiter=self._decisions)

    def lists_changed(self) -> None:
        """A list was loaded through this process: the next request asks the store for the
        current versions (a sentinel below any clock reading: ``time.monotonic()`` may be
        smaller than ``recheck_seconds`` on a host that started a moment ago)."""
        self.screener_checked = -math.inf

    def screener(self, fresh: bool = False) -> Screener:
        """The screener for the current list versions. The store is asked at most every
        ``recheck_seconds`` whether a list changed (so a load made elsewhere shows up in
        screening within that time); ``fresh`` asks now (monitoring does)."""
        if self.screener_factory is None:
            self.screener_factory = Screener.from_store
        now = time.monotonic()
        if (
            not fresh
            and self._screener is not None
            and now - self.screener_checked < self.recheck_seconds
        ):
            return self._screener
        with self._lock:
            versions = self.store.current_versions()
            key = self.store.versions_key(versions)
            self.screener_checked = time.monotonic()
            if self._screener is None or key != self._screener_key:
                ensure_loaded(self.store)
                versions = self.store.current_versions()
                key = self.store.versions_key(versions)
                self._screener = self.screener_factory(self.store)
                self._screener_key = key
                if self._warm:
                    _settle_heap()
            self._versions = [
                {
                    "list": v.list,
                    "version_id": v.id,
                    "sha256": v.sha256,
                    "published_at": v.published_at,
                }
                for v in versions
            ]
            return self._screener

    def warm(self) -> None:
        """Build what the first decisions would otherwise wait for: the screener and the
        ownership network of the shipment evaluator (a failure there leaves evaluations to
        build it on first use, and the screening works)."""
        self.screener()
        try:
            self.network()
        except Exception as exc:  # logged, not fatal: screening does not need the network
            log.warning("the ownership network was not built at start: %s", exc)
        self._warm = True
        _settle_heap()

    def config(self) -> dict[str, Any]:
        """The runtime settings, read from the store at most every ``recheck_seconds``."""
        now = time.monotonic()
        if self._config is None or now - self._config_at >= self.recheck_seconds:
            self._config = get_config(self.store)
            self._config_at = now
        return self._config

    def network(self) -> tuple[Any, str]:
        """The ownership network and its revision, read from the store at most every
        ``recheck_seconds`` (as the screener's lists are), so that an evaluation does not ask
        the store whether the network changed."""
        now = time.monotonic()
        snapshot = self._network
        if snapshot is None or now - self._network_at >= self.recheck_seconds:
            from tradeguard.network.build import current_graph

            snapshot = self._network = current_graph(self.store)
            self._network_at = now
        return snapshot  # type: ignore[no-any-return]

    def parties(self, graph: Graph, revision: str) -> PartyMap:
        """The screener's parties over the network's nodes
        (:class:`tradeguard.network.party_map.PartyMap`), made once per network revision and
        screener."""
        from tradeguard.network.party_map import PartyMap

        screener = self.screener()
        key = (id(graph), revision, id(screener))
        cached = self._parties
        if cached is None or cached[0] != key:
            cached = self._parties = (key, PartyMap.of_screener(screener, graph, revision))
        return cached[1]  # type: ignore[no-any-return]

    def evaluator(self) -> Evaluator:
        """A shipment evaluator over the current screener, the list versions it was built
        from, the knowledge base, the ownership network and the organisation's settings
        (``kr.cp_grade``): the same evaluator from every face and for a file of declarations,
        so a decision names the same versions. A new one per call: its caches live for
        one evaluation, so they never go stale or grow."""
        # imported here: a one-shot command that screens or lists never pays for the
        # evaluator's knowledge base, policy and network modules
        from tradeguard.items import classify, get_entry, knowledge_base_version
        from tradeguard.network.shipments import NetworkExposure
        from tradeguard.shipments import Evaluator

        screener = self.screener()
        network = self.network()
        return Evaluator(
            screener=screener,
            classifier=classify,
            list_versions=[dict(v) for v in self._versions],
            knowledge_base_version=knowledge_base_version(),
            exposure=NetworkExposure.of(network, parties=self.parties(*network)),
            entry_lookup=get_entry,
            kr_cp_grade=self.config()["kr.cp_grade"],
        )


def _settle_heap() -> None:
    """Take what is built so far (the screener's index and the network: hundreds of thousands
    of long-lived objects) out of the cyclic garbage collector's view. A full collection walks
    every object it tracks: with them, it stalls the worker for most of a second every few
    thousand requests. Objects still go when nothing refers to them; a new screener (a list
    changed) settles again, after one full collection that frees the old one."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()

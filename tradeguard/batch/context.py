"""Getting the big read-only object of a job (the screening index) to the workers, once.

A partition task needs the screener (or, for declarations, the evaluator). It is built once
on the client and reaches each worker process in one of three ways:

``file``
    pickled to a file on a filesystem every worker can read (this machine, NFS, a shared
    volume); a worker plugin carries only the path and each worker process loads the file
    once, on its first partition. Cheapest where the filesystem is shared.
``plugin``
    the pickled bytes travel inside a worker plugin, which the scheduler hands to every
    worker (also to workers that join or restart later); each worker process unpickles them
    once. Works on any cluster, no shared filesystem needed.
``scatter``
    ``client.scatter(obj, broadcast=True)``: a copy in every worker's memory, passed to the
    tasks as an argument. Lost with the worker holding it when the cluster shrinks to zero.

``benchmarks/batch_scale.py`` measures the three; ``auto`` picks ``file`` for a local cluster
and ``plugin`` for a remote one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from distributed.diagnostics.plugin import WorkerPlugin

Ship = Literal["auto", "file", "plugin", "scatter"]
SHIP_METHODS: tuple[str, ...] = ("auto", "file", "plugin", "scatter")

# Per worker process: the loaders registered by plugins and the objects they produced.
_LOADERS: dict[str, FileLoader | BytesLoader] = {}
_CONTEXTS: dict[str, Any] = {}
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class FileLoader:
    """Loads a pickled object from a path every worker can read."""

    path: str

    def load(self) -> Any:
        with open(self.path, "rb") as handle:
            return pickle.load(handle)


@dataclass(frozen=True, slots=True)
class BytesLoader:
    """Unpickles an object carried along as bytes."""

    data: bytes

    def load(self) -> Any:
        return pickle.loads(self.data)


class ContextPlugin(WorkerPlugin):
    """Registers a loader on every worker; the object is loaded by the first task needing it."""

    def __init__(self, key: str, loader: FileLoader | BytesLoader) -> None:
        self.key = key
        self.loader = loader
        self.name = f"tradeguard-context-{key}"

    def setup(self, worker: Any) -> None:
        _LOADERS[self.key] = self.loader

    def teardown(self, worker: Any) -> None:
        forget(self.key)


def register(key: str, loader: FileLoader | BytesLoader) -> None:
    """Register a loader in this process (the in-process path and tests)."""
    _LOADERS[key] = loader


def forget(key: str) -> None:
    with _LOCK:
        _LOADERS.pop(key, None)
        _CONTEXTS.pop(key, None)


def get(key: str) -> tuple[Any, float]:
    """The object for ``key`` in this process, loading it on first use; and the load time."""
    found = _CONTEXTS.get(key)
    if found is not None:
        return found, 0.0
    with _LOCK:
        found = _CONTEXTS.get(key)
        if found is not None:
            return found, 0.0
        loader = _LOADERS.get(key)
        if loader is None:
            raise RuntimeError(f"no context {key!r} registered in worker process {os.getpid()}")
        started = time.perf_counter()
        obj = loader.load()
        _CONTEXTS[key] = obj
        return obj, time.perf_counter() - started


def pickled(obj: Any) -> tuple[str, bytes]:
    """The object pickled (cloudpickle: closures too), and a key naming its content."""
    import cloudpickle

    data = cloudpickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.sha256(data).hexdigest()[:24], data


def write_file(directory: Path, key: str, data: bytes) -> Path:
    """Write the pickled object once (atomically) under ``directory``; reuse it if there."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"context-{key}.pickle"
    if not path.exists():
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    for other in directory.glob("context-*.pickle"):
        if other != path and time.time() - other.stat().st_mtime > 86400:
            other.unlink(missing_ok=True)  # contexts of runs more than a day old
    return path

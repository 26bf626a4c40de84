"""The on-disk cache of built screeners, one file per set of list versions.

The key is a hash of the lists' sha256s, and the file name also carries the matcher and
vocabulary versions, so a new list version, a new vocabulary or a new matcher each build a
fresh index; stale files of other keys are removed when a new one is written.

Beside it, the parties once the cross-list links a reviewer confirmed are joined
(:meth:`~tradeguard.screening.entries.IndexedEntries.add_reviewed_links`, a resolution of
every entry again), keyed on the same inputs and the confirmed links: a start with the same
lists and links resolves nothing.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tradeguard import settings
from tradeguard.names.vocab import versions as vocab_versions
from tradeguard.screening.entries import ALGORITHM_VERSION, IndexedEntries


def cache_dir() -> Path:
    path = settings.home() / "screening"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_path(versions_key: str) -> Path:
    return cache_dir() / f"index-{versions_key[:32]}-{_salt()}.pickle"


def _salt() -> str:
    return hashlib.sha256(
        (ALGORITHM_VERSION + repr(sorted(vocab_versions().items()))).encode()
    ).hexdigest()[:8]


def load(versions_key: str) -> IndexedEntries | None:
    """The entries pickled under this key (a :class:`~tradeguard.screening.screener.Screener`
    when a screener saved them), or None when there is no usable file."""
    path = cache_path(versions_key)
    if not path.exists():
        return None
    # The cyclic garbage collector would walk the hundred thousand objects being created
    # over and over; nothing loaded here is cyclic garbage.
    enabled = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            screener = pickle.load(handle)
    except Exception:
        path.unlink(missing_ok=True)  # a damaged or outdated file: rebuild
        return None
    finally:
        if enabled:
            gc.enable()
    return screener if isinstance(screener, IndexedEntries) else None


def save(screener: IndexedEntries, versions_key: str) -> Path:
    path = cache_path(versions_key)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(screener, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    for other in path.parent.glob("index-*.pickle"):
        if other != path:
            other.unlink(missing_ok=True)
    return path


#: Each entry's party and the evidence per party (as :mod:`tradeguard.network.parties` gives).
Parties = tuple[list[int], dict[int, list[str]]]


def parties_path(versions_key: str, links: Sequence[tuple[str, str, str]]) -> Path:
    digest = hashlib.sha256(repr(list(links)).encode()).hexdigest()[:16]
    return cache_dir() / f"parties-{versions_key[:32]}-{_salt()}-{digest}.pickle"


def load_parties(versions_key: str, links: Sequence[tuple[str, str, str]]) -> Parties | None:
    """The parties saved for these lists and these confirmed links ``(a_id, b_id, why)``, in
    this order, or None."""
    path = parties_path(versions_key, links)
    if not path.exists():
        return None
    try:
        with path.open("rb") as handle:
            party, evidence = pickle.load(handle)
    except Exception:
        path.unlink(missing_ok=True)
        return None
    return list(party), dict(evidence)


def save_parties(
    versions_key: str, links: Sequence[tuple[str, str, str]], parties: Parties
) -> Path:
    path = parties_path(versions_key, links)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".parties-", suffix=".tmp")
    with os.fdopen(fd, "wb") as handle:
        pickle.dump(parties, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
    for other in path.parent.glob("parties-*.pickle"):
        if other != path:
            other.unlink(missing_ok=True)
    return path

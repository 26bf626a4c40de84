"""Download the lists from their publishers and load what changed.

Each download has a timeout, retries with backoff, a size cap and a completeness check
(Content-Length against the bytes received). ETag / Last-Modified from the previous successful
download are sent back, so an unchanged file costs one ``304 Not Modified``; a file whose bytes
hash to the current version's sha256 creates no new version. Nothing is written to the store
unless the whole file set downloaded and parsed.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import httpx

from tradeguard import __version__, settings
from tradeguard.errors import InputError, TradeguardError
from tradeguard.lists.model import LIST_IDS
from tradeguard.lists.registry import parse_path

if TYPE_CHECKING:
    from tradeguard.store import LoadHook, Store

USER_AGENT = f"tradeguard/{__version__} (+list update)"


class DownloadError(TradeguardError):
    """A list could not be downloaded completely."""

    exit_code = 5


@dataclass(frozen=True)
class SourceFile:
    name: str
    url: str | None


@dataclass(frozen=True)
class ListSource:
    list: str
    publisher: str
    files: tuple[SourceFile, ...]
    folder: str | None = None


#: What an update did with one list: loaded a new version, found the same content, was told
#: by the publisher nothing changed (HTTP 304), failed, or had no URL to fetch from.
UpdateStatus = Literal["loaded", "unchanged", "not-modified", "failed", "not-configured"]


@dataclass(slots=True)
class UpdateResult:
    list_id: str
    status: UpdateStatus
    message: str
    version_id: int | None = None
    bytes: int = 0
    files: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_id,
            "status": self.status,
            "message": self.message,
            "version_id": self.version_id,
            "bytes": self.bytes,
            "files": self.files,
        }


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 60.0
    retries: int = 3
    backoff: float = 1.0
    max_bytes: int = 256 * 1024 * 1024


@dataclass(frozen=True)
class LoadOptions:
    record: LoadHook | None = None
    allow_shrink: bool = False
    max_shrink: float | None = None


def load_sources(override: Path | None = None) -> dict[str, ListSource]:
    """The official sources, with ``$TRADEGUARD_HOME/sources.json`` (or ``override``) on top."""
    packaged = resources.files("tradeguard") / "data" / "lists" / "sources.json"
    data: dict[str, Any] = json.loads(packaged.read_text("utf-8"))["lists"]
    path = override or settings.home() / "sources.json"
    if path.exists():
        try:
            extra = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(
                f"invalid JSON: {exc.msg}", source=str(path), line=exc.lineno
            ) from None
        for list_id, spec in extra.get("lists", {}).items():
            if list_id not in LIST_IDS:
                raise InputError(f"unknown list {list_id!r}", source=str(path), field="lists")
            data[list_id] = {**data.get(list_id, {}), **spec}
    return {
        list_id: ListSource(
            list=list_id,
            publisher=spec.get("publisher", ""),
            files=tuple(SourceFile(f["name"], f.get("url")) for f in spec["files"]),
            folder=spec.get("folder"),
        )
        for list_id, spec in data.items()
    }


class _State:
    """ETag / Last-Modified of the last successful download of each URL."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict[str, dict[str, str]] = {}
        if path.exists():
            try:
                self.data = json.loads(path.read_text("utf-8"))
            except json.JSONDecodeError:
                self.data = {}

    def headers(self, url: str) -> dict[str, str]:
        entry = self.data.get(url, {})
        out = {}
        if entry.get("etag"):
            out["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            out["If-Modified-Since"] = entry["last_modified"]
        return out

    def remember(self, url: str, response: httpx.Response) -> None:
        entry = {}
        if "etag" in response.headers:
            entry["etag"] = response.headers["etag"]
        if "last-modified" in response.headers:
            entry["last_modified"] = response.headers["last-modified"]
        self.data[url] = entry

    def save(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.data, indent=1), "utf-8")
        tmp.replace(self.path)


def fetch(
    client: httpx.Client,
    url: str,
    dest: Path,
    options: FetchOptions,
    conditional: dict[str, str] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> httpx.Response:
    """Download ``url`` to ``dest``; returns the final response (status 200 or 304).

    Retries connection errors, timeouts, truncated bodies and 5xx/429 answers; fails at once on
    other 4xx answers and on bodies over the size cap.
    """
    last_error = ""
    for attempt in range(options.retries + 1):
        if attempt:
            sleep(options.backoff * 2 ** (attempt - 1))
        try:
            with client.stream("GET", url, headers=conditional or {}) as response:
                if response.status_code == 304:
                    return response
                if response.status_code == 429 or response.status_code >= 500:
                    last_error = f"HTTP {response.status_code}"
                    continue
                if response.status_code != 200:
                    raise DownloadError(f"{url}: HTTP {response.status_code}")
                declared = response.headers.get("content-length")
                if declared is not None and int(declared) > options.max_bytes:
                    raise DownloadError(
                        f"{url}: {declared} bytes announced, over the {options.max_bytes}-byte cap"
                    )
                received = 0
                with dest.open("wb") as out:
                    for chunk in response.iter_raw(65536):
                        received += len(chunk)
                        if received > options.max_bytes:
                            raise DownloadError(f"{url}: over the {options.max_bytes}-byte cap")
                        out.write(chunk)
                encoded = response.headers.get("content-encoding", "identity") != "identity"
                if declared is not None and not encoded and received != int(declared):
                    last_error = f"truncated: {received} of {declared} bytes"
                    continue
                if received == 0:
                    last_error = "empty body"
                    continue
                return response
        except (httpx.TransportError, httpx.TimeoutException) as exc:
            last_error = f"{type(exc).__name__}: {exc}"
    raise DownloadError(f"{url}: failed after {options.retries + 1} attempts ({last_error})")


def update_lists(
    store: Store,
    lists: list[str] | None = None,
    *,
    urls: dict[str, str] | None = None,
    options: FetchOptions | None = None,
    sources: dict[str, ListSource] | None = None,
    progress: Callable[[str], None] | None = None,
    record: LoadHook | None = None,
    allow_shrink: bool = False,
    max_shrink: float | None = None,
) -> list[UpdateResult]:
    """Fetch each list (all configured ones by default), parse it and load it if changed.

    ``urls`` overrides the URL of single-file lists (``--url``). One list's failure does not
    stop the others; it leaves that list's current version as it was. ``record`` writes each
    load's ``lists.load`` audit record in the load's transaction; ``allow_shrink`` and
    ``max_shrink`` are the shrink guard's (see :meth:`Store.load`).
    """
    load = LoadOptions(record, allow_shrink, max_shrink)
    options = options or FetchOptions()
    sources = sources or load_sources()
    wanted = lists or [k for k, s in sources.items() if all(f.url for f in s.files)]
    for list_id in wanted:
        if list_id not in sources:
            raise InputError(f"unknown list {list_id!r}", field="--list")
    state = _State(settings.home() / "download-state.json")
    results = []
    with httpx.Client(
        timeout=options.timeout,
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"},
    ) as client:
        for list_id in wanted:
            source = sources[list_id]
            if progress:
                progress(list_id)
            try:
                results.append(_update_one(store, client, source, state, options, urls or {}, load))
            except TradeguardError as exc:
                results.append(UpdateResult(list_id, "failed", str(exc)))
    state.save()
    return results


def _update_one(
    store: Store,
    client: httpx.Client,
    source: ListSource,
    state: _State,
    options: FetchOptions,
    urls: dict[str, str],
    load: LoadOptions,
) -> UpdateResult:
    files = list(source.files)
    if source.list in urls:
        if len(files) != 1:
            raise InputError(f"{source.list} is a set of {len(files)} files; --url takes one")
        files = [SourceFile(files[0].name, urls[source.list])]
    missing = [f.name for f in files if not f.url]
    if missing:
        return UpdateResult(
            source.list,
            "not-configured",
            f"no URL for {', '.join(missing)}: set it in sources.json or pass --url",
        )
    has_version = store.current_version(source.list) is not None
    with tempfile.TemporaryDirectory(prefix="tradeguard-update-") as tmp:
        folder = Path(tmp) / (source.folder or "")
        folder.mkdir(parents=True, exist_ok=True)
        responses = []
        not_modified = 0
        for item in files:
            assert item.url is not None
            conditional = state.headers(item.url) if has_version else {}
            response = fetch(client, item.url, folder / item.name, options, conditional)
            responses.append((item.url, response))
            if response.status_code == 304:
                not_modified += 1
        if not_modified == len(files):
            return UpdateResult(source.list, "not-modified", "publisher reports no change")
        if not_modified:  # a partial set cannot be parsed: fetch the rest unconditionally
            for item, (url, response) in zip(files, responses, strict=True):
                if response.status_code == 304:
                    fetch(client, url, folder / item.name, options)
        target = folder if source.folder else folder / files[0].name
        parsed = parse_path(target, source.list)
        size = sum((folder / f.name).stat().st_size for f in files)
        parsed.source = ", ".join(str(f.url) for f in files)
        result = store.load(
            parsed, record=load.record, allow_shrink=load.allow_shrink, max_shrink=load.max_shrink
        )
    for url, response in responses:
        state.remember(url, response)
    if result.status == "unchanged":
        return UpdateResult(
            source.list, "unchanged", "same content as the current version", result.version.id, size
        )
    return UpdateResult(
        source.list,
        "loaded",
        f"version {result.version.id}: {result.version.entity_count} entries",
        result.version.id,
        size,
        [f.name for f in files],
    )

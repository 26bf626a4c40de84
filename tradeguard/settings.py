"""Configuration from the environment (``TRADEGUARD_*``) with sane embedded defaults."""

from __future__ import annotations

import functools
import os
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs


def home() -> Path:
    """The data directory: ``$TRADEGUARD_HOME`` or the platform's user data dir, created
    readable by its owner only (0700, whatever the umask) when it does not exist."""
    env = os.environ.get("TRADEGUARD_HOME")
    path = Path(env).expanduser() if env else Path(platformdirs.user_data_dir("tradeguard"))
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path, 0o700)
    return path


def database_url_setting() -> str | None:
    """``$TRADEGUARD_DATABASE_URL`` when it is set (a store named explicitly), else None."""
    return os.environ.get("TRADEGUARD_DATABASE_URL") or None


def database_url() -> str:
    """``$TRADEGUARD_DATABASE_URL`` or an SQLite file in the data directory."""
    env = database_url_setting()
    if env:
        return env
    return f"sqlite:///{home() / 'tradeguard.db'}"


def data_dir() -> Path | None:
    """``$TRADEGUARD_DATA_DIR``: the full published files, for benchmarks and extended tests."""
    env = os.environ.get("TRADEGUARD_DATA_DIR")
    if not env:
        return None
    path = Path(env).expanduser()
    return path if path.is_dir() else None


def web_secret() -> str | None:
    """``$TRADEGUARD_WEB_SECRET``, the key that signs web session cookies, when set (else the web
    keeps a random key in the data directory)."""
    return os.environ.get("TRADEGUARD_WEB_SECRET") or None


def trusted_proxies() -> str | None:
    """The addresses of reverse proxies whose ``X-Forwarded-For``/``-Proto`` headers the server
    believes (comma-separated IPs or networks, ``*`` for any); unset: none, so a client cannot
    claim another address to escape the per-address log-in limit."""
    value = os.environ.get("TRADEGUARD_TRUSTED_PROXIES", "").strip()
    return value or None


def schedule_enabled() -> bool:
    """Whether the server runs scheduled monitoring: ``$TRADEGUARD_SCHEDULE`` (default on;
    ``0`` turns it off)."""
    return os.environ.get("TRADEGUARD_SCHEDULE", "1") != "0"


def warm_enabled() -> bool:
    """Whether a server worker builds its screener and network before taking requests:
    ``$TRADEGUARD_WARM`` (default on; ``0`` turns it off)."""
    return os.environ.get("TRADEGUARD_WARM", "1") != "0"


def stale_days() -> tuple[int | None, dict[str, int]]:
    """The administrator's staleness limits (``$TRADEGUARD_STALE_DAYS``): a number of days for
    every list, ``LIST=DAYS`` pairs for some, or both, comma-separated (``30,jp_meti_eul=400``).
    Unset: (None, {}), each list's publisher cadence decides
    (``tradeguard/data/lists/cadence.yaml``)."""
    from tradeguard.errors import InputError

    name = "TRADEGUARD_STALE_DAYS"
    every: int | None = None
    by_list: dict[str, int] = {}
    for part in os.environ.get(name, "").split(","):
        key, sep, value = part.strip().rpartition("=")
        if not value and not key:
            continue
        if not value.strip().isdigit() or not 0 <= int(value) <= 100_000 or (sep and not key):
            raise InputError(
                f"expected DAYS or LIST=DAYS (0 to 100000 days), not {part.strip()!r}", field=name
            )
        if sep:
            by_list[key.strip()] = int(value)
        else:
            every = int(value)
    return every, by_list


def max_input_bytes() -> int:
    """The size cap on any one input file (default 512 MiB)."""
    return int(os.environ.get("TRADEGUARD_MAX_INPUT_BYTES", str(512 * 1024 * 1024)))


def max_shrink() -> float:
    """The share of the current version's entries a new version of a list may drop without
    ``--allow-shrink`` (``$TRADEGUARD_MAX_SHRINK``, default 0.10)."""
    from tradeguard.errors import InputError

    name = "TRADEGUARD_MAX_SHRINK"
    value = os.environ.get(name, "0.10")
    try:
        share = float(value)
    except ValueError:
        raise InputError(f"expected a share from 0 to 1, not {value!r}", field=name) from None
    if not 0 <= share <= 1:
        raise InputError(f"expected a share from 0 to 1, not {value!r}", field=name)
    return share


def max_expanded_bytes() -> int:
    """The cap on the bytes a compressed input (gzip, zip, .xlsx) may inflate to, all its
    members together (``$TRADEGUARD_MAX_EXPANDED_BYTES``, default 256 MiB)."""
    return int(os.environ.get("TRADEGUARD_MAX_EXPANDED_BYTES", str(256 * 1024 * 1024)))


def max_expansion_ratio() -> int:
    """The largest inflated/compressed size ratio accepted once an input has inflated past
    1 MiB (``$TRADEGUARD_MAX_EXPANSION_RATIO``, default 100; real list files stay under 20)."""
    return int(os.environ.get("TRADEGUARD_MAX_EXPANSION_RATIO", "100"))


def notify_socket() -> str | None:
    """``$NOTIFY_SOCKET``: where the server says it is ready (systemd's notification protocol;
    set by systemd for a ``Type=notify`` service). A name starting with ``@`` is an abstract
    socket. None when unset."""
    return os.environ.get("NOTIFY_SOCKET") or None


def token_cache_seconds() -> float:
    """How long a server worker trusts a token it checked (default 2 s; 0 checks the store on
    every request). A revoked token or a disabled user is refused by every worker within this
    time, and at once by the worker that made the change."""
    from tradeguard.errors import InputError

    name = "TRADEGUARD_TOKEN_CACHE_SECONDS"
    value = os.environ.get(name, "2")
    try:
        seconds = float(value)
    except ValueError:
        raise InputError(f"expected a number of seconds, not {value!r}", field=name) from None
    if not 0 <= seconds <= 60:
        raise InputError(f"expected 0 to 60 seconds, not {value!r}", field=name)
    return seconds


def decision_threads() -> int:
    """How many decisions (screenings, classifications, evaluations) one server worker
    process computes at once (default 2); more requests wait their turn in arrival order."""
    from tradeguard.errors import InputError

    name = "TRADEGUARD_DECISION_THREADS"
    value = os.environ.get(name, "2")
    if not value.strip().isdigit() or not 1 <= int(value) <= 64:
        raise InputError(f"expected a whole number from 1 to 64, not {value!r}", field=name)
    return int(value)


def organisation() -> dict[str, str] | None:
    """The organisation's own exporter record (``$TRADEGUARD_ORG_NAME``, ``$TRADEGUARD_ORG_COUNTRY``,
    ``$TRADEGUARD_ORG_ADDRESS``): a shipment that omits its exporter, or names the organisation
    as exporter, uses it. None when no name is set."""
    name = " ".join(os.environ.get("TRADEGUARD_ORG_NAME", "").split())
    if not name:
        return None
    record = {"name": name}
    for key, variable in (
        ("country", "TRADEGUARD_ORG_COUNTRY"),
        ("address", "TRADEGUARD_ORG_ADDRESS"),
    ):
        value = os.environ.get(variable, "").strip()
        if value:
            record[key] = value
    if "country" in record:  # a bad setting is named as the setting, not as the shipment's field
        from tradeguard.countries import resolve_country

        record["country"] = resolve_country(record["country"], field="TRADEGUARD_ORG_COUNTRY")
    return record


def batch_max_field() -> int:
    """The longest field a batch input file may hold, in characters (default 4,096): a longer
    name, id or identifier refuses the file, naming its line and column."""
    from tradeguard.errors import InputError

    name = "TRADEGUARD_BATCH_MAX_FIELD"
    value = os.environ.get(name, "4096")
    if not value.strip().isdigit() or not 1 <= int(value) <= 100_000:
        raise InputError(f"expected a whole number from 1 to 100000, not {value!r}", field=name)
    return int(value)


def _whole(name: str, default: int, low: int, high: int) -> int:
    from tradeguard.errors import InputError

    value = os.environ.get(name, str(default))
    if not value.strip().isdigit() or not low <= int(value) <= high:
        raise InputError(f"expected a whole number from {low} to {high}, not {value!r}", field=name)
    return int(value)


def token_days() -> int:
    """How long a new API token lives, in days (default 90); a holder may ask for less."""
    return _whole("TRADEGUARD_TOKEN_DAYS", 90, 1, 3650)


def login_max_failures() -> int:
    """Failed log-ins on one account name, within the lock period, that lock it (default 5)."""
    return _whole("TRADEGUARD_LOGIN_MAX_FAILURES", 5, 1, 1000)


def login_max_failures_per_address() -> int:
    """Failed log-ins from one client address, within the lock period, that lock the address
    out (default 20)."""
    return _whole("TRADEGUARD_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, 1, 100_000)


def login_lock_seconds() -> int:
    """How long a lock lasts unless an administrator lifts it, and the period in which
    failures are counted (default 900 s = 15 minutes)."""
    return _whole("TRADEGUARD_LOGIN_LOCK_SECONDS", 900, 1, 7 * 86400)


def kr_annex2_2_path() -> Path | None:
    """``$TRADEGUARD_KR_ANNEX2_2``: the file of Korea's 별표2의2 (situational-licence items for
    Russia and Belarus) the user supplies, or ``None`` when it is not set."""
    env = os.environ.get("TRADEGUARD_KR_ANNEX2_2")
    return Path(env).expanduser() if env else None


def time_zone() -> ZoneInfo:
    """``$TRADEGUARD_TIME_ZONE``: the IANA time zone in which times are shown to people (the
    pages, the reports, the command line's tables), such as ``Asia/Tokyo`` or ``Asia/Seoul``;
    default ``UTC``. Stored times, the API's JSON and the audit log stay UTC. A name that is
    no IANA zone is refused, naming it."""
    name = "TRADEGUARD_TIME_ZONE"
    return _zone(os.environ.get(name, "").strip() or "UTC", name)


@functools.cache
def _zone(value: str, name: str) -> ZoneInfo:
    from zoneinfo import available_timezones

    from tradeguard.errors import InputError

    # the zone database also holds files that are no zone of the world: ``localtime`` and
    # ``posixrules`` (the host's or New York's rules), ``Factory``, the ``right/`` and
    # ``posix/`` copies; only the names of available_timezones() are taken
    try:
        if value not in available_timezones() or value in ("Factory", "localtime"):
            raise ZoneInfoNotFoundError(value)
        return ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(
            f"unknown time zone {value!r}; expected an IANA name such as Asia/Tokyo, "
            "Asia/Seoul or UTC",
            field=name,
        ) from None

"""Configuration from the environment (``TRADEGUARD_*``) with sane embedded defaults."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def home() -> Path:
    """The data directory: ``$TRADEGUARD_HOME`` or the platform's user data dir."""
    env = os.environ.get("TRADEGUARD_HOME")
    path = Path(env).expanduser() if env else Path(platformdirs.user_data_dir("tradeguard"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """``$TRADEGUARD_DATABASE_URL`` or an SQLite file in the data directory."""
    env = os.environ.get("TRADEGUARD_DATABASE_URL")
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


def stale_after_days() -> int:
    """Lists older than this many days are flagged by ``lists status``."""
    return int(os.environ.get("TRADEGUARD_STALE_DAYS", "30"))


def max_input_bytes() -> int:
    """The size cap on any one input file (default 512 MiB)."""
    return int(os.environ.get("TRADEGUARD_MAX_INPUT_BYTES", str(512 * 1024 * 1024)))

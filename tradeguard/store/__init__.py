"""The store: versioned list entities and the tables of every other domain, on SQLite (the
embedded default) or PostgreSQL, with Alembic migrations."""

from tradeguard.store.store import Store
from tradeguard.store.versions import ListVersion, LoadHook, LoadResult

__all__ = ["ListVersion", "LoadHook", "LoadResult", "Store"]

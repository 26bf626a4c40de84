"""The store: versioned list entities and the tables of every other domain, on SQLite (the
embedded default) or PostgreSQL, with Alembic migrations."""

from tradeguard.store.store import ListVersion, LoadResult, Store

__all__ = ["ListVersion", "LoadResult", "Store"]
